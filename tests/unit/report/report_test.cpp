#define BOOST_TEST_MODULE report
// g++ 12 reports a false -Wrestrict on `"literal" + std::string` chains at -O2 (GCC bug 105329);
// this test builds many such strings.
#pragma GCC diagnostic ignored "-Wrestrict"
#include "report/report.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "corpus.hpp"
#include "render/report_csv.hpp"
#include "render/report_html.hpp"
#include "render/report_markdown.hpp"
#include "render/report_text.hpp"
#include "test_support.hpp"
#include "util/utf8.hpp"

using namespace errscope;
using test::at;
using test::Corpus;
using test::json_of;
using test::lines_file;
using test::make_corpus;
using test::parsed;
using test::report_of;
using test::report_of_text;

namespace {

// One match of dingtalk's 40014 (a known error code).
Match dingtalk_40014() {
  const VendorSpec* dingtalk = test::builtin_catalog().find_vendor("dingtalk");
  const CodeEntry* entry = nullptr;
  for (const CodeEntry& code : dingtalk->codes) {
    if (code.code == "40014") entry = &code;
  }
  return Match{dingtalk, entry, "40014", {}, 0, {}, nullptr};
}

}  // namespace

BOOST_AUTO_TEST_CASE(counts_outcomes_and_first_last_seen_are_exact) {
  const Corpus corpus = make_corpus(1, 3000);
  const test::TempFile path_file = lines_file(corpus.lines, 0, corpus.lines.size());
  const std::string& path = path_file.path();
  const Report report = report_of({path}, BucketMode::automatic, k_bucket_sizes[0]);
  BOOST_TEST(report.lines() == corpus.lines.size());
  BOOST_TEST(report.matched_lines() == corpus.matched_lines);
  BOOST_TEST(report.matches() == corpus.matches);
  std::size_t codes = 0;
  for (const CodeStats* code : report.codes_by_count()) {
    ++codes;
    const auto truth = corpus.truth.find(code->vendor + " " + code->code);
    BOOST_TEST_REQUIRE((truth != corpus.truth.end()), code->vendor << " " << code->code);
    BOOST_TEST(code->count == truth->second.count, code->code);
    const std::string first = code->first_seen ? format_wall_time(*code->first_seen) : "";
    const std::string last = code->last_seen ? format_wall_time(*code->last_seen) : "";
    BOOST_TEST(first == truth->second.first, code->code);
    BOOST_TEST(last == truth->second.last, code->code);
    BOOST_TEST(code->known == (code->code != "9999999"));
    std::uint64_t in_timeline = 0;
    for (const auto& [start, n] : code->timeline.counts()) in_timeline += n;
    BOOST_TEST(in_timeline == truth->second.timed, code->code);
  }
  BOOST_TEST(codes == corpus.truth.size());
  BOOST_TEST(report.find("ucpaas", "000000")->outcome == Outcome::success);
  BOOST_TEST(report.find("dingtalk", "40014")->outcome == Outcome::error);
}

BOOST_AUTO_TEST_CASE(sharded_reports_merged_in_any_order_equal_the_whole) {
  const Corpus corpus = make_corpus(2, 4000);
  for (const auto& [mode, bucket] : {std::pair{BucketMode::automatic, k_bucket_sizes[0]},
                                     std::pair{BucketMode::fixed, k_bucket_sizes[1]}}) {
    const test::TempFile whole_path_file = lines_file(corpus.lines, 0, corpus.lines.size());
    const std::string& whole_path = whole_path_file.path();
    const std::string whole = json_of(report_of({whole_path}, mode, bucket));
    // The whole report has what the merge must keep: examples, sources and inputs.
    BOOST_TEST(whole.find("\"example\":{\"source\"") != std::string::npos);
    BOOST_TEST(whole.find("\"inputs\":[{\"source\"") != std::string::npos);
    // Shards cut at line boundaries, uneven sizes, each starting where a log rotation would: at
    // a line with its own timestamp (a continuation line cut from its parent would lose the time
    // it inherits). Each shard is the same input's lines from its cut on (its lines numbered as
    // in the whole), reported and written as JSON.
    std::vector<std::size_t> cuts{0};
    for (std::size_t cut : {std::size_t{1}, std::size_t{700}, std::size_t{1900}, std::size_t{2000},
                            std::size_t{3333}}) {
      while (cut < corpus.lines.size() && corpus.lines[cut][0] == '\t') ++cut;
      cuts.push_back(cut);
    }
    cuts.push_back(corpus.lines.size());
    std::vector<std::string> shards;
    for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
      std::string text;
      for (std::size_t line = cuts[i]; line < cuts[i + 1]; ++line) text += corpus.lines[line] + "\n";
      shards.push_back(json_of(report_of_text(whole_path, text, cuts[i] + 1, mode, bucket)));
    }
    std::vector<std::size_t> order(shards.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::mt19937 rng(3);
    for (int round = 0; round < 6; ++round) {
      // Left fold in a shuffled order…
      Report merged = parsed(shards[order[0]]);
      for (std::size_t i = 1; i < order.size(); ++i) merged += parsed(shards[order[i]]);
      merged.finalize();
      BOOST_TEST(json_of(merged) == whole, "order round " << round);
      // …and a tree: (a+b)+(c+…), through JSON in between.
      Report left = parsed(shards[order[0]]);
      left += parsed(shards[order[1]]);
      left.finalize();
      Report right = parsed(shards[order[2]]);
      for (std::size_t i = 3; i < order.size(); ++i) right += parsed(shards[order[i]]);
      right.finalize();
      Report tree = parsed(json_of(right));
      tree += parsed(json_of(left));
      tree.finalize();
      BOOST_TEST(json_of(tree) == whole, "tree round " << round);
      std::shuffle(order.begin(), order.end(), rng);
    }
  }
}

BOOST_AUTO_TEST_CASE(hosts_merged_in_any_order_keep_each_hosts_counts_and_the_earliest_example) {
  // Five hosts' reports (--source), each of a different part of the corpus, merged in any
  // order: the same report, whose per-source counts are each host's own.
  const Corpus corpus = make_corpus(4, 3000);
  std::vector<std::string> hosts;
  std::vector<Report> alone;
  for (std::size_t host = 0; host < 5; ++host) {
    std::string text;
    for (std::size_t line = host * 600; line < (host + 1) * 600; ++line)
      text += corpus.lines[line] + "\n";
    alone.push_back(report_of_text("app.log", text, 1, BucketMode::automatic, k_bucket_sizes[0],
                                   "web-" + std::to_string(5 - host)));
    hosts.push_back(json_of(alone.back()));
  }
  std::vector<std::size_t> order{0, 1, 2, 3, 4};
  std::mt19937 rng(5);
  std::string first;
  for (int round = 0; round < 5; ++round) {
    Report merged = parsed(hosts[order[0]]);
    for (std::size_t i = 1; i < order.size(); ++i) merged += parsed(hosts[order[i]]);
    merged.finalize();
    const std::string json = json_of(merged);
    if (round == 0) first = json;
    BOOST_TEST(json == first, "round " << round);
    std::shuffle(order.begin(), order.end(), rng);
    if (round > 0) continue;
    BOOST_TEST_REQUIRE(merged.sources().size() == 5u);
    for (const CodeStats* code : merged.codes_by_count()) {
      std::uint64_t sum = 0;
      for (std::size_t s = 0; s < code->by_source.size(); ++s) {
        const std::size_t host = 5 - static_cast<std::size_t>(merged.sources()[s].name[4] - '0');
        const CodeStats* own = alone[host].find(code->vendor, code->code);
        BOOST_TEST(code->by_source[s] == (own != nullptr ? own->count : 0), code->code);
        sum += code->by_source[s];
      }
      BOOST_TEST(sum == code->count, code->code);
      // The example is the earliest of the hosts' examples.
      const CodeExample* earliest = nullptr;
      for (const Report& report : alone) {
        const CodeStats* own = report.find(code->vendor, code->code);
        if (own != nullptr && own->example &&
            (earliest == nullptr || earlier_example(*own->example, *earliest))) {
          earliest = &*own->example;
        }
      }
      BOOST_TEST_REQUIRE(code->example.has_value());
      BOOST_TEST_REQUIRE(earliest != nullptr);
      BOOST_TEST(code->example->source == earliest->source, code->code);
      BOOST_TEST(code->example->line == earliest->line, code->code);
    }
  }
}

BOOST_AUTO_TEST_CASE(json_round_trips) {
  const Corpus corpus = make_corpus(4, 500);
  const test::TempFile path_file = lines_file(corpus.lines, 0, corpus.lines.size());
  const std::string& path = path_file.path();
  const std::string json = json_of(report_of({path}, BucketMode::automatic, k_bucket_sizes[0]));
  Report again = parsed(json);
  again.finalize();
  BOOST_TEST(json_of(again) == json);
}

BOOST_AUTO_TEST_CASE(unknown_codes_past_the_cap_go_to_other) {
  Report report;
  const VendorSpec* dingtalk = test::builtin_catalog().find_vendor("dingtalk");
  std::vector<std::string> codes;
  for (std::size_t i = 0; i < Report::k_unknown_code_cap + 50; ++i)
    codes.push_back(std::to_string(9000000 + i));
  for (const auto& code : codes) {
    const Match match{dingtalk, nullptr, code, {}, 0, {}, nullptr};
    report.add_line(std::span<const Match>(&match, 1), std::nullopt);
  }
  BOOST_TEST(report.codes_by_count().size() == Report::k_unknown_code_cap + 1);
  BOOST_TEST_REQUIRE(report.find("dingtalk", Report::k_other_code) != nullptr);
  BOOST_TEST(report.find("dingtalk", Report::k_other_code)->count == 50u);
  BOOST_TEST(report.matches() == codes.size());
}

BOOST_AUTO_TEST_CASE(times_outside_the_range_are_counted_but_left_off_the_timeline) {
  Report report;
  report.set_time_range(sane_time_range(at("2026-11-30T12:00:00")));
  const Match match = dingtalk_40014();
  const std::span<const Match> one(&match, 1);
  report.add_line(one, at("2026-11-01T09:00:00"));
  report.add_line(one, at("9999-01-01T00:00:00"));      // far future
  report.add_line(one, at("1970-01-01T00:00:05"));      // a clock never set
  report.add_line(one, at("1999-12-31T23:59:59.999"));  // just before the range
  report.add_line(one, at("2026-12-01T12:00:00.001"));  // just over a day after now
  report.add_line(one, at("2026-12-01T12:00:00"));      // a day after now: still in
  report.add_line(one, at("2000-01-01T00:00:00"));      // the first time in
  report.add_line(one, std::nullopt);
  report.add_plain_lines(2);
  BOOST_TEST(report.lines() == 10u);
  BOOST_TEST(report.matched_lines() == 8u);
  BOOST_TEST(report.matches() == 8u);
  BOOST_TEST(report.errors() == 8u);
  BOOST_TEST(report.out_of_range() == 4u);
  BOOST_TEST(format_wall_time(*report.first()) == "2000-01-01T00:00:00");
  BOOST_TEST(format_wall_time(*report.last()) == "2026-12-01T12:00:00");
  const CodeStats* code = report.find("dingtalk", "40014");
  BOOST_TEST_REQUIRE(code != nullptr);
  BOOST_TEST(code->count == 8u);
  BOOST_TEST(format_wall_time(*code->first_seen) == "2000-01-01T00:00:00");
  BOOST_TEST(format_wall_time(*code->last_seen) == "2026-12-01T12:00:00");
  std::uint64_t timed = 0;
  for (const auto& [start, n] : code->timeline.counts()) timed += n;
  BOOST_TEST(timed == 3u);
  const BucketChoice choice = report.finalize();
  BOOST_TEST(choice.fits);
  BOOST_TEST(bucket_name(report.bucket_ms()) == "7d");  // 27 years: weeks

  // The JSON says how many, is read back, and merging adds them up.
  const std::string json = json_of(report);
  BOOST_TEST(json.find("\"bucket_mode\":\"auto\",\"out_of_range\":4}") != std::string::npos);
  Report twice = parsed(json);
  BOOST_TEST(twice.out_of_range() == 4u);
  twice += parsed(json);
  twice.finalize();
  BOOST_TEST(twice.out_of_range() == 8u);
  BOOST_TEST(json_of(parsed(json_of(twice))) == json_of(twice));

  // Every rendering says it in one line, with the range when the report knows it.
  const std::string sentence =
      "4 lines with codes had times outside 2000-01-01T00:00 \xE2\x80\xA6 2026-12-01T12:00; "
      "counted, left out of the timeline";
  std::string wrapped = sentence;
  wrapped[wrapped.rfind(' ', 80)] = '\n';
  BOOST_TEST(render_report_text(report, ReportExtras{}, TextLayout{}).find(wrapped + "\n") !=
             std::string::npos);
  BOOST_TEST(render_report_markdown(report, ReportExtras{}).find(sentence) != std::string::npos);
  BOOST_TEST(render_report_html(report, ReportExtras{}).find(sentence) != std::string::npos);
  const std::string merged_text = render_report_text(twice, ReportExtras{}, TextLayout{});
  BOOST_TEST(
      merged_text.find("8 lines with codes had times before 2000-01-01 or more than a day "
                       "after their\nreport was made; counted, left out of the timeline\n") !=
      std::string::npos);
  // The text report keeps within 80 columns, the sentence broken at a space.
  for (const Report* shown : {&report, &twice}) {
    const std::string text = render_report_text(*shown, ReportExtras{}, TextLayout{});
    std::size_t start = 0;
    while (start < text.size()) {
      const std::size_t end = text.find('\n', start);
      BOOST_TEST(display_width(std::string_view(text).substr(start, end - start)) <= 80u);
      start = end == std::string::npos ? text.size() : end + 1;
    }
  }
  // Without such lines the JSON has no key for them (reports stay as they were).
  Report plain;
  plain.add_line(one, at("2026-11-01T09:00:00"));
  plain.finalize();
  BOOST_TEST(json_of(plain).find("out_of_range") == std::string::npos);
  BOOST_TEST(render_report_text(plain, ReportExtras{}, TextLayout{}).find("outside") ==
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(shards_with_far_times_merged_in_any_order_equal_the_whole) {
  // Out-of-range counts add up like the rest: merge stays associative and commutative.
  const Match match = dingtalk_40014();
  const std::span<const Match> one(&match, 1);
  const TimeRange range = sane_time_range(at("2026-11-30T12:00:00"));
  std::mt19937 rng(9);
  std::vector<Report> shards(5);
  Report whole;
  whole.set_time_range(range);
  for (Report& shard : shards) shard.set_time_range(range);
  for (int i = 0; i < 3000; ++i) {
    const unsigned kind = rng() % 10;
    std::optional<WallMillis> time = at("2026-11-01T00:00:00") + (rng() % 86'400) * 1000;
    if (kind == 0) time = at("1970-01-01T00:00:00") + (rng() % 86'400) * 1000;
    if (kind == 1) time = at("4026-01-01T00:00:00");
    if (kind == 2) time.reset();
    whole.add_line(one, time);
    shards[rng() % shards.size()].add_line(one, time);
  }
  whole.finalize();
  const std::string expected = json_of(whole);
  BOOST_TEST(whole.out_of_range() > 500u);
  std::vector<std::string> jsons;
  for (Report& shard : shards) {
    shard.finalize();
    jsons.push_back(json_of(shard));
  }
  std::vector<std::size_t> order{0, 1, 2, 3, 4};
  for (int round = 0; round < 5; ++round) {
    Report merged = parsed(jsons[order[0]]);
    for (std::size_t i = 1; i < order.size(); ++i) merged += parsed(jsons[order[i]]);
    merged.finalize();
    BOOST_TEST(json_of(merged) == expected, "round " << round);
    Report left = parsed(jsons[order[0]]);
    left += parsed(jsons[order[1]]);
    left.finalize();
    Report right = parsed(jsons[order[2]]);
    right += parsed(jsons[order[3]]);
    right += parsed(jsons[order[4]]);
    right.finalize();
    Report tree = parsed(json_of(right));
    tree += parsed(json_of(left));
    tree.finalize();
    BOOST_TEST(json_of(tree) == expected, "tree round " << round);
    std::shuffle(order.begin(), order.end(), rng);
  }
}

BOOST_AUTO_TEST_CASE(merged_counts_saturate_instead_of_wrapping) {
  Report small;
  const Match match = dingtalk_40014();
  small.add_line(std::span<const Match>(&match, 1), at("2026-11-01T09:00:00"));
  small.add_plain_lines(19);
  small.finalize();
  std::string huge = json_of(small);
  // Every count of the report at the largest there is (keys in the order the JSON has them).
  std::size_t from = 0;
  for (const char* key : {"\"lines\":20", "\"matched_lines\":1", "\"matches\":1", "\"errors\":1",
                          "\"matched_lines\":1", "\"matches\":1", "\"errors\":1", "\"count\":1"}) {
    const std::size_t found = huge.find(key, from);
    BOOST_TEST_REQUIRE(found != std::string::npos, key);
    const std::size_t colon = huge.find(':', found);
    huge.replace(colon + 1, std::string_view(key).size() - (colon - found) - 1,
                 "18446744073709551615");
    from = colon + 1;
  }
  const std::size_t bucket = huge.find("\",1]]");
  BOOST_TEST_REQUIRE(bucket != std::string::npos);
  huge.replace(bucket + 2, 1, "18446744073709551615");
  Report merged = parsed(huge);
  BOOST_TEST(merged.lines() == k_max_count);
  merged += parsed(json_of(small));
  merged += parsed(huge);
  merged.finalize();
  BOOST_TEST(merged.lines() == k_max_count);
  BOOST_TEST(merged.matched_lines() == k_max_count);
  BOOST_TEST(merged.matches() == k_max_count);
  BOOST_TEST(merged.errors() == k_max_count);
  BOOST_TEST(merged.vendors().at("dingtalk").matches == k_max_count);
  BOOST_TEST(merged.find("dingtalk", "40014")->count == k_max_count);
  BOOST_TEST(merged.find("dingtalk", "40014")->timeline.counts().front().second == k_max_count);
  const std::string json = json_of(merged);
  BOOST_TEST(json.find("\"lines\":18446744073709551615,") != std::string::npos);
  BOOST_TEST(json.find('-') == json.find("-11-01"));  // no negative number anywhere
  BOOST_TEST(json_of(parsed(json)) == json);          // and it is still a valid report
}

BOOST_AUTO_TEST_CASE(finalize_widens_a_fixed_bucket_that_would_exceed_the_cap) {
  const Match match = dingtalk_40014();
  const std::span<const Match> one(&match, 1);
  Report report(BucketMode::fixed, k_bucket_sizes[0]);
  report.add_line(one, at("2026-01-01T00:00:00"));
  report.add_line(one, at("2026-03-01T00:00:00"));
  const BucketChoice choice = report.finalize();
  BOOST_TEST(choice.widened());
  BOOST_TEST(bucket_name(choice.requested_ms) == "1m");
  BOOST_TEST(choice.requested_buckets == 84'961u);
  BOOST_TEST(bucket_name(choice.used_ms) == "15m");
  BOOST_TEST(bucket_name(report.bucket_ms()) == "15m");
  BOOST_TEST((report.bucket_mode() == BucketMode::fixed));
  BOOST_TEST(
      report.find("dingtalk", "40014")->timeline.dense(*report.first(), *report.last()).size() ==
      5'665u);
  const std::string json = json_of(report);
  BOOST_TEST(json.find("\"bucket\":\"15m\",\"bucket_mode\":\"fixed\"") != std::string::npos);
  // Finalizing again changes nothing.
  BOOST_TEST(!report.finalize().widened());
  // A fixed size that fits is kept.
  Report fits(BucketMode::fixed, k_bucket_sizes[0]);
  fits.add_line(one, at("2026-01-01T00:00:00"));
  fits.add_line(one, at("2026-01-02T00:00:00"));
  BOOST_TEST(!fits.finalize().widened());
  BOOST_TEST(bucket_name(fits.bucket_ms()) == "1m");
  // Without a time range a span no bucket size covers is said so, and the timelines stay capped.
  Report wild;
  wild.add_line(one, at("0001-01-01T00:00:00"));
  wild.add_line(one, at("9999-12-31T00:00:00"));
  const BucketChoice wide = wild.finalize();
  BOOST_TEST(!wide.fits);
  BOOST_TEST(wild.find("dingtalk", "40014")->timeline.dense(*wild.first(), *wild.last()).size() ==
             k_max_buckets);
}

BOOST_AUTO_TEST_CASE(renderers_survive_spans_no_checked_report_has) {
  // Built directly, past the reader's checks: a span that runs backwards, one of 8,000 years at
  // 1m, and counts at the largest there is. Every rendering stays small and ends.
  for (const auto& [first, last] : {std::pair{"2026-11-01T10:00:00", "2026-11-01T09:41:19"},
                                    std::pair{"0001-01-01T00:00:00", "9999-12-31T00:00:00"},
                                    std::pair{"2026-11-01T09:00:00", "2026-11-01T09:00:00"}}) {
    Report report(BucketMode::fixed, k_bucket_sizes[0]);
    report.set_totals(k_max_count, k_max_count, k_max_count, k_max_count, at(first), at(last));
    CodeStats stats;
    stats.vendor = "dingtalk";
    stats.code = "40014";
    stats.count = k_max_count;
    stats.first_seen = at("2026-11-01T09:00:00");
    stats.last_seen = at("2026-11-01T09:50:00");
    stats.timeline.add(at("2026-11-01T09:00:00"), k_max_count);
    stats.timeline.add(at("2026-11-01T09:50:00"), k_max_count);
    report.add_code(stats);
    stats.vendor = "yunke";
    report.add_code(stats);
    report.set_vendor("dingtalk", VendorStats{k_max_count, k_max_count, k_max_count});
    report.set_vendor("yunke", VendorStats{k_max_count, k_max_count, k_max_count});
    ReportExtras extras;
    for (const std::string& out :
         {render_report_html(report, extras), render_report_text(report, extras, TextLayout{}),
          render_report_markdown(report, extras),
          render_report_csv(report, extras, CsvShape::codes),
          render_report_csv(report, extras, CsvShape::timeline), json_of(report)}) {
      BOOST_TEST(out.size() < std::size_t{4} << 20, first);
    }
  }
}

BOOST_AUTO_TEST_CASE(past_the_cap_the_last_sources_by_name_count_as_other_in_any_order) {
  // 250 sources, one line each: the first 200 names (in byte order) are kept, the other 50 are
  // "(other)", whatever order the inputs come in; no count is lost.
  const Match one = dingtalk_40014();
  std::vector<std::string> names;
  for (int i = 0; i < 250; ++i) names.push_back("host-" + std::to_string(1000 + i));
  std::string first;
  std::mt19937 rng(11);
  for (int round = 0; round < 3; ++round) {
    Report report;
    for (const std::string& name : names) {
      report.begin_input(name, "app.log");
      report.add_line(std::span<const Match>(&one, 1), at("2026-11-01T09:00:00"), "errcode=40014",
                      1);
    }
    report.finalize();
    const std::string json = json_of(report);
    if (round == 0) first = json;
    BOOST_TEST(json == first, "round " << round);
    BOOST_TEST_REQUIRE(report.sources().size() == Report::k_source_cap + 1);
    BOOST_TEST(report.sources().front().name == "(other)");
    BOOST_TEST(report.sources().front().matches == 50u);
    BOOST_TEST(report.sources().back().name == "host-1199");
    const CodeStats* code = report.find("dingtalk", "40014");
    std::uint64_t sum = 0;
    for (const std::uint64_t n : code->by_source) sum += n;
    BOOST_TEST(sum == 250u);
    BOOST_TEST(code->example->source == "host-1000");
    std::shuffle(names.begin(), names.end(), rng);
  }
}

BOOST_AUTO_TEST_CASE(an_example_is_the_earliest_line_and_is_cut_at_a_character) {
  const Match one = dingtalk_40014();
  Report report;
  report.begin_input("", "b.log");
  report.add_line(std::span<const Match>(&one, 1), std::nullopt, "untimed", 1);
  report.add_line(std::span<const Match>(&one, 1), at("2026-11-01T09:00:05"), "later", 2);
  // 299 ASCII bytes then a three-byte character that would straddle the 300-byte cut.
  const std::string long_line = std::string(299, 'x') + "\xE4\xB8\xAD" + "tail";
  report.add_line(std::span<const Match>(&one, 1), at("2026-11-01T09:00:01"), long_line, 3);
  report.begin_input("", "a.log");
  report.add_line(std::span<const Match>(&one, 1), at("2026-11-01T09:00:01"), "same time", 9);
  report.finalize();
  const CodeExample& example = *report.find("dingtalk", "40014")->example;
  // The earliest time; at the same time, the first file by name.
  BOOST_TEST(example.file == "a.log");
  BOOST_TEST(example.line == 9u);
  Report one_file;
  one_file.begin_input("", "b.log");
  one_file.add_line(std::span<const Match>(&one, 1), at("2026-11-01T09:00:05"), "later", 2);
  one_file.add_line(std::span<const Match>(&one, 1), at("2026-11-01T09:00:01"), long_line, 3);
  const CodeExample& cut = *one_file.find("dingtalk", "40014")->example;
  BOOST_TEST(cut.line == 3u);
  BOOST_TEST(cut.text == std::string(299, 'x'));
  BOOST_TEST(cut.cut);
}

BOOST_AUTO_TEST_CASE(a_window_cut_from_a_merged_report_keeps_the_buckets_inside_it) {
  const Match one = dingtalk_40014();
  Report report(BucketMode::fixed, k_bucket_sizes[0]);
  report.begin_input("web-1", "app.log");
  for (const char* time : {"2026-11-01T09:00:10", "2026-11-01T09:01:10", "2026-11-01T09:02:10",
                           "2026-11-01T09:03:10"}) {
    report.add_line(std::span<const Match>(&one, 1), at(time), time, 1);
  }
  report.add_plain_lines(6);
  report.finalize();
  Report cut = parsed(json_of(report));
  cut.cut_to(at("2026-11-01T09:01:00"), at("2026-11-01T09:03:00"));
  cut.finalize();
  const CodeStats* code = cut.find("dingtalk", "40014");
  BOOST_TEST_REQUIRE(code != nullptr);
  BOOST_TEST(code->count == 2u);
  BOOST_TEST(format_wall_time(*code->first_seen) == "2026-11-01T09:01:00");
  BOOST_TEST(format_wall_time(*code->last_seen) == "2026-11-01T09:02:59.999");
  BOOST_TEST(!code->example.has_value());  // its line, at 09:00:10, is outside
  BOOST_TEST(cut.matches() == 2u);
  BOOST_TEST(cut.errors() == 2u);
  BOOST_TEST(cut.matched_lines() == 2u);
  BOOST_TEST(cut.lines() == 10u);  // lines cannot be cut: the whole's
  BOOST_TEST(cut.cut());
  BOOST_TEST(cut.sources().front().matches == 0u);
  // It is a valid report: read back as written, mark included.
  const std::string json = json_of(cut);
  BOOST_TEST(json.find("\"cut\":true") != std::string::npos);
  BOOST_TEST(json_of(parsed(json)) == json);
}
