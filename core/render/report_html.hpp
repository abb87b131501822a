#pragma once

#include <string>

#include "report/report.hpp"
#include "report/report_extras.hpp"

namespace errscope {

/// `report --format html`: one self-contained page (inline CSS and SVG, no script or network):
/// totals, the overall timeline stacked by vendor, top codes as bars, a timeline per code, the
/// baseline comparison and alerts. Every log-derived string is HTML-escaped.
std::string render_report_html(const Report& report, const ReportExtras& extras);

}  // namespace errscope
