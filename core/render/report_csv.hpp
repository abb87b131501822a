#pragma once

#include <string>

#include "report/report.hpp"
#include "report/report_extras.hpp"

namespace errscope {

/// The two shapes of `report --format csv`.
enum class CsvShape {
  codes,    ///< a row per code: vendor, code, known, outcome, count, first_seen, last_seen, message
  timeline  ///< long form, a row per code and bucket: vendor, code, bucket_start, count
};

/// `report --format csv` (RFC 4180 quoting, a header row).
std::string render_report_csv(const Report& report, const ReportExtras& extras, CsvShape shape);

}  // namespace errscope
