#include "render/report_json.hpp"

#include "render/numbers.hpp"
#include "render/report_view.hpp"
#include "report/report_json.hpp"
#include "time/civil.hpp"
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

// What a change list shows beyond vendor, code and counts.
enum class ChangeFields { counts, outcome, ratio };

void write_changes(JsonWriter& json, const std::vector<CodeChange>& changes, ChangeFields fields) {
  json.begin_array();
  for (const auto& change : changes) {
    json.begin_object();
    json.str("vendor", change.vendor);
    json.str("code", change.code);
    json.num("count", change.count);
    json.num("baseline_count", change.baseline_count);
    if (fields == ChangeFields::outcome) {
      // Last, so readers of earlier reports find what they knew where it was; --fail-on-new
      // alerts only on the new codes whose outcome is error.
      json.str("outcome", to_string(change.outcome));
    } else if (fields == ChangeFields::ratio) {
      json.key("ratio");
      json.raw(format_ratio(change.ratio()));
    }
    json.end_object();
  }
  json.end_array();
}

void write_example(JsonWriter& json, const std::optional<CodeExample>& example) {
  json.key("example");
  if (!example) {
    json.null();
    return;
  }
  json.begin_object();
  json.str("source", example->source);
  json.str("file", example->file);
  json.num("line", example->line);
  json.key("time");
  write_time_or_null(json, example->time);
  json.str("text", example->text);
  json.flag("cut", example->cut);
  json.end_object();
}

// A code's counts per source, highest first (all of them: JSON carries them whole).
void write_code_sources(JsonWriter& json, const ReportView& view, const CodeStats& code) {
  json.key("sources");
  json.begin_array();
  for (const auto& [source, count] : view.sources_of(code, 0)) {
    json.begin_object();
    json.str("source", source->name);
    json.num("count", count);
    json.end_object();
  }
  json.end_array();
}

void write_sources_and_inputs(JsonWriter& json, const Report& report) {
  json.key("sources");
  json.begin_array();
  for (const SourceStats& source : report.sources()) {
    json.begin_object();
    json.str("source", source.name);
    json.num("lines", source.lines);
    json.num("matched_lines", source.matched_lines);
    json.num("matches", source.matches);
    json.num("errors", source.errors);
    json.end_object();
  }
  json.end_array();
  json.key("inputs");
  json.begin_array();
  for (const InputStats& input : report.inputs()) {
    json.begin_object();
    json.str("source", input.source);
    json.str("file", input.file);
    json.num("bytes", input.bytes);
    json.num("lines", input.lines);
    json.end_object();
  }
  json.end_array();
}

}  // namespace

std::string render_report_json(const Report& report, const ReportExtras& extras) {
  const ReportView view(report, extras);
  std::string out;
  JsonWriter json(out);
  json.begin_object();
  json.str("schema", k_report_schema);
  if (const Provenance& made = extras.provenance; !made.generator.empty()) {
    json.str("generator", made.generator);
    json.key("generated");
    if (made.generated) {
      json.string(format_utc_time(*made.generated));
    } else {
      json.null();
    }
  }
  json.str("id", report_id(report));
  if (report.interrupted()) {  // only then, so complete reports stay as they were
    json.flag("interrupted", true);
  }
  if (report.cut()) json.flag("cut", true);  // a window cut from merged reports (see cut_to)
  if (const auto& shards = report.shards()) {  // only for shards of a job (report --shard)
    json.key("shards");
    json.begin_object();
    json.num("of", shards->of());
    json.key("have");
    json.begin_array();
    for (const auto& [first, last] : shards->ranges()) {
      json.begin_array();
      json.number(static_cast<std::int64_t>(first));
      json.number(static_cast<std::int64_t>(last));
      json.end_array();
    }
    json.end_array();
    json.end_object();
  }
  if (!report.skipped_binary().empty()) {  // only then, as "interrupted"
    json.key("skipped");
    json.begin_array();
    for (const std::string& input : report.skipped_binary()) {
      json.begin_object();
      json.str("file", input);
      json.str("reason", "binary");
      json.end_object();
    }
    json.end_array();
  }
  json.num("lines", report.lines());
  json.num("matched_lines", report.matched_lines());
  json.num("matches", report.matches());
  json.num("errors", report.errors());
  json.key("time");
  json.begin_object();
  json.key("first");
  write_time_or_null(json, report.first());
  json.key("last");
  write_time_or_null(json, report.last());
  json.str("bucket", bucket_name(report.bucket_ms()));
  json.str("bucket_mode", report.bucket_mode() == BucketMode::automatic ? "auto" : "fixed");
  if (report.out_of_range() > 0) {  // only then, so reports without such lines stay as they were
    json.num("out_of_range", report.out_of_range());
  }
  json.end_object();
  json.key("vendors");
  json.begin_array();
  for (const auto& [vendor, stats] : report.vendors()) {
    json.begin_object();
    json.str("vendor", vendor);
    json.num("matched_lines", stats.matched_lines);
    json.num("matches", stats.matches);
    json.num("errors", stats.errors);
    json.end_object();
  }
  json.end_array();
  write_sources_and_inputs(json, report);
  json.key("codes");
  json.begin_array();
  for (const CodeStats* shown : view.shown()) {
    const CodeStats& code = *shown;
    json.begin_object();
    json.str("vendor", code.vendor);
    json.str("code", code.code);
    json.flag("known", code.known);
    json.str("outcome", to_string(code.outcome));
    json.str_or_null("message", code.message);
    json.str_or_null("hint", code.hint);
    json.num("count", code.count);
    json.key("first_seen");
    write_time_or_null(json, code.first_seen);
    json.key("last_seen");
    write_time_or_null(json, code.last_seen);
    json.key("timeline");
    json.begin_array();
    for (const auto& [start, count] : view.dense(code)) {
      json.begin_array();
      json.string(format_wall_time(start));
      write_count(json, count);
      json.end_array();
    }
    json.end_array();
    write_code_sources(json, view, code);
    write_example(json, code.example);
    json.end_object();
  }
  json.end_array();
  if (const BaselineDiff* diff = view.baseline(); diff != nullptr) {
    json.key("baseline");
    json.begin_object();
    json.str("file", diff->file);
    json.key("new");
    write_changes(json, diff->new_codes, ChangeFields::outcome);
    json.key("gone");
    write_changes(json, diff->gone_codes, ChangeFields::counts);
    json.key("changed");
    write_changes(json, diff->changed_codes, ChangeFields::ratio);
    json.end_object();
  }
  json.key("alerts");
  json.begin_array();
  for (const auto& alert : view.alerts()) json.string(alert);
  json.end_array();
  json.end_object();
  out += '\n';
  return out;
}

}  // namespace errscope
