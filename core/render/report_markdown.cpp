#include <algorithm>
#include <cstdio>
#include <string_view>

#include "render/report_format.hpp"
#include "render/report_render.hpp"
#include "util/utf8.hpp"

namespace errscope {

namespace {

constexpr std::size_t k_spark_cells = 24;

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
  if (points.empty()) return "\xE2\x80\x93";
  return block_sparkline(squeeze_timeline(points, k_spark_cells), SparkFloor::above_lowest);
}

void append_changes(std::string& out, std::string_view kind,
                    const std::vector<CodeChange>& changes) {
  for (const auto& change : changes) {
    out += "| ";
    out += kind;
    out += " | " + md(change.vendor);
    out += " | " + md(change.code);
    out += " | " + format_count(change.count);
    out += " | " + format_count(change.baseline_count);
    out += " | ";
    if (kind == "changed") out += "\xC3\x97" + format_ratio(change.ratio());  // ×
    out += " |\n";
  }
}

}  // namespace

std::string render_report_markdown(const Report& report, const ReportExtras& extras) {
  std::string out = "# errscope report\n\n";
  out += "**" + format_count(report.lines()) + "** lines, **";
  out += format_count(report.matched_lines()) + "** with codes, **";
  out += format_count(report.matches()) + "** codes, **";
  out += format_count(report.errors()) + "** errors (";
  out += format_percent(report.errors(), report.matches()) + ")\n\n";
  if (report.first() && report.last()) {
    out += "Time: " + format_wall_time(*report.first());
    out += " \xE2\x86\x92 " + format_wall_time(*report.last());
    out += ", " + bucket_name(report.bucket_ms()) + " buckets\n";
  } else {
    out += "Time: no timestamps on the lines with codes\n";
  }
  if (const std::string sentence = interrupted_sentence(report); !sentence.empty()) {
    out += "\n**" + sentence + "**\n";
  }
  if (const std::string sentence = out_of_range_sentence(report); !sentence.empty()) {
    out += "\n" + sentence + "\n";
  }

  out += "\n## Vendors\n\n";
  if (report.vendors().empty()) {
    out += "No vendor codes found.\n";
  } else {
    out += "| Vendor | Lines | Codes | Errors |\n|:--|--:|--:|--:|\n";
    for (const auto& [vendor, stats] : report.vendors()) {
      out += "| " + md(vendor);
      out += " | " + format_count(stats.matched_lines);
      out += " | " + format_count(stats.matches);
      out += " | " + format_count(stats.errors) + " |\n";
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
      out += "| " + format_count(code.count);
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
