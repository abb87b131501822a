#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "report/baseline.hpp"
#include "report/report.hpp"
#include "util/result.hpp"

namespace errscope {

/// The schema id of a JSON report.
inline constexpr std::string_view k_report_schema = "errscope.report/1";

/// What a report rendering shows beyond the report itself.
struct ReportExtras {
  std::size_t top = 0;  ///< codes shown (0: all)
  const BaselineDiff* baseline = nullptr;
  std::vector<std::string> alerts;  ///< thresholds breached, one sentence each
};

/// The report as errscope.report/1 JSON: totals, time span and bucket, vendors, codes sorted by
/// count with their timelines over the whole span (empty buckets as zeros), and, when given,
/// the baseline comparison and the alerts. Call Report::finalize() first.
std::string render_report_json(const Report& report, const ReportExtras& extras);

/// Reads an errscope.report/1 JSON document back (for merge and --baseline). `origin` names it
/// in diagnostics.
Result<Report> parse_report_json(std::string_view origin, std::string_view json);

}  // namespace errscope
