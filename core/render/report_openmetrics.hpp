#pragma once

#include <string>

#include "report/report.hpp"
#include "report/report_extras.hpp"

namespace errscope {

/// `report --format openmetrics`: the report as `errscope_*` gauges in a text that both
/// OpenMetrics and Prometheus' text format 0.0.4 (node_exporter's textfile collector) read: every
/// code with its count (--top does not apply), the totals, the time span, whether the report was
/// interrupted and how many alerts were breached, then `# EOF`. Label values are escaped and
/// valid UTF-8. Call Report::finalize() first.
std::string render_report_openmetrics(const Report& report, const ReportExtras& extras);

}  // namespace errscope
