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

/// Splits a stream of concatenated JSON documents (reports piped to `merge -`) into one view
/// per document. A stream cut in the middle of a document, or one that is not JSON, is an error
/// naming `origin` and where.
Result<std::vector<std::string_view>> split_json_documents(std::string_view origin,
                                                           std::string_view text);

}  // namespace errscope
