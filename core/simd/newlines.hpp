#pragma once

#include <cstddef>
#include <string_view>

#include "simd/cpu.hpp"

namespace errscope {

/// Counts the '\n' bytes of `text`: 32 at a time with AVX2 at `best` on a CPU that has it, else 8
/// at a time in a plain register (`sse2` and `scalar` both).
std::size_t count_newlines(std::string_view text, simd::Level level = simd::Level::best) noexcept;

}  // namespace errscope
