#include "util/utf8.hpp"

#include <simdjson.h>

#include <string>

namespace errscope {

std::size_t valid_utf8_sequence_length(std::string_view text) noexcept {
  if (text.empty()) return 0;
  const auto b0 = static_cast<unsigned char>(text[0]);
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3;
    if (b0 == 0xE0) low = 0xA0;   // overlong
    if (b0 == 0xED) high = 0x9F;  // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4;
    if (b0 == 0xF0) low = 0x90;   // overlong
    if (b0 == 0xF4) high = 0x8F;  // past U+10FFFF
  } else {
    return 0;
  }
  if (text.size() < length) return 0;
  const auto b1 = static_cast<unsigned char>(text[1]);
  if (b1 < low || b1 > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80 || b > 0xBF) return 0;
  }
  return length;
}

bool valid_utf8(std::string_view text) noexcept {
  // Chosen once: simdjson::validate_utf8 looks the implementation up on every call.
  static const simdjson::implementation* const k_implementation =
      simdjson::get_active_implementation();
  // Most log lines are ASCII, told by one quick pass; a sequence cannot start before the first
  // byte from 0x80, so the check starts there.
  const std::size_t first = find_non_ascii(text);
  return first == text.size() ||
         k_implementation->validate_utf8(text.data() + first, text.size() - first);
}

void copy_replacing_invalid_utf8(std::string_view text, char substitute, std::string& out) {
  out.assign(text);
  constexpr StopBytes k_non_ascii{{0x7F, 0x7F}, true};
  for (std::size_t i = find_stop_byte(text, 0, k_non_ascii); i < text.size();
       i = find_stop_byte(text, i, k_non_ascii)) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;  // a control byte: valid
      continue;
    }
    const std::size_t length = valid_utf8_sequence_length(text.substr(i));
    if (length == 0) out[i] = substitute;
    i += length == 0 ? 1 : length;
  }
}

std::size_t utf8_cut_before(std::string_view text, std::size_t at) noexcept {
  const auto continuation = [&text](std::size_t i) {
    return i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
  };
  // A sequence holding byte `at` starts at most 3 bytes before it, at a byte that is no
  // continuation byte: cut there. After four continuation bytes no valid sequence holds `at`.
  for (std::size_t back = 0; back <= 3 && back <= at; ++back) {
    if (!continuation(at - back)) return at - back;
  }
  return at;
}

void append_visible(std::string& out, std::string_view text) {
  static constexpr char k_hex[] = "0123456789abcdef";
  auto escape = [&out](unsigned char byte) {
    out += "\\x";
    out += k_hex[byte >> 4];
    out += k_hex[byte & 0xF];
  };
  // In valid UTF-8 the runs stop only at controls and at 0xC2, which may open a C1 control
  // character (U+0080..U+009F, e.g. CSI), as live as ESC.
  constexpr StopBytes k_before_non_ascii{{0x7F, 0x7F}, true};
  constexpr StopBytes k_in_valid_utf8{{'\xC2', 0x7F}, false};
  append_in_runs(out, text, k_before_non_ascii, k_in_valid_utf8, [&](std::size_t i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      if (byte == '\t') {
        out += '\t';
      } else {
        escape(byte);
      }
      return std::size_t{1};
    }
    const std::size_t length = valid_utf8_sequence_length(text.substr(i));
    if (length == 0) {
      escape(byte);
      return std::size_t{1};
    }
    if (length == 2 && byte == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      escape(byte);
      escape(static_cast<unsigned char>(text[i + 1]));
      return std::size_t{2};
    }
    out.append(text.substr(i, length));
    return length;
  });
}

namespace {

char32_t decode(std::string_view text, std::size_t length) noexcept {
  const auto b = [&text](std::size_t i) {
    return static_cast<char32_t>(static_cast<unsigned char>(text[i]));
  };
  switch (length) {
    case 2:
      return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
    case 3:
      return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    case 4:
      return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
    default:
      return b(0);
  }
}

bool wide(char32_t c) noexcept {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
         (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
         (c >= 0x20000 && c <= 0x3FFFD);
}

}  // namespace

std::size_t display_width(std::string_view text) noexcept {
  std::size_t width = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t length =
        static_cast<unsigned char>(text[i]) < 0x80 ? 1 : valid_utf8_sequence_length(text.substr(i));
    if (length <= 1) {
      ++width;
      ++i;
      continue;
    }
    width += wide(decode(text.substr(i), length)) ? 2 : 1;
    i += length;
  }
  return width;
}

}  // namespace errscope
