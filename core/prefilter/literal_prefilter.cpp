#include "prefilter/literal_prefilter.hpp"

#include <algorithm>
#include <cstring>

namespace errscope {

namespace {

bool is_letter(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
unsigned char fold(unsigned char c) {
  return is_letter(c) ? static_cast<unsigned char>(c | 0x20) : c;
}

// How common a byte is in log text (higher: more common), for picking each literal's rarest pair.
int commonness(unsigned char c) {
  c = fold(c);
  if (c == ' ' || c == 'e') return 10;
  if (std::strchr("taoinsr0123456789\":,", c) != nullptr) return 8;
  if (c == 'c') return 7;  // com., class, connection: more common in logs than in prose
  if (std::strchr("lcduhmp.-=/", c) != nullptr) return 6;
  if (std::strchr("gfywbvk", c) != nullptr) return 5;
  if (c >= 'a' && c <= 'z') return 4;
  if (c == '_') return 3;
  return c < 0x80 ? 3 : 1;
}

}  // namespace

LiteralPrefilter::LiteralPrefilter(std::vector<std::string> literals, simd::Level level)
    : m_level(simd::usable(level)) {
  std::sort(literals.begin(), literals.end());
  literals.erase(std::unique(literals.begin(), literals.end()), literals.end());
  for (const auto& literal : literals) {
    // A literal that contains another is redundant: where it is, the shorter one is too.
    const bool covered =
        std::any_of(literals.begin(), literals.end(), [&](const std::string& other) {
          return other != literal && !other.empty() && literal.find(other) != std::string::npos;
        });
    if (!covered && !literal.empty()) m_literals.push_back(literal);
  }
  // Past 32 literals the bit masks would overflow, and a one-byte literal has no pair: then
  // search nothing, so every line is a candidate.
  if (m_literals.size() > k_max_literals ||
      std::any_of(m_literals.begin(), m_literals.end(),
                  [](const std::string& l) { return l.size() < 2; })) {
    m_literals.clear();
  }
  for (std::size_t index = 0; index < m_literals.size(); ++index) {
    const std::string& literal = m_literals[index];
    const auto byte = [&literal](std::size_t i) {
      return static_cast<unsigned char>(literal[std::min(i, literal.size() - 1)]);
    };
    std::size_t best = 0;
    int best_score = 1 << 30;
    for (std::size_t i = 0; i + 1 < std::max<std::size_t>(literal.size(), 2); ++i) {
      const int score = commonness(byte(i)) + commonness(byte(i + 1));
      if (score < best_score) {
        best_score = score;
        best = i;
      }
    }
    simd::BytePair pair;
    pair.folded = is_letter(byte(best)) && is_letter(byte(best + 1));
    pair.first = pair.folded ? fold(byte(best)) : byte(best);
    pair.second = pair.folded ? fold(byte(best + 1)) : byte(best + 1);
    const auto same = std::find_if(m_pairs.begin(), m_pairs.end(), [&](const simd::BytePair& p) {
      return p.first == pair.first && p.second == pair.second && p.folded == pair.folded;
    });
    if (same == m_pairs.end()) {
      pair.bits = 1u << index;
      m_pairs.push_back(pair);
    } else {
      same->bits |= 1u << index;
    }
    m_offsets.push_back(best);
    m_confirms.emplace_back(literal);
  }
  // The scan's fastest loops fold the input once for the folded pairs, which come first.
  std::stable_partition(m_pairs.begin(), m_pairs.end(),
                        [](const simd::BytePair& pair) { return pair.folded; });
}

static_assert(LiteralPrefilter::k_max_literals <= simd::k_max_pairs, "a pair per literal at most");

template <typename Visit>
void LiteralPrefilter::scan(std::string_view text, std::size_t from, Visit&& visit) const noexcept {
  simd::scan_pairs(text, from, m_pairs, m_level, visit);
}

std::size_t LiteralPrefilter::confirmed_start(std::string_view text, std::size_t pair_at,
                                              std::size_t index, std::size_t from) const noexcept {
  if (pair_at < from + m_offsets[index]) return std::string_view::npos;
  const std::size_t start = pair_at - m_offsets[index];
  return m_confirms[index].occurs_at(text, start) ? start : std::string_view::npos;
}

std::size_t LiteralPrefilter::find_first(std::string_view text, std::size_t from) const noexcept {
  if (from >= text.size() || m_literals.empty()) return std::string_view::npos;
  std::size_t found = std::string_view::npos;
  scan(text, from, [&](std::size_t pair_at, std::uint32_t literals) {
    for (; literals != 0; literals &= literals - 1) {
      found = std::min(
          found,
          confirmed_start(text, pair_at, static_cast<std::size_t>(__builtin_ctz(literals)), from));
    }
    return found != std::string_view::npos;
  });
  return found;
}

std::uint32_t LiteralPrefilter::present(std::string_view text) const noexcept {
  const std::uint32_t all = m_literals.size() >= 32 ? ~0u : (1u << m_literals.size()) - 1;
  std::uint32_t seen = 0;
  scan(text, 0, [&](std::size_t pair_at, std::uint32_t literals) {
    for (literals &= ~seen; literals != 0; literals &= literals - 1) {
      const auto index = static_cast<std::size_t>(__builtin_ctz(literals));
      if (confirmed_start(text, pair_at, index, 0) != std::string_view::npos) seen |= 1u << index;
    }
    return seen == all;
  });
  return seen;
}

std::size_t LiteralPrefilter::occurrences(std::string_view text, Occurrence* out,
                                          std::size_t capacity) const noexcept {
  std::size_t count = 0;
  scan(text, 0, [&](std::size_t pair_at, std::uint32_t literals) {
    for (; literals != 0; literals &= literals - 1) {
      const auto index = static_cast<std::size_t>(__builtin_ctz(literals));
      const std::size_t start = confirmed_start(text, pair_at, index, 0);
      if (start == std::string_view::npos) continue;
      if (count < capacity)
        out[count] =
            Occurrence{static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(start)};
      ++count;
    }
    return false;
  });
  return count;
}

std::size_t LiteralPrefilter::scan_block(std::string_view text, OccurrenceVisitor& visitor) const {
  // The line start is that of the pair's line (where a literal holding a newline does not
  // start: Matcher::find_candidates looks back for it then).
  const auto record = [&](std::size_t pair_at, std::uint32_t literals, std::size_t line,
                          std::size_t line_start) {
    for (; literals != 0; literals &= literals - 1) {
      const auto index = static_cast<std::size_t>(__builtin_ctz(literals));
      const std::size_t start = confirmed_start(text, pair_at, index, 0);
      if (start == std::string_view::npos) continue;
      visitor.on(text,
                 Occurrence{static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(start),
                            static_cast<std::uint32_t>(line),
                            static_cast<std::uint32_t>(line_start)});
    }
  };
  return simd::scan_pairs_and_lines(text, m_pairs, m_level, record);
}

}  // namespace errscope
