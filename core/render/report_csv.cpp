#include "render/report_csv.hpp"

#include <algorithm>
#include <map>
#include <string_view>
#include <utility>

#include "render/report_view.hpp"
#include "time/civil.hpp"
#include "util/json_writer.hpp"
#include "util/utf8.hpp"

namespace errscope {

namespace {

// A plain decimal number (`-1`, `+5`, `2.5`), which spreadsheets read as a value, not a formula.
bool is_plain_number(std::string_view text) {
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) text.remove_prefix(1);
  const std::size_t dot = text.find('.');
  const auto digits = [](std::string_view part) {
    return !part.empty() &&
           std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  return dot == std::string_view::npos
             ? digits(text)
             : digits(text.substr(0, dot)) && digits(text.substr(dot + 1));
}

// Appends one field: a leading `'` where a spreadsheet would run it as a formula, then RFC 4180
// quoting where it holds a comma, quote, CR or LF.
void field(std::string& out, std::string_view text, bool last = false) {
  std::string value;
  if (!text.empty() && std::string_view("=+-@\t\r").find(text[0]) != std::string_view::npos &&
      !is_plain_number(text)) {
    value += '\'';
  }
  value += text;
  if (value.find_first_of(",\"\r\n") == std::string::npos) {
    out += value;
  } else {
    out += '"';
    for (const char c : value) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  out += last ? '\n' : ',';
}

// Log text for a cell: control characters and invalid bytes made visible (`\x1b`), as in the
// text report, so that a CSV shown in a terminal runs nothing.
std::string visible_text(std::string_view text) {
  std::string out;
  append_visible(out, text);
  return out;
}

// What the baseline says of each code: its count then and how it changed.
using Changes =
    std::map<std::pair<std::string, std::string>, std::pair<std::uint64_t, std::string_view>>;

Changes index_changes(const ReportView& view) {
  Changes changes;
  for (const auto& [kind, change] : view.baseline_rows()) {
    if (kind != ChangeKind::gone) {
      changes[{change->vendor, change->code}] = {change->baseline_count, to_string(kind)};
    }
  }
  return changes;
}

// A code's counts per source as one cell, whole: a compact JSON array of [source, count] pairs,
// highest first (a source name may hold any character, so no separator would do).
std::string sources_cell(const ReportView& view, const CodeStats& code) {
  std::string out;
  JsonWriter json(out);
  json.begin_array();
  for (const auto& [source, count] : view.sources_of(code, 0)) {
    json.begin_array();
    json.string(source->name);
    json.number(static_cast<std::int64_t>(std::min<std::uint64_t>(count, INT64_MAX)));
    json.end_array();
  }
  json.end_array();
  return out;
}

std::string render_codes(const ReportView& view) {
  const BaselineDiff* diff = view.baseline();
  std::string out =
      "vendor,code,known,outcome,count,first_seen,last_seen,message,hint,example_source,"
      "example_file,example_line,example_time,example_text,sources";
  out += diff != nullptr ? ",baseline_count,change\n" : "\n";
  const Changes changes = index_changes(view);
  for (const CodeStats* code : view.shown()) {
    field(out, code->vendor);
    field(out, code->code);
    field(out, code->known ? "true" : "false");
    field(out, to_string(code->outcome));
    field(out, std::to_string(code->count));
    field(out, time_text(code->first_seen, ""));
    field(out, time_text(code->last_seen, ""));
    field(out, code->message);
    field(out, code->hint);
    const std::optional<CodeExample>& example = code->example;
    field(out, example ? std::string_view(example->source) : "");
    field(out, example ? std::string_view(example->file) : "");
    field(out, example ? std::to_string(example->line) : "");
    field(out, example ? time_text(example->time, "") : "");
    field(out, example ? visible_text(example->text) : "");
    field(out, sources_cell(view, *code), diff == nullptr);
    if (diff != nullptr) {
      const auto found = changes.find({code->vendor, code->code});
      field(out, std::to_string(found == changes.end() ? code->count : found->second.first));
      field(out, found == changes.end() ? "same" : found->second.second, true);
    }
  }
  // Codes the baseline had and this report has not: count 0, nothing known of them here.
  for (const auto& [kind, gone] : view.baseline_rows()) {
    if (kind != ChangeKind::gone) continue;
    field(out, gone->vendor);
    field(out, gone->code);
    out += ",,0,,,,,,,,,,,";
    field(out, std::to_string(gone->baseline_count));
    field(out, "gone", true);
  }
  return out;
}

std::string render_timeline(const ReportView& view) {
  std::string out = "vendor,code,bucket_start,count\n";
  for (const CodeStats* code : view.shown()) {
    for (const auto& [start, count] : view.dense(*code)) {
      field(out, code->vendor);
      field(out, code->code);
      field(out, format_wall_time(start));
      field(out, std::to_string(count), true);
    }
  }
  return out;
}

}  // namespace

std::string render_report_csv(const Report& report, const ReportExtras& extras, CsvShape shape) {
  const ReportView view(report, extras);
  return shape == CsvShape::timeline ? render_timeline(view) : render_codes(view);
}

}  // namespace errscope
