#include "matcher/folded_view.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>

namespace errscope {

namespace {

// The bytes an escaping fold() undoes can start with.
constexpr std::array<bool, 256> k_starts = [] {
  std::array<bool, 256> starts{};
  for (const unsigned char c : {'\\', '&', '%', '"', '\x1b', '\xef'}) starts[c] = true;
  return starts;
}();

// An ANSI sequence longer than this is not one: its ESC alone is dropped.
constexpr std::size_t k_max_ansi = 64;

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_word_byte(char c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// What the escaping at some position stands for: `size` bytes of the source (0: none there)
// that become `byte`, or nothing when `removed`.
struct Escaping {
  std::size_t size = 0;
  char byte = 0;
  bool removed = false;
};

// The two hex digits at text[at] as a byte, or -1.
int hex_byte(std::string_view text, std::size_t at) noexcept {
  if (at + 2 > text.size()) return -1;
  const int high = hex_value(text[at]);
  const int low = hex_value(text[at + 1]);
  return high < 0 || low < 0 ? -1 : high * 16 + low;
}

// A decoded byte as the view holds it: a control byte is a space (no newline appears), but ESC
// stays, so the next pass removes the colour sequence it starts.
Escaping decoded(std::size_t size, int value) noexcept {
  const bool control = (value < 0x20 && value != 0x1b) || value == 0x7f;
  return Escaping{size, control ? ' ' : static_cast<char>(value), false};
}

// `&quot;`, `&#34;`, `&#x22;` and the like, for ASCII.
Escaping html_entity(std::string_view text, std::size_t at) noexcept {
  struct Named {
    std::string_view name;
    char byte;
  };
  static constexpr Named k_named[]{
      {"&quot;", '"'}, {"&apos;", '\''}, {"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}};
  const std::string_view rest = text.substr(at);
  for (const auto& named : k_named) {
    if (rest.starts_with(named.name)) return Escaping{named.name.size(), named.byte, false};
  }
  if (rest.size() < 4 || rest[1] != '#') return {};
  const bool hex = rest[2] == 'x' || rest[2] == 'X';
  std::size_t i = hex ? 3 : 2;
  int value = 0;
  const std::size_t digits_start = i;
  for (; i < rest.size() && i - digits_start < 4; ++i) {
    const int digit =
        hex ? hex_value(rest[i]) : (rest[i] >= '0' && rest[i] <= '9' ? rest[i] - '0' : -1);
    if (digit < 0) break;
    value = value * (hex ? 16 : 10) + digit;
  }
  if (i == digits_start || i >= rest.size() || rest[i] != ';' || value >= 0x80) return {};
  return decoded(i + 1, value);
}

// An ANSI sequence (ECMA-48): ESC [ parameters final-byte, or ESC intermediates final-byte
// (`ESC ( B`); removed. A stray ESC is removed alone.
Escaping ansi_sequence(std::string_view text, std::size_t at) noexcept {
  const auto in = [](char c, unsigned char low, unsigned char high) {
    return static_cast<unsigned char>(c) >= low && static_cast<unsigned char>(c) <= high;
  };
  const std::size_t limit = std::min(text.size(), at + k_max_ansi);
  std::size_t i = at + 1;
  const bool csi = i < limit && text[i] == '[';
  if (csi) ++i;
  while (i < limit && in(text[i], 0x20, csi ? 0x3f : 0x2f)) ++i;
  if (i < limit && in(text[i], csi ? 0x40 : 0x30, 0x7e)) return Escaping{i + 1 - at, 0, true};
  return Escaping{1, 0, true};
}

// The escaping starting at text[at] (a byte k_starts holds), if any.
Escaping escaping_at(std::string_view text, std::size_t at) noexcept {
  const std::size_t left = text.size() - at;
  switch (text[at]) {
    case '\\':
      if (left >= 4 && text[at + 1] == 'x') {
        const int value = hex_byte(text, at + 2);
        if (value >= 0) return decoded(4, value);
      } else if (left >= 6 && text[at + 1] == 'u' && text[at + 2] == '0' && text[at + 3] == '0') {
        const int value = hex_byte(text, at + 4);
        if (value >= 0 && value < 0x80) return decoded(6, value);
      }
      return {};
    case '&':
      return html_entity(text, at);
    case '%': {
      const int value = hex_byte(text, at + 1);
      return value >= 0 ? decoded(3, value) : Escaping{};
    }
    case '"':
      return left >= 2 && text[at + 1] == '"' ? Escaping{2, '"', false} : Escaping{};
    case '\x1b':
      return ansi_sequence(text, at);
    case '\xef':
      if (left >= 3 && text[at + 1] == '\xbc') {
        if (text[at + 2] == '\x9a') return Escaping{3, ':', false};
        if (text[at + 2] == '\x9d') return Escaping{3, '=', false};
        if (text[at + 2] == '\x8c') return Escaping{3, ',', false};
      }
      return {};
    default:
      return {};
  }
}

}  // namespace

bool FoldedView::worth_folding(std::string_view line) noexcept {
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (!k_starts[static_cast<unsigned char>(line[i])]) continue;
    const Escaping escaping = escaping_at(line, i);
    if (escaping.size == 0) continue;
    if (line[i] != '"') return true;
    // A CSV-doubled quote sits against the key or value it quotes; a JSON "" does not.
    if ((i > 0 && is_word_byte(line[i - 1])) ||
        (i + 2 < line.size() && is_word_byte(line[i + 2]))) {
      return true;
    }
    ++i;  // past the pair: `"""` is a pair and a quote
  }
  return false;
}

bool FoldedView::escaped_near(std::string_view text, std::size_t at) noexcept {
  // Reach: `&amp;quot;` or `%255C%2522` before a key; the key, its escaped quotes, colon and
  // colour codes after.
  constexpr std::size_t k_before = 16;
  constexpr std::size_t k_after = 80;
  std::size_t low = at > k_before ? at - k_before : 0;
  std::size_t high = std::min(text.size(), at + k_after);
  const std::string_view before = text.substr(low, at - low);
  if (const std::size_t newline = before.rfind('\n'); newline != std::string_view::npos) {
    low += newline + 1;
  }
  const std::string_view after = text.substr(at, high - at);
  if (const std::size_t newline = after.find('\n'); newline != std::string_view::npos) {
    high = at + newline;
  }
  return worth_folding(text.substr(low, high - low));
}

void FoldedView::Pass::run(std::string_view source) {
  text.clear();
  edits.clear();
  std::size_t copied = 0;  // source bytes before this are in text
  for (std::size_t i = 0; i < source.size();) {
    if (!k_starts[static_cast<unsigned char>(source[i])]) {
      ++i;
      continue;
    }
    const Escaping escaping = escaping_at(source, i);
    if (escaping.size == 0) {
      ++i;
      continue;
    }
    text.append(source.data() + copied, i - copied);
    edits.push_back(Edit{text.size(), i, escaping.removed ? 0u : 1u, escaping.size});
    if (!escaping.removed) text.push_back(escaping.byte);
    i += escaping.size;
    copied = i;
  }
  text.append(source.data() + copied, source.size() - copied);
}

std::size_t FoldedView::Pass::to_source(std::size_t view_offset) const noexcept {
  const auto after =
      std::upper_bound(edits.begin(), edits.end(), view_offset,
                       [](std::size_t offset, const Edit& edit) { return offset < edit.view; });
  if (after == edits.begin()) return view_offset;
  const Edit& edit = *(after - 1);
  if (view_offset < edit.view + edit.view_size) return edit.source;
  return edit.source + edit.source_size + (view_offset - edit.view - edit.view_size);
}

std::size_t FoldedView::Pass::end_in_source(std::size_t view_end) const noexcept {
  if (view_end == 0) return 0;
  const std::size_t last = view_end - 1;
  const auto after =
      std::upper_bound(edits.begin(), edits.end(), last,
                       [](std::size_t offset, const Edit& edit) { return offset < edit.view; });
  if (after == edits.begin()) return view_end;
  const Edit& edit = *(after - 1);
  const std::size_t past_edit = edit.source + edit.source_size;
  if (last < edit.view + edit.view_size) return past_edit;
  return past_edit + (last - edit.view - edit.view_size) + 1;
}

void FoldedView::fold(std::string_view line) {
  m_first.run(line);
  m_twice = worth_folding(m_first.text);
  if (m_twice) m_second.run(m_first.text);
}

std::string_view FoldedView::text() const noexcept {
  return m_twice ? m_second.text : m_first.text;
}

std::size_t FoldedView::original_offset(std::size_t view_offset) const noexcept {
  const std::size_t first = m_twice ? m_second.to_source(view_offset) : view_offset;
  return m_first.to_source(first);
}

std::size_t FoldedView::original_end(std::size_t view_end) const noexcept {
  const std::size_t first = m_twice ? m_second.end_in_source(view_end) : view_end;
  return m_first.end_in_source(first);
}

bool FoldedView::point_at_line(std::string_view line, Match& match) const noexcept {
  const std::string_view view = text();
  const auto in_view = [view](std::string_view part) {
    const std::less<const char*> before;
    return !before(part.data(), view.data()) &&
           !before(view.data() + view.size(), part.data() + part.size());
  };
  // The line's span for a part of the view; a part outside it (a table's string) is kept.
  const auto span_of = [this, line, view, &in_view](std::string_view part) {
    if (!in_view(part)) return part;
    const auto at = static_cast<std::size_t>(part.data() - view.data());
    const std::size_t start = original_offset(at);
    return line.substr(start, original_end(at + part.size()) - start);
  };
  if (!in_view(match.code)) return false;
  const std::string_view code = span_of(match.code);
  match.offset = static_cast<std::size_t>(code.data() - line.data());
  if (code == match.code) {
    match.code = code;
  } else if (match.entry != nullptr) {
    match.code = match.entry->code;
  } else {
    return false;
  }
  if (!match.param.empty()) match.param = span_of(match.param);
  if (!match.sub_code.empty()) {
    const std::string_view sub_code = span_of(match.sub_code);
    if (sub_code == match.sub_code) {
      match.sub_code = sub_code;
    } else if (match.sub_entry != nullptr) {
      match.sub_code = match.sub_entry->code;
    } else {
      match.sub_code = {};
    }
  }
  return true;
}

void FoldedView::release(std::size_t limit) noexcept {
  for (Pass* pass : {&m_first, &m_second}) {
    if (pass->text.capacity() > limit) std::string().swap(pass->text);
    if (pass->edits.capacity() * sizeof(Edit) > limit) std::vector<Edit>().swap(pass->edits);
  }
  m_twice = false;
}

}  // namespace errscope
