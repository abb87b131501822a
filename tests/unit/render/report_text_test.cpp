#define BOOST_TEST_MODULE report_text
// g++ 12 reports a false -Wrestrict on `"literal" + std::string` chains at -O2 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"
#include "render/report_text.hpp"

#include <boost/test/unit_test.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "corpus.hpp"
#include "report/baseline.hpp"
#include "test_support.hpp"
#include "util/utf8.hpp"

using namespace errscope;
using test::at;
using test::Corpus;
using test::lines_file;
using test::lines_of;
using test::make_corpus;
using test::report_of;

namespace {

// The line that starts the code table (its header).
std::string table_header(const std::string& text) {
  for (const std::string& line : lines_of(text)) {
    if (line.starts_with("COUNT ")) return line;
  }
  return {};
}

// The table row of `code` (the first line holding " <code> " after the header).
std::string row_of(const std::string& text, std::string_view code) {
  bool in_table = false;
  for (const std::string& line : lines_of(text)) {
    if (line.starts_with("COUNT ")) in_table = true;
    if (in_table && line.find(" " + std::string(code) + " ") != std::string::npos) return line;
  }
  return {};
}

// A code as a report read back holds it, seen at 09:00 and 09:50.
CodeStats code(std::string vendor, std::string name, Outcome outcome, std::uint64_t count,
               std::string message, std::string hint = {}) {
  CodeStats stats;
  stats.vendor = std::move(vendor);
  stats.code = std::move(name);
  stats.known = !message.empty();
  stats.outcome = outcome;
  stats.message = std::move(message);
  stats.hint = std::move(hint);
  stats.count = count;
  stats.first_seen = at("2026-11-01T09:00:00");
  stats.last_seen = at("2026-11-01T09:50:00");
  stats.timeline.add(at("2026-11-01T09:00:00"), count - 1);
  stats.timeline.add(at("2026-11-01T09:50:00"), 1);
  return stats;
}

// A report of `codes` over 09:00 … 09:50 in 5-minute buckets.
Report report_with(const std::vector<CodeStats>& codes) {
  Report report(BucketMode::fixed, 5 * 60 * 1000);
  std::uint64_t total = 0;
  for (const CodeStats& stats : codes) {
    report.add_code(stats);
    total += stats.count;
    VendorStats vendor = report.vendors().contains(stats.vendor)
                             ? report.vendors().at(stats.vendor)
                             : VendorStats{};
    vendor.matched_lines += stats.count;
    vendor.matches += stats.count;
    report.set_vendor(stats.vendor, vendor);
  }
  report.set_totals(total * 2, total, total, total, at("2026-11-01T09:00:00"),
                    at("2026-11-01T09:50:00"));
  return report;
}

const std::string k_long_message =
    "the access token is invalid or has expired; fetch a new one with the app key and secret "
    "and retry the request after checking the clock of the calling host";

}  // namespace

BOOST_AUTO_TEST_CASE(no_line_is_wider_than_the_layout_at_any_width) {
  const Corpus corpus = make_corpus(5, 20000);
  const test::TempFile path_file = lines_file(corpus.lines, 0, corpus.lines.size());
  const Report report = report_of({path_file.path()}, BucketMode::automatic, k_bucket_sizes[0]);
  const Report empty;
  const BaselineDiff diff = compare_with_baseline(report, empty, "yesterday.json");
  ReportExtras extras;
  extras.baseline = &diff;
  extras.alerts.push_back("11 errors, more than --max-errors 5");
  for (const std::size_t columns : {1u, 59u, 60u, 80u, 120u, 160u, 250u, 400u}) {
    const std::string text = render_report_text(report, extras, TextLayout{columns});
    const std::size_t limit = std::max<std::size_t>(columns, 60);
    for (const std::string& line : lines_of(text)) {
      BOOST_TEST(display_width(line) <= limit, columns << ": " << line);
      BOOST_TEST((line.empty() || line.back() != ' '), columns << ": " << line);
    }
    BOOST_TEST(lines_of(text).size() > 20u);
    BOOST_TEST(table_header(text).find("COUNT OUTCOME VENDOR") == 0u, text);
  }
  // Below 60 columns the report is laid out as at 60.
  BOOST_TEST(render_report_text(report, extras, TextLayout{20}) ==
             render_report_text(report, extras, TextLayout{60}));
}

BOOST_AUTO_TEST_CASE(the_message_takes_the_width_and_is_cut_only_when_it_does_not_fit) {
  const Report report = report_with({code("dingtalk", "40014", Outcome::error, 9, k_long_message),
                                     code("dingtalk", "0", Outcome::success, 3, "ok")});
  std::size_t last_width = 0;
  for (const std::size_t columns : {60u, 80u, 160u, 250u, 300u}) {
    const std::string text = render_report_text(report, ReportExtras{}, TextLayout{columns});
    const std::string row = row_of(text, "40014");
    // Cut exactly at the width, with an ellipsis, until the whole message fits.
    if (columns < 300) {
      BOOST_TEST(display_width(row) == columns, row);
      BOOST_TEST(row.ends_with("\xE2\x80\xA6"), row);
    } else {
      BOOST_TEST(row.ends_with(k_long_message), row);
      BOOST_TEST(row.find("\xE2\x80\xA6") == std::string::npos, row);
    }
    BOOST_TEST(display_width(row) > last_width);
    last_width = display_width(row);
    BOOST_TEST(row_of(text, "0").ends_with(" ok"), text);
    // The header names every column; the timeline only where there is room for it.
    const std::string header = table_header(text);
    for (const std::string_view name : {"COUNT", "OUTCOME", "VENDOR", "CODE", "BAR", "MESSAGE"})
      BOOST_TEST(header.find(name) != std::string::npos, header);
    BOOST_TEST((header.find("TIMELINE (5m)") != std::string::npos) == (columns >= 80), header);
  }
}

BOOST_AUTO_TEST_CASE(wide_layouts_give_the_extra_room_to_the_message_not_the_bar) {
  const Report report = report_with({code("dingtalk", "40014", Outcome::error, 9, k_long_message)});
  auto full_blocks = [](const std::string& row) {
    std::size_t blocks = 0;
    for (std::size_t at = row.find("\xE2\x96\x88"); at != std::string::npos;
         at = row.find("\xE2\x96\x88", at + 1))
      ++blocks;
    return blocks;
  };
  const std::string at_160 = row_of(render_report_text(report, {}, TextLayout{160}), "40014");
  const std::string at_250 = row_of(render_report_text(report, {}, TextLayout{250}), "40014");
  const std::string at_80 = row_of(render_report_text(report, {}, TextLayout{80}), "40014");
  BOOST_TEST(full_blocks(at_80) < full_blocks(at_160));
  BOOST_TEST(full_blocks(at_250) == full_blocks(at_160));
  BOOST_TEST(full_blocks(at_250) <= 20u + 1u);  // the bar and the timeline's one top bucket
  const std::string at_300 = row_of(render_report_text(report, {}, TextLayout{300}), "40014");
  BOOST_TEST(full_blocks(at_300) == full_blocks(at_160));
  BOOST_TEST(at_300.find(k_long_message) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(east_asian_characters_take_two_cells_and_are_never_split) {
  std::string chinese;
  for (int i = 0; i < 40; ++i) chinese += "\xE9\xBB\x91\xE5\x90\x8D\xE5\x8D\x95";  // 黑名单
  const Report report = report_with({code("ucpaas", "105107", Outcome::error, 6, chinese),
                                     code("ucpaas", "105108", Outcome::error, 2, "黑名单")});
  for (const std::size_t columns : {60u, 80u, 160u, 250u}) {
    const std::string text = render_report_text(report, ReportExtras{}, TextLayout{columns});
    const std::string row = row_of(text, "105107");
    // 2-cell characters: the cut row fills the width or leaves one cell, never more.
    BOOST_TEST(display_width(row) <= columns, row);
    BOOST_TEST(display_width(row) + 1 >= columns, row);
    BOOST_TEST(row.ends_with("\xE2\x80\xA6"), row);
    BOOST_TEST(valid_utf8(row));
    BOOST_TEST(row_of(text, "105108").ends_with(" 黑名单"), text);
  }
  // The column of MESSAGE starts at the same cell on every row whatever the messages hold.
  const std::string text = render_report_text(report, ReportExtras{}, TextLayout{80});
  const std::string header = table_header(text);
  const std::size_t message_cell = display_width(header.substr(0, header.find("MESSAGE")));
  const std::string row = row_of(text, "105108");
  BOOST_TEST(display_width(row.substr(0, row.find("黑名单"))) == message_cell);
}

BOOST_AUTO_TEST_CASE(log_text_stays_visible_at_every_width) {
  const std::string hostile = "bad\x1b[2J\x07 \xC2\x9b" "31m\ttab \xFF end";
  CodeStats unknown = code("yunke", "9\x1b]0;x\x07", Outcome::error, 4, "");
  const Report report =
      report_with({code("dingtalk", "40014", Outcome::error, 9, hostile, "check\x1b[5m it"),
                   unknown});
  for (const std::size_t columns : {60u, 80u, 160u, 250u}) {
    for (const ColorMode color : {ColorMode::plain, ColorMode::color}) {
      const std::string text = render_report_text(report, ReportExtras{}, {columns, color});
      std::string without_own_colours = text;
      // The report's own SGR sequences are the only escapes: take them out, then no control
      // character but the newline may be left.
      for (std::size_t at = without_own_colours.find("\x1b["); at != std::string::npos;
           at = without_own_colours.find("\x1b[")) {
        without_own_colours.erase(at, without_own_colours.find('m', at) - at + 1);
      }
      for (const char c : without_own_colours) {
        const auto byte = static_cast<unsigned char>(c);
        BOOST_TEST((byte >= 0x20 || byte == '\n'), columns << ": byte " << int(byte));
      }
      BOOST_TEST(text.find("\\x1b") != std::string::npos);
      BOOST_TEST(valid_utf8(text));
    }
  }
}

BOOST_AUTO_TEST_CASE(outcome_column_tells_error_success_and_unknown) {
  const Report report = report_with({code("dingtalk", "40014", Outcome::error, 9, "illegal"),
                                     code("dingtalk", "0", Outcome::success, 5, "ok"),
                                     code("dingtalk", "77777", Outcome::error, 2, "")});
  const std::string text = render_report_text(report, ReportExtras{}, TextLayout{});
  BOOST_TEST(row_of(text, "40014").find(" error ") != std::string::npos, text);
  BOOST_TEST(row_of(text, "0").find(" success ") != std::string::npos, text);
  BOOST_TEST(row_of(text, "77777").find(" unknown ") != std::string::npos, text);
}

BOOST_AUTO_TEST_CASE(hints_of_the_top_error_codes_follow_the_table) {
  std::vector<CodeStats> codes;
  codes.push_back(code("dingtalk", "0", Outcome::success, 50, "ok", "success hint"));
  for (int i = 0; i < 7; ++i) {
    codes.push_back(code("dingtalk", std::to_string(40000 + i), Outcome::error,
                         static_cast<std::uint64_t>(40 - i), "error " + std::to_string(i),
                         "hint number " + std::to_string(i) + " " + k_long_message));
  }
  codes.push_back(code("dingtalk", "33012", Outcome::error, 45, "no hint here"));
  const Report report = report_with(codes);
  for (const std::size_t columns : {60u, 80u, 160u}) {
    const std::string text = render_report_text(report, ReportExtras{}, TextLayout{columns});
    const std::size_t hints = text.find("\nHINTS\n");
    BOOST_TEST_REQUIRE(hints != std::string::npos, text);
    const std::string section = text.substr(hints);
    BOOST_TEST(section.find("success hint") == std::string::npos);
    // The five most frequent error codes with a hint, in order; the rest left out.
    std::size_t last = 0;
    for (int i = 0; i < 5; ++i) {
      const std::size_t at = section.find("dingtalk " + std::to_string(40000 + i));
      BOOST_TEST(at != std::string::npos, section);
      BOOST_TEST(at > last);
      last = at;
      BOOST_TEST(section.find("hint number " + std::to_string(i)) != std::string::npos, section);
    }
    BOOST_TEST(section.find("dingtalk 40005") == std::string::npos, section);
    BOOST_TEST(section.find("dingtalk 33012") == std::string::npos, section);
    // Wrapped, never cut: every word of the hint is there.
    BOOST_TEST(section.find("calling") != std::string::npos, section);
    BOOST_TEST(section.find("host") != std::string::npos, section);
    for (const std::string& line : lines_of(section))
      BOOST_TEST(display_width(line) <= columns, line);
  }
  // No section when no error code shown has a hint.
  const Report quiet = report_with({code("dingtalk", "33012", Outcome::error, 4, "invalid")});
  BOOST_TEST(render_report_text(quiet, ReportExtras{}, TextLayout{}).find("HINTS") ==
             std::string::npos);
}
