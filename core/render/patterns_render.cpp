#include "render/patterns_render.hpp"

#include <algorithm>

#include "catalog/pattern_schema.hpp"
#include "render/diagnostic_render.hpp"
#include "util/json_writer.hpp"
#include "util/utf8.hpp"

namespace errscope {

namespace {

std::size_t success_count(const VendorSpec& vendor) {
  return static_cast<std::size_t>(
      std::count_if(vendor.codes.begin(), vendor.codes.end(),
                    [](const CodeEntry& e) { return e.outcome == Outcome::success; }));
}

// "1 code", "2 codes".
std::string count_of(std::size_t count, std::string_view noun) {
  std::string out = std::to_string(count);
  out += ' ';
  out += noun;
  if (count != 1) out += noun.ends_with('x') ? "es" : "s";
  return out;
}

std::string_view to_string(UnknownCodes mode) {
  return mode == UnknownCodes::report ? "report" : "ignore";
}

// How a file came to be loaded, as `patterns list --format json` names it.
std::string_view place_id(PatternPlace place) {
  switch (place) {
    case PatternPlace::builtin:
      return "builtin";
    case PatternPlace::system_folder:
      return "system_folder";
    case PatternPlace::user_folder:
      return "user_folder";
    case PatternPlace::command_line:
      return "patterns_option";
  }
  return "builtin";
}

// The same for people, after the file's path; empty for a built-in, whose origin says it.
std::string_view place_note(PatternPlace place) {
  switch (place) {
    case PatternPlace::builtin:
      return "";
    case PatternPlace::system_folder:
      return " (system folder)";
    case PatternPlace::user_folder:
      return " (user folder)";
    case PatternPlace::command_line:
      return " (--patterns)";
  }
  return "";
}

void pad_to(std::string& out, std::string_view text, std::size_t width) {
  append_visible(out, text);
  const std::size_t used = display_width(text);
  out.append(used < width ? width - used : 1, ' ');
}

}  // namespace

std::string render_vendor_list_text(const Catalog& catalog, ColorMode color,
                                    std::string_view config_file) {
  std::size_t id_width = 6;
  for (const auto& vendor : catalog.vendors())
    id_width = std::max(id_width, display_width(vendor.id) + 2);
  std::string out;
  append_styled(out, color, "1", "VENDOR");
  out.append(id_width - 6, ' ');
  append_styled(out, color, "1", "CODES  NAME / ORIGIN / SOURCE");
  out += '\n';
  for (const auto& vendor : catalog.vendors()) {
    std::string id;
    pad_to(id, vendor.id, id_width);
    append_styled(out, color, "1", id);
    std::string count = std::to_string(vendor.codes.size());
    out.append(count.size() < 5 ? 5 - count.size() : 0, ' ');
    out += count;
    out += "  ";
    append_visible(out, vendor.name);
    out += '\n';
    const std::string indent(id_width + 7, ' ');
    out += indent;
    out += "origin: ";
    append_visible(out, vendor.origin);
    out += place_note(vendor.place);
    out += "; " + count_of(success_count(vendor), "success code") + "; unknown codes " +
           (vendor.unknown_codes == UnknownCodes::report ? "reported" : "ignored") + '\n';
    out += indent;
    out += "source: ";
    append_visible(out, vendor.source);
    out += '\n';
  }
  out += "config file: ";
  append_visible(out, config_file);
  out += '\n';
  return out;
}

std::string render_vendor_list_json(const Catalog& catalog) {
  std::string out;
  JsonWriter json(out);
  json.begin_array();
  for (const auto& vendor : catalog.vendors()) {
    json.begin_object();
    json.str("vendor", vendor.id);
    json.str("name", vendor.name);
    json.num("codes", vendor.codes.size());
    json.num("success_codes", success_count(vendor));
    json.num("regexes", vendor.regexes.size());
    json.num("samples", vendor.samples.size());
    json.str("unknown_codes", to_string(vendor.unknown_codes));
    json.str("source", vendor.source);
    json.str("origin", vendor.origin);
    json.str("loaded_from", place_id(vendor.place));
    json.end_object();
  }
  json.end_array();
  out += '\n';
  return out;
}

std::string render_vendor_text(const VendorSpec& vendor, ColorMode color) {
  std::string out;
  std::string title;
  append_visible(title, vendor.id);
  title += " \xE2\x80\x94 ";
  append_visible(title, vendor.name);
  append_styled(out, color, "1", title);
  out += "\nsource:  ";
  append_visible(out, vendor.source);
  out += "\norigin:  ";
  append_visible(out, vendor.origin);
  out += "\ncodes:   " + std::to_string(vendor.codes.size()) + " (" +
         std::to_string(success_count(vendor)) + " success); codes missing from the table are " +
         (vendor.unknown_codes == UnknownCodes::report ? "reported as unknown" : "ignored") + "\n";
  for (const auto& regex : vendor.regexes) {
    out += "regex:   ";
    append_visible(out, regex.name);
    out += "  ";
    append_visible(out, regex.pattern);
    out += '\n';
  }
  for (const auto& regex : vendor.excludes) {
    out += "exclude: ";
    append_visible(out, regex.pattern);
    out += '\n';
  }
  std::size_t code_width = 4;
  for (const auto& entry : vendor.codes)
    code_width = std::max(code_width, display_width(entry.code));
  code_width += 2;
  out += '\n';
  std::string header;
  pad_to(header, "CODE", code_width);
  header += "OUTCOME  MESSAGE";
  append_styled(out, color, "1", header);
  out += '\n';
  const std::string indent(code_width + 9, ' ');
  for (const auto& entry : vendor.codes) {
    pad_to(out, entry.code, code_width);
    append_styled(out, color, entry.outcome == Outcome::success ? "32" : "31",
                  to_string(entry.outcome));
    out.append(entry.outcome == Outcome::success ? 2 : 4, ' ');
    append_visible(out, entry.message);
    out += '\n';
    const auto sub = [&](std::string_view label, std::string_view text) {
      if (text.empty()) return;
      out += indent;
      append_styled(out, color, "2", label);
      out += ' ';
      append_visible(out, text);
      out += '\n';
    };
    for (const auto& text : entry.alt_messages) sub("also:", text);
    sub("reason:", entry.reason);
    sub("hint:", entry.hint);
    if (!entry.param.empty()) sub("param:", entry.param);
    sub("note:", entry.note);
  }
  return out;
}

std::string render_vendor_json(const VendorSpec& vendor) {
  std::string out;
  JsonWriter json(out);
  write_pattern_file(json, vendor);
  out += '\n';
  return out;
}

std::string render_check_text(const CheckReport& report) {
  std::string out;
  append_visible(out, report.file);
  if (report.vendor == nullptr) {
    out += ": refused\n";
    return out;
  }
  const VendorSpec& vendor = *report.vendor;
  out += ": ok: vendor ";
  append_visible(out, vendor.id);
  out += " (";
  append_visible(out, vendor.name);
  out += "), " + count_of(vendor.codes.size(), "code") + ", " +
         count_of(vendor.regexes.size(), "regex") + " compiled, " +
         count_of(vendor.samples.size(), "sample") + " checked";
  if (!report.warnings.empty()) out += ", " + count_of(report.warnings.size(), "warning");
  out += '\n';
  return out;
}

std::string render_check_json(const CheckReport& report) {
  std::string out;
  JsonWriter json(out);
  json.begin_object();
  json.str("file", report.file);
  json.flag("ok", report.vendor != nullptr);
  if (report.vendor != nullptr) {
    json.str("vendor", report.vendor->id);
    json.num("codes", report.vendor->codes.size());
    json.num("regexes", report.vendor->regexes.size());
    json.num("samples", report.vendor->samples.size());
  } else {
    for (const char* key : {"vendor", "codes", "regexes", "samples"}) json.null(key);
  }
  json.key("warnings");
  json.begin_array();
  for (const auto& warning : report.warnings) write_diagnostic_json(json, warning);
  json.end_array();
  json.key("error");
  if (report.error != nullptr) {
    write_diagnostic_json(json, *report.error);
  } else {
    json.null();
  }
  json.end_object();
  out += '\n';
  return out;
}

}  // namespace errscope
