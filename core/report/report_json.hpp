#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "report/report.hpp"
#include "util/result.hpp"

namespace errscope {

/// The schema id of a JSON report (render_report_json in render/report_json.hpp writes it).
inline constexpr std::string_view k_report_schema = "errscope.report/1";

/// The most codes a report may list: errscope writes at most each vendor's table and
/// Report::k_unknown_code_cap unknown codes per vendor.
inline constexpr std::size_t k_max_report_codes = 100'000;

/// Reads an errscope.report/1 JSON document back (for merge and --baseline). `origin` names it
/// in diagnostics.
Result<Report> parse_report_json(std::string_view origin, std::string_view json);

}  // namespace errscope
