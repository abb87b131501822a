// The alert policy of `report`: --fail-on-new, --max-errors, --max-error-rate.
#define BOOST_TEST_MODULE alerts
#include "report/alerts.hpp"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace errscope {

namespace {

// Adds `count` lines with one of dingtalk's codes (0 is a success, 40014 an error).
void add(Report& report, std::string_view code, int count) {
  const VendorSpec* vendor = test::builtin_catalog().find_vendor("dingtalk");
  for (const CodeEntry& entry : vendor->codes) {
    if (entry.code != code) continue;
    const Match match{vendor, &entry, entry.code, {}, 0, {}, nullptr};
    for (int i = 0; i < count; ++i) report.add_line(std::span<const Match>(&match, 1), {});
    return;
  }
  throw std::runtime_error("no dingtalk code " + std::string(code));
}

// Adds a line with a code dingtalk's table does not have.
void add_unknown(Report& report, std::string_view code) {
  const VendorSpec* vendor = test::builtin_catalog().find_vendor("dingtalk");
  const Match match{vendor, nullptr, code, {}, 0, {}, nullptr};
  report.add_line(std::span<const Match>(&match, 1), {});
}

// The alerts of `now` against `before` with --fail-on-new alone.
std::vector<std::string> fail_on_new(Report now, Report before) {
  now.finalize();
  before.finalize();
  const BaselineDiff diff = compare_with_baseline(now, before, "base.json");
  AlertThresholds thresholds;
  thresholds.fail_on_new = true;
  return check_alerts(now, &diff, "base.json", thresholds);
}

// 3 errors among 4 codes.
Report three_errors_in_four() {
  Report report;
  add(report, "40014", 3);
  add(report, "0", 1);
  report.finalize();
  return report;
}

BaselineDiff with_new_codes(std::size_t count) {
  BaselineDiff diff;
  diff.file = "base.json";
  for (std::size_t i = 0; i < count; ++i)
    diff.new_codes.push_back({"dingtalk", std::to_string(33001 + i), 1, 0});
  return diff;
}

}  // namespace

BOOST_AUTO_TEST_CASE(no_thresholds_no_alerts) {
  const Report report = three_errors_in_four();
  const BaselineDiff diff = with_new_codes(2);
  BOOST_TEST(check_alerts(report, nullptr, "", AlertThresholds{}).empty());
  BOOST_TEST(check_alerts(report, &diff, "base.json", AlertThresholds{}).empty());
}

BOOST_AUTO_TEST_CASE(fail_on_new_names_up_to_five_new_codes) {
  const Report report = three_errors_in_four();
  AlertThresholds thresholds;
  thresholds.fail_on_new = true;
  const BaselineDiff one = with_new_codes(1);
  BOOST_TEST(check_alerts(report, &one, "base.json", thresholds) ==
                 (std::vector<std::string>{
                     "1 new error code since base.json: dingtalk 33001 (--fail-on-new)"}),
             boost::test_tools::per_element());
  const BaselineDiff five = with_new_codes(5);
  BOOST_TEST(
      check_alerts(report, &five, "b.json", thresholds) ==
          (std::vector<std::string>{
              "5 new error codes since b.json: dingtalk 33001, dingtalk 33002, dingtalk 33003, "
              "dingtalk 33004, dingtalk 33005 (--fail-on-new)"}),
      boost::test_tools::per_element());
  const BaselineDiff six = with_new_codes(6);
  BOOST_TEST(
      check_alerts(report, &six, "b.json", thresholds) ==
          (std::vector<std::string>{
              "6 new error codes since b.json: dingtalk 33001, dingtalk 33002, dingtalk 33003, "
              "dingtalk 33004, dingtalk 33005, \xE2\x80\xA6 (--fail-on-new)"}),
      boost::test_tools::per_element());
  // Nothing new, or nothing to compare with: no alert.
  const BaselineDiff none = with_new_codes(0);
  BOOST_TEST(check_alerts(report, &none, "b.json", thresholds).empty());
  BOOST_TEST(check_alerts(report, nullptr, "", thresholds).empty());
}

BOOST_AUTO_TEST_CASE(a_new_success_code_alone_does_not_alert) {
  Report now;
  add(now, "0", 4);
  add(now, "40014", 1);
  Report before;
  add(before, "40014", 2);
  BOOST_TEST(fail_on_new(std::move(now), std::move(before)).empty());
}

BOOST_AUTO_TEST_CASE(fail_on_new_names_only_the_new_error_codes) {
  Report now;
  add(now, "0", 4);
  add(now, "40014", 1);
  BOOST_TEST(fail_on_new(std::move(now), Report{}) ==
                 (std::vector<std::string>{
                     "1 new error code since base.json: dingtalk 40014 (--fail-on-new)"}),
             boost::test_tools::per_element());
  // The success codes do not count towards the five named either.
  BaselineDiff diff = with_new_codes(5);
  diff.new_codes.insert(diff.new_codes.begin(),
                        CodeChange{"dingtalk", "0", 9, 0, Outcome::success});
  AlertThresholds thresholds;
  thresholds.fail_on_new = true;
  BOOST_TEST(check_alerts(three_errors_in_four(), &diff, "b.json", thresholds) ==
                 (std::vector<std::string>{
                     "5 new error codes since b.json: dingtalk 33001, dingtalk 33002, dingtalk "
                     "33003, dingtalk 33004, dingtalk 33005 (--fail-on-new)"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_new_unknown_code_alerts) {
  Report now;
  add(now, "0", 4);
  add_unknown(now, "9999999");
  Report before;
  add(before, "0", 1);
  BOOST_TEST(fail_on_new(std::move(now), std::move(before)) ==
                 (std::vector<std::string>{
                     "1 new error code since base.json: dingtalk 9999999 (--fail-on-new)"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_outcome_decides_whether_a_new_code_alerts) {
  BOOST_TEST(alerts_when_new(CodeChange{"dingtalk", "40014", 1, 0, Outcome::error}));
  BOOST_TEST(!alerts_when_new(CodeChange{"dingtalk", "0", 1, 0, Outcome::success}));
}

BOOST_AUTO_TEST_CASE(max_errors_alerts_only_above_the_limit) {
  const Report report = three_errors_in_four();
  AlertThresholds thresholds;
  thresholds.max_errors = 2;
  BOOST_TEST(check_alerts(report, nullptr, "", thresholds) ==
                 (std::vector<std::string>{"3 errors, more than --max-errors 2"}),
             boost::test_tools::per_element());
  thresholds.max_errors = 3;
  BOOST_TEST(check_alerts(report, nullptr, "", thresholds).empty());
  thresholds.max_errors = 0;
  Report quiet;
  add(quiet, "0", 5);
  BOOST_TEST(check_alerts(quiet, nullptr, "", thresholds).empty());
}

BOOST_AUTO_TEST_CASE(max_error_rate_alerts_only_above_the_rate) {
  const Report report = three_errors_in_four();
  AlertThresholds thresholds;
  thresholds.max_error_rate = 0.5;
  BOOST_TEST(check_alerts(report, nullptr, "", thresholds) ==
                 (std::vector<std::string>{
                     "error rate 0.75 (3 errors / 4 codes), more than --max-error-rate 0.5"}),
             boost::test_tools::per_element());
  thresholds.max_error_rate = 0.75;
  BOOST_TEST(check_alerts(report, nullptr, "", thresholds).empty());
  // No codes at all: no rate to exceed.
  thresholds.max_error_rate = 0.0;
  Report empty;
  empty.add_plain_lines(10);
  BOOST_TEST(check_alerts(empty, nullptr, "", thresholds).empty());
}

BOOST_AUTO_TEST_CASE(every_breach_is_one_sentence_in_a_fixed_order) {
  const Report report = three_errors_in_four();
  const BaselineDiff diff = with_new_codes(1);
  AlertThresholds thresholds;
  thresholds.fail_on_new = true;
  thresholds.max_errors = 1;
  thresholds.max_error_rate = 0.1;
  const auto alerts = check_alerts(report, &diff, "base.json", thresholds);
  BOOST_TEST_REQUIRE(alerts.size() == 3u);
  BOOST_TEST(alerts[0].ends_with("(--fail-on-new)"));
  BOOST_TEST(alerts[1] == "3 errors, more than --max-errors 1");
  BOOST_TEST(alerts[2].starts_with("error rate 0.75 "));
}

}  // namespace errscope
