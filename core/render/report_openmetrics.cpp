#include "render/report_openmetrics.hpp"

#include <map>
#include <utility>
#include <vector>

#include "render/report_view.hpp"
#include "report/count.hpp"
#include "util/utf8.hpp"

namespace errscope {

namespace {

// Every metric is a gauge. A report is a snapshot (yesterday's counts, not a counter that only
// grows), and a gauge reads the same in both formats: a counter's `# TYPE` names `x_total` in
// Prometheus 0.0.4 but `x` in OpenMetrics, so no one counter text is right for both. `# EOF`,
// which OpenMetrics requires, is a plain comment to the 0.0.4 parser of the textfile collector,
// and so is `# UNIT`.
struct Family {
  std::string_view name;
  std::string_view help;
  std::string_view unit = {};  ///< for `# UNIT`; the name ends in `_<unit>` (OpenMetrics)
};

constexpr Family k_code_lines{
    "errscope_code_lines",
    "Lines with the code (a line counts once per code), by vendor, code, outcome and known "
    "(whether the vendor's table has the code); every code of the report"};
constexpr Family k_vendor_matched_lines{"errscope_vendor_matched_lines",
                                        "Lines with at least one of the vendor's codes"};
constexpr Family k_vendor_matches{"errscope_vendor_matches", "Codes of the vendor found"};
constexpr Family k_vendor_errors{
    "errscope_vendor_errors",
    "Codes of the vendor found whose outcome is error (unknown included)"};
constexpr Family k_lines{"errscope_report_lines", "Lines read"};
constexpr Family k_matched_lines{"errscope_report_matched_lines", "Lines with at least one code"};
constexpr Family k_matches{"errscope_report_matches", "Codes found"};
constexpr Family k_errors{"errscope_report_errors",
                          "Codes found whose outcome is error (unknown codes included)"};
constexpr Family k_first{
    "errscope_report_first_timestamp_seconds",
    "The earliest log time in the report: the wall clock as the logs wrote it, counted as if UTC",
    "seconds"};
constexpr Family k_last{
    "errscope_report_last_timestamp_seconds",
    "The latest log time in the report: the wall clock as the logs wrote it, counted as if UTC",
    "seconds"};
constexpr Family k_interrupted{
    "errscope_report_interrupted",
    "1 when the scan was interrupted (SIGINT, SIGTERM) and the counts cover only what was read"};
constexpr Family k_alerts{"errscope_report_alerts",
                          "Alert thresholds breached (--fail-on-new, --max-errors, "
                          "--max-error-rate)"};

void header(std::string& out, const Family& family) {
  out.append("# HELP ").append(family.name).append(" ").append(family.help).append("\n");
  out.append("# TYPE ").append(family.name).append(" gauge\n");
  if (!family.unit.empty()) {
    out.append("# UNIT ").append(family.name).append(" ").append(family.unit).append("\n");
  }
}

void sample(std::string& out, const Family& family, std::string_view labels,
            std::string_view value) {
  out.append(family.name);
  if (!labels.empty()) out.append("{").append(labels).append("}");
  out.append(" ").append(value).append("\n");
}

// A label value as the exposition format reads it: backslash, double quote and line feed
// escaped, invalid UTF-8 as U+FFFD, and other control characters (C0, DEL, C1) shown as the
// text `\xNN`, as on a terminal, so that no dashboard or terminal ever receives them live.
void append_label_value(std::string& out, std::string_view text) {
  static constexpr char k_hex[] = "0123456789abcdef";
  const auto visible = [&out](unsigned char byte) {
    out += "\\\\x";
    out += k_hex[byte >> 4];
    out += k_hex[byte & 0xF];
  };
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      if (byte == '\\') {
        out += "\\\\";
      } else if (byte == '"') {
        out += "\\\"";
      } else if (byte == '\n') {
        out += "\\n";
      } else if (byte < 0x20 || byte == 0x7F) {
        visible(byte);
      } else {
        out += static_cast<char>(byte);
      }
      ++i;
      continue;
    }
    const std::size_t length = valid_utf8_sequence_length(text.substr(i));
    if (length == 0) {
      out += k_utf8_replacement_character;
      ++i;
    } else if (length == 2 && byte == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      visible(byte);
      visible(static_cast<unsigned char>(text[i + 1]));
      i += 2;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
}

void label(std::string& out, std::string_view name, std::string_view value) {
  if (!out.empty()) out += ',';
  out.append(name).append("=\"");
  append_label_value(out, value);
  out += '"';
}

// Seconds with up to millisecond decimals, exactly (no floating point): 1793526067.123.
std::string seconds_text(WallMillis millis) {
  const bool negative = millis < 0;
  const std::uint64_t magnitude =
      negative ? 0 - static_cast<std::uint64_t>(millis) : static_cast<std::uint64_t>(millis);
  std::string out = negative ? "-" : "";
  out += std::to_string(magnitude / 1000);
  if (const std::uint64_t fraction = magnitude % 1000; fraction != 0) {
    std::string digits = std::to_string(fraction);
    digits.insert(0, 3 - digits.size(), '0');
    while (digits.back() == '0') digits.pop_back();
    out.append(".").append(digits);
  }
  return out;
}

// The codes' series. Codes that differ only in bytes the escaping makes equal (two invalid
// bytes, both U+FFFD) are one series, their counts added: a label set may appear only once.
void render_codes(std::string& out, const ReportView& view) {
  std::vector<std::pair<std::string, std::uint64_t>> series;
  std::map<std::string, std::size_t, std::less<>> index;
  for (const CodeStats* code : view.codes()) {
    std::string labels;
    label(labels, "vendor", code->vendor);
    label(labels, "code", code->code);
    label(labels, "outcome", to_string(code->outcome));
    label(labels, "known", code->known ? "true" : "false");
    const auto [found, added] = index.try_emplace(labels, series.size());
    if (added) {
      series.emplace_back(std::move(labels), code->count);
    } else {
      add_count(series[found->second].second, code->count);
    }
  }
  header(out, k_code_lines);
  for (const auto& [labels, count] : series) {
    sample(out, k_code_lines, labels, std::to_string(count));
  }
}

void render_vendors(std::string& out, const Report& report) {
  for (const auto& [family, member] :
       {std::pair{&k_vendor_matched_lines, &VendorStats::matched_lines},
        std::pair{&k_vendor_matches, &VendorStats::matches},
        std::pair{&k_vendor_errors, &VendorStats::errors}}) {
    header(out, *family);
    for (const auto& [vendor, stats] : report.vendors()) {
      std::string labels;
      label(labels, "vendor", vendor);
      sample(out, *family, labels, std::to_string(stats.*member));
    }
  }
}

void render_single(std::string& out, const Family& family, std::string_view value) {
  header(out, family);
  sample(out, family, {}, value);
}

}  // namespace

std::string render_report_openmetrics(const Report& report, const ReportExtras& extras) {
  const ReportView view(report, extras);
  std::string out;
  render_codes(out, view);
  render_vendors(out, report);
  render_single(out, k_lines, std::to_string(report.lines()));
  render_single(out, k_matched_lines, std::to_string(report.matched_lines()));
  render_single(out, k_matches, std::to_string(report.matches()));
  render_single(out, k_errors, std::to_string(report.errors()));
  // No time span (no line had a time): the two families are left out rather than given a
  // made-up value, so `absent()` tells it.
  if (report.first() && report.last()) {
    render_single(out, k_first, seconds_text(*report.first()));
    render_single(out, k_last, seconds_text(*report.last()));
  }
  render_single(out, k_interrupted, report.interrupted() ? "1" : "0");
  render_single(out, k_alerts, std::to_string(view.alerts().size()));
  out += "# EOF\n";
  return out;
}

}  // namespace errscope
