#include "prefilter/literal_prefilter.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

#include "simd/newlines.hpp"

#if defined(__x86_64__)
#include <immintrin.h>
#define ERRSCOPE_X86 1
#endif

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
    Pair pair;
    pair.folded = is_letter(byte(best)) && is_letter(byte(best + 1));
    pair.first = pair.folded ? fold(byte(best)) : byte(best);
    pair.second = pair.folded ? fold(byte(best + 1)) : byte(best + 1);
    const auto same = std::find_if(m_pairs.begin(), m_pairs.end(), [&](const Pair& p) {
      return p.first == pair.first && p.second == pair.second && p.folded == pair.folded;
    });
    if (same == m_pairs.end()) {
      pair.literals = 1u << index;
      m_pairs.push_back(pair);
    } else {
      same->literals |= 1u << index;
    }
    m_offsets.push_back(best);
    m_confirms.emplace_back(literal);
  }
}

// Calls visit(pair_position, literal_bits) for every position where some pair sits, in order,
// until it returns true. Returns where the scan stopped.
template <typename Visit>
std::size_t LiteralPrefilter::scan(std::string_view text, std::size_t from,
                                   Visit&& visit) const noexcept {
  std::size_t at = from;
#if ERRSCOPE_X86
  // Level::best means AVX2 here: the constructor lowered it when the CPU lacks AVX2.
  if (m_level == simd::Level::best && scan_avx2(text, at, visit)) return at;
  if (m_level == simd::Level::sse2 && scan_sse2(text, at, visit)) return at;
#endif
  scan_scalar(text, at, visit);
  return at;
}

template <typename Visit>
bool LiteralPrefilter::scan_scalar(std::string_view text, std::size_t& at,
                                   Visit& visit) const noexcept {
  for (; at < text.size(); ++at) {
    const auto a = static_cast<unsigned char>(text[at]);
    const auto b = static_cast<unsigned char>(at + 1 < text.size() ? text[at + 1] : 0);
    std::uint32_t literals = 0;
    for (const Pair& pair : m_pairs) {
      const bool hit = pair.folded ? (fold(a) == pair.first && fold(b) == pair.second)
                                   : (a == pair.first && b == pair.second);
      if (hit) literals |= pair.literals;
    }
    if (literals != 0 && visit(at, literals)) return true;
  }
  return false;
}

#if ERRSCOPE_X86
// The SSE2 and AVX2 loops are the same but for the vector width: for each vector of positions,
// a lane bit per pair where its two bytes sit, then a visit per lane with a hit.
#define ERRSCOPE_PAIR_SCAN(WIDTH, VEC, LOAD, SET1, OR, AND, CMPEQ, MOVEMASK, ZERO) \
  const char* data = text.data();                                                  \
  const std::size_t pairs = m_pairs.size();                                        \
  const VEC case_bit = SET1(0x20);                                                 \
  VEC firsts[k_max_literals], seconds[k_max_literals];                             \
  for (std::size_t p = 0; p < pairs; ++p) {                                        \
    firsts[p] = SET1(static_cast<char>(m_pairs[p].first));                         \
    seconds[p] = SET1(static_cast<char>(m_pairs[p].second));                       \
  }                                                                                \
  VEC hits[k_max_literals];                                                        \
  for (; at + (WIDTH) + 1 <= text.size(); at += (WIDTH)) {                         \
    const VEC raw0 = LOAD(reinterpret_cast<const VEC*>(data + at));                \
    const VEC raw1 = LOAD(reinterpret_cast<const VEC*>(data + at + 1));            \
    const VEC folded0 = OR(raw0, case_bit);                                        \
    const VEC folded1 = OR(raw1, case_bit);                                        \
    VEC any_hit = ZERO();                                                          \
    for (std::size_t p = 0; p < pairs; ++p) {                                      \
      const bool folded = m_pairs[p].folded;                                       \
      hits[p] = AND(CMPEQ(folded ? folded0 : raw0, firsts[p]),                     \
                    CMPEQ(folded ? folded1 : raw1, seconds[p]));                   \
      any_hit = OR(any_hit, hits[p]);                                              \
    }                                                                              \
    /* One movemask for the common case of nothing in these bytes. */              \
    std::uint32_t any = static_cast<std::uint32_t>(MOVEMASK(any_hit));             \
    for (; any != 0; any &= any - 1) {                                             \
      const auto lane = static_cast<unsigned>(__builtin_ctz(any));                 \
      std::uint32_t literals = 0;                                                  \
      for (std::size_t p = 0; p < pairs; ++p) {                                    \
        if ((static_cast<std::uint32_t>(MOVEMASK(hits[p])) >> lane & 1u) != 0) {   \
          literals |= m_pairs[p].literals;                                         \
        }                                                                          \
      }                                                                            \
      if (visit(at + lane, literals)) {                                            \
        at += lane;                                                                \
        return true;                                                               \
      }                                                                            \
    }                                                                              \
  }                                                                                \
  return false;

template <typename Visit>
bool LiteralPrefilter::scan_sse2(std::string_view text, std::size_t& at,
                                 Visit& visit) const noexcept {
  ERRSCOPE_PAIR_SCAN(16, __m128i, _mm_loadu_si128, _mm_set1_epi8, _mm_or_si128, _mm_and_si128,
                     _mm_cmpeq_epi8, _mm_movemask_epi8, _mm_setzero_si128)
}

// The AVX2 loop for a fixed, small number of pairs (the usual case: the built-in vendors need
// two), 64 positions per step, with every constant in a register. Calls visit(position,
// literal_bits, line); with k_lines it also counts the newlines it passes in `newlines`, so
// `line` is the number of newlines before the position (else 0). Stops where fewer than 65 bytes
// are left; the general loop takes the rest.
template <std::size_t N, bool k_lines, typename Visit>
__attribute__((target("avx2,popcnt"))) bool scan_avx2_pairs(std::string_view text, std::size_t& at,
                                                            const LiteralPrefilter::Pair* pair_list,
                                                            Visit& visit,
                                                            std::size_t& newlines) noexcept {
  const char* data = text.data();
  __m256i firsts[N], seconds[N], folds[N];
  for (std::size_t p = 0; p < N; ++p) {
    firsts[p] = _mm256_set1_epi8(static_cast<char>(pair_list[p].first));
    seconds[p] = _mm256_set1_epi8(static_cast<char>(pair_list[p].second));
    folds[p] = _mm256_set1_epi8(pair_list[p].folded ? 0x20 : 0);
  }
  const __m256i newline = _mm256_set1_epi8('\n');
  for (; at + 65 <= text.size(); at += 64) {
    const __m256i a0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + at));
    const __m256i b0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + at + 1));
    const __m256i a1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + at + 32));
    const __m256i b1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + at + 33));
    std::uint64_t newline_mask = 0;
    if constexpr (k_lines) {
      newline_mask =
          static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(a0, newline))) |
          static_cast<std::uint64_t>(
              static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(a1, newline))))
              << 32;
    }
    __m256i low[N], high[N];
    __m256i any = _mm256_setzero_si256();
    for (std::size_t p = 0; p < N; ++p) {
      low[p] = _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_or_si256(a0, folds[p]), firsts[p]),
                                _mm256_cmpeq_epi8(_mm256_or_si256(b0, folds[p]), seconds[p]));
      high[p] = _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_or_si256(a1, folds[p]), firsts[p]),
                                 _mm256_cmpeq_epi8(_mm256_or_si256(b1, folds[p]), seconds[p]));
      any = _mm256_or_si256(any, _mm256_or_si256(low[p], high[p]));
    }
    if (!_mm256_testz_si256(any, any)) {
      std::uint64_t masks[N];
      std::uint64_t all = 0;
      for (std::size_t p = 0; p < N; ++p) {
        masks[p] =
            static_cast<std::uint32_t>(_mm256_movemask_epi8(low[p])) |
            static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm256_movemask_epi8(high[p])))
                << 32;
        all |= masks[p];
      }
      for (; all != 0; all &= all - 1) {
        const auto lane = static_cast<unsigned>(__builtin_ctzll(all));
        std::uint32_t literals = 0;
        for (std::size_t p = 0; p < N; ++p) {
          if ((masks[p] >> lane & 1u) != 0) literals |= pair_list[p].literals;
        }
        std::size_t line = 0;
        if constexpr (k_lines) {
          const std::uint64_t before = lane == 0 ? 0 : newline_mask << (64 - lane);
          line = newlines + static_cast<std::size_t>(__builtin_popcountll(before));
        }
        if (visit(at + lane, literals, line)) {
          at += lane;
          return true;
        }
      }
    }
    if constexpr (k_lines) newlines += static_cast<std::size_t>(__builtin_popcountll(newline_mask));
  }
  return false;
}

template <typename Visit>
__attribute__((target("avx2,popcnt"))) bool LiteralPrefilter::scan_avx2(
    std::string_view text, std::size_t& at, Visit& visit) const noexcept {
  auto without_lines = [&visit](std::size_t position, std::uint32_t literals, std::size_t) {
    return visit(position, literals);
  };
  std::size_t unused = 0;
  switch (m_pairs.size()) {
    case 1:
      if (scan_avx2_pairs<1, false>(text, at, m_pairs.data(), without_lines, unused)) return true;
      break;
    case 2:
      if (scan_avx2_pairs<2, false>(text, at, m_pairs.data(), without_lines, unused)) return true;
      break;
    case 3:
      if (scan_avx2_pairs<3, false>(text, at, m_pairs.data(), without_lines, unused)) return true;
      break;
    default:
      break;
  }
  ERRSCOPE_PAIR_SCAN(32, __m256i, _mm256_loadu_si256, _mm256_set1_epi8, _mm256_or_si256,
                     _mm256_and_si256, _mm256_cmpeq_epi8, _mm256_movemask_epi8,
                     _mm256_setzero_si256)
}
#undef ERRSCOPE_PAIR_SCAN
#endif

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
  const auto record = [&](std::size_t pair_at, std::uint32_t literals, std::size_t line) {
    for (; literals != 0; literals &= literals - 1) {
      const auto index = static_cast<std::size_t>(__builtin_ctz(literals));
      const std::size_t start = confirmed_start(text, pair_at, index, 0);
      if (start == std::string_view::npos) continue;
      visitor.on(text,
                 Occurrence{static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(start),
                            static_cast<std::uint32_t>(line)});
    }
    return false;
  };
  std::size_t at = 0;
  std::size_t newlines = 0;  // before `at`
#if ERRSCOPE_X86
  // The fixed-pair AVX2 loop counts newlines in the same pass; it leaves the last bytes.
  if (m_level == simd::Level::best) {
    if (m_pairs.size() == 1) scan_avx2_pairs<1, true>(text, at, m_pairs.data(), record, newlines);
    if (m_pairs.size() == 2) scan_avx2_pairs<2, true>(text, at, m_pairs.data(), record, newlines);
    if (m_pairs.size() == 3) scan_avx2_pairs<3, true>(text, at, m_pairs.data(), record, newlines);
  }
#endif
  // The rest (or all, without that loop): the general search, with the lines between hits
  // counted separately.
  std::size_t counted_to = at;
  scan(text, at, [&](std::size_t pair_at, std::uint32_t literals) {
    newlines += count_newlines(text.substr(counted_to, pair_at - counted_to), m_level);
    counted_to = pair_at;
    return record(pair_at, literals, newlines);
  });
  newlines += count_newlines(text.substr(counted_to), m_level);
  return newlines;
}

}  // namespace errscope
