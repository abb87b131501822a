#include "simd/stop_bytes.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace errscope {

std::size_t find_stop_byte(std::string_view text, std::size_t from, const StopBytes& stops,
                           simd::Level level) noexcept {
  std::size_t i = from;
#if defined(__SSE2__)
  if (level != simd::Level::scalar) {
    const __m128i first = _mm_set1_epi8(stops.extra[0]);
    const __m128i second = _mm_set1_epi8(stops.extra[1]);
    const __m128i del = _mm_set1_epi8(0x7F);
    const __m128i space = _mm_set1_epi8(0x20);
    const __m128i last_control = _mm_set1_epi8(0x1F);
    for (; i + 16 <= text.size(); i += 16) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
      // Compared signed, the bytes from 0x80 are below 0x20 too.
      const __m128i low = stops.non_ascii
                              ? _mm_cmplt_epi8(bytes, space)
                              : _mm_cmpeq_epi8(_mm_max_epu8(bytes, last_control), last_control);
      const __m128i hits =
          _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, first), _mm_cmpeq_epi8(bytes, second)),
                       _mm_or_si128(_mm_cmpeq_epi8(bytes, del), low));
      if (const int mask = _mm_movemask_epi8(hits); mask != 0) {
        return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
      }
    }
  }
#else
  (void)level;
#endif
  for (; i < text.size(); ++i) {
    const char byte = text[i];
    const auto value = static_cast<unsigned char>(byte);
    if (value < 0x20 || value == 0x7F || byte == stops.extra[0] || byte == stops.extra[1] ||
        (stops.non_ascii && value >= 0x80)) {
      return i;
    }
  }
  return text.size();
}

#if defined(__x86_64__)
namespace {

// 32 bytes a step, the last step overlapping the one before. Needs text.size() >= 32.
__attribute__((target("avx2"))) std::size_t find_non_ascii_avx2(std::string_view text) noexcept {
  const auto mask_at = [text](std::size_t at) __attribute__((target("avx2"))) {
    return static_cast<unsigned>(_mm256_movemask_epi8(
        _mm256_loadu_si256(reinterpret_cast<const __m256i*>(text.data() + at))));
  };
  std::size_t at = 0;
  for (; at + 32 <= text.size(); at += 32) {
    if (const unsigned mask = mask_at(at); mask != 0) return at + __builtin_ctz(mask);
  }
  if (at == text.size()) return at;
  const std::size_t last = text.size() - 32;
  const unsigned mask = mask_at(last) & (~0u << (at - last));
  return mask != 0 ? last + __builtin_ctz(mask) : text.size();
}

}  // namespace
#endif

std::size_t find_non_ascii(std::string_view text) noexcept {
#if defined(__x86_64__)
  static const bool k_avx2 = simd::detected() == simd::Level::best;
  if (k_avx2 && text.size() >= 32) return find_non_ascii_avx2(text);
#endif
  std::size_t i = 0;
#if defined(__SSE2__)
  // A byte's high bit is its movemask bit.
  for (; i + 16 <= text.size(); i += 16) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
    if (const int mask = _mm_movemask_epi8(bytes); mask != 0) {
      return i + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    }
  }
#endif
  for (; i < text.size(); ++i) {
    if (static_cast<unsigned char>(text[i]) >= 0x80) return i;
  }
  return text.size();
}

}  // namespace errscope
