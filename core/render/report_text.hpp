#pragma once

#include <string>

#include "report/report.hpp"
#include "report/report_extras.hpp"
#include "util/ansi.hpp"

namespace errscope {

/// `report --format text`: totals, a per-vendor table, then the top codes in an aligned table
/// with a bar chart and a sparkline timeline each, within 80 columns; the baseline comparison
/// and alerts when given. Colour only when asked for. Log-derived text is made visible.
std::string render_report_text(const Report& report, const ReportExtras& extras, ColorMode color);

}  // namespace errscope
