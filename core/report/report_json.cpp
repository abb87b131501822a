#include "report/report_json.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <tuple>

#include "report/count.hpp"
#include "time/civil.hpp"
#include "time/time_input.hpp"
#include "util/count_text.hpp"
#include "util/text_position.hpp"

namespace errscope {

namespace {

namespace dom = simdjson::dom;

constexpr std::string_view k_fix_schema =
    "give a report written by `errscope report --format json`";
constexpr std::string_view k_fix_inconsistent =
    "the report was changed or damaged after errscope wrote it; write it again with `errscope "
    "report --format json` from the logs, or leave it out";

// A time with minute precision, for messages (2026-11-01T09:41).
std::string minutes(WallMillis time) {
  return format_wall_time(time).substr(0, 16);
}

// Where simdjson refused a number: the first whole number that does not fit in 64 bits (JSON
// allows it, simdjson does not), as its byte offset and text.
std::optional<std::pair<std::size_t, std::string_view>> find_huge_integer(std::string_view text) {
  constexpr std::string_view k_max = "18446744073709551615";
  constexpr std::string_view k_min_magnitude = "9223372036854775808";  // of the lowest int64
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\') ++i;
      }
      continue;
    }
    if (c != '-' && (c < '0' || c > '9')) continue;
    std::size_t end = i + 1;
    while (end < text.size() &&
           std::string_view("0123456789.eE+-").find(text[end]) != std::string_view::npos) {
      ++end;
    }
    const std::string_view token = text.substr(i, end - i);
    const std::string_view digits = token[0] == '-' ? token.substr(1) : token;
    const bool whole = digits.find_first_of(".eE+-") == std::string_view::npos;
    const bool negative = token[0] == '-';
    const std::string_view limit = negative ? k_min_magnitude : k_max;
    if (whole &&
        (digits.size() > limit.size() || (digits.size() == limit.size() && digits > limit))) {
      return std::pair{i, token};
    }
    i = end - 1;
  }
  return std::nullopt;
}

// Reads an errscope.report/1 document and checks that it is one errscope could have written:
// every count and time in its place, totals that hold their parts, timelines inside their span.
class ReportReader {
 public:
  explicit ReportReader(std::string_view origin) : m_origin(origin) {}

  Result<Report> read(std::string_view json);

 private:
  Diagnostic error(std::string path, std::string reason,
                   std::string_view fix = k_fix_schema) const {
    return Diagnostic{SourcePosition{std::string(m_origin), 0, 0, std::move(path)},
                      std::move(reason), std::string(fix)};
  }
  Diagnostic inconsistent(std::string path, std::string reason) const {
    return error(std::move(path), std::move(reason), k_fix_inconsistent);
  }

  Result<std::uint64_t> count(dom::object object, std::string_view key,
                              const std::string& path) const;
  /// A count that may be missing (0 then).
  Result<std::uint64_t> optional_count(dom::object object, std::string_view key,
                                       const std::string& path) const;
  Result<std::optional<WallMillis>> time_of(dom::object object, std::string_view key,
                                            const std::string& path) const;
  Status read_time(dom::object span);
  Status read_sources(dom::object object);
  Status read_code_sources(dom::object code, const std::string& path, CodeStats& stats) const;
  Status read_example(dom::object code, const std::string& path, CodeStats& stats) const;
  Status check_totals() const;
  Status read_shards(dom::element shards);
  Status read_vendors(dom::array vendors);
  Status read_code(dom::element item, const std::string& path);
  Status read_timeline(dom::array timeline, const std::string& path, CodeStats& stats) const;
  /// How a time is outside the report's span ("outside the report's time span …"); nothing when
  /// it is inside.
  std::optional<std::string> outside_span(WallMillis time) const;

  std::string_view m_origin;
  std::int64_t m_bucket_ms = k_bucket_sizes[0];
  BucketMode m_mode = BucketMode::automatic;
  std::uint64_t m_lines = 0, m_matched_lines = 0, m_matches = 0, m_errors = 0;
  std::uint64_t m_out_of_range = 0;
  std::optional<WallMillis> m_first, m_last;
  std::map<std::string, std::pair<VendorStats, std::string>, std::less<>> m_vendors;  ///< and path
  std::map<std::pair<std::string, std::string>, std::string> m_code_paths;
  std::uint64_t m_code_counts = 0;
  std::map<std::string, std::size_t, std::less<>> m_source_index;
  std::optional<Report> m_report;
};

// Reads `object[key]` as a string into `out`; false when it is missing or not a string.
bool string_at(dom::object object, std::string_view key, std::string_view& out) {
  return object[key].get_string().get(out) == simdjson::SUCCESS;
}

// Whether `object` has `key` (of any value).
bool has(dom::object object, std::string_view key) {
  return object[key].error() != simdjson::NO_SUCH_FIELD;
}

Result<std::uint64_t> ReportReader::count(dom::object object, std::string_view key,
                                          const std::string& path) const {
  dom::element element;
  if (object[key].get(element) != simdjson::SUCCESS)
    return error(path, "missing \"" + std::string(key) + "\"");
  return optional_count(object, key, path);
}

Result<std::uint64_t> ReportReader::optional_count(dom::object object, std::string_view key,
                                                   const std::string& path) const {
  dom::element element;
  if (object[key].get(element) != simdjson::SUCCESS) return std::uint64_t{0};
  std::uint64_t value = 0;
  if (element.get_uint64().get(value) != simdjson::SUCCESS) {
    std::string what = "a string or other value";
    if (element.is_int64()) {
      what = "negative";
    } else if (element.is_double()) {
      what = "a fraction or a number above 18446744073709551615";
    }
    return error(path + "/" + std::string(key),
                 "\"" + std::string(key) + "\" is " + what +
                     ", not a count (a whole number from 0 to 18446744073709551615)");
  }
  return value;
}

Result<std::optional<WallMillis>> ReportReader::time_of(dom::object object, std::string_view key,
                                                        const std::string& path) const {
  dom::element element;
  if (object[key].get(element) != simdjson::SUCCESS)
    return error(path, "missing \"" + std::string(key) + "\" (a time or null)");
  if (element.is_null()) return std::optional<WallMillis>();
  std::string_view text;
  const std::string at = path + "/" + std::string(key);
  if (element.get_string().get(text) != simdjson::SUCCESS)
    return error(at, "expected a time or null");
  const auto value = parse_iso_time(text);
  if (!value) return error(at, "not a time: \"" + std::string(text) + "\"");
  return std::optional<WallMillis>(value->wall);
}

std::optional<std::string> ReportReader::outside_span(WallMillis time) const {
  if (!m_first || !m_last) return std::string("outside the report's time span, which is empty");
  if (time < *m_first || time > *m_last) {
    return "outside the report's time span " + format_wall_time(*m_first) + " \xE2\x86\x92 " +
           format_wall_time(*m_last);
  }
  return std::nullopt;
}

Status ReportReader::read_time(dom::object span) {
  std::string_view bucket_text;
  if (span["bucket"].get_string().get(bucket_text) != simdjson::SUCCESS)
    return error("/time/bucket", "missing time.bucket");
  const auto bucket = parse_bucket(bucket_text);
  if (!bucket) {
    return error("/time/bucket", "unknown bucket \"" + std::string(bucket_text) + "\"",
                 "a report's bucket is one of " + bucket_names() +
                     "; give a report written by `errscope report --format json`");
  }
  m_bucket_ms = *bucket;
  dom::element mode;
  if (span["bucket_mode"].get(mode) == simdjson::SUCCESS) {
    std::string_view mode_text;
    if (mode.get_string().get(mode_text) != simdjson::SUCCESS ||
        (mode_text != "auto" && mode_text != "fixed")) {
      return error("/time/bucket_mode", "bucket_mode is neither \"auto\" nor \"fixed\"");
    }
    m_mode = mode_text == "fixed" ? BucketMode::fixed : BucketMode::automatic;
  }
  auto first = time_of(span, "first", "/time");
  if (!first.ok()) return first.error();
  auto last = time_of(span, "last", "/time");
  if (!last.ok()) return last.error();
  m_first = *first;
  m_last = *last;
  if (m_first.has_value() != m_last.has_value()) {
    return inconsistent(m_first ? "/time/last" : "/time/first",
                        "time.first and time.last must both be times or both be null");
  }
  if (m_first && *m_first > *m_last) {
    return inconsistent("/time/first", "time.first " + format_wall_time(*m_first) +
                                           " is after time.last " + format_wall_time(*m_last));
  }
  if (m_first && !fitting_bucket(*m_first, *m_last, m_bucket_ms)) {
    const std::uint64_t weeks =
        bucket_count(*m_first, *m_last, k_bucket_sizes[std::size(k_bucket_sizes) - 1]);
    return error("/time/last",
                 "the time span " + minutes(*m_first) + " \xE2\x86\x92 " + minutes(*m_last) +
                     " needs " + format_count(weeks) + " buckets even at 7d, more than " +
                     format_count(k_max_buckets),
                 "a report spans at most " + format_count(k_max_buckets) +
                     " weeks, so its times are wrong; write it again with `errscope report "
                     "--format json`, which leaves times before 2000 or in the future out of the "
                     "span");
  }
  auto out_of_range = optional_count(span, "out_of_range", "/time");
  if (!out_of_range.ok()) return out_of_range.error();
  m_out_of_range = *out_of_range;
  return ok_status();
}

Status ReportReader::check_totals() const {
  if (m_matched_lines > m_lines) {
    return inconsistent("/matched_lines", "matched_lines " + std::to_string(m_matched_lines) +
                                              " is more than lines " + std::to_string(m_lines));
  }
  if (m_matches < m_matched_lines) {
    return inconsistent(
        "/matches", "matches " + std::to_string(m_matches) + " is less than matched_lines " +
                        std::to_string(m_matched_lines) + " (a line with codes has at least one)");
  }
  if (m_errors > m_matches) {
    return inconsistent("/errors", "errors " + std::to_string(m_errors) + " is more than matches " +
                                       std::to_string(m_matches));
  }
  if (m_out_of_range > m_matched_lines) {
    return inconsistent("/time/out_of_range",
                        "time.out_of_range " + std::to_string(m_out_of_range) +
                            " is more than matched_lines " + std::to_string(m_matched_lines));
  }
  return ok_status();
}

Status ReportReader::read_vendors(dom::array vendors) {
  std::size_t index = 0;
  for (dom::element item : vendors) {
    const std::string path = "/vendors/" + std::to_string(index++);
    dom::object vendor;
    std::string_view id;
    if (item.get_object().get(vendor) != simdjson::SUCCESS ||
        vendor["vendor"].get_string().get(id) != simdjson::SUCCESS) {
      return error(path, "expected {\"vendor\": ..., \"matches\": ..., \"errors\": ...}");
    }
    VendorStats stats;
    auto matches = count(vendor, "matches", path);
    if (!matches.ok()) return matches.error();
    auto errors = count(vendor, "errors", path);
    if (!errors.ok()) return errors.error();
    auto lines = optional_count(vendor, "matched_lines", path);  // missing in early reports
    if (!lines.ok()) return lines.error();
    stats.matches = *matches;
    stats.errors = *errors;
    stats.matched_lines = *lines;
    const std::string name(id);
    const auto part = [&](const char* key, std::uint64_t value, const char* total_key,
                          std::uint64_t total) -> std::optional<Diagnostic> {
      if (value <= total) return std::nullopt;
      return inconsistent(path + "/" + key, "vendor " + name + "'s " + key + " " +
                                                std::to_string(value) + " is more than " +
                                                total_key + " " + std::to_string(total));
    };
    for (auto problem :
         {part("matched_lines", stats.matched_lines, "the report's matched_lines", m_matched_lines),
          part("matches", stats.matches, "the report's matches", m_matches),
          part("errors", stats.errors, "the report's errors", m_errors),
          part("errors", stats.errors, "its matches", stats.matches),
          part("matched_lines", stats.matched_lines, "its matches", stats.matches)}) {
      if (problem) return std::move(*problem);
    }
    const auto [it, added] = m_vendors.try_emplace(name, stats, path);
    if (!added) {
      return inconsistent(
          path, "vendor " + name + " is listed twice (also at " + it->second.second + ")");
    }
    m_report->set_vendor(name, stats);
  }
  return ok_status();
}

Status ReportReader::read_code(dom::element item, const std::string& path) {
  dom::object code;
  if (item.get_object().get(code) != simdjson::SUCCESS)
    return error(path, "expected a code object");
  CodeStats stats;
  std::string_view vendor_id, code_text, outcome, message;
  bool known = false;
  if (code["vendor"].get_string().get(vendor_id) != simdjson::SUCCESS ||
      code["code"].get_string().get(code_text) != simdjson::SUCCESS ||
      code["known"].get_bool().get(known) != simdjson::SUCCESS ||
      code["outcome"].get_string().get(outcome) != simdjson::SUCCESS) {
    return error(path, "expected vendor, code, known and outcome");
  }
  if (outcome != "success" && outcome != "error")
    return error(path + "/outcome", "outcome is neither \"success\" nor \"error\"");
  stats.vendor = std::string(vendor_id);
  stats.code = std::string(code_text);
  stats.known = known;
  stats.outcome = outcome == "success" ? Outcome::success : Outcome::error;
  if (code["message"].get_string().get(message) == simdjson::SUCCESS)
    stats.message = std::string(message);
  std::string_view hint;
  if (code["hint"].get_string().get(hint) == simdjson::SUCCESS) stats.hint = std::string(hint);
  const std::string name = stats.vendor + " " + stats.code;
  const auto [seen, added] = m_code_paths.try_emplace({stats.vendor, stats.code}, path);
  if (!added) {
    return inconsistent(path, "code " + name + " is listed twice (also at " + seen->second + ")");
  }
  const auto vendor = m_vendors.find(stats.vendor);
  if (vendor == m_vendors.end())
    return inconsistent(path + "/vendor", "vendor " + stats.vendor + " is not in /vendors");

  auto code_count = count(code, "count", path);
  if (!code_count.ok()) return code_count.error();
  stats.count = *code_count;
  if (stats.count > m_matches) {
    return inconsistent(path + "/count",
                        "code " + name + "'s count " + std::to_string(stats.count) +
                            " is more than the report's matches " + std::to_string(m_matches));
  }
  if (stats.count > vendor->second.first.matches) {
    return inconsistent(path + "/count", "code " + name + "'s count " +
                                             std::to_string(stats.count) + " is more than vendor " +
                                             stats.vendor + "'s matches " +
                                             std::to_string(vendor->second.first.matches));
  }
  add_count(m_code_counts, stats.count);
  if (m_code_counts > m_matches) {
    return inconsistent(path + "/count", "the codes' counts add up to more than matches " +
                                             std::to_string(m_matches) + " (at code " + name + ")");
  }

  auto first_seen = time_of(code, "first_seen", path);
  if (!first_seen.ok()) return first_seen.error();
  auto last_seen = time_of(code, "last_seen", path);
  if (!last_seen.ok()) return last_seen.error();
  stats.first_seen = *first_seen;
  stats.last_seen = *last_seen;
  if (stats.first_seen.has_value() != stats.last_seen.has_value()) {
    return inconsistent(path + (stats.first_seen ? "/last_seen" : "/first_seen"),
                        "first_seen and last_seen must both be times or both be null");
  }
  if (stats.first_seen) {
    if (*stats.first_seen > *stats.last_seen) {
      return inconsistent(path + "/first_seen",
                          "first_seen " + format_wall_time(*stats.first_seen) +
                              " is after last_seen " + format_wall_time(*stats.last_seen));
    }
    for (const auto& [key, value] :
         {std::pair{"first_seen", *stats.first_seen}, std::pair{"last_seen", *stats.last_seen}}) {
      if (const auto outside = outside_span(value)) {
        return inconsistent(path + "/" + key,
                            std::string(key) + " " + format_wall_time(value) + " is " + *outside);
      }
    }
  }
  dom::array timeline;
  if (code["timeline"].get_array().get(timeline) != simdjson::SUCCESS)
    return error(path + "/timeline", "expected an array");
  if (auto read = read_timeline(timeline, path + "/timeline", stats); !read.ok()) return read;
  if (auto read = read_code_sources(code, path, stats); !read.ok()) return read;
  if (auto read = read_example(code, path, stats); !read.ok()) return read;
  m_report->add_code(std::move(stats));
  return ok_status();
}

Status ReportReader::read_sources(dom::object object) {
  std::vector<SourceStats> sources;
  std::vector<InputStats> inputs;
  if (has(object, "sources")) {
    dom::array items;
    if (object["sources"].get_array().get(items) != simdjson::SUCCESS)
      return error("/sources", "expected an array");
    if (items.size() > Report::k_source_cap + 1) {
      return inconsistent("/sources", "lists " + format_count(items.size()) +
                                          " sources; errscope keeps at most " +
                                          format_count(Report::k_source_cap) + " and \"(other)\"");
    }
    std::size_t index = 0;
    for (dom::element item : items) {
      const std::string at = "/sources/" + std::to_string(index++);
      dom::object source;
      std::string_view name;
      if (item.get_object().get(source) != simdjson::SUCCESS || !string_at(source, "source", name))
        return error(at, "expected {\"source\": ..., \"lines\": ..., ...}");
      SourceStats stats{std::string(name), 0, 0, 0, 0};
      for (const auto& [key, value, total] :
           {std::tuple{"lines", &stats.lines, m_lines},
            std::tuple{"matched_lines", &stats.matched_lines, m_matched_lines},
            std::tuple{"matches", &stats.matches, m_matches},
            std::tuple{"errors", &stats.errors, m_errors}}) {
        auto read = count(source, key, at);
        if (!read.ok()) return read.error();
        if (*read > total) {
          return inconsistent(at + "/" + key, "source " + stats.name + "'s " + key + " " +
                                                  std::to_string(*read) +
                                                  " is more than the report's " +
                                                  std::to_string(total));
        }
        *value = *read;
      }
      if (!m_source_index.try_emplace(stats.name, sources.size()).second)
        return inconsistent(at, "source " + stats.name + " is listed twice");
      sources.push_back(std::move(stats));
    }
  }
  if (has(object, "inputs")) {
    dom::array items;
    if (object["inputs"].get_array().get(items) != simdjson::SUCCESS)
      return error("/inputs", "expected an array");
    if (items.size() > Report::k_input_cap + 1) {
      return inconsistent("/inputs", "lists " + format_count(items.size()) +
                                         " inputs; errscope keeps at most " +
                                         format_count(Report::k_input_cap) + " and \"(other)\"");
    }
    std::size_t index = 0;
    for (dom::element item : items) {
      const std::string at = "/inputs/" + std::to_string(index++);
      dom::object input;
      std::string_view source, file;
      if (item.get_object().get(input) != simdjson::SUCCESS || !string_at(input, "source", source) ||
          !string_at(input, "file", file)) {
        return error(at, "expected {\"source\": ..., \"file\": ..., \"bytes\": ..., "
                         "\"lines\": ...}");
      }
      auto bytes = count(input, "bytes", at);
      if (!bytes.ok()) return bytes.error();
      auto lines = count(input, "lines", at);
      if (!lines.ok()) return lines.error();
      inputs.push_back(InputStats{std::string(source), std::string(file), *bytes, *lines});
    }
  }
  m_report->set_sources(std::move(sources), std::move(inputs));
  return ok_status();
}

Status ReportReader::read_code_sources(dom::object code, const std::string& path,
                                       CodeStats& stats) const {
  if (!has(code, "sources")) return ok_status();
  dom::array items;
  if (code["sources"].get_array().get(items) != simdjson::SUCCESS)
    return error(path + "/sources", "expected an array");
  std::uint64_t sum = 0;
  std::size_t index = 0;
  for (dom::element item : items) {
    const std::string at = path + "/sources/" + std::to_string(index++);
    dom::object entry;
    std::string_view name;
    if (item.get_object().get(entry) != simdjson::SUCCESS || !string_at(entry, "source", name))
      return error(at, "expected {\"source\": ..., \"count\": ...}");
    const auto source = m_source_index.find(name);
    if (source == m_source_index.end())
      return inconsistent(at + "/source", "source " + std::string(name) + " is not in /sources");
    auto n = count(entry, "count", at);
    if (!n.ok()) return n.error();
    if (stats.by_source.size() <= source->second) stats.by_source.resize(source->second + 1, 0);
    if (stats.by_source[source->second] != 0)
      return inconsistent(at, "source " + std::string(name) + " is listed twice");
    stats.by_source[source->second] = *n;
    add_count(sum, *n);
  }
  if (sum > stats.count) {
    return inconsistent(path + "/sources", "the sources' counts add up to " + std::to_string(sum) +
                                               ", more than the code's count " +
                                               std::to_string(stats.count));
  }
  return ok_status();
}

Status ReportReader::read_example(dom::object code, const std::string& path,
                                  CodeStats& stats) const {
  if (!has(code, "example") || code["example"].is_null()) return ok_status();
  const std::string at = path + "/example";
  dom::object example;
  std::string_view source, file, text;
  bool cut = false;
  if (code["example"].get_object().get(example) != simdjson::SUCCESS ||
      !string_at(example, "source", source) || !string_at(example, "file", file) ||
      !string_at(example, "text", text) ||
      example["cut"].get_bool().get(cut) != simdjson::SUCCESS) {
    return error(at, "expected {\"source\", \"file\", \"line\", \"time\", \"text\", "
                     "\"cut\"} or null");
  }
  auto line = count(example, "line", at);
  if (!line.ok()) return line.error();
  if (*line == 0) return error(at + "/line", "a line number counts from 1");
  auto time = time_of(example, "time", at);
  if (!time.ok()) return time.error();
  if (*time && stats.first_seen && (**time < *stats.first_seen || **time > *stats.last_seen)) {
    return inconsistent(at + "/time", "the example's time " + format_wall_time(**time) +
                                          " is outside the code's first_seen and last_seen");
  }
  stats.example = CodeExample{std::string(source), std::string(file), *line, *time,
                              std::string(text), cut, 0};
  return ok_status();
}

Status ReportReader::read_timeline(dom::array timeline, const std::string& path,
                                   CodeStats& stats) const {
  stats.timeline = Timeline(m_bucket_ms);
  std::optional<WallMillis> previous;
  std::uint64_t sum = 0;
  std::size_t index = 0;
  for (dom::element point : timeline) {
    const std::string at = path + "/" + std::to_string(index++);
    dom::array pair;
    std::string_view start_text;
    std::uint64_t n = 0;
    if (point.get_array().get(pair) != simdjson::SUCCESS || pair.size() != 2 ||
        pair.at(0).get_string().get(start_text) != simdjson::SUCCESS) {
      return error(at, "expected a [time, count] pair");
    }
    if (pair.at(1).get_uint64().get(n) != simdjson::SUCCESS) {
      return error(at + "/1", "expected a count (a whole number from 0 to 18446744073709551615)");
    }
    const auto parsed = parse_iso_time(start_text);
    if (!parsed) return error(at + "/0", "not a time: \"" + std::string(start_text) + "\"");
    const WallMillis start = parsed->wall;
    const std::string shown = format_wall_time(start);
    if (bucket_start(start, m_bucket_ms) != start) {
      return inconsistent(at + "/0", "bucket " + shown + " does not start a " +
                                         bucket_name(m_bucket_ms) + " bucket");
    }
    if (previous && start <= *previous) {
      return inconsistent(at + "/0", "bucket " + shown + " is not after the bucket before it " +
                                         format_wall_time(*previous) +
                                         " (buckets are in time order, each once)");
    }
    previous = start;
    // The buckets span from the one holding time.first to the one holding time.last.
    if (!m_first || start < bucket_start(*m_first, m_bucket_ms) ||
        start > bucket_start(*m_last, m_bucket_ms)) {
      return inconsistent(at + "/0",
                          "bucket " + shown + " is " +
                              (m_first ? "outside the buckets of the report's time span " +
                                             format_wall_time(*m_first) + " \xE2\x86\x92 " +
                                             format_wall_time(*m_last)
                                       : "outside the report's time span, which is empty"));
    }
    if (n == 0) continue;
    if (!stats.first_seen || start < bucket_start(*stats.first_seen, m_bucket_ms) ||
        start > bucket_start(*stats.last_seen, m_bucket_ms)) {
      return inconsistent(
          at + "/1", "bucket " + shown + " counts " + std::to_string(n) +
                         (stats.first_seen
                              ? " but is outside the code's first_seen " +
                                    format_wall_time(*stats.first_seen) +
                                    " \xE2\x86\x92 last_seen " + format_wall_time(*stats.last_seen)
                              : " but the code has no first_seen"));
    }
    add_count(sum, n);
    stats.timeline.add(start, n);
  }
  // Lines without a usable time count in `count` but not in the timeline: the sum may be less.
  if (sum > stats.count) {
    return inconsistent(path, "the timeline adds up to " + std::to_string(sum) +
                                  ", more than the code's count " + std::to_string(stats.count));
  }
  if (stats.first_seen && sum == 0) {
    return inconsistent(path, "the code has a first_seen but its timeline counts nothing");
  }
  return ok_status();
}

Status ReportReader::read_shards(dom::element shards) {
  std::uint64_t of = 0;
  dom::array have;
  if (shards["of"].get_uint64().get(of) != simdjson::SUCCESS || of < 1 ||
      of > ShardSet::k_max_shards)
    return error("/shards/of", "expected the job's number of shards, 1 or more");
  if (shards["have"].get_array().get(have) != simdjson::SUCCESS)
    return error("/shards/have", "expected an array of [first, last] ranges");
  std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges;
  for (dom::element range : have) {
    dom::array ends;
    std::uint64_t first = 0;
    std::uint64_t last = 0;
    if (range.get_array().get(ends) != simdjson::SUCCESS || ends.size() != 2 ||
        ends.at(0).get_uint64().get(first) != simdjson::SUCCESS ||
        ends.at(1).get_uint64().get(last) != simdjson::SUCCESS) {
      return error("/shards/have/" + std::to_string(ranges.size()),
                   "expected [first, last], two shard numbers");
    }
    ranges.emplace_back(first, last);
  }
  auto set = ShardSet::from_ranges(of, std::move(ranges));
  if (!set) {
    return inconsistent("/shards/have",
                        "the ranges are not sorted, apart and within 1.." + std::to_string(of));
  }
  m_report->set_shards(std::move(*set));
  return ok_status();
}

Result<Report> ReportReader::read(std::string_view json) {
  dom::parser parser;
  dom::element root;
  const simdjson::padded_string padded(json);
  if (auto failure = parser.parse(padded).get(root)) {
    if (failure == simdjson::NUMBER_ERROR) {
      if (const auto huge = find_huge_integer(json)) {
        const LineColumn at = line_column_at(json, huge->first);
        return Diagnostic{
            SourcePosition{std::string(m_origin), at.line, at.column, ""},
            "the number " + std::string(huge->second.substr(0, 40)) +
                " does not fit a count (a whole number from 0 to 18446744073709551615)",
            std::string(k_fix_inconsistent)};
      }
    }
    return error("", std::string("invalid JSON: ") + simdjson::error_message(failure));
  }
  dom::object object;
  std::string_view schema;
  if (root.get_object().get(object) != simdjson::SUCCESS ||
      object["schema"].get_string().get(schema) != simdjson::SUCCESS || schema != k_report_schema) {
    return error("/schema", "not an " + std::string(k_report_schema) + " report");
  }
  dom::object time;
  if (object["time"].get_object().get(time) != simdjson::SUCCESS)
    return error("/time", "missing the time object");
  if (auto read = read_time(time); !read.ok()) return read.error();
  for (const auto& [key, value] :
       {std::pair{"lines", &m_lines}, std::pair{"matched_lines", &m_matched_lines},
        std::pair{"matches", &m_matches}, std::pair{"errors", &m_errors}}) {
    auto read = count(object, key, "");
    if (!read.ok()) return read.error();
    *value = *read;
  }
  if (auto checked = check_totals(); !checked.ok()) return checked.error();
  m_report.emplace(m_mode, m_bucket_ms);
  m_report->set_totals(m_lines, m_matched_lines, m_matches, m_errors, m_first, m_last);
  m_report->set_out_of_range(m_out_of_range);
  bool interrupted = false;
  if (auto mark = object["interrupted"]; mark.error() != simdjson::NO_SUCH_FIELD) {
    if (mark.get_bool().get(interrupted) != simdjson::SUCCESS)
      return error("/interrupted", "expected true or false");
  }
  if (interrupted) m_report->set_interrupted();
  bool cut = false;
  if (auto mark = object["cut"]; mark.error() != simdjson::NO_SUCH_FIELD) {
    if (mark.get_bool().get(cut) != simdjson::SUCCESS)
      return error("/cut", "expected true or false");
  }
  if (cut) m_report->set_cut();
  if (auto skipped = object["skipped"]; skipped.error() != simdjson::NO_SUCH_FIELD) {
    dom::array inputs;
    if (skipped.get_array().get(inputs) != simdjson::SUCCESS)
      return error("/skipped", "expected an array");
    std::size_t index = 0;
    for (dom::element item : inputs) {
      const std::string at = "/skipped/" + std::to_string(index++);
      std::string_view file;
      std::string_view reason;
      if (item["file"].get_string().get(file) != simdjson::SUCCESS)
        return error(at + "/file", "expected a string");
      if (item["reason"].get_string().get(reason) != simdjson::SUCCESS || reason != "binary")
        return error(at + "/reason", "expected \"binary\"");
      m_report->add_skipped_binary(std::string(file));
    }
  }

  if (auto shards = object["shards"]; shards.error() != simdjson::NO_SUCH_FIELD) {
    if (auto read = read_shards(shards.value_unsafe()); !read.ok()) return read.error();
  }

  for (const char* key : {"generator", "generated", "id"}) {
    std::string_view text;
    if (has(object, key) && !object[key].is_null() && !string_at(object, key, text))
      return error(std::string("/") + key, "expected a string");
  }

  dom::array vendors;
  if (object["vendors"].get_array().get(vendors) != simdjson::SUCCESS)
    return error("/vendors", "expected an array");
  if (auto read = read_vendors(vendors); !read.ok()) return read.error();
  if (auto read = read_sources(object); !read.ok()) return read.error();
  dom::array codes;
  if (object["codes"].get_array().get(codes) != simdjson::SUCCESS)
    return error("/codes", "expected an array");
  if (codes.size() > k_max_report_codes) {
    return error("/codes",
                 "lists " + format_count(codes.size()) + " codes, more than a report holds (" +
                     format_count(k_max_report_codes) + ")",
                 k_fix_inconsistent);
  }
  std::size_t index = 0;
  for (dom::element item : codes) {
    if (auto read = read_code(item, "/codes/" + std::to_string(index++)); !read.ok())
      return read.error();
  }
  return std::move(*m_report);
}

}  // namespace

Result<Report> parse_report_json(std::string_view origin, std::string_view json) {
  return ReportReader(origin).read(json);
}

}  // namespace errscope
