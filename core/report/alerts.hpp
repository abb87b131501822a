#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "report/baseline.hpp"
#include "report/report.hpp"

namespace errscope {

/// The thresholds `report` checks (--fail-on-new, --max-errors, --max-error-rate).
struct AlertThresholds {
  bool fail_on_new = false;                 ///< an error code the baseline does not have
  std::optional<std::uint64_t> max_errors;  ///< more codes with outcome error than this
  std::optional<double> max_error_rate;     ///< errors ÷ codes above this (0 to 1)
};

/// Whether a code new since the baseline is trouble --fail-on-new alerts on: its outcome is error
/// (unknown codes included). A new success code is listed as new but never alerts.
bool alerts_when_new(const CodeChange& change) noexcept;

/// The thresholds `report` breaches, one sentence each in that order (empty when none). New codes
/// count only with a baseline (`diff`, compared with the report at `baseline_path`), and only
/// those that alerts_when_new; the sentence names only them.
std::vector<std::string> check_alerts(const Report& report, const BaselineDiff* diff,
                                      std::string_view baseline_path,
                                      const AlertThresholds& thresholds);

}  // namespace errscope
