#pragma once

#include <cstddef>
#include <string_view>

#include "simd/cpu.hpp"

namespace errscope {

/// The bytes a copy of text stops at: control bytes (below 0x20) and DEL always, two more bytes
/// (`extra`, the same one twice for one), and every byte from 0x80 when `non_ascii` is set.
struct StopBytes {
  char extra[2];
  bool non_ascii;
};

/// The first byte at or after `from` that `stops` names, or text.size(): 16 bytes a step with
/// SSE2 (`best` and `sse2`; every x86-64 CPU has it), one at a time at `scalar`, so the runs
/// between stops can be copied whole.
std::size_t find_stop_byte(std::string_view text, std::size_t from, const StopBytes& stops,
                           simd::Level level = simd::Level::best) noexcept;

/// Where the first byte from 0x80 is in `text`, or text.size(): 32 bytes a step with AVX2, 16
/// with SSE2.
std::size_t find_non_ascii(std::string_view text) noexcept;

}  // namespace errscope
