#include "matcher/message_check.hpp"

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>

#include "matcher/text_bytes.hpp"
#include "simd/stop_bytes.hpp"

namespace errscope {

namespace {

// The value of `count` hex digits at text[at], or -1.
long hex_at(std::string_view text, std::size_t at, std::size_t count) noexcept {
  if (at + count > text.size()) return -1;
  long value = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const int digit = hex_value(text[at + i]);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

// What a code point becomes in the folded form: full-width ASCII (U+FF01..FF5E) its half-width
// twin, CJK and typographic punctuation the ASCII mark it stands for, spaces nothing (-1), ASCII
// letters lower case; anything else itself.
std::int32_t fold_point(std::int32_t point) noexcept {
  if (point >= 0xFF01 && point <= 0xFF5E) point -= 0xFEE0;
  switch (point) {
    case 0x3000: case 0x00A0: case ' ': case '\t': case '\r': case '\n': return -1;
    case 0x3001: return ',';  // 、
    case 0x3002: return '.';  // 。
    case 0x201C: case 0x201D: return '"';
    case 0x2018: case 0x2019: return '\'';
    default: break;
  }
  if (point >= 'A' && point <= 'Z') return point + ('a' - 'A');
  return point;
}

// Writes `point` as UTF-8 at `out`; returns the end of what it wrote (at most 4 bytes).
char* put_utf8(char* out, std::int32_t point) noexcept {
  const auto unit = [](std::int32_t bits) { return static_cast<char>(bits); };
  if (point < 0x80) [[likely]] {
    *out++ = unit(point);
  } else if (point < 0x800) {
    *out++ = unit(0xC0 | (point >> 6));
    *out++ = unit(0x80 | (point & 0x3F));
  } else if (point < 0x10000) {
    *out++ = unit(0xE0 | (point >> 12));
    *out++ = unit(0x80 | ((point >> 6) & 0x3F));
    *out++ = unit(0x80 | (point & 0x3F));
  } else {
    *out++ = unit(0xF0 | (point >> 18));
    *out++ = unit(0x80 | ((point >> 12) & 0x3F));
    *out++ = unit(0x80 | ((point >> 6) & 0x3F));
    *out++ = unit(0x80 | (point & 0x3F));
  }
  return out;
}

// The UTF-8 sequence at text[at]: its code point and length (an invalid byte stands for itself,
// a sequence cut off by the end of the text is -1).
std::pair<std::int32_t, std::size_t> decode_utf8(std::string_view text, std::size_t at) noexcept {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  std::size_t length = 1;
  std::int32_t point = lead;
  if (lead >= 0xF0 && lead < 0xF8) {
    length = 4;
    point = lead & 0x07;
  } else if (lead >= 0xE0) {
    length = 3;
    point = lead & 0x0F;
  } else if (lead >= 0xC0) {
    length = 2;
    point = lead & 0x1F;
  }
  if (length > 1 && at + length > text.size()) return {-1, text.size() - at};  // cut off
  if (length == 1) return {lead, 1};
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) return {lead, 1};
    point = (point << 6) | (byte(at + i) & 0x3F);
  }
  return {point, length};
}

// Undoes escapes: `\uXXXX` (surrogate pairs too), `\xHH`, `\"` and the like; a run of
// backslashes counts as one, for text escaped at several depths. White-space escapes vanish.
// Writes at `out`, which has room for 2 * text.size() bytes; returns the end of what it wrote.
char* unescape(std::string_view text, char* out) noexcept {
  for (std::size_t at = 0; at < text.size();) {
    if (text[at] != '\\') {
      *out++ = text[at++];
      continue;
    }
    std::size_t next = at;
    while (next < text.size() && text[next] == '\\') ++next;
    if (next == text.size()) break;
    const char kind = text[next];
    at = next + 1;
    if (kind == 'x') {
      if (const long value = hex_at(text, at, 2); value >= 0) {
        *out++ = static_cast<char>(value);
        at += 2;
        continue;
      }
    } else if (kind == 'u') {
      if (long point = hex_at(text, at, 4); point >= 0) {
        at += 4;
        if (point >= 0xD800 && point < 0xDC00) {  // a surrogate pair: \uD83D\uDE00
          std::size_t low_at = at;
          while (low_at < text.size() && text[low_at] == '\\') ++low_at;
          const long low = low_at > at && low_at < text.size() && text[low_at] == 'u'
                               ? hex_at(text, low_at + 1, 4)
                               : -1;
          if (low >= 0xDC00 && low < 0xE000) {
            point = 0x10000 + ((point - 0xD800) << 10) + (low - 0xDC00);
            at = low_at + 5;
          }
        }
        out = put_utf8(out, static_cast<std::int32_t>(point));
        continue;
      }
    }
    // An escape cut off by the end of the text (a line cut mid-message) is dropped.
    const bool cut_off = (kind == 'u' || kind == 'x') && at + (kind == 'u' ? 4 : 2) > text.size() &&
                         std::all_of(text.begin() + static_cast<std::ptrdiff_t>(at), text.end(),
                                     [](char c) { return hex_value(c) >= 0; });
    if (cut_off) break;
    switch (kind) {
      case 'n': case 't': case 'r': case 'b': case 'f': *out++ = ' '; break;
      default: *out++ = kind; break;
    }
  }
  return out;
}

// Folds each code point of `text` (fold_point) at `out`, which has room for 2 * text.size()
// bytes; returns the end of what it wrote.
char* fold(std::string_view text, char* out) noexcept {
  for (std::size_t at = 0; at < text.size();) {
    const auto byte = static_cast<unsigned char>(text[at]);
    if (byte < 0x80) {  // ASCII
      if (const std::int32_t folded = fold_point(byte); folded >= 0) {
        *out++ = static_cast<char>(folded);
      }
      ++at;
      continue;
    }
    // Only U+0080..00BF, U+2000..3FFF and U+F000..FFFF hold points fold_point() changes: other
    // sequences (most of CJK) are copied as they are.
    if (byte != 0xC2 && byte != 0xE2 && byte != 0xE3 && byte != 0xEF && byte >= 0xC3 &&
        byte < 0xF8) {
      const std::size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
      if (at + length <= text.size()) {
        for (std::size_t i = 0; i < length; ++i) *out++ = text[at + i];
        at += length;
        continue;
      }
    }
    const auto [point, length] = decode_utf8(text, at);
    const std::int32_t folded = point < 0 ? -1 : fold_point(point);
    if (folded >= 0) out = put_utf8(out, folded);
    at += length;
  }
  return out;
}

// The folded form of a message, in `out` (`scratch` holds the unescaped text). Each step writes
// at most two bytes per byte it reads (an invalid byte becomes a two-byte point), so each
// buffer is sized once and written through a pointer.
void fold_message(std::string_view text, std::string& scratch, std::string& out) {
  scratch.resize(2 * text.size());
  const std::string_view unescaped(
      scratch.data(), static_cast<std::size_t>(unescape(text, scratch.data()) - scratch.data()));
  out.resize(2 * unescaped.size());
  out.resize(static_cast<std::size_t>(fold(unescaped, out.data()) - out.data()));
}

}  // namespace

std::string_view message_at(std::string_view line, std::size_t at) noexcept {
  const auto backslashes_before = [line](std::size_t i) {
    std::size_t count = 0;
    while (i > count && line[i - count - 1] == '\\') ++count;
    return count;
  };
  if (at > 0 && (line[at - 1] == '"' || line[at - 1] == '\'')) {
    const char quote = line[at - 1];
    const std::size_t depth = backslashes_before(at - 1);
    for (std::size_t i = at; i < line.size() && line[i] != '\n'; ++i) {
      if (line[i] == quote && backslashes_before(i) == depth) {
        return line.substr(at, i - depth - at);
      }
    }
    return line.substr(at, line.find('\n', at) - at);  // cut off: the start of a message
  }
  const std::size_t end = line.find_first_of("}&\"'\n", at);
  return line.substr(at, (end == std::string_view::npos ? line.size() : end) - at);
}

std::string folded_message(std::string_view text) {
  std::string scratch;
  std::string out;
  fold_message(text, scratch, out);
  return out;
}

bool folded_messages_agree(std::string_view logged, std::span<const std::string> documented) {
  // Reused per thread: the check runs on candidate lines of a hot loop.
  thread_local std::string scratch;
  thread_local std::string folded_buffer;
  // The usual message (no escape, no upper case, space or fold-affected character) is its own
  // folded form: compared as it is.
  const bool already_folded = std::none_of(logged.begin(), logged.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte == '\\' || (byte >= 'A' && byte <= 'Z') || byte == ' ' || byte == '\t' ||
           byte == '\r' || byte == '\n' || byte == 0xC2 || byte == 0xE2 || byte == 0xE3 ||
           byte == 0xEF || byte >= 0xF8;
  });
  std::string_view folded_logged = logged;
  if (!already_folded) {
    fold_message(logged, scratch, folded_buffer);
    folded_logged = folded_buffer;
  }
  if (folded_logged.empty()) return false;
  // The logged text holds the table's (a longer message, a trailing field), or is the start of
  // it (a message cut short): "服务端错误" for "服务端错误,请联系客服". A logged text that only ends
  // the table's is no proof: "成功" ends "请求处理成功" and is every API's success message.
  return std::any_of(documented.begin(), documented.end(), [folded_logged](const std::string& table) {
    return !table.empty() && (folded_logged.find(table) != std::string_view::npos ||
                              std::string_view(table).starts_with(folded_logged));
  });
}

bool message_agrees(std::string_view logged, std::string_view documented) {
  const std::string table = folded_message(documented);
  return folded_messages_agree(logged, std::span<const std::string>(&table, 1));
}

std::vector<std::string> literal_forms(std::string_view documented) {
  std::vector<std::string> forms;
  if (documented.empty()) return forms;
  forms.emplace_back(documented);
  if (find_non_ascii(documented) == documented.size()) return forms;
  for (const char* digits : {"0123456789abcdef", "0123456789ABCDEF"}) {
    std::string escaped;
    for (std::size_t at = 0; at < documented.size();) {
      const auto [point, length] = decode_utf8(documented, at);
      if (point < 0x80 || point > 0xFFFF) {  // ASCII as it is; past U+FFFF (surrogates) not
        escaped.append(documented.substr(at, length));
      } else {
        escaped += "\\u";
        for (int shift = 12; shift >= 0; shift -= 4) escaped += digits[(point >> shift) & 0xF];
      }
      at += length;
    }
    forms.push_back(std::move(escaped));
  }
  return forms;
}

bool holds_literal_form(std::string_view logged, std::span<const std::string> forms) noexcept {
  for (const std::string& form : forms) {
    for (std::size_t at = logged.find(form); at != std::string_view::npos;
         at = logged.find(form, at + 1)) {
      if (at == 0 || logged[at - 1] != '\\') return true;
    }
  }
  return false;
}

}  // namespace errscope
