#pragma once

#include <string_view>

#include "simd/cpu.hpp"

namespace errscope::simd {

/// Whether `needle` (lower case, no newline, not empty) occurs in `haystack` before its first
/// newline, comparing ASCII letters without case. `level` is one usable() returned: 32
/// positions at a time with AVX2, 16 with SSE2, else byte by byte; every level answers alike.
bool contains_folded(std::string_view haystack, std::string_view needle, Level level) noexcept;

}  // namespace errscope::simd
