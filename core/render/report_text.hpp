#pragma once

#include <cstddef>
#include <string>

#include "report/report.hpp"
#include "report/report_extras.hpp"
#include "util/ansi.hpp"

namespace errscope {

/// Whether the text report lists each code's example line (`--examples`).
enum class ExampleLines { hidden, shown };

/// How wide the text report may be and whether it is coloured (cmd/ finds both for stdout).
struct TextLayout {
  /// The terminal's width in cells: below 60 it is laid out as 60; past the bars' and the
  /// timeline's widest the extra width goes to the message.
  std::size_t columns = 80;
  ColorMode color = ColorMode::plain;
  ExampleLines examples = ExampleLines::hidden;
};

/// `report --format text`: totals, a per-vendor table, the top codes in an aligned table (COUNT,
/// OUTCOME, VENDOR, CODE, a count bar, a sparkline TIMELINE when the lines had times, MESSAGE in
/// the rest of the width), when each was first and last seen (and its top sources when the counts
/// split by source), the hints of the top error codes, each code's example line when asked, the
/// sources table, then the baseline comparison and alerts when given, and who made the report. OUTCOME is `error` or `success` for a code
/// in its vendor's table, `unknown` for one that is not (counted as an error). No line is wider
/// than the layout's columns (East Asian wide characters count two); log-derived text is made
/// visible and cut with an ellipsis only when it does not fit.
std::string render_report_text(const Report& report, const ReportExtras& extras,
                               const TextLayout& layout);

}  // namespace errscope
