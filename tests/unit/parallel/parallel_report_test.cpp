#define BOOST_TEST_MODULE parallel_report
// g++ 12 reports a false -Wrestrict on `"literal" + std::string` chains at -O2 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"
#include "parallel/parallel_report.hpp"

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "corpus.hpp"
#include "render/report_json.hpp"
#include "report/report_builder.hpp"
#include "report/report_json.hpp"
#include "scan/scanner.hpp"
#include "source/file_source.hpp"
#include "temp_file.hpp"
#include "test_support.hpp"

using namespace errscope;
using errscope::test::at;
using errscope::test::shown;
using test::Corpus;
using test::lines_file;
using test::make_corpus;
using test::parsed;
using test::report_of;

namespace {

std::string clock_text(int seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "2026-11-01T%02d:%02d:%02d", seconds / 3600 % 24,
                seconds / 60 % 60, seconds % 60);
  return buffer;
}

// A timestamped line with yunke's code 30004.
std::string timed_code(const std::string& time) {
  return time + "Z ERROR svc - {\"code\":30004,\"msg\":\"x\"}\n";
}

std::string timed_plain(const std::string& time) {
  return time + "Z INFO svc - fine\n";
}

// A continuation line with dingtalk's code 40014 and no timestamp.
std::string untimed_code() {
  return "\tcaused by {\"errcode\":40014,\"errmsg\":\"x\"}\n";
}

// About `bytes` of untimed lines (a stack trace), with an untimed code line every `every` bytes
// (none when 0).
std::string untimed_run(std::size_t bytes, std::size_t every) {
  const std::string line = "\tat com.acme.Client.call(Client.java:42)\n";
  std::string text;
  std::size_t since_code = 0;
  while (text.size() < bytes) {
    text += line;
    since_code += line.size();
    if (every != 0 && since_code >= every) {
      text += untimed_code();
      since_code = 0;
    }
  }
  return text;
}

// The report of `paths` read one after the other on this thread.
Report sequential(const std::vector<std::string>& paths, const ReportWindow& window) {
  return report_of(paths, BucketMode::automatic, k_bucket_sizes[0], window);
}

Report parallel(const std::vector<std::string>& paths, std::size_t chunk, std::size_t threads,
                const ReportWindow& window) {
  std::vector<Diagnostic> errors;
  Report report = parallel_report(test::builtin_matcher(), plan_parts(paths, chunk), window,
                                  BucketMode::automatic, k_bucket_sizes[0], threads, errors);
  if (!errors.empty()) throw std::runtime_error(errors.front().reason);
  report.finalize();
  return report;
}

std::string json_of(const Report& report) {
  return render_report_json(report, ReportExtras{});
}

// The windows every comparison runs with.
std::vector<std::pair<std::string, ReportWindow>> windows() {
  std::vector<std::pair<std::string, ReportWindow>> out;
  out.emplace_back("none", ReportWindow{});
  ReportWindow since;
  since.since = at("2026-11-01T09:10:00");
  out.emplace_back("since 09:10", since);
  ReportWindow until;
  until.until = at("2026-11-01T09:10:00");
  out.emplace_back("until 09:10", until);
  ReportWindow both;
  both.since = at("2026-11-01T09:00:00");
  both.until = at("2026-11-01T09:20:00");
  out.emplace_back("09:00-09:20", both);
  ReportWindow all;
  all.since = at("2000-01-01T00:00:00");
  out.emplace_back("since 2000", all);
  ReportWindow zoned;
  zoned.tz = TimeZone::fixed(8 * 60);
  zoned.since = at("2026-11-01T17:10:00");
  out.emplace_back("tz +08:00 since 17:10", zoned);
  ReportWindow zoned_open;
  zoned_open.tz = TimeZone::fixed(-5 * 60);
  out.emplace_back("tz -05:00", zoned_open);
  return out;
}

// Checks that every cut of `paths` into parts, on any number of threads, with every window,
// gives the report of the whole inputs read in one thread.
void check_cuts_equal_whole(const std::vector<std::string>& paths,
                            const std::vector<std::size_t>& chunks) {
  for (const auto& [name, window] : windows()) {
    const std::string whole = json_of(sequential(paths, window));
    for (const std::size_t chunk : chunks) {
      for (const std::size_t threads : {1u, 2u, 5u}) {
        BOOST_TEST(json_of(parallel(paths, chunk, threads, window)) == whole,
                   "window " << name << " chunk " << chunk << " threads " << threads);
      }
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(parts_far_from_their_first_timestamp_take_the_last_timestamp_before_them) {
  // Code lines before any timestamp; 09:00; 300 KiB of trace with code lines; 09:20; 200 KiB
  // of trace with code lines; 10:00. With parts of 4-256 KiB, many start more than 64 KiB
  // after the last timestamp (the old look-back), several have no timestamp at all.
  const std::string text = "boot, no clock yet\n" + untimed_code() + untimed_run(100 << 10, 9000) +
                           timed_code("2026-11-01T09:00:00") + untimed_run(300 << 10, 9000) +
                           timed_plain("2026-11-01T09:20:00") + untimed_run(200 << 10, 9000) +
                           timed_code("2026-11-01T10:00:00");
  const test::TempFiles files({text});

  // The reference itself: the continuation lines take 09:00 and 09:20; those before it none.
  const Report whole = sequential(files.paths(), ReportWindow{});
  const CodeStats* continued = whole.find("dingtalk", "40014");
  BOOST_TEST_REQUIRE(continued != nullptr);
  BOOST_TEST(shown(continued->first_seen) == "2026-11-01T09:00:00");
  BOOST_TEST(shown(continued->last_seen) == "2026-11-01T09:20:00");
  std::uint64_t timed = 0;
  for (const auto& [start, count] : continued->timeline.counts()) timed += count;
  std::uint64_t before_clock = 0;
  const std::string_view boot = std::string_view(text).substr(0, text.find("2026-11-01T09:00"));
  for (std::size_t found = boot.find("40014"); found != std::string_view::npos;
       found = boot.find("40014", found + 1))
    ++before_clock;
  BOOST_TEST(before_clock > 10u);
  BOOST_TEST(timed + before_clock == continued->count);

  // What the old build gave: the 40014 lines of parts more than 64 KiB from the last timestamp
  // had no time, even in one thread.
  const Report cut = parallel(files.paths(), 64 << 10, 1, ReportWindow{});
  const CodeStats* cut_continued = cut.find("dingtalk", "40014");
  BOOST_TEST_REQUIRE(cut_continued != nullptr);
  BOOST_TEST((cut_continued->timeline.counts() == continued->timeline.counts()));

  check_cuts_equal_whole(files.paths(), {4 << 10, 64 << 10, 100 << 10, 256 << 10, 1 << 20});
}

BOOST_AUTO_TEST_CASE(a_part_without_any_timestamp_passes_the_time_on_to_the_next) {
  // Parts of 4 KiB in 1 MiB of trace: dozens of parts in a row with no timestamp of their own.
  const std::string text = timed_code("2026-11-01T09:05:00") + untimed_run(1 << 20, 30000) +
                           timed_code("2026-11-01T09:15:00") + untimed_run(1 << 20, 0) +
                           untimed_code();
  const test::TempFiles files({text});
  const Report whole = sequential(files.paths(), ReportWindow{});
  BOOST_TEST(shown(whole.find("dingtalk", "40014")->last_seen) == "2026-11-01T09:15:00");
  check_cuts_equal_whole(files.paths(), {4 << 10, 100 << 10});
}

BOOST_AUTO_TEST_CASE(a_file_does_not_inherit_the_time_of_the_file_before_it) {
  // B starts with 200 KiB of untimed code lines: they have no time (no window) or do not count
  // (a window), though A, before it, ends with a timestamp.
  const std::string a = timed_code("2026-11-01T09:05:00") + untimed_run(150 << 10, 5000) +
                        timed_plain("2026-11-01T09:30:00");
  const std::string b = untimed_run(200 << 10, 5000) + timed_code("2026-11-01T09:40:00") +
                        untimed_run(100 << 10, 5000);
  const test::TempFiles files({a, b});
  const std::string a_path = files.paths()[0];
  const std::string b_path = files.paths()[1];
  check_cuts_equal_whole({a_path, b_path}, {4 << 10, 64 << 10});
  check_cuts_equal_whole({b_path, a_path, b_path}, {16 << 10});
  const Report both = sequential({a_path, b_path}, ReportWindow{});
  std::uint64_t timed = 0;
  for (const auto& [start, count] : both.find("dingtalk", "40014")->timeline.counts())
    timed += count;
  BOOST_TEST(timed < both.find("dingtalk", "40014")->count);
}

BOOST_AUTO_TEST_CASE(random_logs_cut_anywhere_equal_the_whole) {
  // Runs of untimed lines of random length (up to 150 KiB) with code lines at random density,
  // timestamped lines in between, some before any timestamp; random cuts and windows.
  std::mt19937 rng(12);
  const auto windows_list = windows();
  for (int round = 0; round < 12; ++round) {
    std::string text;
    if (rng() % 2 == 0) text += untimed_run(rng() % (80 << 10), 1000 + rng() % 20000);
    int clock = 8 * 3600 + 40 * 60;
    while (text.size() < (600u << 10)) {
      clock += static_cast<int>(rng() % 300);
      text += rng() % 3 == 0 ? timed_code(clock_text(clock)) : timed_plain(clock_text(clock));
      const unsigned shape = rng() % 4;
      if (shape == 0) text += untimed_run(rng() % (150 << 10), 1000 + rng() % 20000);
      if (shape == 1) text += untimed_run(rng() % 2000, 500);
      if (shape == 2) text += untimed_code();
    }
    const test::TempFiles files({text});
    const auto& [name, window] = windows_list[rng() % windows_list.size()];
    const std::string whole = json_of(sequential(files.paths(), window));
    const std::size_t chunk = std::size_t{2048} << (rng() % 8);  // 2 KiB to 256 KiB
    const std::size_t threads = 1 + rng() % 4;
    BOOST_TEST(
        json_of(parallel(files.paths(), chunk, threads, window)) == whole,
        "round " << round << " window " << name << " chunk " << chunk << " threads " << threads);
  }
}

// One message per input, in input order; a file named twice in a row that cannot be read is told
// once (what `errscope report x x` has always printed).
BOOST_AUTO_TEST_CASE(an_unreadable_input_is_reported_once_in_input_order) {
  const std::vector<std::string> paths{"/no/such/a.log", "/no/such/a.log", "/no/such/b.log",
                                       "/no/such/a.log"};
  for (const std::size_t threads : {1u, 3u}) {
    std::vector<Diagnostic> errors;
    parallel_report(test::builtin_matcher(), plan_parts(paths, 1 << 12), ReportWindow{},
                    BucketMode::automatic, k_bucket_sizes[0], threads, errors);
    BOOST_TEST_REQUIRE(errors.size() == 3u);
    BOOST_TEST(errors[0].where.file == "/no/such/a.log");
    BOOST_TEST(errors[1].where.file == "/no/such/b.log");
    BOOST_TEST(errors[2].where.file == "/no/such/a.log");
  }
}

BOOST_AUTO_TEST_CASE(parallel_reports_of_a_file_cut_in_chunks_equal_the_sequential_one) {
  const Corpus corpus = make_corpus(6, 6000);
  const test::TempFile path_file = lines_file(corpus.lines, 0, corpus.lines.size());
  const std::string& path = path_file.path();
  const std::string sequential =
      json_of(report_of({path}, BucketMode::automatic, k_bucket_sizes[0]));
  for (const std::size_t chunk : {std::size_t{1} << 12, std::size_t{1} << 15}) {
    const auto parts = plan_parts({path, path}, chunk);  // the file twice: parts of two inputs
    BOOST_TEST(parts.size() > 4u);
    for (const auto& part : parts) BOOST_TEST(!part.whole);
    for (const std::size_t threads : {1u, 2u, 5u}) {
      std::vector<Diagnostic> errors;
      Report parallel = parallel_report(test::builtin_matcher(), parts, ReportWindow{}, BucketMode::automatic,
                                        k_bucket_sizes[0], threads, errors);
      parallel.finalize();
      BOOST_TEST(errors.empty());
      // Twice the file: every count doubles; first/last seen and the code set do not change.
      Report twice = parsed(sequential);
      twice += parsed(sequential);
      twice.finalize();
      BOOST_TEST(json_of(parallel) == json_of(twice), "chunk " << chunk << " threads " << threads);
    }
  }
}
