#include <algorithm>
#include <cstdio>
#include <string_view>

#include "render/report_render.hpp"
#include "util/utf8.hpp"

namespace errscope {

namespace {

constexpr std::size_t k_spark_cells = 24;

std::string with_commas(std::uint64_t value) {
  const std::string digits = std::to_string(value);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string percent(std::uint64_t part, std::uint64_t whole) {
  if (whole == 0) return "0%";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f%%",
                100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buffer;
}

// Log-derived text as inert Markdown: line breaks become spaces, other control characters and
// invalid UTF-8 `\xNN`, and every character Markdown (or a table) would read is backslash-escaped.
std::string md(std::string_view text) {
  std::string flat(text);
  std::replace_if(
      flat.begin(), flat.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  std::string visible;
  append_visible(visible, flat);
  std::string out;
  for (const char c : visible) {
    if (std::string_view("\\|*_`[]<>").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string time_or_dash(const std::optional<WallMillis>& time) {
  return time ? format_wall_time(*time) : "\xE2\x80\x93";  // –
}

// The timeline squeezed into at most k_spark_cells cells: ▁ for none, ▂…█ scaled to the busiest.
std::string sparkline(const std::vector<std::pair<WallMillis, std::uint64_t>>& points) {
  static const char* const k_levels[] = {"\xE2\x96\x82", "\xE2\x96\x83", "\xE2\x96\x84",
                                         "\xE2\x96\x85", "\xE2\x96\x86", "\xE2\x96\x87",
                                         "\xE2\x96\x88"};
  if (points.empty()) return "\xE2\x80\x93";
  const std::size_t cells = std::min(k_spark_cells, points.size());
  std::vector<std::uint64_t> sums(cells, 0);
  for (std::size_t i = 0; i < points.size(); ++i)
    sums[i * cells / points.size()] += points[i].second;
  const std::uint64_t max = std::max<std::uint64_t>(1, *std::max_element(sums.begin(), sums.end()));
  std::string out;
  for (const std::uint64_t sum : sums)
    out += sum == 0 ? "\xE2\x96\x81" : k_levels[std::min<std::uint64_t>(6, (sum * 7 - 1) / max)];
  return out;
}

void append_changes(std::string& out, std::string_view kind,
                    const std::vector<CodeChange>& changes) {
  for (const auto& change : changes) {
    out += "| ";
    out += kind;
    out += " | " + md(change.vendor);
    out += " | " + md(change.code);
    out += " | " + with_commas(change.count);
    out += " | " + with_commas(change.baseline_count);
    out += " | ";
    if (kind == "changed") out += "\xC3\x97" + format_ratio(change.ratio());  // ×
    out += " |\n";
  }
}

}  // namespace

std::string render_report_markdown(const Report& report, const ReportExtras& extras) {
  std::string out = "# errscope report\n\n";
  out += "**" + with_commas(report.lines()) + "** lines, **";
  out += with_commas(report.matched_lines()) + "** with codes, **";
  out += with_commas(report.matches()) + "** codes, **";
  out += with_commas(report.errors()) + "** errors (";
  out += percent(report.errors(), report.matches()) + ")\n\n";
  if (report.first() && report.last()) {
    out += "Time: " + format_wall_time(*report.first());
    out += " \xE2\x86\x92 " + format_wall_time(*report.last());
    out += ", " + bucket_name(report.bucket_ms()) + " buckets\n";
  } else {
    out += "Time: no timestamps on the lines with codes\n";
  }

  out += "\n## Vendors\n\n";
  if (report.vendors().empty()) {
    out += "No vendor codes found.\n";
  } else {
    out += "| Vendor | Lines | Codes | Errors |\n|:--|--:|--:|--:|\n";
    for (const auto& [vendor, stats] : report.vendors()) {
      out += "| " + md(vendor);
      out += " | " + with_commas(stats.matched_lines);
      out += " | " + with_commas(stats.matches);
      out += " | " + with_commas(stats.errors) + " |\n";
    }
  }

  const auto codes = report.codes_by_count();
  const std::size_t shown = extras.top == 0 ? codes.size() : std::min(extras.top, codes.size());
  if (shown > 0) {
    out += "\n## Codes\n\n";
    out += "| Count | Vendor | Code | Outcome | Message | First seen | Last seen | Timeline (";
    out += bucket_name(report.bucket_ms()) + ") |\n|--:|:--|:--|:--|:--|:--|:--|:--|\n";
    for (std::size_t i = 0; i < shown; ++i) {
      const CodeStats& code = *codes[i];
      out += "| " + with_commas(code.count);
      out += " | " + md(code.vendor);
      out += " | " + md(code.code);
      out += " | ";
      out += to_string(code.outcome);
      out += " | ";
      out += code.known ? md(code.message) : "*unknown code*";
      out += " | " + time_or_dash(code.first_seen);
      out += " | " + time_or_dash(code.last_seen);
      out += " | ";
      out += sparkline(report.first() && report.last()
                           ? code.timeline.dense(*report.first(), *report.last())
                           : std::vector<std::pair<WallMillis, std::uint64_t>>{});
      out += " |\n";
    }
    if (shown < codes.size()) {
      out += "\n*";
      out += std::to_string(codes.size() - shown) + " more codes not shown (`--top`).*\n";
    }
  }

  if (extras.baseline != nullptr) {
    const BaselineDiff& diff = *extras.baseline;
    out += "\n## Baseline\n\nAgainst " + md(diff.file);
    out += ": " + std::to_string(diff.new_codes.size());
    out += " new, " + std::to_string(diff.gone_codes.size());
    out += " gone, " + std::to_string(diff.changed_codes.size()) + " changed\n";
    if (!diff.new_codes.empty() || !diff.gone_codes.empty() || !diff.changed_codes.empty()) {
      out += "\n| Change | Vendor | Code | Count | Baseline | Ratio |\n|:--|:--|:--|--:|--:|--:|\n";
      append_changes(out, "new", diff.new_codes);
      append_changes(out, "gone", diff.gone_codes);
      append_changes(out, "changed", diff.changed_codes);
    }
  }

  if (!extras.alerts.empty()) {
    out += "\n## Alerts\n\n";
    for (const auto& alert : extras.alerts) out += "- **ALERT:** " + md(alert) + '\n';
  }
  return out;
}

}  // namespace errscope
