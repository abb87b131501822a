#pragma once

#include <string>
#include <vector>

#include "explain/explain.hpp"
#include "util/ansi.hpp"

namespace errscope {

/// Renders explain results as text: per hit the code, vendor, outcome, then message, other
/// texts, reason, hint and parameter on indented lines. Codes no table has are left out (the
/// CLI reports them on stderr). Catalog text is shown with control characters made visible.
std::string render_explain_text(const std::vector<ExplainResult>& results, ColorMode color);

/// Renders explain results as one JSON array: an object per hit, and one with `known: false`
/// for each code no table has. Fields: query, vendor, vendor_name, code, known, outcome,
/// message, messages, reason, hint, param, param_name, note.
std::string render_explain_json(const std::vector<ExplainResult>& results);

}  // namespace errscope
