#include "render/report_text.hpp"

#include <algorithm>
#include <cstdio>

#include "render/numbers.hpp"
#include "render/report_view.hpp"
#include "render/sparkline.hpp"
#include "util/utf8.hpp"

namespace errscope {

namespace {

constexpr std::size_t k_width = 80;
constexpr std::size_t k_bar_width = 10;
constexpr std::size_t k_spark_width = 20;

// Pads or cuts `text` (shown with control characters visible) to exactly `width` columns.
std::string fit(std::string_view text, std::size_t width) {
  std::string visible;
  append_visible(visible, text);
  std::string out;
  std::size_t used = 0;
  std::size_t i = 0;
  while (i < visible.size()) {
    const auto byte = static_cast<unsigned char>(visible[i]);
    const std::size_t length =
        byte < 0x80 ? 1
                    : std::max<std::size_t>(
                          1, valid_utf8_sequence_length(std::string_view(visible).substr(i)));
    const std::size_t columns = display_width(std::string_view(visible).substr(i, length));
    if (used + columns > width - (i + length < visible.size() ? 1 : 0) &&
        i + length < visible.size()) {
      if (used < width) {
        out += "\xE2\x80\xA6";  // …
        ++used;
      }
      break;
    }
    out.append(visible, i, length);
    used += columns;
    i += length;
  }
  out.append(used < width ? width - used : 0, ' ');
  return out;
}

std::string right(std::string text, std::size_t width) {
  if (text.size() < width) text.insert(0, width - text.size(), ' ');
  return text;
}

// `text` (plain ASCII and symbols, no log-derived bytes) broken at spaces into lines of at most
// `width` columns, each ending in a newline.
std::string wrap(std::string_view text, std::size_t width) {
  std::string out;
  std::size_t line_width = 0;
  while (!text.empty()) {
    const std::size_t space = text.find(' ');
    const std::string_view word = text.substr(0, space);
    const std::size_t columns = display_width(word);
    if (line_width > 0 && line_width + 1 + columns > width) {
      out += '\n';
      line_width = 0;
    } else if (line_width > 0) {
      out += ' ';
      ++line_width;
    }
    out += word;
    line_width += columns;
    text.remove_prefix(space == std::string_view::npos ? text.size() : space + 1);
  }
  return out + '\n';
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

}  // namespace

std::string render_report_text(const Report& report, const ReportExtras& extras, ColorMode color) {
  const ReportView view(report, extras);
  std::string out;
  append_styled(out, color, "1", "errscope report");
  out += ": " + format_count(report.lines()) + " lines, " + format_count(report.matched_lines()) + " with codes\n";
  out += "codes: " + format_count(report.matches()) + ", errors: " + format_count(report.errors()) + " (" +
         format_percent(report.errors(), report.matches()) + ")\n";
  if (view.timed()) {
    out += "time: " + format_wall_time(*report.first()) + " \xE2\x86\x92 " +
           format_wall_time(*report.last()) + ", " + bucket_name(report.bucket_ms()) + " buckets\n";
  } else {
    out += "time: no timestamps on the lines with codes\n";
  }
  for (const std::string* sentence :
       {&view.interrupted_sentence(), &view.skipped_sentence(), &view.out_of_range_sentence()}) {
    if (!sentence->empty()) out += wrap(*sentence, k_width);
  }
  if (report.vendors().empty()) {
    out += "\nno vendor codes found\n";
  } else {
    out += '\n';
    append_styled(out, color, "1", "VENDOR      LINES    CODES   ERRORS");
    out += '\n';
    for (const auto& [vendor, stats] : report.vendors()) {
      out += fit(vendor, 10) + right(format_count(stats.matched_lines), 7) +
             right(format_count(stats.matches), 9) + right(format_count(stats.errors), 9) + '\n';
    }
  }

  if (!view.shown().empty()) {
    const std::uint64_t max = view.codes().front()->count;
    out += '\n';
    // COUNT(7) VENDOR(9) CODE(12) BAR(10) TIMELINE(20) MESSAGE(rest)
    const std::size_t message_width =
        k_width - 7 - 1 - 9 - 12 - k_bar_width - 1 - k_spark_width - 1;
    append_styled(out, color, "1",
                  "  COUNT VENDOR   CODE        " + fit("", k_bar_width) + " " +
                      fit("TIMELINE (" + bucket_name(report.bucket_ms()) + ")", k_spark_width) +
                      " MESSAGE");
    out += '\n';
    for (const CodeStats* code : view.shown()) {
      out += right(format_count(code->count), 7) + ' ' + fit(code->vendor, 9) + fit(code->code, 12);
      append_styled(out, color, code->outcome == Outcome::success ? "32" : "31",
                    bar(code->count, max, k_bar_width));
      out += ' ';
      out += sparkline(view.dense(*code), k_spark_width);
      out += ' ';
      std::string message = code->known ? code->message : "unknown code";
      std::string line = fit(message, message_width);
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + '\n';
    }
    if (view.hidden() > 0)
      out += "  \xE2\x80\xA6 " + std::to_string(view.hidden()) + " more codes (--top)\n";
    out += '\n';
    append_styled(out, color, "1", "  CODE                    FIRST SEEN               LAST SEEN");
    out += '\n';
    for (const CodeStats* code : view.shown()) {
      out += "  " + fit(code->vendor + " " + code->code, 24) +
             fit(time_text(code->first_seen, "-"), 25) + time_text(code->last_seen, "-") + '\n';
    }
  }

  if (const BaselineDiff* diff = view.baseline(); diff != nullptr) {
    out += '\n';
    std::string file;
    append_visible(file, diff->file);
    append_styled(out, color, "1", "against " + file);
    out += ": " + std::to_string(diff->new_codes.size()) + " new, " +
           std::to_string(diff->gone_codes.size()) + " gone, " +
           std::to_string(diff->changed_codes.size()) + " changed\n";
    for (const auto& [kind, change] : view.baseline_rows()) {
      const std::string name = fit(change->vendor + " " + change->code, 24);
      switch (kind) {
        case ChangeKind::added:
          append_styled(out, color, "31", "  new      ");
          out += name + format_count(change->count);
          if (const std::string_view note = row_note({kind, change}); !note.empty()) {
            out += "  (";
            out += note;
            out += ')';
          }
          out += '\n';
          break;
        case ChangeKind::gone:
          append_styled(out, color, "32", "  gone     ");
          out += name + "0 (was " + format_count(change->baseline_count) + ")\n";
          break;
        case ChangeKind::changed:
          out += "  changed  " + name + format_count(change->count) + " (was " +
                 format_count(change->baseline_count) + ", \xC3\x97" +
                 format_ratio(change->ratio()) + ")\n";
          break;
      }
    }
  }
  for (const auto& alert : view.alerts()) {
    out += '\n';
    append_styled(out, color, "1;31", "ALERT");
    out += ": ";
    append_visible(out, alert);
  }
  if (!view.alerts().empty()) out += '\n';
  return out;
}

}  // namespace errscope
