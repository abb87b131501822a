#include "simd/cpu.hpp"

namespace errscope::simd {

Level detected() noexcept {
  static const Level level = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt")
                                 ? Level::best
                                 : Level::sse2;
  return level;
}

Level usable(Level wanted) noexcept {
  return wanted == Level::best ? detected() : wanted;
}

}  // namespace errscope::simd
