#pragma once

#include <cstdint>
#include <limits>

namespace errscope {

/// The largest count a report holds: additions stop there instead of wrapping to small numbers.
inline constexpr std::uint64_t k_max_count = std::numeric_limits<std::uint64_t>::max();

/// a + b, or k_max_count when the sum does not fit: counts saturate, they never wrap.
inline constexpr std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) noexcept {
  std::uint64_t sum = 0;
  return __builtin_add_overflow(a, b, &sum) ? k_max_count : sum;
}

/// Adds `b` to the count `a`, saturating at k_max_count.
inline constexpr void add_count(std::uint64_t& a, std::uint64_t b) noexcept {
  a = saturating_add(a, b);
}

}  // namespace errscope
