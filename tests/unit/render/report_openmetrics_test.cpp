// `report --format openmetrics`: the series, label escaping, the time span, `# EOF`.
#define BOOST_TEST_MODULE report_openmetrics
#include "render/report_openmetrics.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "test_support.hpp"
#include "util/utf8.hpp"

namespace errscope {

using test::lines_of;

namespace {

CodeStats code(std::string vendor, std::string text, Outcome outcome, bool known,
               std::uint64_t count) {
  CodeStats stats;
  stats.vendor = std::move(vendor);
  stats.code = std::move(text);
  stats.outcome = outcome;
  stats.known = known;
  stats.count = count;
  return stats;
}

// A report read back as merge builds it: totals, two vendors, codes with awkward bytes.
Report sample_report(bool timed) {
  Report report(BucketMode::fixed, 60'000);
  std::optional<WallMillis> first;
  std::optional<WallMillis> last;
  if (timed) {
    first = test::at("2026-11-01T09:41:07") + 123;
    last = test::at("2026-11-02T00:00:00") + 50;
  }
  report.set_totals(182, 100, 109, 88, first, last);
  report.set_vendor("dingtalk", VendorStats{38, 40, 36});
  report.set_vendor("yunke", VendorStats{20, 21, 16});
  report.add_code(code("dingtalk", "40014", Outcome::error, true, 6));
  report.add_code(code("dingtalk", "0", Outcome::success, true, 4));
  report.add_code(code("yunke", "a\"b\\c\nd", Outcome::error, false, 3));
  report.add_code(code("yunke", "x\xFFy", Outcome::error, false, 2));
  report.add_code(code("yunke", "\x1B[31m", Outcome::error, false, 1));
  report.finalize();
  return report;
}

bool has_line(const std::string& text, std::string_view line) {
  for (const std::string& each : lines_of(text)) {
    if (each == line) return true;
  }
  return false;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_code_is_a_series_with_its_labels_whatever_top_says) {
  ReportExtras extras;
  extras.top = 1;
  const std::string out = render_report_openmetrics(sample_report(true), extras);
  BOOST_TEST(has_line(out, "# TYPE errscope_code_lines gauge"));
  BOOST_TEST(has_line(out, R"(errscope_code_lines{vendor="dingtalk",code="40014",)"
                           R"(outcome="error",known="true"} 6)"));
  BOOST_TEST(has_line(out, R"(errscope_code_lines{vendor="dingtalk",code="0",)"
                           R"(outcome="success",known="true"} 4)"));
  std::size_t series = 0;
  for (const std::string& line : lines_of(out)) {
    if (line.starts_with("errscope_code_lines{")) ++series;
  }
  BOOST_TEST(series == 5u);
}

BOOST_AUTO_TEST_CASE(totals_and_vendors_are_series) {
  ReportExtras extras;
  extras.alerts = {"one", "two"};
  const std::string out = render_report_openmetrics(sample_report(true), extras);
  for (const std::string_view line :
       {"errscope_report_lines 182", "errscope_report_matched_lines 100",
        "errscope_report_matches 109", "errscope_report_errors 88",
        R"(errscope_vendor_matched_lines{vendor="dingtalk"} 38)",
        R"(errscope_vendor_matches{vendor="yunke"} 21)",
        R"(errscope_vendor_errors{vendor="yunke"} 16)",
        "errscope_report_interrupted 0", "errscope_report_alerts 2"}) {
    BOOST_TEST(has_line(out, line), line);
  }
  Report interrupted = sample_report(true);
  interrupted.set_interrupted();
  BOOST_TEST(has_line(render_report_openmetrics(interrupted, ReportExtras{}),
                      "errscope_report_interrupted 1"));
}

BOOST_AUTO_TEST_CASE(label_values_are_escaped_and_valid_utf8) {
  const std::string out = render_report_openmetrics(sample_report(true), ReportExtras{});
  // Quote, backslash and line feed as the exposition format escapes them.
  BOOST_TEST(has_line(out, R"(errscope_code_lines{vendor="yunke",code="a\"b\\c\nd",)"
                           R"(outcome="error",known="false"} 3)"));
  // An invalid byte becomes U+FFFD.
  BOOST_TEST(has_line(out, "errscope_code_lines{vendor=\"yunke\",code=\"x\xEF\xBF\xBDy\","
                           "outcome=\"error\",known=\"false\"} 2"));
  // ESC is shown as the text \x1b (its backslash escaped), never sent live.
  BOOST_TEST(has_line(out, R"(errscope_code_lines{vendor="yunke",code="\\x1b[31m",)"
                           R"(outcome="error",known="false"} 1)"));
  BOOST_TEST(out.find('\x1B') == std::string::npos);
  BOOST_TEST(valid_utf8(out));
}

BOOST_AUTO_TEST_CASE(codes_the_escaping_makes_equal_are_one_series) {
  Report report;
  report.add_code(code("yunke", "\xFE", Outcome::error, false, 2));
  report.add_code(code("yunke", "\xFF", Outcome::error, false, 3));
  report.finalize();
  const std::string out = render_report_openmetrics(report, ReportExtras{});
  const std::string series =
      "errscope_code_lines{vendor=\"yunke\",code=\"\xEF\xBF\xBD\",outcome=\"error\","
      "known=\"false\"} ";
  BOOST_TEST(has_line(out, series + "5"));
  BOOST_TEST(out.find(series) == out.rfind(series));
}

BOOST_AUTO_TEST_CASE(time_span_is_wall_clock_seconds_or_absent) {
  const std::string out = render_report_openmetrics(sample_report(true), ReportExtras{});
  // 2026-11-01T09:41:07 read as UTC is 1793526067 s after the epoch; 2026-11-02T00:00:00 is
  // 14 h 18 min 53 s later.
  BOOST_TEST(has_line(out, "errscope_report_first_timestamp_seconds 1793526067.123"));
  BOOST_TEST(has_line(out, "errscope_report_last_timestamp_seconds 1793577600.05"));
  BOOST_TEST(has_line(out, "# UNIT errscope_report_first_timestamp_seconds seconds"));
  const std::string untimed = render_report_openmetrics(sample_report(false), ReportExtras{});
  BOOST_TEST(untimed.find("timestamp_seconds") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(each_family_is_described_once_before_its_samples_and_eof_ends_it) {
  for (const bool timed : {true, false}) {
    const std::string out = render_report_openmetrics(sample_report(timed), ReportExtras{});
    BOOST_TEST(out.ends_with("\n# EOF\n"));
    BOOST_TEST(out.find("# EOF") == out.size() - 6);
    std::vector<std::string> described;
    for (const std::string& line : lines_of(out)) {
      if (line.starts_with("# HELP ")) {
        const std::string name = line.substr(7, line.find(' ', 7) - 7);
        BOOST_TEST((std::find(described.begin(), described.end(), name) == described.end()),
                   name);
        described.push_back(name);
      } else if (line.starts_with("# TYPE ")) {
        BOOST_TEST(line == "# TYPE " + described.back() + " gauge");
      } else if (!line.starts_with("#")) {
        const std::string name = line.substr(0, line.find_first_of("{ "));
        BOOST_TEST(name == described.back(), line);
      }
    }
    BOOST_TEST(described.size() == (timed ? 12u : 10u));
  }
}

}  // namespace errscope
