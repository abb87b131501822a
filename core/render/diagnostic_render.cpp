#include "render/diagnostic_render.hpp"

#include "util/utf8.hpp"

namespace errscope {

std::string format_diagnostic(const Diagnostic& diagnostic, Severity severity) {
  std::string out;
  const SourcePosition& where = diagnostic.where;
  if (!where.file.empty()) {
    append_visible(out, where.file);
    if (where.line > 0) {
      out += ':';
      out += std::to_string(where.line);
      out += ':';
      out += std::to_string(where.column);
    }
    out += ": ";
  }
  out += severity == Severity::error ? "error: " : "warning: ";
  append_visible(out, diagnostic.reason);
  if (!where.json_path.empty()) {
    out += " [at ";
    append_visible(out, where.json_path);
    out += "]";
  }
  out += '\n';
  if (!diagnostic.fix.empty()) {
    out += "  fix: ";
    append_visible(out, diagnostic.fix);
    out += '\n';
  }
  return out;
}

void write_diagnostic_json(JsonWriter& json, const Diagnostic& diagnostic) {
  json.begin_object();
  json.str("file", diagnostic.where.file);
  json.num("line", diagnostic.where.line);
  json.num("column", diagnostic.where.column);
  json.str("path", diagnostic.where.json_path);
  json.str("reason", diagnostic.reason);
  json.str("fix", diagnostic.fix);
  json.end_object();
}

}  // namespace errscope
