#pragma once

namespace errscope::simd {

/// Which vector instructions a kernel uses. `best` is AVX2 (with POPCNT) on a CPU that has it;
/// the lower levels exist so that tests can run every path on any x86-64 machine.
enum class Level { best, sse2, scalar };

/// The highest level this CPU runs: `best` when it has AVX2 and POPCNT, `sse2` otherwise (every
/// x86-64 CPU has SSE2). The one CPU probe of errscope, taken once.
Level detected() noexcept;

/// `wanted` lowered to what the CPU runs: a test may ask for a lower level, never a higher one.
Level usable(Level wanted) noexcept;

}  // namespace errscope::simd
