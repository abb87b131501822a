#include "render/report_format.hpp"

#include <algorithm>
#include <cstdio>

#include "report/count.hpp"

namespace errscope {

namespace {

__extension__ typedef unsigned __int128 Wide;

}  // namespace


std::string format_percent(std::uint64_t part, std::uint64_t whole) {
  if (whole == 0) return "0%";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f%%",
                100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buffer;
}

std::string out_of_range_sentence(const Report& report) {
  const std::uint64_t lines = report.out_of_range();
  if (lines == 0) return "";
  std::string out = format_count(lines) + (lines == 1 ? " line" : " lines") + " with codes had " +
                    (lines == 1 ? "a time" : "times");
  const TimeRange& range = report.time_range();
  if (range.bounded()) {
    out += " outside " + format_wall_time(range.from).substr(0, 16) + " \xE2\x80\xA6 " +
           format_wall_time(range.to).substr(0, 16);
  } else {
    // A merged report does not know when each of its parts was made.
    out += " before 2000-01-01 or more than a day after their report was made";
  }
  return out + "; counted, left out of the timeline";
}

std::string interrupted_sentence(const Report& report) {
  if (!report.interrupted()) return "";
  return "interrupted: the counts cover only the input read before the scan was stopped "
         "(SIGINT or SIGTERM)";
}

std::vector<std::uint64_t> squeeze_timeline(
    const std::vector<std::pair<WallMillis, std::uint64_t>>& points, std::size_t cells) {
  cells = std::min(cells, points.size());
  std::vector<std::uint64_t> sums(cells, 0);
  for (std::size_t i = 0; i < points.size(); ++i)
    add_count(sums[i * cells / points.size()], points[i].second);
  return sums;
}

std::string block_sparkline(const std::vector<std::uint64_t>& sums, SparkFloor floor) {
  static const char* const k_levels[] = {"\xE2\x96\x81", "\xE2\x96\x82", "\xE2\x96\x83",
                                         "\xE2\x96\x84", "\xE2\x96\x85", "\xE2\x96\x86",
                                         "\xE2\x96\x87", "\xE2\x96\x88"};
  const std::uint64_t max =
      sums.empty() ? 1 : std::max<std::uint64_t>(1, *std::max_element(sums.begin(), sums.end()));
  const std::uint64_t first = floor == SparkFloor::lowest_block ? 0 : 1;
  std::string out;
  for (const std::uint64_t sum : sums) {
    if (sum == 0) {
      out += floor == SparkFloor::lowest_block ? " " : k_levels[0];
    } else {
      // In 128 bits: sum × 8 must not wrap for the largest counts.
      const auto level = first + (static_cast<Wide>(sum) * (8 - first) - 1) / max;
      out += k_levels[static_cast<std::size_t>(std::min<Wide>(7, level))];
    }
  }
  return out;
}

}  // namespace errscope
