#include "simd/folded_find.hpp"

#include <algorithm>
#include <cstdint>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace errscope::simd {

namespace {

unsigned char fold_ascii(unsigned char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c | 0x20) : c;
}

bool equal_folded(const char* text, std::string_view needle) noexcept {
  for (std::size_t i = 0; i < needle.size(); ++i) {
    if (fold_ascii(static_cast<unsigned char>(text[i])) != static_cast<unsigned char>(needle[i]))
      return false;
  }
  return true;
}

#if defined(__x86_64__)
enum class FoldedScan { found, absent, unfinished };

// The needle's first, second and last bytes (with 0x20 set), broadcast.
struct FoldedNeedle {
  __m256i first;
  __m256i second;
  __m256i final;
};

// Tests the 32 starts at `data` but the first `skip`: found, absent (a newline ends the line
// first) or unfinished.
__attribute__((target("avx2"), always_inline)) inline FoldedScan folded_step(
    const char* data, std::string_view needle, const FoldedNeedle& wanted, unsigned skip) noexcept {
  const __m256i case_bit = _mm256_set1_epi8(0x20);
  const __m256i raw = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data));
  const __m256i a = _mm256_or_si256(raw, case_bit);
  const __m256i b =
      _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + 1)), case_bit);
  const __m256i c = _mm256_or_si256(
      _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + needle.size() - 1)), case_bit);
  const std::uint32_t kept = ~std::uint32_t{0} << skip;
  auto hits =
      kept &
      static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_and_si256(
          _mm256_and_si256(_mm256_cmpeq_epi8(a, wanted.first), _mm256_cmpeq_epi8(b, wanted.second)),
          _mm256_cmpeq_epi8(c, wanted.final))));
  const auto newlines = kept & static_cast<std::uint32_t>(_mm256_movemask_epi8(
                                   _mm256_cmpeq_epi8(raw, _mm256_set1_epi8('\n'))));
  if (newlines != 0) hits &= (newlines & (0u - newlines)) - 1;  // starts before the newline
  for (; hits != 0; hits &= hits - 1) {
    if (equal_folded(data + __builtin_ctz(hits), needle)) return FoldedScan::found;
  }
  return newlines != 0 ? FoldedScan::absent : FoldedScan::unfinished;
}

// 32 positions at a time, testing the needle's first, second and last bytes at once (fewer
// false hits to confirm). A haystack of 32 starts or more is finished with one overlapping step
// at its end; a shorter one is left to the caller.
__attribute__((target("avx2"))) FoldedScan contains_folded_avx2(std::string_view haystack,
                                                                std::string_view needle,
                                                                std::size_t last) noexcept {
  if (last + 1 < 32) return FoldedScan::unfinished;
  const FoldedNeedle wanted{_mm256_set1_epi8(static_cast<char>(needle[0] | 0x20)),
                            _mm256_set1_epi8(static_cast<char>(needle[1] | 0x20)),
                            _mm256_set1_epi8(static_cast<char>(needle.back() | 0x20))};
  std::size_t at = 0;
  for (; at + 32 <= last + 1; at += 32) {
    const FoldedScan scan = folded_step(haystack.data() + at, needle, wanted, 0);
    if (scan != FoldedScan::unfinished) return scan;
  }
  if (at > last) return FoldedScan::absent;
  const std::size_t from = last + 1 - 32;
  const FoldedScan scan =
      folded_step(haystack.data() + from, needle, wanted, static_cast<unsigned>(at - from));
  return scan == FoldedScan::found ? scan : FoldedScan::absent;
}

// For each of the 32 starts at `data`, the needles whose first three bytes (folded) sit there, as
// one bit per needle in the start's byte of `buckets`; returns where the 32 bytes hold newlines.
__attribute__((target("avx2"))) std::uint32_t needle_set_step(
    const char* data, const std::array<std::array<unsigned char, 32>, 3>& low,
    const std::array<std::array<unsigned char, 32>, 3>& high, __m256i& buckets) noexcept {
  const __m256i case_bit = _mm256_set1_epi8(0x20);
  const __m256i nibble = _mm256_set1_epi8(0x0F);
  const __m256i raw = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data));
  __m256i all = _mm256_set1_epi8(-1);
  for (std::size_t j = 0; j < 3; ++j) {
    const __m256i bytes = _mm256_or_si256(
        j == 0 ? raw : _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + j)), case_bit);
    const __m256i lows = _mm256_shuffle_epi8(
        _mm256_loadu_si256(reinterpret_cast<const __m256i*>(low[j].data())),
        _mm256_and_si256(bytes, nibble));
    const __m256i highs = _mm256_shuffle_epi8(
        _mm256_loadu_si256(reinterpret_cast<const __m256i*>(high[j].data())),
        _mm256_and_si256(_mm256_srli_epi16(bytes, 4), nibble));
    all = _mm256_and_si256(all, _mm256_and_si256(lows, highs));
  }
  buckets = all;
  return static_cast<std::uint32_t>(
      _mm256_movemask_epi8(_mm256_cmpeq_epi8(raw, _mm256_set1_epi8('\n'))));
}

// 32 starts a step while three bytes past them are there, then one overlapping step at the end.
// The caller makes sure the haystack holds 34 bytes or more.
__attribute__((target("avx2"))) bool needle_set_avx2(
    std::string_view haystack, const std::vector<std::string>& needles,
    const std::array<std::array<unsigned char, 32>, 3>& low,
    const std::array<std::array<unsigned char, 32>, 3>& high) noexcept {
  const std::size_t last_step = haystack.size() - 34;
  for (std::size_t at = 0;;) {
    const std::size_t from = std::min(at, last_step);
    __m256i buckets;
    const std::uint32_t newlines = needle_set_step(haystack.data() + from, low, high, buckets);
    std::uint32_t starts = ~static_cast<std::uint32_t>(
        _mm256_movemask_epi8(_mm256_cmpeq_epi8(buckets, _mm256_setzero_si256())));
    starts &= ~std::uint32_t{0} << (at - from);
    if (newlines != 0) starts &= (newlines & (0u - newlines)) - 1;  // before the newline
    if (starts != 0) {
      alignas(32) unsigned char bits[32];
      _mm256_store_si256(reinterpret_cast<__m256i*>(bits), buckets);
      for (; starts != 0; starts &= starts - 1) {
        const auto lane = static_cast<unsigned>(__builtin_ctz(starts));
        const std::size_t start = from + lane;
        for (unsigned which = bits[lane]; which != 0; which &= which - 1) {
          const std::string& needle = needles[static_cast<std::size_t>(__builtin_ctz(which))];
          if (start + needle.size() <= haystack.size() &&
              equal_folded(haystack.data() + start, needle)) {
            return true;
          }
        }
      }
    }
    if (newlines != 0 || from == last_step) return false;
    at = from + 32;
  }
}
#endif

}  // namespace

FoldedNeedleSet::FoldedNeedleSet(std::vector<std::string> needles) : m_needles(std::move(needles)) {
  m_tables = !m_needles.empty() && m_needles.size() <= 8 &&
             std::all_of(m_needles.begin(), m_needles.end(),
                         [](const std::string& needle) { return needle.size() >= k_prefix; });
  if (!m_tables) return;
  for (std::size_t n = 0; n < m_needles.size(); ++n) {
    for (std::size_t j = 0; j < k_prefix; ++j) {
      const auto byte = static_cast<unsigned char>(m_needles[n][j] | 0x20);
      for (std::size_t lane = 0; lane < 32; lane += 16) {
        m_low[j][lane + (byte & 0x0F)] |= static_cast<unsigned char>(1u << n);
        m_high[j][lane + (byte >> 4)] |= static_cast<unsigned char>(1u << n);
      }
    }
  }
}

bool FoldedNeedleSet::found_in(std::string_view haystack, Level level) const noexcept {
#if defined(__x86_64__)
  if (m_tables && level == Level::best && haystack.size() >= 34) {
    return needle_set_avx2(haystack, m_needles, m_low, m_high);
  }
#endif
  return std::any_of(m_needles.begin(), m_needles.end(), [&](const std::string& needle) {
    return contains_folded(haystack, needle, level);
  });
}

// Both vector paths compare bytes with 0x20 set on both sides (a superset of the folded
// compare, which then confirms each hit) and look for the newline in the same pass.
bool contains_folded(std::string_view haystack, std::string_view needle, Level level) noexcept {
  if (needle.size() > haystack.size()) return false;
  const std::size_t last = haystack.size() - needle.size();  // the last possible start
  std::size_t at = 0;
#if defined(__x86_64__)
  if (level == Level::best && needle.size() >= 2) {
    const FoldedScan scan = contains_folded_avx2(haystack, needle, last);
    if (scan != FoldedScan::unfinished) return scan == FoldedScan::found;
  }
  if (level != Level::scalar && needle.size() >= 2) {
    const __m128i case_bit = _mm_set1_epi8(0x20);
    const __m128i newline = _mm_set1_epi8('\n');
    const __m128i first = _mm_set1_epi8(static_cast<char>(needle[0] | 0x20));
    const __m128i second = _mm_set1_epi8(static_cast<char>(needle[1] | 0x20));
    for (; at + 15 <= last; at += 16) {
      const char* data = haystack.data() + at;
      const __m128i raw = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data));
      const __m128i a = _mm_or_si128(raw, case_bit);
      const __m128i b =
          _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + 1)), case_bit);
      auto hits = static_cast<unsigned>(
          _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, second))));
      const auto newlines = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(raw, newline)));
      if (newlines != 0) hits &= (newlines & (0u - newlines)) - 1;  // starts before the newline
      for (; hits != 0; hits &= hits - 1) {
        if (equal_folded(data + __builtin_ctz(hits), needle)) return true;
      }
      if (newlines != 0) return false;
    }
  }
#else
  (void)level;
#endif
  for (; at <= last && haystack[at] != '\n'; ++at) {
    if (equal_folded(haystack.data() + at, needle)) return true;
  }
  return false;
}

}  // namespace errscope::simd
