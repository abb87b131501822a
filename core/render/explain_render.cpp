#include "render/explain_render.hpp"

#include "util/json_writer.hpp"
#include "util/utf8.hpp"

namespace errscope {

namespace {

void append_field(std::string& out, ColorMode color, std::string_view label,
                  std::string_view text) {
  if (text.empty()) return;
  out += "  ";
  append_styled(out, color, "2", label);
  out.append(label.size() < 9 ? 9 - label.size() : 1, ' ');
  append_visible(out, text);
  out += '\n';
}

}  // namespace

std::string render_explain_text(const std::vector<ExplainResult>& results, ColorMode color) {
  std::string out;
  for (const auto& result : results) {
    for (const auto& hit : result.hits) {
      const CodeEntry& entry = *hit.entry;
      if (!out.empty()) out += '\n';
      std::string code;
      append_visible(code, entry.code);
      append_styled(out, color, "1", code);
      out += "  ";
      append_visible(out, hit.vendor->id);
      out += " (";
      append_visible(out, hit.vendor->name);
      out += ")  ";
      append_styled(out, color, entry.outcome == Outcome::success ? "32" : "31",
                    to_string(entry.outcome));
      out += '\n';
      append_field(out, color, "message", entry.message);
      for (const auto& text : entry.alt_messages) append_field(out, color, "also", text);
      append_field(out, color, "reason", entry.reason);
      append_field(out, color, "hint", entry.hint);
      if (!result.query.param.empty()) {
        std::string param = result.query.param;
        if (!entry.param.empty()) param += "  (" + entry.param + ")";
        append_field(out, color, "param", param);
      }
      append_field(out, color, "note", entry.note);
    }
  }
  return out;
}

std::string render_explain_json(const std::vector<ExplainResult>& results) {
  std::string out;
  JsonWriter json(out);
  json.begin_array();
  for (const auto& result : results) {
    if (result.hits.empty()) {
      json.begin_object();
      json.str("query", result.query.text);
      json.null("vendor");
      json.null("vendor_name");
      json.str("code", result.query.code);
      json.flag("known", false);
      json.null("outcome");
      json.null("message");
      json.strings("messages", {});
      json.null("reason");
      json.null("hint");
      json.str_or_null("param", result.query.param);
      json.null("param_name");
      json.null("note");
      json.end_object();
      continue;
    }
    for (const auto& hit : result.hits) {
      const CodeEntry& entry = *hit.entry;
      json.begin_object();
      json.str("query", result.query.text);
      json.str("vendor", hit.vendor->id);
      json.str("vendor_name", hit.vendor->name);
      json.str("code", entry.code);
      json.flag("known", true);
      json.str("outcome", to_string(entry.outcome));
      json.str("message", entry.message);
      json.key("messages");
      json.begin_array();
      json.string(entry.message);
      for (const auto& text : entry.alt_messages) json.string(text);
      json.end_array();
      json.str_or_null("reason", entry.reason);
      json.str("hint", entry.hint);
      json.str_or_null("param", result.query.param);
      json.str_or_null("param_name", entry.param);
      json.str_or_null("note", entry.note);
      json.end_object();
    }
  }
  json.end_array();
  out += '\n';
  return out;
}

}  // namespace errscope
