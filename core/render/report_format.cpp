#include "render/report_format.hpp"

#include <algorithm>
#include <cstdio>

namespace errscope {

std::string format_count(std::uint64_t value) {
  const std::string digits = std::to_string(value);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string format_percent(std::uint64_t part, std::uint64_t whole) {
  if (whole == 0) return "0%";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f%%",
                100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buffer;
}

std::vector<std::uint64_t> squeeze_timeline(
    const std::vector<std::pair<WallMillis, std::uint64_t>>& points, std::size_t cells) {
  cells = std::min(cells, points.size());
  std::vector<std::uint64_t> sums(cells, 0);
  for (std::size_t i = 0; i < points.size(); ++i)
    sums[i * cells / points.size()] += points[i].second;
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
      out += k_levels[std::min<std::uint64_t>(7, first + (sum * (8 - first) - 1) / max)];
    }
  }
  return out;
}

}  // namespace errscope
