#include "render/report_markdown.hpp"

#include <algorithm>
#include <cstdio>
#include <string_view>

#include "render/numbers.hpp"
#include "render/report_view.hpp"
#include "render/sparkline.hpp"
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

constexpr std::string_view k_dash = "\xE2\x80\x93";  // –

// The timeline squeezed into at most k_spark_cells cells: ▁ for none, ▂…█ scaled to the busiest.
std::string sparkline(const std::vector<Timeline::Bucket>& points) {
  if (points.empty()) return std::string(k_dash);
  return block_sparkline(squeeze_timeline(points, k_spark_cells), SparkFloor::above_lowest);
}

void append_change(std::string& out, const BaselineRow& row) {
  const CodeChange& change = *row.change;
  out += "| ";
  out += to_string(row.kind);
  if (const std::string_view note = row_note(row); !note.empty()) {
    out += " (";
    out += note;
    out += ')';
  }
  out += " | " + md(change.vendor);
  out += " | " + md(change.code);
  out += " | " + format_count(change.count);
  out += " | " + format_count(change.baseline_count);
  out += " | ";
  if (row.kind == ChangeKind::changed) out += "\xC3\x97" + format_ratio(change.ratio());  // ×
  out += " |\n";
}

// Each shown code's example, its top sources and its hint: what the on-call reads next.
void append_examples(std::string& out, const ReportView& view) {
  out += "\n## Examples\n\n";
  for (const CodeStats* code : view.shown()) {
    out += "- **" + md(code->vendor) + " " + md(code->code) + "**";
    if (code->example) {
      const CodeExample& example = *code->example;
      out += " at " + md(example_place(example));
      if (example.time) out += ", " + format_wall_time(*example.time);
      // Inside a code span a backslash is literal: md() would show its escapes, so the text is
      // made inert another way, as an indented code block.
      out += ":\n\n      ";
      std::string text;
      append_visible(text, example.text);
      out += text;
      if (example.cut) out += "\xE2\x80\xA6";
      out += "\n\n";
    } else {
      out += ": no example kept\n\n";
    }
    if (view.shows_sources() && !view.report().cut()) {
      out += "  From:";
      std::size_t listed = 0;
      for (const auto& [source, count] : view.sources_of(*code, 3)) {
        out += (listed++ == 0 ? " " : ", ") + md(source->name) + " " + format_count(count);
      }
      out += "\n\n";
    }
    if (!code->hint.empty()) out += "  Hint: " + md(code->hint) + "\n\n";
  }
}

// The sources by lines, when the counts split by source.
void append_sources(std::string& out, const ReportView& view) {
  if (!view.shows_sources()) return;
  out += "\n## Sources\n\n";
  if (view.report().cut()) {
    out += "A window cut from merged reports cannot split the counts by source.\n";
    return;
  }
  out += "| Source | Lines | Lines with codes | Codes | Errors |\n|:--|--:|--:|--:|--:|\n";
  for (const SourceStats* source : view.sources_by_lines()) {
    out += "| " + md(source->name) + " | " + format_count(source->lines) + " | " +
           format_count(source->matched_lines) + " | " + format_count(source->matches) + " | " +
           format_count(source->errors) + " |\n";
  }
}

}  // namespace

std::string render_report_markdown(const Report& report, const ReportExtras& extras) {
  const ReportView view(report, extras);
  std::string out = "# errscope report\n\n";
  out += "**" + format_count(report.lines()) + "** lines, **";
  out += format_count(report.matched_lines()) + "** with codes, **";
  out += format_count(report.matches()) + "** codes, **";
  out += format_count(report.errors()) + "** errors (";
  out += format_percent(report.errors(), report.matches()) + ")\n\n";
  if (view.timed()) {
    out += "Time: " + format_wall_time(*report.first());
    out += " \xE2\x86\x92 " + format_wall_time(*report.last());
    out += ", " + bucket_name(report.bucket_ms()) + " buckets\n";
  } else if (!view.empty_window_sentence().empty()) {
    out += "Time: " + view.empty_window_sentence() + "\n";
  } else {
    out += "Time: no timestamps on the lines with codes\n";
  }
  if (!view.inputs_sentence().empty()) {
    std::string sentence = view.inputs_sentence();
    sentence[0] = 'R';
    out += "\n" + md(sentence) + "\n";
  }
  if (const std::string& sentence = view.interrupted_sentence(); !sentence.empty()) {
    out += "\n**" + sentence + "**\n";
  }
  if (const std::string& sentence = view.shards_sentence(); !sentence.empty()) {
    out += "\n**" + md(sentence) + "**\n";
  }
  if (const std::string& sentence = view.skipped_sentence(); !sentence.empty()) {
    out += "\n**" + sentence + "**\n";
  }
  if (const std::string& sentence = view.cut_sentence(); !sentence.empty()) {
    out += "\n*" + md(sentence) + ".*\n";
  }
  if (const std::string& sentence = view.out_of_range_sentence(); !sentence.empty()) {
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

  if (!view.shown().empty()) {
    out += "\n## Codes\n\n";
    out += "| Count | Vendor | Code | Outcome | Message | First seen | Last seen | Timeline (";
    out += bucket_name(report.bucket_ms()) + ") |\n|--:|:--|:--|:--|:--|:--|:--|:--|\n";
    for (const CodeStats* code : view.shown()) {
      out += "| " + format_count(code->count);
      out += " | " + md(code->vendor);
      out += " | " + md(code->code);
      out += " | ";
      out += to_string(code->outcome);
      out += " | ";
      out += code->known ? md(code->message) : "*unknown code*";
      out += " | " + time_text(code->first_seen, k_dash);
      out += " | " + time_text(code->last_seen, k_dash);
      out += " | ";
      out += sparkline(view.dense(*code));
      out += " |\n";
    }
    if (view.hidden() > 0) {
      out += "\n*";
      out += std::to_string(view.hidden()) + " more codes not shown (`--top`).*\n";
    }
    append_examples(out, view);
  }
  append_sources(out, view);

  if (const BaselineDiff* diff = view.baseline(); diff != nullptr) {
    out += "\n## Baseline\n\nAgainst " + md(diff->file);
    out += ": " + std::to_string(diff->new_codes.size());
    out += " new, " + std::to_string(diff->gone_codes.size());
    out += " gone, " + std::to_string(diff->changed_codes.size()) + " changed\n";
    if (!view.baseline_rows().empty()) {
      out += "\n| Change | Vendor | Code | Count | Baseline | Ratio |\n|:--|:--|:--|--:|--:|--:|\n";
      for (const BaselineRow& row : view.baseline_rows()) append_change(out, row);
    }
  }

  if (!view.alerts().empty()) {
    out += "\n## Alerts\n\n";
    for (const auto& alert : view.alerts()) out += "- **ALERT:** " + md(alert) + '\n';
  }
  if (!view.made_sentence().empty()) {
    out += "\n---\n\n*Made by " + md(view.made_sentence()) + ", report id " + view.id() + ".*\n";
  }
  return out;
}

}  // namespace errscope
