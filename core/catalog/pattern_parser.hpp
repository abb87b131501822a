#pragma once

#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "util/result.hpp"

namespace errscope {

/// Parses one pattern file's JSON into a VendorSpec and checks its shape (catalog/pattern_schema):
/// JSON syntax, required fields and their types, the vendor id, duplicate codes. `origin` names the
/// file in diagnostics. Unknown keys are not errors: a warning naming the valid keys goes to
/// `warnings`. Regexes are not compiled here (see PatternLoader).
Result<VendorSpec> parse_pattern_file(std::string_view origin, std::string_view json_text,
                                      std::vector<Diagnostic>& warnings);

}  // namespace errscope
