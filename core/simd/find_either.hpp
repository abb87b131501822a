#pragma once

#include <cstddef>
#include <string_view>

#include "simd/cpu.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace errscope {

/// The first byte at or after `from` that is `first` or `second`, or text.size() when none is:
/// 16 bytes a step with SSE2 (`best` and `sse2`; every x86-64 CPU has it), one at a time at
/// `scalar`. Inline: the timestamp finder calls it for every separator of a line's start.
inline std::size_t find_either(std::string_view text, std::size_t from, char first, char second,
                               simd::Level level = simd::Level::best) noexcept {
  std::size_t at = from;
#if defined(__SSE2__)
  if (level != simd::Level::scalar) {
    const __m128i one = _mm_set1_epi8(first);
    const __m128i other = _mm_set1_epi8(second);
    for (; at + 16 <= text.size(); at += 16) {
      const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at));
      const auto hits = static_cast<unsigned>(_mm_movemask_epi8(
          _mm_or_si128(_mm_cmpeq_epi8(chunk, one), _mm_cmpeq_epi8(chunk, other))));
      if (hits != 0) return at + static_cast<std::size_t>(__builtin_ctz(hits));
    }
  }
#else
  (void)level;
#endif
  for (; at < text.size(); ++at) {
    if (text[at] == first || text[at] == second) return at;
  }
  return text.size();
}

}  // namespace errscope
