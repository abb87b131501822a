#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "simd/cpu.hpp"

namespace errscope::simd {

/// Whether `needle` (lower case, no newline, not empty) occurs in `haystack` before its first
/// newline, comparing ASCII letters without case. `level` is one usable() returned: 32
/// positions at a time with AVX2, 16 with SSE2, else byte by byte; every level answers alike.
bool contains_folded(std::string_view haystack, std::string_view needle, Level level) noexcept;

/// A few needles looked for at once: whether any occurs in a haystack, as contains_folded would
/// answer for each. With AVX2 and up to eight needles of three bytes or more, one pass tests
/// every needle's first three bytes at 32 starts a step (a table lookup per byte, whatever the
/// number of needles), and confirms only the starts where some needle's three bytes sit.
class FoldedNeedleSet {
 public:
  FoldedNeedleSet() = default;
  /// Each needle lower case, no newline, not empty.
  explicit FoldedNeedleSet(std::vector<std::string> needles);

  bool empty() const noexcept { return m_needles.empty(); }
  /// Whether one of the needles occurs in `haystack` before its first newline.
  bool found_in(std::string_view haystack, Level level) const noexcept;

 private:
  static constexpr std::size_t k_prefix = 3;  ///< bytes of each needle the tables test
  std::vector<std::string> m_needles;
  /// For byte j of a start (j < k_prefix), folded: which needles have that byte's low and high
  /// nibble there, one bit per needle, the 16 entries twice (one per AVX2 lane).
  std::array<std::array<unsigned char, 32>, k_prefix> m_low{};
  std::array<std::array<unsigned char, 32>, k_prefix> m_high{};
  bool m_tables = false;  ///< the needles fit the tables (else one contains_folded each)
};

}  // namespace errscope::simd
