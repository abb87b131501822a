#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "report/timeline.hpp"

namespace errscope {

/// A timeline squeezed into at most `cells` cells, each the (saturating) sum of its buckets (for
/// sparklines).
std::vector<std::uint64_t> squeeze_timeline(const std::vector<Timeline::Bucket>& points,
                                            std::size_t cells);

/// Which block characters stand for counts in a sparkline.
enum class SparkFloor {
  lowest_block,  ///< ▁…█ for counts, quiet cells blank (text)
  above_lowest  ///< ▂…█ for counts, ▁ for quiet cells, so an empty period still shows (Markdown)
};

/// A sparkline of `sums` in block characters scaled to the largest.
std::string block_sparkline(const std::vector<std::uint64_t>& sums, SparkFloor floor);

}  // namespace errscope
