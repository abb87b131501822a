#pragma once

#include <string>

#include "util/json_writer.hpp"
#include "util/result.hpp"

namespace errscope {

/// How serious a diagnostic is.
enum class Severity { error, warning };

/// Renders a diagnostic as the one message the CLI prints on stderr, e.g.
/// `my.json:12:17: error: RE2 rejects the regex: ... [at /regexes/0/regex]` and a `fix:` line.
std::string format_diagnostic(const Diagnostic& diagnostic, Severity severity);

/// Writes the diagnostic as a JSON object {file, line, column, path, reason, fix}.
void write_diagnostic_json(JsonWriter& json, const Diagnostic& diagnostic);

}  // namespace errscope
