#include "report/report_json.hpp"

#include <simdjson.h>

#include <cmath>
#include <cstdio>

#include "report/count.hpp"
#include "util/json_writer.hpp"

namespace errscope {

namespace {

// A count as JSON: unsigned, so the largest (saturated) count stays 18446744073709551615.
void write_count(JsonWriter& json, std::uint64_t count) {
  json.raw(std::to_string(count));
}

void write_time_or_null(JsonWriter& json, const std::optional<WallMillis>& time) {
  if (time) {
    json.string(format_wall_time(*time));
  } else {
    json.null();
  }
}

void write_changes(JsonWriter& json, const std::vector<CodeChange>& changes, bool with_ratio) {
  json.begin_array();
  for (const auto& change : changes) {
    json.begin_object();
    json.key("vendor");
    json.string(change.vendor);
    json.key("code");
    json.string(change.code);
    json.key("count");
    write_count(json, change.count);
    json.key("baseline_count");
    write_count(json, change.baseline_count);
    if (with_ratio) {
      json.key("ratio");
      json.raw(format_ratio(change.ratio()));
    }
    json.end_object();
  }
  json.end_array();
}

}  // namespace

std::string render_report_json(const Report& report, const ReportExtras& extras) {
  std::string out;
  JsonWriter json(out);
  json.begin_object();
  json.key("schema");
  json.string(k_report_schema);
  json.key("lines");
  write_count(json, report.lines());
  json.key("matched_lines");
  write_count(json, report.matched_lines());
  json.key("matches");
  write_count(json, report.matches());
  json.key("errors");
  write_count(json, report.errors());
  json.key("time");
  json.begin_object();
  json.key("first");
  write_time_or_null(json, report.first());
  json.key("last");
  write_time_or_null(json, report.last());
  json.key("bucket");
  json.string(bucket_name(report.bucket_ms()));
  json.key("bucket_mode");
  json.string(report.bucket_mode() == BucketMode::automatic ? "auto" : "fixed");
  if (report.out_of_range() > 0) {  // only then, so reports without such lines stay as they were
    json.key("out_of_range");
    write_count(json, report.out_of_range());
  }
  json.end_object();
  json.key("vendors");
  json.begin_array();
  for (const auto& [vendor, stats] : report.vendors()) {
    json.begin_object();
    json.key("vendor");
    json.string(vendor);
    json.key("matched_lines");
    write_count(json, stats.matched_lines);
    json.key("matches");
    write_count(json, stats.matches);
    json.key("errors");
    write_count(json, stats.errors);
    json.end_object();
  }
  json.end_array();
  json.key("codes");
  json.begin_array();
  const auto codes = report.codes_by_count();
  const std::size_t shown = extras.top == 0 ? codes.size() : std::min(extras.top, codes.size());
  for (std::size_t i = 0; i < shown; ++i) {
    const CodeStats& code = *codes[i];
    json.begin_object();
    json.key("vendor");
    json.string(code.vendor);
    json.key("code");
    json.string(code.code);
    json.key("known");
    json.boolean(code.known);
    json.key("outcome");
    json.string(to_string(code.outcome));
    json.key("message");
    json.string_or_null(code.message);
    json.key("count");
    write_count(json, code.count);
    json.key("first_seen");
    write_time_or_null(json, code.first_seen);
    json.key("last_seen");
    write_time_or_null(json, code.last_seen);
    json.key("timeline");
    json.begin_array();
    if (report.first() && report.last()) {
      for (const auto& [start, count] : code.timeline.dense(*report.first(), *report.last())) {
        json.begin_array();
        json.string(format_wall_time(start));
        write_count(json, count);
        json.end_array();
      }
    }
    json.end_array();
    json.end_object();
  }
  json.end_array();
  if (extras.baseline != nullptr) {
    json.key("baseline");
    json.begin_object();
    json.key("file");
    json.string(extras.baseline->file);
    json.key("new");
    write_changes(json, extras.baseline->new_codes, false);
    json.key("gone");
    write_changes(json, extras.baseline->gone_codes, false);
    json.key("changed");
    write_changes(json, extras.baseline->changed_codes, true);
    json.end_object();
  }
  json.key("alerts");
  json.begin_array();
  for (const auto& alert : extras.alerts) json.string(alert);
  json.end_array();
  json.end_object();
  out += '\n';
  return out;
}

namespace {

namespace dom = simdjson::dom;

class ReportReader {
 public:
  explicit ReportReader(std::string_view origin) : m_origin(origin) {}

  Diagnostic error(std::string path, std::string reason) const {
    return Diagnostic{SourcePosition{std::string(m_origin), 0, 0, std::move(path)},
                      std::move(reason),
                      "give a report written by `errscope report --format json`"};
  }

  Result<std::uint64_t> count(dom::object object, std::string_view key,
                              const std::string& path) const {
    std::uint64_t value = 0;
    if (object[key].get_uint64().get(value) != simdjson::SUCCESS) {
      return error(path + "/" + std::string(key), "expected a count (a whole number)");
    }
    return value;
  }

  Result<std::optional<WallMillis>> time(dom::element element, const std::string& path) const {
    if (element.is_null()) return std::optional<WallMillis>();
    std::string_view text;
    if (element.get_string().get(text) != simdjson::SUCCESS)
      return error(path, "expected a time or null");
    const auto value = parse_iso_time(text);
    if (!value) return error(path, "not a time: \"" + std::string(text) + "\"");
    return std::optional<WallMillis>(value->wall);
  }

 private:
  std::string_view m_origin;
};

}  // namespace

Result<Report> parse_report_json(std::string_view origin, std::string_view json) {
  const ReportReader reader(origin);
  dom::parser parser;
  dom::element root;
  const simdjson::padded_string padded(json);
  if (auto error = parser.parse(padded).get(root)) {
    return reader.error("", std::string("invalid JSON: ") + simdjson::error_message(error));
  }
  dom::object object;
  std::string_view schema;
  if (root.get_object().get(object) != simdjson::SUCCESS ||
      object["schema"].get_string().get(schema) != simdjson::SUCCESS || schema != k_report_schema) {
    return reader.error("/schema", "not an " + std::string(k_report_schema) + " report");
  }
  dom::object time;
  std::string_view bucket_text, mode_text;
  if (object["time"].get_object().get(time) != simdjson::SUCCESS ||
      time["bucket"].get_string().get(bucket_text) != simdjson::SUCCESS) {
    return reader.error("/time", "missing time.bucket");
  }
  const auto bucket = parse_bucket(bucket_text);
  if (!bucket)
    return reader.error("/time/bucket", "unknown bucket \"" + std::string(bucket_text) + "\"");
  const BucketMode mode =
      time["bucket_mode"].get_string().get(mode_text) == simdjson::SUCCESS && mode_text == "fixed"
          ? BucketMode::fixed
          : BucketMode::automatic;
  Report report(mode, *bucket);
  auto lines = reader.count(object, "lines", "");
  auto matched = reader.count(object, "matched_lines", "");
  auto matches = reader.count(object, "matches", "");
  auto errors = reader.count(object, "errors", "");
  for (const auto* part : {&lines, &matched, &matches, &errors}) {
    if (!part->ok()) return part->error();
  }
  dom::element first_element, last_element;
  if (time["first"].get(first_element) != simdjson::SUCCESS ||
      time["last"].get(last_element) != simdjson::SUCCESS) {
    return reader.error("/time", "missing time.first or time.last");
  }
  auto first = reader.time(first_element, "/time/first");
  auto last = reader.time(last_element, "/time/last");
  if (!first.ok()) return first.error();
  if (!last.ok()) return last.error();
  report.set_totals(*lines, *matched, *matches, *errors, *first, *last);
  std::uint64_t out_of_range = 0;
  if (time["out_of_range"].get_uint64().get(out_of_range) == simdjson::SUCCESS)
    report.set_out_of_range(out_of_range);

  dom::array vendors;
  if (object["vendors"].get_array().get(vendors) != simdjson::SUCCESS)
    return reader.error("/vendors", "expected an array");
  std::size_t index = 0;
  for (dom::element item : vendors) {
    const std::string path = "/vendors/" + std::to_string(index++);
    dom::object vendor;
    std::string_view id;
    if (item.get_object().get(vendor) != simdjson::SUCCESS ||
        vendor["vendor"].get_string().get(id) != simdjson::SUCCESS) {
      return reader.error(path, "expected {\"vendor\": ..., \"matches\": ..., \"errors\": ...}");
    }
    VendorStats stats;
    auto vendor_matches = reader.count(vendor, "matches", path);
    auto vendor_errors = reader.count(vendor, "errors", path);
    if (!vendor_matches.ok()) return vendor_matches.error();
    if (!vendor_errors.ok()) return vendor_errors.error();
    stats.matches = *vendor_matches;
    stats.errors = *vendor_errors;
    std::uint64_t vendor_lines = 0;
    if (vendor["matched_lines"].get_uint64().get(vendor_lines) == simdjson::SUCCESS)
      stats.matched_lines = vendor_lines;
    report.set_vendor(std::string(id), stats);
  }

  dom::array codes;
  if (object["codes"].get_array().get(codes) != simdjson::SUCCESS)
    return reader.error("/codes", "expected an array");
  index = 0;
  for (dom::element item : codes) {
    const std::string path = "/codes/" + std::to_string(index++);
    dom::object code;
    if (item.get_object().get(code) != simdjson::SUCCESS)
      return reader.error(path, "expected a code object");
    CodeStats stats;
    std::string_view vendor_id, code_text, outcome, message;
    bool known = false;
    if (code["vendor"].get_string().get(vendor_id) != simdjson::SUCCESS ||
        code["code"].get_string().get(code_text) != simdjson::SUCCESS ||
        code["known"].get_bool().get(known) != simdjson::SUCCESS ||
        code["outcome"].get_string().get(outcome) != simdjson::SUCCESS) {
      return reader.error(path, "expected vendor, code, known and outcome");
    }
    stats.vendor = std::string(vendor_id);
    stats.code = std::string(code_text);
    stats.known = known;
    stats.outcome = outcome == "success" ? Outcome::success : Outcome::error;
    if (code["message"].get_string().get(message) == simdjson::SUCCESS)
      stats.message = std::string(message);
    auto count = reader.count(code, "count", path);
    if (!count.ok()) return count.error();
    stats.count = *count;
    dom::element first_seen_element, last_seen_element;
    if (code["first_seen"].get(first_seen_element) != simdjson::SUCCESS ||
        code["last_seen"].get(last_seen_element) != simdjson::SUCCESS) {
      return reader.error(path, "missing first_seen or last_seen");
    }
    auto first_seen = reader.time(first_seen_element, path + "/first_seen");
    auto last_seen = reader.time(last_seen_element, path + "/last_seen");
    if (!first_seen.ok()) return first_seen.error();
    if (!last_seen.ok()) return last_seen.error();
    stats.first_seen = *first_seen;
    stats.last_seen = *last_seen;
    stats.timeline = Timeline(*bucket);
    dom::array timeline;
    if (code["timeline"].get_array().get(timeline) != simdjson::SUCCESS)
      return reader.error(path + "/timeline", "expected an array");
    for (dom::element point : timeline) {
      dom::array pair;
      std::string_view start_text;
      std::uint64_t n = 0;
      if (point.get_array().get(pair) != simdjson::SUCCESS ||
          pair.at(0).get_string().get(start_text) != simdjson::SUCCESS ||
          pair.at(1).get_uint64().get(n) != simdjson::SUCCESS) {
        return reader.error(path + "/timeline", "expected [time, count] pairs");
      }
      const auto start = parse_iso_time(start_text);
      if (!start)
        return reader.error(path + "/timeline", "not a time: \"" + std::string(start_text) + "\"");
      if (n > 0) stats.timeline.add(start->wall, n);
    }
    report.add_code(std::move(stats));
  }
  return report;
}

}  // namespace errscope
