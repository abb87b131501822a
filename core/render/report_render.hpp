#pragma once

#include <string>

#include "report/report.hpp"
#include "report/report_json.hpp"
#include "util/ansi.hpp"

namespace errscope {

/// `report --format text`: totals, a per-vendor table, then the top codes in an aligned table
/// with a bar chart and a sparkline timeline each, within 80 columns; the baseline comparison
/// and alerts when given. Colour only when asked for. Log-derived text is made visible.
std::string render_report_text(const Report& report, const ReportExtras& extras, ColorMode color);

/// `report --format markdown`: the same content as tables ready to paste into a postmortem or a
/// ticket (GitHub-flavoured Markdown; `|` and other Markdown in log-derived text escaped).
std::string render_report_markdown(const Report& report, const ReportExtras& extras);

/// The two shapes of `report --format csv`.
enum class CsvShape {
  codes,    ///< a row per code: vendor, code, known, outcome, count, first_seen, last_seen, message
  timeline  ///< long form, a row per code and bucket: vendor, code, bucket_start, count
};

/// `report --format csv` (RFC 4180 quoting, a header row).
std::string render_report_csv(const Report& report, const ReportExtras& extras, CsvShape shape);

/// `report --format html`: one self-contained page (inline CSS and SVG, no script or network):
/// totals, the overall timeline stacked by vendor, top codes as bars, a timeline per code, the
/// baseline comparison and alerts. Every log-derived string is HTML-escaped.
std::string render_report_html(const Report& report, const ReportExtras& extras);

}  // namespace errscope
