#define BOOST_TEST_MODULE report_builder
// g++ 12 reports a false -Wrestrict on `"literal" + std::string` chains at -O2 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"
#include "report/report_builder.hpp"

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "corpus.hpp"
#include "render/report_json.hpp"
#include "report/report_json.hpp"
#include "scan/scanner.hpp"
#include "source/file_source.hpp"
#include "temp_file.hpp"
#include "test_support.hpp"

using namespace errscope;
using errscope::test::at;
using errscope::test::shown;
using test::json_of;
using test::lines_file;
using test::report_of;

namespace {

// A line that holds dingtalk's code 40014 and no timestamp.
std::string untimed_code(const std::string& tag = "x") {
  return "  caused by {\"errcode\":40014,\"errmsg\":\"" + tag + "\"}\n";
}

std::string trace(std::size_t lines) {
  std::string text;
  for (std::size_t i = 0; i < lines; ++i) text += "\tat com.x.Y(Y.java:1)\n";
  return text;
}

// The example: a code line at 09:00:05, a later timestamp (09:30:00), `lines` of stack
// trace, then a code line without a time of its own.
std::string after_trace(std::size_t lines) {
  return "2026-11-01T09:00:00 INFO first\n"
         "2026-11-01T09:00:05 ERROR {\"errcode\":40014,\"errmsg\":\"x\"}\n"
         "2026-11-01T09:30:00 INFO later\n" +
         trace(lines) + untimed_code();
}

// The report of `text` scanned as one block (as a whole input in memory).
Report report_of_text(const std::string& text, ReportWindow window = {}) {
  Report report;
  ReportBuilder builder(report, window);
  Scanner scanner(test::builtin_matcher(), builder);
  scanner.scan_text("test.log", text);
  report.finalize();
  return report;
}

// The report of `text` read from a file, in the line reader's blocks (1 MiB).
Report report_of_file(const std::string& text, ReportWindow window = {}) {
  const test::TempFile file(text);
  Report report;
  ReportBuilder builder(report, window);
  Scanner scanner(test::builtin_matcher(), builder);
  auto source = FileSource::open(file.path());
  if (!source.ok()) throw std::runtime_error(source.error().reason);
  const bool scanned = scanner.scan(*source).ok();
  if (!scanned) throw std::runtime_error("scan");
  report.finalize();
  return report;
}

const CodeStats& code_40014(const Report& report) {
  const CodeStats* code = report.find("dingtalk", "40014");
  if (code == nullptr) throw std::runtime_error("no 40014 in the report");
  return *code;
}

std::uint64_t timeline_total(const CodeStats& code) {
  std::uint64_t total = 0;
  for (const auto& [start, count] : code.timeline.counts()) total += count;
  return total;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_code_line_after_a_long_stack_trace_takes_the_last_timestamp_before_it) {
  // 256 lines was the old look-back: the line after a longer trace took 09:00:05.
  for (const std::size_t lines : {0u, 1u, 255u, 256u, 257u, 300u, 20000u}) {
    for (const bool from_file : {false, true}) {
      const std::string text = after_trace(lines);
      const Report report = from_file ? report_of_file(text) : report_of_text(text);
      const CodeStats& code = code_40014(report);
      BOOST_TEST(code.count == 2u, lines);
      BOOST_TEST(shown(code.first_seen) == "2026-11-01T09:00:05", lines);
      BOOST_TEST(shown(code.last_seen) == "2026-11-01T09:30:00", lines << " file " << from_file);
      BOOST_TEST(timeline_total(code) == 2u, lines);
      BOOST_TEST(report.lines() == lines + 4, lines);
    }
  }
}

BOOST_AUTO_TEST_CASE(the_last_timestamp_is_found_blocks_back) {
  // The later timestamp, then 3 MiB of trace (several of the reader's 1 MiB blocks), then the
  // code line: each block's end settles the time of its lines, however many there are.
  const std::string text = after_trace(150000);  // 22-byte lines: 3.3 MB
  BOOST_TEST_REQUIRE(text.size() > (3u << 20));
  const Report report = report_of_file(text);
  BOOST_TEST(shown(code_40014(report).last_seen) == "2026-11-01T09:30:00");
  // The same with the timestamp at the very end of a block's lines and the code line at the start
  // of a later block: a line with a time may be anywhere in a block.
  std::string shifted = "2026-11-01T09:00:05 ERROR {\"errcode\":40014,\"errmsg\":\"x\"}\n";
  shifted += trace(40000);
  shifted += "2026-11-01T09:45:00 INFO later, still before the trace ends\n";
  shifted += trace(70000);
  shifted += untimed_code();
  const Report shifted_report = report_of_file(shifted);
  BOOST_TEST(shown(code_40014(shifted_report).last_seen) == "2026-11-01T09:45:00");
}

BOOST_AUTO_TEST_CASE(crlf_lines_are_searched_backwards_as_they_are_read_forwards) {
  // The search back sees each line as split_first_line gives it (without the CR of a CRLF), so
  // with and without a window the same timestamps are found.
  std::string text;
  for (const char c : after_trace(300) + "2026-11-01T09:40:00.250+01:00\n" + trace(3) +
                          untimed_code()) {
    if (c == '\n') text += '\r';
    text += c;
  }
  ReportWindow all;
  all.since = at("2000-01-01T00:00:00");
  for (const auto& window : {ReportWindow{}, all}) {
    const Report report = report_of_text(text, window);
    const CodeStats& code = code_40014(report);
    BOOST_TEST(code.count == 3u);
    BOOST_TEST(shown(code.last_seen) == "2026-11-01T09:40:00.250");
    BOOST_TEST(timeline_total(code) == 3u);
  }
}

BOOST_AUTO_TEST_CASE(a_window_counts_the_line_after_a_long_trace_at_the_last_timestamp) {
  ReportWindow after;
  after.since = at("2026-11-01T09:10:00");
  for (const bool from_file : {false, true}) {
    const std::string text = after_trace(300);
    const Report report = from_file ? report_of_file(text, after) : report_of_text(text, after);
    const CodeStats& code = code_40014(report);
    BOOST_TEST(code.count == 1u);
    BOOST_TEST(shown(code.first_seen) == "2026-11-01T09:30:00");
    BOOST_TEST(report.lines() == 302u);  // "later", the trace, the code line
  }
  ReportWindow before;
  before.until = at("2026-11-01T09:10:00");
  const Report early = report_of_text(after_trace(300), before);
  BOOST_TEST(code_40014(early).count == 1u);
  BOOST_TEST(shown(code_40014(early).last_seen) == "2026-11-01T09:00:05");
  BOOST_TEST(early.lines() == 2u);
}

BOOST_AUTO_TEST_CASE(a_file_without_timestamps_counts_its_codes_without_a_time_in_linear_time) {
  // Every line is looked at once at most: 100,000 untimed code lines among 1,000,000 plain ones
  // would take many minutes if each looked back over the whole file.
  std::string text;
  const std::string plain = trace(10);
  for (int i = 0; i < 100000; ++i) text += plain + untimed_code();
  const auto started = std::chrono::steady_clock::now();
  const Report report = report_of_file(text);
  const auto took = std::chrono::steady_clock::now() - started;
  BOOST_TEST(code_40014(report).count == 100000u);
  BOOST_TEST(!code_40014(report).first_seen.has_value());
  BOOST_TEST(timeline_total(code_40014(report)) == 0u);
  BOOST_TEST(report.lines() == 1100000u);
  BOOST_TEST(!report.first().has_value());
  BOOST_TEST(std::chrono::duration_cast<std::chrono::seconds>(took).count() < 60);
  // With a window nothing before a timestamp counts.
  ReportWindow window;
  window.since = at("2000-01-01T00:00:00");
  const Report windowed = report_of_text(trace(3) + untimed_code(), window);
  BOOST_TEST(windowed.lines() == 0u);
  BOOST_TEST(windowed.matches() == 0u);
}

BOOST_AUTO_TEST_CASE(code_lines_before_the_first_timestamp_have_no_time_and_later_ones_do) {
  const std::string text = "starting\n" + untimed_code("a") + "2026-11-01T10:00:00 INFO up\n" +
                           trace(500) + untimed_code("b");
  const Report report = report_of_text(text);
  const CodeStats& code = code_40014(report);
  BOOST_TEST(code.count == 2u);
  BOOST_TEST(shown(code.first_seen) == "2026-11-01T10:00:00");
  BOOST_TEST(timeline_total(code) == 1u);  // the first had no time
}

BOOST_AUTO_TEST_CASE(a_head_takes_the_lines_before_the_first_timestamp_of_a_part) {
  const std::string text = "continued from an earlier part\n" + untimed_code("a") + trace(300) +
                           untimed_code("b") + "2026-11-01T10:00:00 INFO time at last\n" +
                           trace(300) + untimed_code("c");
  for (const bool bounded : {false, true}) {
    ReportWindow window;
    if (bounded) window.since = at("2026-11-01T00:00:00");
    Report report;
    Report head;
    ReportBuilder builder(report, window);
    Scanner scanner(test::builtin_matcher(), builder);
    builder.head_next(head);
    scanner.scan_text("part", text);
    BOOST_TEST(shown(builder.last_time()) == "2026-11-01T10:00:00");
    // The two code lines before the timestamp wait in the head, without a time.
    BOOST_TEST(code_40014(head).count == 2u);
    BOOST_TEST(!code_40014(head).first_seen.has_value());
    BOOST_TEST(code_40014(report).count == 1u);
    BOOST_TEST(shown(code_40014(report).first_seen) == "2026-11-01T10:00:00");
    // Without a window plain lines need no time and count at once; with one they wait too.
    BOOST_TEST(head.lines() == (bounded ? 303u : 2u), "bounded " << bounded);
    BOOST_TEST(report.lines() + head.lines() == 605u);
    // The head is for one input only: the next starts with none.
    Report next_report;
    ReportBuilder next_builder(next_report, window);
    Scanner next_scanner(test::builtin_matcher(), next_builder);
    next_builder.head_next(head);
    next_scanner.scan_text("part", "2026-11-01T11:00:00 INFO x\n");
    next_scanner.scan_text("whole", untimed_code());
    BOOST_TEST(code_40014(head).count == 2u);
    BOOST_TEST(next_report.matches() == (bounded ? 0u : 1u));
    BOOST_TEST(!next_builder.last_time().has_value());
  }
}

BOOST_AUTO_TEST_CASE(add_at_stamps_the_lines_without_a_time_only) {
  const Matcher& matcher = test::builtin_matcher();
  std::vector<Match> matches;
  matcher.find("{\"errcode\":40014,\"errmsg\":\"x\"}", matches);
  BOOST_TEST_REQUIRE(matches.size() == 1u);
  Report head;
  head.add_line(matches, std::nullopt);
  head.add_line(matches, std::nullopt);
  head.add_line(matches, at("2026-11-01T08:00:00"));  // one with a time keeps it
  head.add_plain_lines(5);

  Report stamped;
  stamped.add_line(matches, at("2026-11-01T12:00:00"));
  stamped.add_at(head, at("2026-11-01T09:00:30"));
  stamped.finalize();
  const CodeStats& code = code_40014(stamped);
  BOOST_TEST(code.count == 4u);
  BOOST_TEST(shown(code.first_seen) == "2026-11-01T08:00:00");
  BOOST_TEST(shown(code.last_seen) == "2026-11-01T12:00:00");
  BOOST_TEST(stamped.lines() == 9u);
  BOOST_TEST(stamped.matched_lines() == 4u);
  BOOST_TEST(stamped.errors() == 4u);
  BOOST_TEST(shown(stamped.first()) == "2026-11-01T08:00:00");
  std::vector<Timeline::Bucket> expected{{at("2026-11-01T08:00:00"), 1},
                                         {at("2026-11-01T09:00:00"), 2},
                                         {at("2026-11-01T12:00:00"), 1}};
  const auto counts = code.timeline.counts();
  BOOST_TEST(counts.size() == expected.size());
  for (std::size_t i = 0; i < std::min(counts.size(), expected.size()); ++i) {
    BOOST_TEST(counts[i].first == expected[i].first);
    BOOST_TEST(counts[i].second == expected[i].second);
  }

  // Without a time: the same as +=.
  Report plain_sum;
  plain_sum += head;
  Report untimed;
  untimed.add_at(head, std::nullopt);
  plain_sum.finalize();
  untimed.finalize();
  BOOST_TEST(render_report_json(untimed, {}) == render_report_json(plain_sum, {}));
  // A head of plain lines only moves no span.
  Report only_plain;
  only_plain.add_plain_lines(3);
  Report target;
  target.add_at(only_plain, at("2026-11-01T09:00:00"));
  BOOST_TEST(target.lines() == 3u);
  BOOST_TEST(!target.first().has_value());
}

BOOST_AUTO_TEST_CASE(a_code_line_inherits_the_last_timestamp_even_from_a_line_with_only_an_anchor) {
  // Line 2 holds an anchor ("code") but no code; its time must still be the one inherited by the
  // continuation line 4, through the untimed plain line 3.
  const std::vector<std::string> lines{
      "2026-11-01 09:00:00 INFO start", "2026-11-01 09:30:00 INFO http \"code\":200 done",
      "  plain continuation without a time",
      "\tat Client.call caused by {\"errcode\":40014,\"errmsg\":\"x\"}"};
  const test::TempFile path_file = lines_file(lines, 0, lines.size());
  const std::string& path = path_file.path();
  const Report report = report_of({path}, BucketMode::automatic, k_bucket_sizes[0]);
  const CodeStats* code = report.find("dingtalk", "40014");
  BOOST_TEST_REQUIRE(code != nullptr);
  BOOST_TEST_REQUIRE(code->first_seen.has_value());
  BOOST_TEST(format_wall_time(*code->first_seen) == "2026-11-01T09:30:00");
  BOOST_TEST(report.lines() == 4u);
}

BOOST_AUTO_TEST_CASE(a_report_built_from_a_log_leaves_far_times_out_of_its_span) {
  // A device without a clock (1970) and a typo (9999) around real lines, one inheriting a time.
  const std::vector<std::string> lines{
      "1970-01-01 00:00:05 boot errcode=40014",   "2026-11-01 09:00:00 errcode=40014",
      "\tat Client.call caused by errcode=40014", "9999-01-01 00:00:00 errcode=40014",
      "\tat Client.call caused by errcode=40014", "2026-11-01 09:30:00 errcode=40014"};
  const test::TempFile path_file = lines_file(lines, 0, lines.size());
  const std::string& path = path_file.path();
  Report report;
  ReportWindow window;
  window.times = sane_time_range(at("2026-11-30T12:00:00"));
  ReportBuilder builder(report, window);
  Scanner scanner(test::builtin_matcher(), builder);
  auto source = FileSource::open(path);
  BOOST_TEST_REQUIRE(source.ok());
  BOOST_TEST_REQUIRE(scanner.scan(*source).ok());
  report.finalize();
  BOOST_TEST(report.matched_lines() == 6u);
  BOOST_TEST(report.out_of_range() == 3u);  // 1970, 9999 and the line inheriting 9999
  BOOST_TEST(format_wall_time(*report.first()) == "2026-11-01T09:00:00");
  BOOST_TEST(format_wall_time(*report.last()) == "2026-11-01T09:30:00");
  BOOST_TEST(bucket_name(report.bucket_ms()) == "1m");
  BOOST_TEST(report.find("dingtalk", "40014")->timeline.counts().size() == 2u);
  BOOST_TEST(json_of(report).size() < 4000u);
}
