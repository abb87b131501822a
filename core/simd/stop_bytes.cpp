#include "simd/stop_bytes.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
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

}  // namespace errscope
