#pragma once

#include <string>

#include "report/report.hpp"
#include "report/report_extras.hpp"

namespace errscope {

/// `report --format json`, the errscope.report/1 document (read back by parse_report_json):
/// totals, time span and bucket, vendors, codes sorted by count with their timelines over the
/// whole span (empty buckets as zeros), and, when given, the baseline comparison and the alerts.
/// Call Report::finalize() first.
std::string render_report_json(const Report& report, const ReportExtras& extras);

}  // namespace errscope
