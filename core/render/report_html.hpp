#pragma once

#include <string>

#include "report/report.hpp"
#include "report/report_extras.hpp"

namespace errscope {

/// `report --format html`: one self-contained page (inline CSS and SVG, no script or network):
/// totals, the overall timeline stacked by vendor, the top error codes then the top success codes
/// as bars, each code with its timeline and, on opening its row, its hint, the baseline comparison,
/// alerts and a footer of the page's facts. Every log-derived string is HTML-escaped.
std::string render_report_html(const Report& report, const ReportExtras& extras);

}  // namespace errscope
