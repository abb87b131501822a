#include "annotate/annotation.hpp"

#include "util/utf8.hpp"

namespace errscope {

namespace {

constexpr std::string_view k_open = "\xE2\x9F\xA8";   // ⟨
constexpr std::string_view k_close = "\xE2\x9F\xA9";  // ⟩

}  // namespace

void append_annotation(std::string& out, std::span<const Match> matches, ColorMode color) {
  for (const Match& match : matches) {
    const bool success = match.entry != nullptr && match.entry->outcome == Outcome::success;
    out += ' ';
    if (color == ColorMode::color) out += success ? "\x1b[32m" : "\x1b[31m";
    out += k_open;
    append_visible(out, match.vendor->id);
    out += ' ';
    if (color == ColorMode::color) out += "\x1b[1m";
    append_visible(out, match.code);
    if (!match.param.empty()) {
      out += '[';
      append_visible(out, match.param);
      out += ']';
    }
    if (color == ColorMode::color) out += "\x1b[22m";
    out += ' ';
    append_visible(
        out, match.entry != nullptr ? std::string_view(match.entry->message) : "unknown code");
    if (!match.sub_code.empty()) {
      out += "; sub_code ";
      append_visible(out, match.sub_code);
      out += ' ';
      append_visible(out, match.sub_entry != nullptr ? std::string_view(match.sub_entry->message)
                                                     : "unknown code");
    }
    out += k_close;
    if (color == ColorMode::color) out += "\x1b[0m";
  }
}

}  // namespace errscope
