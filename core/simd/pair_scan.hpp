#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "simd/cpu.hpp"
#include "simd/newlines.hpp"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace errscope::simd {

/// Two adjacent bytes a pair scan looks for, and the bits it reports where they sit.
struct BytePair {
  unsigned char first = 0;
  unsigned char second = 0;
  bool folded = false;     ///< both are lower-case ASCII letters, met in either case
  std::uint32_t bits = 0;  ///< or-ed into what a position reports when this pair sits there
};

/// The most pairs one scan takes.
inline constexpr std::size_t k_max_pairs = 32;

/// Calls `visit(position, bits) -> bool` for each position at or after `at` where one of `pairs`
/// (at most k_max_pairs) sits, in increasing order, `bits` being those pairs' bits or-ed, until
/// `visit` returns true. Returns whether it did; `at` is then that position, else text.size().
/// The byte after the text reads as 0. `level` is one usable() returned: 64 or 32 positions a
/// step with AVX2, 16 with SSE2, else one. A template so that `visit` is inlined into the loops:
/// this is the block scan's hot path.
template <typename Visit>
bool scan_pairs(std::string_view text, std::size_t& at, std::span<const BytePair> pairs,
                Level level, Visit&& visit) noexcept;

/// As scan_pairs from 0, without stopping, and with `visit(position, bits, line, line_start)`,
/// `line` being how many '\n' come before the position and `line_start` where its line starts;
/// returns how many '\n' `text` holds. At `best` with one to three pairs, the folded ones first
/// (scan_pairs' fastest loop wants them so too), one pass finds the
/// pairs and counts the lines.
template <typename Visit>
std::size_t scan_pairs_and_lines(std::string_view text, std::span<const BytePair> pairs,
                                 Level level, Visit&& visit) noexcept;

// ---- implementation ----

namespace pair_scan_detail {

inline unsigned char fold(unsigned char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c | 0x20)
                                                          : c;
}

template <typename Visit>
bool scan_scalar(std::string_view text, std::size_t& at, std::span<const BytePair> pairs,
                 Visit& visit) noexcept {
  for (; at < text.size(); ++at) {
    const auto a = static_cast<unsigned char>(text[at]);
    const auto b = static_cast<unsigned char>(at + 1 < text.size() ? text[at + 1] : 0);
    std::uint32_t bits = 0;
    for (const BytePair& pair : pairs) {
      const bool hit = pair.folded ? (fold(a) == pair.first && fold(b) == pair.second)
                                   : (a == pair.first && b == pair.second);
      if (hit) bits |= pair.bits;
    }
    if (bits != 0 && visit(at, bits)) return true;
  }
  return false;
}

#if defined(__x86_64__)

// The vector operations scan_wide needs, one struct per vector width. Vectors go in and out by
// reference: passed by value, an AVX vector would cross a function compiled without AVX
// (scan_wide's own body) and change the ABI, which clang refuses. Once scan_wide is inlined into
// a function of the struct's target, the references are registers.
struct Sse2 {
  using Vec = __m128i;
  static constexpr std::size_t k_width = 16;
  static void load(Vec& out, const char* p) noexcept {
    out = _mm_loadu_si128(reinterpret_cast<const Vec*>(p));
  }
  static void set1(Vec& out, char c) noexcept { out = _mm_set1_epi8(c); }
  static void bit_or(Vec& out, const Vec& a, const Vec& b) noexcept { out = _mm_or_si128(a, b); }
  static void bit_and(Vec& out, const Vec& a, const Vec& b) noexcept {
    out = _mm_and_si128(a, b);
  }
  static void cmpeq(Vec& out, const Vec& a, const Vec& b) noexcept {
    out = _mm_cmpeq_epi8(a, b);
  }
  static std::uint32_t movemask(const Vec& v) noexcept {
    return static_cast<std::uint32_t>(_mm_movemask_epi8(v));
  }
  static void zero(Vec& out) noexcept { out = _mm_setzero_si128(); }
};

// Not always_inline: GCC would refuse them into scan_wide's own body, compiled without AVX; they
// are inlined once scan_wide is, into scan_avx2.
struct Avx2 {
  using Vec = __m256i;
  static constexpr std::size_t k_width = 32;
  [[gnu::target("avx2")]] static void load(Vec& out, const char* p) noexcept {
    out = _mm256_loadu_si256(reinterpret_cast<const Vec*>(p));
  }
  [[gnu::target("avx2")]] static void set1(Vec& out, char c) noexcept {
    out = _mm256_set1_epi8(c);
  }
  [[gnu::target("avx2")]] static void bit_or(Vec& out, const Vec& a, const Vec& b) noexcept {
    out = _mm256_or_si256(a, b);
  }
  [[gnu::target("avx2")]] static void bit_and(Vec& out, const Vec& a, const Vec& b) noexcept {
    out = _mm256_and_si256(a, b);
  }
  [[gnu::target("avx2")]] static void cmpeq(Vec& out, const Vec& a, const Vec& b) noexcept {
    out = _mm256_cmpeq_epi8(a, b);
  }
  [[gnu::target("avx2")]] static std::uint32_t movemask(const Vec& v) noexcept {
    return static_cast<std::uint32_t>(_mm256_movemask_epi8(v));
  }
  [[gnu::target("avx2")]] static void zero(Vec& out) noexcept { out = _mm256_setzero_si256(); }
};

// The general loop, any number of pairs, Ops::k_width positions a step: a lane bit per pair
// where its two bytes sit, then a visit per lane with a hit. Always inlined into a function of
// Ops' target (scan_sse2, scan_avx2).
template <typename Ops, typename Visit>
[[gnu::always_inline]] inline bool scan_wide(std::string_view text, std::size_t& at,
                                             std::span<const BytePair> pairs,
                                             Visit& visit) noexcept {
  using Vec = typename Ops::Vec;
  const char* data = text.data();
  const std::size_t count = pairs.size();
  Vec case_bit;
  Ops::set1(case_bit, 0x20);
  Vec firsts[k_max_pairs], seconds[k_max_pairs];
  for (std::size_t p = 0; p < count; ++p) {
    Ops::set1(firsts[p], static_cast<char>(pairs[p].first));
    Ops::set1(seconds[p], static_cast<char>(pairs[p].second));
  }
  Vec hits[k_max_pairs];
  for (; at + Ops::k_width + 1 <= text.size(); at += Ops::k_width) {
    Vec raw0, raw1, folded0, folded1, any_hit, first_hit, second_hit;
    Ops::load(raw0, data + at);
    Ops::load(raw1, data + at + 1);
    Ops::bit_or(folded0, raw0, case_bit);
    Ops::bit_or(folded1, raw1, case_bit);
    Ops::zero(any_hit);
    for (std::size_t p = 0; p < count; ++p) {
      const bool folded = pairs[p].folded;
      Ops::cmpeq(first_hit, folded ? folded0 : raw0, firsts[p]);
      Ops::cmpeq(second_hit, folded ? folded1 : raw1, seconds[p]);
      Ops::bit_and(hits[p], first_hit, second_hit);
      Ops::bit_or(any_hit, any_hit, hits[p]);
    }
    // One movemask for the common case of nothing in these bytes.
    for (std::uint32_t any = Ops::movemask(any_hit); any != 0; any &= any - 1) {
      const auto lane = static_cast<unsigned>(__builtin_ctz(any));
      std::uint32_t bits = 0;
      for (std::size_t p = 0; p < count; ++p) {
        if ((Ops::movemask(hits[p]) >> lane & 1u) != 0) bits |= pairs[p].bits;
      }
      if (visit(at + lane, bits)) {
        at += lane;
        return true;
      }
    }
  }
  return false;
}

// The AVX2 loop for a fixed, small number of pairs (the usual case: the built-in vendors need
// two), 64 positions a step, with every constant in a register; the first F pairs are folded,
// the others not, so the input is folded once a step for all of them. Calls visit(position,
// bits, line, line_start); with k_lines it also counts the newlines it passes in `newlines` and
// keeps where the line at `at` starts in `line_start`, so `line` is the number of newlines
// before the position and `line_start` its line's start (else both 0). Stops where fewer than
// 65 bytes are left.
template <std::size_t N, std::size_t F, bool k_lines, typename Visit>
[[gnu::target("avx2,popcnt")]] bool scan_avx2_fixed(std::string_view text, std::size_t& at,
                                                    const BytePair* pairs, Visit& visit,
                                                    std::size_t& newlines,
                                                    std::size_t& line_start) noexcept {
  static_assert(F <= N);
  const char* data = text.data();
  __m256i firsts[N], seconds[N];
  for (std::size_t p = 0; p < N; ++p) {
    firsts[p] = _mm256_set1_epi8(static_cast<char>(pairs[p].first));
    seconds[p] = _mm256_set1_epi8(static_cast<char>(pairs[p].second));
  }
  const __m256i case_bit = _mm256_set1_epi8(0x20);
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
    __m256i fa0 = a0, fb0 = b0, fa1 = a1, fb1 = b1;
    if constexpr (F > 0) {
      fa0 = _mm256_or_si256(a0, case_bit);
      fb0 = _mm256_or_si256(b0, case_bit);
      fa1 = _mm256_or_si256(a1, case_bit);
      fb1 = _mm256_or_si256(b1, case_bit);
    }
    __m256i low[N], high[N];
    __m256i any = _mm256_setzero_si256();
    for (std::size_t p = 0; p < N; ++p) {
      const bool folded = p < F;
      low[p] = _mm256_and_si256(_mm256_cmpeq_epi8(folded ? fa0 : a0, firsts[p]),
                                _mm256_cmpeq_epi8(folded ? fb0 : b0, seconds[p]));
      high[p] = _mm256_and_si256(_mm256_cmpeq_epi8(folded ? fa1 : a1, firsts[p]),
                                 _mm256_cmpeq_epi8(folded ? fb1 : b1, seconds[p]));
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
        std::uint32_t bits = 0;
        for (std::size_t p = 0; p < N; ++p) {
          if ((masks[p] >> lane & 1u) != 0) bits |= pairs[p].bits;
        }
        std::size_t line = 0;
        std::size_t start = 0;
        if constexpr (k_lines) {
          // The newlines before the lane, at the top: the highest is the nearest.
          const std::uint64_t before = lane == 0 ? 0 : newline_mask << (64 - lane);
          line = newlines + static_cast<std::size_t>(__builtin_popcountll(before));
          start = before != 0 ? at + lane - static_cast<std::size_t>(__builtin_clzll(before))
                              : line_start;
        }
        if (visit(at + lane, bits, line, start)) {
          at += lane;
          return true;
        }
      }
    }
    if constexpr (k_lines) {
      newlines += static_cast<std::size_t>(__builtin_popcountll(newline_mask));
      // Without a branch (a newline is in about every other step): with no newline the value
      // computed is ignored (the `| 1` only keeps clz defined).
      const std::size_t last_start =
          at + 64 - static_cast<std::size_t>(__builtin_clzll(newline_mask | 1));
      const std::size_t keep = std::size_t{0} - static_cast<std::size_t>(newline_mask == 0);
      line_start = (line_start & keep) | (last_start & ~keep);
    }
  }
  return false;
}

template <typename Visit>
bool scan_sse2(std::string_view text, std::size_t& at, std::span<const BytePair> pairs,
               Visit& visit) noexcept {
  return scan_wide<Sse2>(text, at, pairs, visit);
}

// scan_avx2_fixed<N, F> for the `count` pairs of which the first `folded` are folded, trying N
// from 1 to 3 and F from 0 to N; `handled` is false when none of those loops fits.
template <bool k_lines, std::size_t N = 1, std::size_t F = 0, typename Visit>
[[gnu::target("avx2,popcnt")]] bool scan_fixed_count(std::string_view text, std::size_t& at,
                                                     const BytePair* pairs, std::size_t count,
                                                     std::size_t folded, Visit& visit,
                                                     std::size_t& newlines,
                                                     std::size_t& line_start,
                                                     bool& handled) noexcept {
  if (count == N && folded == F) {
    handled = true;
    return scan_avx2_fixed<N, F, k_lines>(text, at, pairs, visit, newlines, line_start);
  }
  if constexpr (F < N) {
    return scan_fixed_count<k_lines, N, F + 1>(text, at, pairs, count, folded, visit, newlines,
                                               line_start, handled);
  } else if constexpr (N < 3) {
    return scan_fixed_count<k_lines, N + 1, 0>(text, at, pairs, count, folded, visit, newlines,
                                               line_start, handled);
  } else {
    handled = false;
    return false;
  }
}

// Runs scan_avx2_fixed over `pairs` when it has a loop for them: one to three pairs, the folded
// ones first. Sets `handled` to whether it did; returns what the loop returned.
template <bool k_lines, typename Visit>
[[gnu::target("avx2,popcnt")]] bool scan_fixed(std::string_view text, std::size_t& at,
                                               std::span<const BytePair> pairs, Visit& visit,
                                               std::size_t& newlines, std::size_t& line_start,
                                               bool& handled) noexcept {
  std::size_t folded = 0;
  while (folded < pairs.size() && pairs[folded].folded) ++folded;
  for (std::size_t p = folded; p < pairs.size(); ++p) {
    if (pairs[p].folded) {
      handled = false;
      return false;
    }
  }
  return scan_fixed_count<k_lines>(text, at, pairs.data(), pairs.size(), folded, visit, newlines,
                                   line_start, handled);
}

template <typename Visit>
[[gnu::target("avx2,popcnt")]] bool scan_avx2(std::string_view text, std::size_t& at,
                                              std::span<const BytePair> pairs,
                                              Visit& visit) noexcept {
  auto without_lines = [&visit](std::size_t position, std::uint32_t bits, std::size_t,
                                std::size_t) { return visit(position, bits); };
  std::size_t unused = 0;
  std::size_t unused_start = 0;
  bool handled = false;
  if (scan_fixed<false>(text, at, pairs, without_lines, unused, unused_start, handled)) {
    return true;
  }
  return scan_wide<Avx2>(text, at, pairs, visit);
}

#endif

}  // namespace pair_scan_detail

template <typename Visit>
bool scan_pairs(std::string_view text, std::size_t& at, std::span<const BytePair> pairs,
                Level level, Visit&& visit) noexcept {
#if defined(__x86_64__)
  if (level == Level::best && pair_scan_detail::scan_avx2(text, at, pairs, visit)) return true;
  if (level == Level::sse2 && pair_scan_detail::scan_sse2(text, at, pairs, visit)) return true;
#else
  (void)level;
#endif
  return pair_scan_detail::scan_scalar(text, at, pairs, visit);
}

template <typename Visit>
std::size_t scan_pairs_and_lines(std::string_view text, std::span<const BytePair> pairs,
                                 Level level, Visit&& visit) noexcept {
  auto visit_all = [&visit](std::size_t position, std::uint32_t bits, std::size_t line,
                            std::size_t line_start) {
    visit(position, bits, line, line_start);
    return false;
  };
  std::size_t at = 0;
  std::size_t newlines = 0;    // before `at`
  std::size_t line_start = 0;  // of the line at `at`
#if defined(__x86_64__)
  // The fixed-pair loop counts the newlines in the same pass; it leaves the last bytes.
  if (level == Level::best) {
    bool handled = false;
    pair_scan_detail::scan_fixed<true>(text, at, pairs, visit_all, newlines, line_start, handled);
  }
#endif
  // The rest (or all, without that loop): the general scan, with the lines between hits counted
  // apart.
  std::size_t counted_to = at;
  scan_pairs(text, at, pairs, level, [&](std::size_t position, std::uint32_t bits) {
    const std::string_view passed = text.substr(counted_to, position - counted_to);
    newlines += count_newlines(passed, level);
    if (const std::size_t last = passed.rfind('\n'); last != std::string_view::npos) {
      line_start = counted_to + last + 1;
    }
    counted_to = position;
    return visit_all(position, bits, newlines, line_start);
  });
  return newlines + count_newlines(text.substr(counted_to), level);
}

}  // namespace errscope::simd
