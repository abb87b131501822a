#include "render/sparkline.hpp"

#include <algorithm>

#include "report/count.hpp"

namespace errscope {

std::vector<std::uint64_t> squeeze_timeline(const std::vector<Timeline::Bucket>& points,
                                            std::size_t cells) {
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
  __extension__ typedef unsigned __int128 Wide;
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
