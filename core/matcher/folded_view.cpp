#include "matcher/folded_view.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "matcher/text_bytes.hpp"
#include "simd/cpu.hpp"

namespace errscope {

namespace {

// What the byte at text[at] (past a vector) is as the second byte of a pair: k_quote_after for
// '"', k_x_or_u_after for 'x' or 'u', 0 otherwise or past the end.
constexpr unsigned k_quote_after = 1;
constexpr unsigned k_x_or_u_after = 2;
inline unsigned pair_seconds(std::string_view text, std::size_t at) noexcept {
  if (at >= text.size()) return 0;
  const char c = text[at];
  return c == '"' ? k_quote_after : (c == 'x' || c == 'u') ? k_x_or_u_after : 0;
}

// The starts of escapings among the 16 bytes at text[at] (bit i for text[at + i]): the bytes
// one can start with, a '"' only before another, a '\\' only before an 'x' or a 'u'.
#if defined(__SSE2__)
inline unsigned starts_sse2(std::string_view text, std::size_t at) noexcept {
  const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at));
  const auto is = [chunk](char c) { return _mm_cmpeq_epi8(chunk, _mm_set1_epi8(c)); };
  const auto mask = [](__m128i bytes) { return static_cast<unsigned>(_mm_movemask_epi8(bytes)); };
  const unsigned singles =
      mask(_mm_or_si128(_mm_or_si128(is('&'), is('%')), _mm_or_si128(is('\x1b'), is('\xef'))));
  const unsigned after = pair_seconds(text, at + 16);
  const unsigned quote_after = after == k_quote_after ? 1u << 15 : 0u;
  const unsigned x_or_u_after = after == k_x_or_u_after ? 1u << 15 : 0u;
  const unsigned quotes = mask(is('"'));
  const unsigned backslashes = mask(is('\\'));
  const unsigned x_or_u = mask(_mm_or_si128(is('x'), is('u')));
  return singles | (quotes & ((quotes >> 1) | quote_after)) |
         (backslashes & ((x_or_u >> 1) | x_or_u_after));
}

// next_start() 16 bytes a step, the last step overlapping the one before so no byte is left to
// a scalar loop. Needs text.size() >= 16.
std::size_t next_start_sse2(std::string_view text, std::size_t from) noexcept {
  std::size_t at = from;
  for (; at + 16 <= text.size(); at += 16) {
    if (const unsigned hits = starts_sse2(text, at); hits != 0) {
      return at + static_cast<std::size_t>(__builtin_ctz(hits));
    }
  }
  if (at >= text.size()) return text.size();
  const std::size_t last = text.size() - 16;
  const unsigned hits = starts_sse2(text, last) & (~0u << (at - last));
  return hits != 0 ? last + static_cast<std::size_t>(__builtin_ctz(hits)) : text.size();
}
#endif

#if defined(__x86_64__)
// The same 32 bytes a step with AVX2. Needs text.size() >= 32.
__attribute__((target("avx2"))) std::size_t next_start_avx2(std::string_view text,
                                                            std::size_t from) noexcept {
  const auto starts = [text](std::size_t at) __attribute__((target("avx2"))) {
    const __m256i chunk = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(text.data() + at));
    const auto is = [chunk](char c) __attribute__((target("avx2"))) {
      return _mm256_cmpeq_epi8(chunk, _mm256_set1_epi8(c));
    };
    const auto mask = [](__m256i bytes) __attribute__((target("avx2"))) {
      return static_cast<unsigned>(_mm256_movemask_epi8(bytes));
    };
    const unsigned singles = mask(_mm256_or_si256(_mm256_or_si256(is('&'), is('%')),
                                                  _mm256_or_si256(is('\x1b'), is('\xef'))));
    const unsigned after = pair_seconds(text, at + 32);
    const unsigned quote_after = after == k_quote_after ? 1u << 31 : 0u;
    const unsigned x_or_u_after = after == k_x_or_u_after ? 1u << 31 : 0u;
    const unsigned quotes = mask(is('"'));
    const unsigned backslashes = mask(is('\\'));
    const unsigned x_or_u = mask(_mm256_or_si256(is('x'), is('u')));
    return singles | (quotes & ((quotes >> 1) | quote_after)) |
           (backslashes & ((x_or_u >> 1) | x_or_u_after));
  };
  std::size_t at = from;
  for (; at + 32 <= text.size(); at += 32) {
    if (const unsigned hits = starts(at); hits != 0) {
      return at + static_cast<std::size_t>(__builtin_ctz(hits));
    }
  }
  if (at >= text.size()) return text.size();
  const std::size_t last = text.size() - 32;
  const unsigned hits = starts(last) & (~0u << (at - last));
  return hits != 0 ? last + static_cast<std::size_t>(__builtin_ctz(hits)) : text.size();
}
#endif

// Where the next byte an escaping can start with is, at or after `from` (a '"' counts only
// before another, a '\\' only before an 'x' or a 'u'), or text.size(): 32 bytes a step with AVX2,
// 16 with SSE2, a byte at a time in a line too short for them, as simd/ does.
std::size_t next_start(std::string_view text, std::size_t from) noexcept {
#if defined(__x86_64__)
  static const bool k_avx2 = simd::detected() == simd::Level::best;
  if (k_avx2 && text.size() >= 32) return next_start_avx2(text, from);
#endif
#if defined(__SSE2__)
  if (text.size() >= 16) return next_start_sse2(text, from);
#endif
  for (std::size_t at = from; at < text.size(); ++at) {
    switch (text[at]) {
      case '\\':
        if (at + 1 < text.size() && (text[at + 1] == 'x' || text[at + 1] == 'u')) return at;
        break;
      case '&':
      case '%':
      case '\x1b':
      case '\xef':
        return at;
      case '"':
        if (at + 1 < text.size() && text[at + 1] == '"') return at;
        break;
      default:
        break;
    }
  }
  return text.size();
}

// An ANSI sequence longer than this is not one: its ESC alone is dropped.
constexpr std::size_t k_max_ansi = 64;

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

// The escaping starting at text[at] (a byte next_start stops at), if any.
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

// Whether an escaping fold() undoes starts in line[from, to) (read with the line around it).
bool escaping_between(std::string_view line, std::size_t from, std::size_t to) noexcept {
  const std::string_view head = line.substr(0, to);
  for (std::size_t i = next_start(head, from); i < to; i = next_start(head, i + 1)) {
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

// A field's reach around a key: `&amp;quot;` or `%255C%2522` before it (and the prefilter
// literal's place in the key); the key, its escaped quotes, colon and colour codes after.
constexpr std::size_t k_reach_before = 24;
constexpr std::size_t k_reach_after = 40;

}  // namespace

bool FoldedView::worth_folding(std::string_view line) noexcept {
  return escaping_between(line, 0, line.size());
}

bool FoldedView::worth_folding(std::string_view line,
                               std::span<const Candidate> candidates) noexcept {
  // The candidates' reaches, overlapping ones merged, each range checked once.
  std::size_t from = 0;
  std::size_t to = 0;
  for (const Candidate& candidate : candidates) {
    const std::size_t start = std::min<std::size_t>(candidate.start, line.size());
    const std::size_t reach_from = start > k_reach_before ? start - k_reach_before : 0;
    const std::size_t reach_to = std::min(line.size(), start + k_reach_after);
    if (reach_from > to) {
      if (from < to && escaping_between(line, from, to)) return true;
      from = reach_from;
    }
    to = std::max(to, reach_to);
  }
  return from < to && escaping_between(line, from, to);
}

bool FoldedView::escaped_near(std::string_view text, std::size_t at) noexcept {
  // A pipeline escapes the key's quote as well as its value's, so an escaping that matters ends
  // right before the key: in a hex digit (\x22, %22, \u0022, \u003c), ';' (&quot;), 'm' (a
  // colour) or a doubled quote. Most occurrences stop here, at one byte.
  if (at == 0) return false;
  const char last = text[at - 1];
  const bool quoted_twice = last == '"' && at >= 2 && text[at - 2] == '"';
  if (hex_value(last) < 0 && last != ';' && last != 'm' && !quoted_twice) return false;
  std::size_t from = at > k_reach_before ? at - k_reach_before : 0;
  std::size_t to = std::min(text.size(), at + k_reach_after);
  const std::string_view before = text.substr(from, at - from);
  if (const std::size_t newline = before.rfind('\n'); newline != std::string_view::npos) {
    from += newline + 1;
  }
  const std::string_view after = text.substr(at, to - at);
  if (const std::size_t newline = after.find('\n'); newline != std::string_view::npos) {
    to = at + newline;
  }
  return escaping_between(text, from, to);
}

void FoldedView::Pass::run(std::string_view source) {
  text.clear();
  edits.clear();
  std::size_t copied = 0;  // source bytes before this are in text
  for (std::size_t i = next_start(source, 0); i < source.size(); i = next_start(source, i)) {
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
