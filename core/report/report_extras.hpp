#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "report/baseline.hpp"

namespace errscope {

/// What a report rendering shows beyond the report itself.
struct ReportExtras {
  std::size_t top = 0;  ///< codes shown (0: all)
  const BaselineDiff* baseline = nullptr;
  std::vector<std::string> alerts;  ///< thresholds breached, one sentence each
};

}  // namespace errscope
