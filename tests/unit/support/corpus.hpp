#pragma once
// Shared by the report tests: a generated log with known counts and times, and the report of
// files read like `errscope report` reads them.

// g++ 12 reports a false -Wrestrict on `"literal" + std::string` chains at -O2 (GCC bug 105329);
// the generator builds many such strings.
#pragma GCC diagnostic ignored "-Wrestrict"

#include <cstdint>
#include <cstdio>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "render/report_json.hpp"
#include "report/report.hpp"
#include "report/report_builder.hpp"
#include "report/report_json.hpp"
#include "scan/scanner.hpp"
#include "source/file_source.hpp"
#include "temp_file.hpp"
#include "test_support.hpp"

namespace errscope::test {

// What the generator put into the corpus, per "vendor code": count, first and last time.
struct Truth {
  std::uint64_t count = 0;
  std::uint64_t timed = 0;  ///< how many of them had a time (their own or inherited)
  std::string first;
  std::string last;
};

// A generated log and its truth.
struct Corpus {
  std::vector<std::string> lines;
  std::map<std::string, Truth> truth;
  std::uint64_t matched_lines = 0;
  std::uint64_t matches = 0;
};

// A time of 2026-11-01, `seconds` after midnight, in ISO-8601.
inline std::string clock_text(int seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "2026-11-01T%02d:%02d:%02d", seconds / 3600 % 24,
                seconds / 60 % 60, seconds % 60);
  return buffer;
}

// A log with known truth: code lines in four vendors' shapes (some with two codes, some with a
// code repeated), stack-trace continuations that inherit the time of the line before, plain
// lines, a few lines before the first timestamp.
inline Corpus make_corpus(unsigned seed, int lines) {
  std::mt19937 rng(seed);
  Corpus corpus;
  const std::vector<std::pair<std::string, std::string>> codes{
      {"backmsg", "BackMsg_16"}, {"backmsg", "BackMsg_04"}, {"dingtalk", "40014"},
      {"dingtalk", "-1"},        {"dingtalk", "9999999"},   {"ucpaas", "105107"},
      {"ucpaas", "000000"},      {"yunke", "30004"}};
  corpus.lines.push_back("starting up, no timestamp yet");
  corpus.lines.push_back("config BackMsg_19 loaded before the clock");  // a code with no time
  corpus.truth["backmsg BackMsg_19"].count = 1;
  corpus.matched_lines = 1;
  corpus.matches = 1;
  int clock = 9 * 3600;
  std::string last_time;
  const auto note = [&corpus](const std::string& key, const std::string& time) {
    Truth& truth = corpus.truth[key];
    ++truth.count;
    if (!time.empty()) {
      ++truth.timed;
      if (truth.first.empty() || time < truth.first) truth.first = time;
      if (truth.last.empty() || time > truth.last) truth.last = time;
    }
  };
  const auto shape = [](const std::pair<std::string, std::string>& code) {
    if (code.first == "backmsg") return "resp=|Retuen|2|Retuen|" + code.second;
    if (code.first == "dingtalk") return "{\"errcode\":" + code.second + ",\"errmsg\":\"x\"}";
    if (code.first == "ucpaas") return "{\"resp\":{\"respCode\":\"" + code.second + "\"}}";
    // 云客's code with its own table text (30004's, the only 云客 code here): another text would
    // not be 云客's.
    return "{\"code\":" + code.second + ",\"msg\":\"待呼叫数据过多,最多不能超过30万条\"}";
  };
  for (int i = 0; i < lines; ++i) {
    clock += static_cast<int>(rng() % 50);
    const std::string time = clock_text(clock);
    const unsigned kind = rng() % 10;
    if (kind < 5) {
      corpus.lines.push_back(time.substr(0, 10) + " " + time.substr(11) +
                             ",123 INFO svc - plain line " + std::to_string(i));
      last_time = time + ".123";
    } else if (kind < 8) {
      const auto& code = codes[rng() % codes.size()];
      std::string line = time + "Z ERROR svc - " + shape(code);
      if (rng() % 3 == 0) line += " raw " + shape(code);  // the same code twice: counted once
      corpus.lines.push_back(line);
      last_time = time;
      note(code.first + " " + code.second, time);
      ++corpus.matched_lines;
      ++corpus.matches;
    } else if (kind < 9) {
      const auto& a = codes[rng() % codes.size()];
      const auto& b = codes[rng() % codes.size()];
      corpus.lines.push_back("[" + time.substr(0, 10) + " " + time.substr(11) +
                             "] two: " + shape(a) + " " + shape(b));
      last_time = time;
      note(a.first + " " + a.second, time);
      ++corpus.matched_lines;
      ++corpus.matches;
      if (a != b) {
        note(b.first + " " + b.second, time);
        ++corpus.matches;
      }
    } else {
      // A continuation line without a timestamp: it belongs to the last one seen.
      const auto& code = codes[rng() % codes.size()];
      corpus.lines.push_back("\tat com.acme.Client.call(Client.java:42) caused by " + shape(code));
      note(code.first + " " + code.second, last_time);
      ++corpus.matched_lines;
      ++corpus.matches;
    }
  }
  return corpus;
}

// A temporary file holding lines [from, to), each ended by a newline.
inline TempFile lines_file(const std::vector<std::string>& lines, std::size_t from,
                           std::size_t to) {
  std::string text;
  for (std::size_t i = from; i < to; ++i) text += lines[i] + "\n";
  return TempFile(text);
}

// The report of `paths` read in order in one thread (within `window`), finalized.
inline Report report_of(const std::vector<std::string>& paths, BucketMode mode,
                        std::int64_t bucket, const ReportWindow& window = {}) {
  Report report(mode, bucket);
  ReportBuilder builder(report, window);
  Scanner scanner(builtin_matcher(), builder);
  for (const auto& path : paths) {
    auto source = FileSource::open(path);
    if (!source.ok()) throw std::runtime_error(source.error().reason);
    if (!scanner.scan(*source).ok()) throw std::runtime_error("scan");
  }
  report.finalize();
  return report;
}

// The report of `text` scanned as lines `first_line`… of the input `name` (a shard of it) in one
// thread, counted for `source` (empty: the input's name), finalized.
inline Report report_of_text(const std::string& name, std::string_view text,
                             std::size_t first_line, BucketMode mode, std::int64_t bucket,
                             const std::string& source = "") {
  Report report(mode, bucket);
  ReportWindow window;
  window.source = source;
  ReportBuilder builder(report, window);
  Scanner scanner(builtin_matcher(), builder);
  scanner.scan_text(name, text, first_line);
  report.finalize();
  return report;
}

// A report as `errscope report --format json` writes it.
inline std::string json_of(const Report& report) {
  return render_report_json(report, ReportExtras{});
}

// A report read back from its JSON; throws when it does not read.
inline Report parsed(const std::string& json) {
  auto report = parse_report_json("test.json", json);
  if (!report.ok())
    throw std::runtime_error(report.error().reason + " at " + report.error().where.json_path);
  return std::move(report).value();
}

}  // namespace errscope::test
