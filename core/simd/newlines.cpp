#include "simd/newlines.hpp"

#include <cstdint>
#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace errscope {

namespace {

std::size_t count_newlines_swar(std::string_view text) noexcept {
  constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
  constexpr std::uint64_t k_newlines = k_ones * '\n';
  constexpr std::uint64_t k_low7 = 0x7F7F7F7F7F7F7F7FULL;
  std::size_t count = 0;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + i, 8);
    const std::uint64_t x = word ^ k_newlines;  // a zero byte where there was '\n'
    // Exact zero-byte test: high bit set in each byte of x that is zero.
    const std::uint64_t zero = ~(((x & k_low7) + k_low7) | x | k_low7);
    // One bit per matching byte at bit 7; summing the bytes avoids a (software) popcount.
    count += static_cast<std::size_t>(((zero >> 7) * k_ones) >> 56);
  }
  for (; i < text.size(); ++i) count += text[i] == '\n' ? 1 : 0;
  return count;
}

#if defined(__x86_64__)
// 32 bytes at a time: compare with '\n', take the mask, count its bits.
__attribute__((target("avx2,popcnt"))) std::size_t count_newlines_avx2(
    std::string_view text) noexcept {
  const __m256i newline = _mm256_set1_epi8('\n');
  std::size_t count = 0;
  std::size_t i = 0;
  for (; i + 32 <= text.size(); i += 32) {
    const __m256i bytes = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(text.data() + i));
    const auto mask =
        static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_cmpeq_epi8(bytes, newline)));
    count += static_cast<std::size_t>(__builtin_popcount(mask));
  }
  return count + count_newlines_swar(text.substr(i));
}

// The probe's answer kept where a call reads it without a call of its own: count_newlines runs
// once per block, and once per candidate in the prefilter.
const simd::Level k_detected = simd::detected();
#endif

}  // namespace

std::size_t count_newlines(std::string_view text, simd::Level level) noexcept {
#if defined(__x86_64__)
  if (level == simd::Level::best && k_detected == simd::Level::best) {
    return count_newlines_avx2(text);
  }
#else
  (void)level;
#endif
  return count_newlines_swar(text);
}

}  // namespace errscope
