// The report view every renderer reads: --top, the hidden count, dense timelines, baseline rows.
#define BOOST_TEST_MODULE report_view
#include "render/report_view.hpp"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace errscope {

namespace {

// A match of one of dingtalk's codes.
Match dingtalk(std::string_view code) {
  const VendorSpec* vendor = test::builtin_catalog().find_vendor("dingtalk");
  for (const CodeEntry& entry : vendor->codes) {
    if (entry.code == code) return Match{vendor, &entry, entry.code, {}, 0, {}, nullptr};
  }
  throw std::runtime_error("no dingtalk code " + std::string(code));
}

// Adds `count` lines with `code`, each at `time` (or untimed).
void add(Report& report, std::string_view code, int count, std::optional<WallMillis> time) {
  const Match match = dingtalk(code);
  for (int i = 0; i < count; ++i) report.add_line(std::span<const Match>(&match, 1), time);
}

// Four codes seen 5, 3, 2 and 1 times, at 09:00 and 09:03 (one-minute buckets).
Report four_codes() {
  Report report(BucketMode::fixed, 60'000);
  add(report, "33001", 2, test::at("2026-11-01T09:00:00"));
  add(report, "40014", 5, test::at("2026-11-01T09:03:10"));
  add(report, "-1", 1, test::at("2026-11-01T09:00:30"));
  add(report, "404", 3, test::at("2026-11-01T09:03:00"));
  report.finalize();
  return report;
}

std::vector<std::string> codes_of(std::span<const CodeStats* const> codes) {
  std::vector<std::string> out;
  for (const CodeStats* code : codes) out.push_back(code->code);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(top_keeps_the_most_frequent_codes_and_counts_the_rest) {
  const Report report = four_codes();
  ReportExtras extras;
  extras.top = 2;
  const ReportView top_two(report, extras);
  BOOST_TEST(codes_of(top_two.codes()) == (std::vector<std::string>{"40014", "404", "33001", "-1"}),
             boost::test_tools::per_element());
  BOOST_TEST(codes_of(top_two.shown()) == (std::vector<std::string>{"40014", "404"}),
             boost::test_tools::per_element());
  BOOST_TEST(top_two.hidden() == 2u);

  for (const std::size_t top : {std::size_t{0}, std::size_t{4}, std::size_t{50}}) {
    extras.top = top;  // 0 is all of them, and more than there are is all of them too
    const ReportView all(report, extras);
    BOOST_TEST(all.shown().size() == 4u);
    BOOST_TEST(all.hidden() == 0u);
  }
}

BOOST_AUTO_TEST_CASE(an_empty_report_shows_nothing_and_hides_nothing) {
  Report report;
  report.finalize();
  ReportExtras extras;
  extras.top = 3;
  const ReportView view(report, extras);
  BOOST_TEST(view.codes().empty());
  BOOST_TEST(view.shown().empty());
  BOOST_TEST(view.hidden() == 0u);
  BOOST_TEST(!view.timed());
}

BOOST_AUTO_TEST_CASE(dense_timelines_span_the_whole_report_with_zeros) {
  const Report report = four_codes();
  const ReportExtras extras;
  const ReportView view(report, extras);
  BOOST_TEST(view.timed());
  // 09:00 … 09:03 in one-minute buckets: every code gets all four, quiet minutes as zeros.
  const auto dense = view.dense(*report.find("dingtalk", "40014"));
  BOOST_TEST_REQUIRE(dense.size() == 4u);
  BOOST_TEST(dense[0].first == test::at("2026-11-01T09:00:00"));
  BOOST_TEST(dense[3].first == test::at("2026-11-01T09:03:00"));
  std::vector<std::uint64_t> counts;
  for (const auto& bucket : dense) counts.push_back(bucket.second);
  BOOST_TEST(counts == (std::vector<std::uint64_t>{0, 0, 0, 5}), boost::test_tools::per_element());
  const auto early = view.dense(*report.find("dingtalk", "-1"));
  BOOST_TEST_REQUIRE(early.size() == 4u);
  BOOST_TEST(early[0].second == 1u);
  BOOST_TEST(early[1].second + early[2].second + early[3].second == 0u);
}

BOOST_AUTO_TEST_CASE(an_untimed_report_has_empty_timelines) {
  Report report;
  add(report, "40014", 3, std::nullopt);
  report.finalize();
  const ReportExtras extras;
  const ReportView view(report, extras);
  BOOST_TEST(!view.timed());
  BOOST_TEST(view.shown().size() == 1u);
  BOOST_TEST(view.dense(*view.shown()[0]).empty());
}

BOOST_AUTO_TEST_CASE(baseline_rows_come_new_then_gone_then_changed) {
  const Report report = four_codes();
  BaselineDiff diff;
  diff.file = "base.json";
  diff.changed_codes.push_back({"dingtalk", "404", 3, 1});
  diff.new_codes.push_back({"dingtalk", "40014", 5, 0});
  diff.new_codes.push_back({"dingtalk", "-1", 1, 0});
  diff.gone_codes.push_back({"dingtalk", "33002", 0, 7});
  ReportExtras extras;
  extras.baseline = &diff;
  extras.alerts = {"one", "two"};
  const ReportView view(report, extras);
  BOOST_TEST(view.baseline() == &diff);
  std::vector<std::string> rows;
  for (const auto& [kind, change] : view.baseline_rows())
    rows.push_back(std::string(to_string(kind)) + " " + change->code);
  BOOST_TEST(rows == (std::vector<std::string>{"new 40014", "new -1", "gone 33002", "changed 404"}),
             boost::test_tools::per_element());
  BOOST_TEST(view.alerts() == extras.alerts, boost::test_tools::per_element());

  const ReportExtras none;
  const ReportView without(report, none);
  BOOST_TEST(without.baseline() == nullptr);
  BOOST_TEST(without.baseline_rows().empty());
}

BOOST_AUTO_TEST_CASE(only_new_success_codes_carry_a_note) {
  const CodeChange success{"dingtalk", "0", 4, 0, Outcome::success};
  const CodeChange error{"dingtalk", "40014", 4, 0, Outcome::error};
  BOOST_TEST(row_note({ChangeKind::added, &success}) == "success, no alert");
  BOOST_TEST(row_note({ChangeKind::added, &error}).empty());
  // Gone and changed codes never alert, whatever their outcome: nothing to explain.
  BOOST_TEST(row_note({ChangeKind::gone, &success}).empty());
  BOOST_TEST(row_note({ChangeKind::changed, &success}).empty());
}

BOOST_AUTO_TEST_CASE(time_text_writes_the_time_or_what_stands_for_none) {
  BOOST_TEST(time_text(test::at("2026-11-01T09:41:07"), "-") == "2026-11-01T09:41:07");
  BOOST_TEST(time_text(std::nullopt, "-") == "-");
  BOOST_TEST(time_text(std::nullopt, "") == "");
}

BOOST_AUTO_TEST_CASE(sentences_only_when_there_is_something_to_say) {
  Report report = four_codes();
  const ReportExtras extras;
  BOOST_TEST(ReportView(report, extras).interrupted_sentence().empty());
  BOOST_TEST(ReportView(report, extras).out_of_range_sentence().empty());
  report.set_interrupted();
  BOOST_TEST(ReportView(report, extras).interrupted_sentence().starts_with("interrupted: "));
}

}  // namespace errscope
