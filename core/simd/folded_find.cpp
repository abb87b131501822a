#include "simd/folded_find.hpp"

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
#endif

}  // namespace

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
