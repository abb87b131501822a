#include "render/numbers.hpp"

#include <cstdio>

namespace errscope {

std::string format_percent(std::uint64_t part, std::uint64_t whole) {
  if (whole == 0) return "0%";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f%%",
                100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buffer;
}

std::string format_ratio(double ratio) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.3f", ratio);
  std::string text(buffer);
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

}  // namespace errscope
