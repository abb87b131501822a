#include "render/explain_render.hpp"

#include "util/json_writer.hpp"
#include "util/utf8.hpp"

namespace errscope {

namespace {

void append_field(std::string& out, ColorMode color, std::string_view label,
                  std::string_view text) {
  if (text.empty()) return;
  out += "  ";
  append_styled(out, color, "2", label);
  out.append(label.size() < 9 ? 9 - label.size() : 1, ' ');
  append_visible(out, text);
  out += '\n';
}

}  // namespace

std::string render_explain_text(const std::vector<ExplainResult>& results, ColorMode color) {
  std::string out;
  for (const auto& result : results) {
    for (const auto& hit : result.hits) {
      const CodeEntry& entry = *hit.entry;
      if (!out.empty()) out += '\n';
      std::string code;
      append_visible(code, entry.code);
      append_styled(out, color, "1", code);
      out += "  ";
      append_visible(out, hit.vendor->id);
      out += " (";
      append_visible(out, hit.vendor->name);
      out += ")  ";
      append_styled(out, color, entry.outcome == Outcome::success ? "32" : "31",
                    to_string(entry.outcome));
      out += '\n';
      append_field(out, color, "message", entry.message);
      for (const auto& text : entry.alt_messages) append_field(out, color, "also", text);
      append_field(out, color, "reason", entry.reason);
      append_field(out, color, "hint", entry.hint);
      if (!result.query.param.empty()) {
        std::string param = result.query.param;
        if (!entry.param.empty()) param += "  (" + entry.param + ")";
        append_field(out, color, "param", param);
      }
      append_field(out, color, "note", entry.note);
    }
  }
  return out;
}

std::string render_explain_json(const std::vector<ExplainResult>& results) {
  std::string out;
  JsonWriter json(out);
  json.begin_array();
  for (const auto& result : results) {
    const auto common = [&json, &result]() {
      json.key("query");
      json.string(result.query.text);
    };
    if (result.hits.empty()) {
      json.begin_object();
      common();
      json.key("vendor");
      json.null();
      json.key("vendor_name");
      json.null();
      json.key("code");
      json.string(result.query.code);
      json.key("known");
      json.boolean(false);
      for (const char* key : {"outcome", "message"}) {
        json.key(key);
        json.null();
      }
      json.key("messages");
      json.begin_array();
      json.end_array();
      for (const char* key : {"reason", "hint"}) {
        json.key(key);
        json.null();
      }
      json.key("param");
      json.string_or_null(result.query.param);
      json.key("param_name");
      json.null();
      json.key("note");
      json.null();
      json.end_object();
      continue;
    }
    for (const auto& hit : result.hits) {
      const CodeEntry& entry = *hit.entry;
      json.begin_object();
      common();
      json.key("vendor");
      json.string(hit.vendor->id);
      json.key("vendor_name");
      json.string(hit.vendor->name);
      json.key("code");
      json.string(entry.code);
      json.key("known");
      json.boolean(true);
      json.key("outcome");
      json.string(to_string(entry.outcome));
      json.key("message");
      json.string(entry.message);
      json.key("messages");
      json.begin_array();
      json.string(entry.message);
      for (const auto& text : entry.alt_messages) json.string(text);
      json.end_array();
      json.key("reason");
      json.string_or_null(entry.reason);
      json.key("hint");
      json.string(entry.hint);
      json.key("param");
      json.string_or_null(result.query.param);
      json.key("param_name");
      json.string_or_null(entry.param);
      json.key("note");
      json.string_or_null(entry.note);
      json.end_object();
    }
  }
  json.end_array();
  out += '\n';
  return out;
}

}  // namespace errscope
