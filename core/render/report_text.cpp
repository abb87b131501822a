#include "render/report_text.hpp"

#include <algorithm>
#include <cstdio>
#include <string_view>

#include "render/numbers.hpp"
#include "render/report_view.hpp"
#include "render/sparkline.hpp"
#include "util/utf8.hpp"

namespace errscope {

namespace {

constexpr std::size_t k_min_columns = 60;
// Only a guard against absurd COLUMNS values: nothing but the message grows past ~300.
constexpr std::size_t k_max_columns = 4096;
constexpr std::string_view k_ellipsis = "\xE2\x80\xA6";  // …

// The code table's columns: the narrowest and widest each may take.
constexpr std::size_t k_min_count = 5;  // "COUNT"
constexpr std::size_t k_outcome = 7;    // "success", "unknown"
constexpr std::size_t k_min_vendor = 6;
constexpr std::size_t k_max_vendor = 12;
constexpr std::size_t k_min_code = 4;
constexpr std::size_t k_max_code = 16;
constexpr std::size_t k_min_bar = 6;
constexpr std::size_t k_max_bar = 20;
constexpr std::size_t k_max_timeline = 60;
constexpr std::size_t k_min_message = 20;
// How many error codes the hints section shows at most.
constexpr std::size_t k_hinted_codes = 5;
// How many sources a code's row names, and how many rows the sources table has.
constexpr std::size_t k_code_sources = 3;
constexpr std::size_t k_table_sources = 10;

// Whether a cell is padded with spaces to its width (not the last one of a line).
enum class Pad { yes, no };

// `text` with control characters and invalid bytes made visible, and tabs as spaces (a tab's
// width depends on where it falls).
std::string visible(std::string_view text) {
  std::string out;
  append_visible(out, text);
  std::replace(out.begin(), out.end(), '\t', ' ');
  return out;
}

// The length in bytes of the character at the start of `text` (an invalid byte is one).
std::size_t char_length(std::string_view text) {
  if (static_cast<unsigned char>(text.front()) < 0x80) return 1;
  return std::max<std::size_t>(1, valid_utf8_sequence_length(text));
}

// How many bytes of `text` (visible already) fit in `cells` cells, whole characters only.
std::size_t prefix_within(std::string_view text, std::size_t cells) {
  std::size_t used = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t length = char_length(text.substr(i));
    const std::size_t width = display_width(text.substr(i, length));
    if (used + width > cells) break;
    used += width;
    i += length;
  }
  return i;
}

// `text` made visible in `width` cells: cut with an ellipsis when it does not fit, padded with
// spaces when asked.
std::string fit(std::string_view text, std::size_t width, Pad pad = Pad::yes) {
  std::string out = visible(text);
  std::size_t used = display_width(out);
  if (used > width) {
    out.resize(prefix_within(out, width == 0 ? 0 : width - 1));
    used = display_width(out);
    if (used < width) {
      out += k_ellipsis;
      ++used;
    }
  }
  if (pad == Pad::yes) out.append(width - used, ' ');
  return out;
}

std::string right(std::string text, std::size_t width) {
  if (text.size() < width) text.insert(0, width - text.size(), ' ');
  return text;
}

// `text` made visible and broken at spaces into lines of at most `width` cells, the first of
// which has `used` cells taken already (by a label the caller writes); a word wider than a line
// is broken where the line ends. Lines after the first start with `indent` spaces. Each line
// ends in a newline.
std::string wrap(std::string_view text, std::size_t width, std::size_t used = 0,
                 std::size_t indent = 0) {
  const std::string shown = visible(text);
  std::string_view rest = shown;
  std::string out;
  std::size_t line_width = used;
  bool after_word = false;  // a word is on the line: the next one needs a space before it
  auto new_line = [&] {
    out += '\n';
    out.append(indent, ' ');
    line_width = indent;
    after_word = false;
  };
  while (!rest.empty()) {
    const std::size_t space = rest.find(' ');
    std::string_view word = rest.substr(0, space);
    rest.remove_prefix(space == std::string_view::npos ? rest.size() : space + 1);
    if (word.empty()) continue;
    if (after_word && line_width + 1 + display_width(word) > width) {
      new_line();
    } else if (after_word) {
      out += ' ';
      ++line_width;
    }
    while (line_width + display_width(word) > width) {
      std::size_t cut = prefix_within(word, width > line_width ? width - line_width : 0);
      if (cut == 0 && line_width == indent) cut = char_length(word);  // wider than any line
      out.append(word.substr(0, cut));
      word.remove_prefix(cut);
      new_line();
    }
    out += word;
    line_width += display_width(word);
    after_word = true;
  }
  return out + '\n';
}

// `text` with the spaces at its end taken off.
std::string trimmed(std::string text) {
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

// A horizontal bar of `value / max` in eighth blocks.
std::string bar(std::uint64_t value, std::uint64_t max, std::size_t width) {
  static const char* const k_eighths[] = {"",
                                          "\xE2\x96\x8F",
                                          "\xE2\x96\x8E",
                                          "\xE2\x96\x8D",
                                          "\xE2\x96\x8C",
                                          "\xE2\x96\x8B",
                                          "\xE2\x96\x8A",
                                          "\xE2\x96\x89"};
  // In 128 bits: value × width × 8 must not wrap for the largest counts; value <= max.
  __extension__ typedef unsigned __int128 Wide;
  const std::uint64_t eighths =
      max == 0 ? 0
               : static_cast<std::uint64_t>(
                     (static_cast<Wide>(std::min(value, max)) * width * 8 + max - 1) / max);
  std::string out;
  std::size_t used = 0;
  for (std::uint64_t i = 0; i < eighths / 8; ++i, ++used) out += "\xE2\x96\x88";  // █
  if (eighths % 8 != 0) {
    out += k_eighths[eighths % 8];
    ++used;
  }
  out.append(width > used ? width - used : 0, ' ');
  return out;
}

// The timeline squeezed into `width` cells as a sparkline, blank where nothing was seen.
std::string sparkline(const std::vector<Timeline::Bucket>& points, std::size_t width) {
  const auto sums = squeeze_timeline(points, width);
  return block_sparkline(sums, SparkFloor::lowest_block) + std::string(width - sums.size(), ' ');
}

// The word of the OUTCOME column, and its colour.
std::string_view outcome_word(const CodeStats& code) {
  if (!code.known) return "unknown";
  return code.outcome == Outcome::success ? "success" : "error";
}
std::string_view outcome_sgr(const CodeStats& code) {
  if (!code.known) return "33";
  return code.outcome == Outcome::success ? "32" : "31";
}

// How a code is named outside the table: "dingtalk 40014".
std::string code_name(const CodeStats& code) {
  return code.vendor + " " + code.code;
}

// The widths of the code table's columns in cells (timeline 0: no timeline column). With the
// space after every column but the last they add up to the layout's columns.
struct CodeColumns {
  std::size_t count = k_min_count;
  std::size_t vendor = k_min_vendor;
  std::size_t code = k_min_code;
  std::size_t bar = k_min_bar;
  std::size_t timeline = 0;
  std::size_t message = k_min_message;
};

CodeColumns code_columns(const ReportView& view, std::size_t columns,
                         std::string_view timeline_header) {
  CodeColumns widths;
  std::size_t buckets = 0;
  for (const CodeStats* code : view.shown()) {
    widths.count = std::max(widths.count, format_count(code->count).size());
    widths.vendor = std::max(widths.vendor, display_width(visible(code->vendor)));
    widths.code = std::max(widths.code, display_width(visible(code->code)));
  }
  if (view.timed() && !view.shown().empty()) buckets = view.dense(*view.shown().front()).size();
  widths.vendor = std::min(widths.vendor, k_max_vendor);
  widths.code = std::min(widths.code, k_max_code);
  const std::size_t fixed = widths.count + 1 + k_outcome + 1 + widths.vendor + 1 + widths.code + 1;
  // What the bar, the timeline, the message and the spaces between them share.
  const std::size_t rest = columns > fixed ? columns - fixed : 0;
  const std::size_t header = display_width(timeline_header);
  auto message = [&] {
    const std::size_t used = widths.bar + 1 + (widths.timeline > 0 ? widths.timeline + 1 : 0);
    return rest > used ? rest - used : 0;
  };
  widths.bar = std::clamp(columns / 8, k_min_bar, k_max_bar);
  // The timeline only when the lines had times and it leaves the message its room; no wider
  // than its buckets, nor narrower than its header.
  if (view.timed() && rest >= k_min_bar + 1 + header + 1 + k_min_message) {
    const std::size_t wanted = std::min({columns / 4, k_max_timeline, buckets});
    widths.timeline = std::max(header, wanted);
  }
  // Narrow: the timeline, then the bar, give way to the message.
  if (const std::size_t room = message(); room < k_min_message && widths.timeline > header) {
    widths.timeline -= std::min(widths.timeline - header, k_min_message - room);
  }
  if (const std::size_t room = message(); room < k_min_message && widths.bar > k_min_bar) {
    widths.bar -= std::min(widths.bar - k_min_bar, k_min_message - room);
  }
  widths.message = message();
  return widths;
}

void append_totals(std::string& out, const ReportView& view, const TextLayout& layout) {
  const Report& report = view.report();
  append_styled(out, layout.color, "1", "errscope report");
  out += ": " + wrap(format_count(report.lines()) + " lines, " +
                         format_count(report.matched_lines()) + " with codes",
                     layout.columns, 17);
  out += wrap("codes: " + format_count(report.matches()) + ", errors: " +
                      format_count(report.errors()) + " (" +
                      format_percent(report.errors(), report.matches()) + ")",
              layout.columns);
  if (view.timed()) {
    out += wrap("time: " + format_wall_time(*report.first()) + " \xE2\x86\x92 " +
                        format_wall_time(*report.last()) + ", " +
                        bucket_name(report.bucket_ms()) + " buckets",
                layout.columns, 0, 6);
  } else if (!view.empty_window_sentence().empty()) {
    out += wrap("time: " + view.empty_window_sentence(), layout.columns, 0, 6);
  } else {
    out += wrap("time: no timestamps on the lines with codes", layout.columns);
  }
  if (!view.inputs_sentence().empty()) out += wrap(visible(view.inputs_sentence()), layout.columns);
  for (const std::string* sentence :
       {&view.interrupted_sentence(), &view.shards_sentence(), &view.cut_sentence(),
        &view.skipped_sentence(),
        &view.out_of_range_sentence()}) {
    if (!sentence->empty()) out += wrap(*sentence, layout.columns);
  }
}

void append_vendors(std::string& out, const ReportView& view, const TextLayout& layout) {
  const Report& report = view.report();
  if (report.vendors().empty()) {
    out += "\nno vendor codes found\n";
    return;
  }
  out += '\n';
  append_styled(out, layout.color, "1", "VENDOR      LINES    CODES   ERRORS");
  out += '\n';
  for (const auto& [vendor, stats] : report.vendors()) {
    out += trimmed(fit(vendor, 10) + right(format_count(stats.matched_lines), 7) +
                   right(format_count(stats.matches), 9) + right(format_count(stats.errors), 9)) +
           '\n';
  }
}

// The table of the top codes: COUNT, OUTCOME, VENDOR, CODE, BAR, TIMELINE, MESSAGE.
void append_codes(std::string& out, const ReportView& view, const TextLayout& layout) {
  const std::string timeline_header = "TIMELINE (" + bucket_name(view.report().bucket_ms()) + ")";
  const CodeColumns widths = code_columns(view, layout.columns, timeline_header);
  const std::uint64_t max = view.codes().front()->count;
  std::string header = right("COUNT", widths.count) + ' ' + fit("OUTCOME", k_outcome) + ' ' +
                       fit("VENDOR", widths.vendor) + ' ' + fit("CODE", widths.code) + ' ' +
                       fit("BAR", widths.bar) + ' ';
  if (widths.timeline > 0) header += fit(timeline_header, widths.timeline) + ' ';
  header += fit("MESSAGE", widths.message, Pad::no);
  out += '\n';
  append_styled(out, layout.color, "1", header);
  out += '\n';
  for (const CodeStats* code : view.shown()) {
    std::string row = right(format_count(code->count), widths.count) + ' ';
    append_styled(row, layout.color, outcome_sgr(*code), fit(outcome_word(*code), k_outcome));
    row += ' ' + fit(code->vendor, widths.vendor) + ' ' + fit(code->code, widths.code) + ' ';
    append_styled(row, layout.color, code->outcome == Outcome::success ? "32" : "31",
                  bar(code->count, max, widths.bar));
    row += ' ';
    if (widths.timeline > 0) row += sparkline(view.dense(*code), widths.timeline) + ' ';
    row += fit(code->known ? std::string_view(code->message) : "(not in the vendor's table)",
               widths.message, Pad::no);
    out += trimmed(std::move(row)) + '\n';
  }
  if (view.hidden() > 0)
    out += "  \xE2\x80\xA6 " + std::to_string(view.hidden()) + " more codes (--top)\n";
}

// When each of the top codes was first and last seen: one line each when it fits, else the
// times on a line of their own under the code.
// A code's top sources: "web-1 6, web-2 3, … 2 more".
std::string top_sources(const ReportView& view, const CodeStats& code) {
  const auto all = view.sources_of(code, 0);
  std::string out;
  for (std::size_t i = 0; i < all.size() && i < k_code_sources; ++i) {
    if (i > 0) out += ", ";
    out += visible(all[i].first->name) + ' ' + format_count(all[i].second);
  }
  if (all.size() > k_code_sources)
    out += ", \xE2\x80\xA6 " + format_count(all.size() - k_code_sources) + " more";
  return out;
}

void append_seen(std::string& out, const ReportView& view, const TextLayout& layout) {
  const bool sources = view.shows_sources() && !view.report().cut();
  std::size_t name_width = 4;    // "CODE"
  std::size_t time_width = 10;  // "FIRST SEEN"
  for (const CodeStats* code : view.shown()) {
    name_width = std::max(name_width, display_width(visible(code_name(*code))));
    time_width = std::max({time_width, time_text(code->first_seen, "-").size(),
                           time_text(code->last_seen, "-").size()});
  }
  name_width = std::min(name_width, k_max_vendor + 1 + k_max_code);
  out += '\n';
  const std::size_t times_end = 2 + name_width + 2 + time_width + 2 + time_width;
  if (times_end <= layout.columns) {
    // The top sources in what is left, when that is enough to name one.
    const bool with_sources = sources && times_end + 2 + 12 <= layout.columns;
    std::string header = "  " + fit("CODE", name_width) + "  " + fit("FIRST SEEN", time_width) +
                         "  " + (with_sources ? fit("LAST SEEN", time_width) + "  TOP SOURCES"
                                              : std::string("LAST SEEN"));
    append_styled(out, layout.color, "1", header);
    out += '\n';
    for (const CodeStats* code : view.shown()) {
      std::string row = "  " + fit(code_name(*code), name_width) + "  " +
                        fit(time_text(code->first_seen, "-"), time_width) + "  ";
      if (with_sources) {
        row += fit(time_text(code->last_seen, "-"), time_width) + "  " +
               fit(top_sources(view, *code), layout.columns - times_end - 2, Pad::no);
      } else {
        row += time_text(code->last_seen, "-");
      }
      out += trimmed(std::move(row)) + '\n';
    }
    return;
  }
  append_styled(out, layout.color, "1", "  CODE: FIRST SEEN \xE2\x86\x92 LAST SEEN");
  out += '\n';
  for (const CodeStats* code : view.shown()) {
    out += "  " + fit(code_name(*code), layout.columns - 2, Pad::no) + '\n';
    out += "    " + wrap(time_text(code->first_seen, "-") + " \xE2\x86\x92 " +
                             time_text(code->last_seen, "-"),
                         layout.columns, 4, 4);
    if (sources) out += "    from " + wrap(top_sources(view, *code), layout.columns, 9, 4);
  }
}

// Each shown code's example: where and when it was read, then the line cut to the width.
void append_examples(std::string& out, const ReportView& view, const TextLayout& layout) {
  out += '\n';
  append_styled(out, layout.color, "1", "EXAMPLES");
  out += " (the earliest line of each code)\n";
  for (const CodeStats* code : view.shown()) {
    out += "  " + fit(code_name(*code), layout.columns - 2, Pad::no);
    if (!code->example) {
      out += "  (none kept)\n";
      continue;
    }
    const CodeExample& example = *code->example;
    out += "  " + wrap(visible(example_place(example)) + "  " + time_text(example.time, ""),
                       layout.columns, 4 + display_width(visible(code_name(*code))), 4);
    std::string text = visible(example.text);
    if (example.cut) text += k_ellipsis;
    out += "    " + fit(text, layout.columns - 4, Pad::no) + '\n';
  }
}

// The sources by lines: what each read and how many codes and errors it had.
void append_sources(std::string& out, const ReportView& view, const TextLayout& layout) {
  if (!view.shows_sources()) return;
  out += '\n';
  if (view.report().cut()) {
    out += wrap("sources: a window cut from merged reports cannot split the counts by source",
                layout.columns);
    return;
  }
  const auto sources = view.sources_by_lines();
  const std::size_t name_width =
      std::min<std::size_t>(std::max<std::size_t>(6, layout.columns - 2 - 3 * 12), 40);
  append_styled(out, layout.color, "1",
                trimmed("  " + fit("SOURCE", name_width) + right("LINES", 12) +
                        right("CODES", 12) + right("ERRORS", 12)));
  out += '\n';
  for (std::size_t i = 0; i < sources.size() && i < k_table_sources; ++i) {
    const SourceStats& source = *sources[i];
    out += trimmed("  " + fit(visible(source.name), name_width) +
                   right(format_count(source.lines), 12) + right(format_count(source.matches), 12) +
                   right(format_count(source.errors), 12)) +
           '\n';
  }
  if (sources.size() > k_table_sources) {
    out += "  \xE2\x80\xA6 " + format_count(sources.size() - k_table_sources) +
           " more sources (--format json lists them)\n";
  }
}

// Who made the report: errscope's version, when, and the id of what it read.
void append_made(std::string& out, const ReportView& view, const TextLayout& layout) {
  if (view.made_sentence().empty()) return;
  out += '\n' + wrap("made by " + view.made_sentence() + ", report id " + view.id(), layout.columns);
}

// What the tables say to check for the most frequent error codes shown that have a hint.
void append_hints(std::string& out, const ReportView& view, const TextLayout& layout) {
  std::vector<const CodeStats*> hinted;
  for (const CodeStats* code : view.shown()) {
    if (code->outcome == Outcome::error && !code->hint.empty()) hinted.push_back(code);
    if (hinted.size() == k_hinted_codes) break;
  }
  if (hinted.empty()) return;
  std::size_t name_width = 0;
  for (const CodeStats* code : hinted)
    name_width = std::max(name_width, display_width(visible(code_name(*code))));
  name_width = std::min(name_width, k_max_vendor + 1 + k_max_code);
  // The hint beside its code when that leaves it room, else under it.
  const std::size_t indent = 2 + name_width + 4;
  const bool beside = layout.columns >= indent + k_min_message;
  out += '\n';
  append_styled(out, layout.color, "1", "HINTS");
  out += '\n';
  for (const CodeStats* code : hinted) {
    const std::string name = "  " + fit(code_name(*code), name_width);
    if (beside) {
      out += name + "  \xE2\x86\x92 " + wrap(code->hint, layout.columns, indent, indent);
    } else {
      out += trimmed(name) + '\n';
      out += "    \xE2\x86\x92 " + wrap(code->hint, layout.columns, 6, 6);
    }
  }
}

void append_baseline(std::string& out, const ReportView& view, const TextLayout& layout) {
  const BaselineDiff* diff = view.baseline();
  if (diff == nullptr) return;
  out += '\n';
  append_styled(out, layout.color, "1", "against");
  out += ' ' + wrap(diff->file + ": " + std::to_string(diff->new_codes.size()) + " new, " +
                        std::to_string(diff->gone_codes.size()) + " gone, " +
                        std::to_string(diff->changed_codes.size()) + " changed",
                    layout.columns, 8, 2);
  // Each row: an 11-cell label, then the code and its counts cut to the rest of the width.
  const std::size_t rest = layout.columns - 11;
  const std::size_t name_width = std::min<std::size_t>(24, rest / 2);
  for (const auto& [kind, change] : view.baseline_rows()) {
    const std::string name = fit(change->vendor + " " + change->code, name_width);
    std::string counts;
    switch (kind) {
      case ChangeKind::added:
        append_styled(out, layout.color, "31", "  new      ");
        counts = format_count(change->count);
        if (const std::string_view note = row_note({kind, change}); !note.empty()) {
          counts += "  (";
          counts += note;
          counts += ')';
        }
        break;
      case ChangeKind::gone:
        append_styled(out, layout.color, "32", "  gone     ");
        counts = "0 (was " + format_count(change->baseline_count) + ")";
        break;
      case ChangeKind::changed:
        out += "  changed  ";
        counts = format_count(change->count) + " (was " + format_count(change->baseline_count) +
                 ", \xC3\x97" + format_ratio(change->ratio()) + ")";
        break;
    }
    out += name + fit(counts, rest - name_width, Pad::no) + '\n';
  }
}

void append_alerts(std::string& out, const ReportView& view, const TextLayout& layout) {
  if (!view.alerts().empty()) out += '\n';
  for (const auto& alert : view.alerts()) {
    append_styled(out, layout.color, "1;31", "ALERT");
    out += ": " + wrap(alert, layout.columns, 7, 2);
  }
}

}  // namespace

std::string render_report_text(const Report& report, const ReportExtras& extras,
                               const TextLayout& layout) {
  const ReportView view(report, extras);
  TextLayout clamped = layout;
  clamped.columns = std::clamp(layout.columns, k_min_columns, k_max_columns);
  std::string out;
  append_totals(out, view, clamped);
  append_vendors(out, view, clamped);
  if (!view.shown().empty()) {
    append_codes(out, view, clamped);
    append_seen(out, view, clamped);
    append_hints(out, view, clamped);
    if (layout.examples == ExampleLines::shown) append_examples(out, view, clamped);
  }
  append_sources(out, view, clamped);
  append_baseline(out, view, clamped);
  append_alerts(out, view, clamped);
  append_made(out, view, clamped);
  return out;
}

}  // namespace errscope
