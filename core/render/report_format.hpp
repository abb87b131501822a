#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "report/report.hpp"
#include "time/civil.hpp"
#include "util/count_text.hpp"

namespace errscope {

/// Number and chart helpers shared by the report renderers.


/// `part` as a percentage of `whole` with one decimal (`78.6%`; `0%` when whole is 0).
std::string format_percent(std::uint64_t part, std::uint64_t whole);

/// The sentence saying how many lines with codes had a time outside the report's time range
/// ("3 lines with codes had times outside 2000-01-01T00:00 … 2026-12-01T12:04; counted, left
/// out of the timeline"), or nothing when there were none.
std::string out_of_range_sentence(const Report& report);
/// The sentence that says a report was interrupted ("interrupted: the counts cover only …"), or
/// nothing when it is complete.
std::string interrupted_sentence(const Report& report);

/// A timeline squeezed into at most `cells` cells, each the (saturating) sum of its buckets (for
/// sparklines).
std::vector<std::uint64_t> squeeze_timeline(
    const std::vector<std::pair<WallMillis, std::uint64_t>>& points, std::size_t cells);

/// Which block characters stand for counts in a sparkline.
enum class SparkFloor {
  lowest_block,  ///< ▁…█ for counts, quiet cells blank (text)
  above_lowest  ///< ▂…█ for counts, ▁ for quiet cells, so an empty period still shows (Markdown)
};

/// A sparkline of `sums` in block characters scaled to the largest.
std::string block_sparkline(const std::vector<std::uint64_t>& sums, SparkFloor floor);

}  // namespace errscope
