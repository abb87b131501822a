#define BOOST_TEST_MODULE report_json
#include "report/report_json.hpp"

#include <boost/test/unit_test.hpp>
#include <random>
#include <string>
#include <vector>

#include "render/report_csv.hpp"
#include "render/report_html.hpp"
#include "render/report_json.hpp"
#include "render/report_markdown.hpp"
#include "render/report_text.hpp"
#include "report/baseline.hpp"
#include "test_support.hpp"

using namespace errscope;

namespace {

WallMillis at(const char* text) {
  return parse_iso_time(text)->wall;
}

// A small report as `report` writes it: two vendors, three codes (one with an untimed line), an
// out-of-range line, a 1m timeline over 31 buckets, two sources (a file, and a host's file) with
// their inputs, and an example line per code.
std::string valid_report() {
  const Catalog& catalog = test::builtin_catalog();
  const VendorSpec* dingtalk = catalog.find_vendor("dingtalk");
  const VendorSpec* yunke = catalog.find_vendor("yunke");
  const auto entry = [](const VendorSpec* vendor, std::string_view code) -> const CodeEntry* {
    for (const CodeEntry& candidate : vendor->codes) {
      if (candidate.code == code) return &candidate;
    }
    return nullptr;
  };
  const Match a{dingtalk, entry(dingtalk, "40014"), "40014", {}, 0, {}, nullptr};
  const Match b{dingtalk, entry(dingtalk, "0"), "0", {}, 0, {}, nullptr};
  const Match c{yunke, nullptr, "777", {}, 0, {}, nullptr};
  Report report;
  report.set_time_range(sane_time_range(at("2026-11-30T00:00:00")));
  const std::vector<Match> both{a, c};
  report.begin_input("", "a.log");
  report.add_read(900, 12);
  report.add_line(std::span<const Match>(&a, 1), at("2026-11-01T09:00:00"), "a first 40014", 1);
  report.add_line(std::span<const Match>(both), at("2026-11-01T09:10:30"), "both\t<b>\x1b", 2);
  report.add_line(std::span<const Match>(&b, 1), at("2026-11-01T09:30:00"), "ok 0", 3);
  report.add_plain_lines(9);
  report.begin_input("host-b", "b.log");
  report.add_read(100, 3);
  report.add_line(std::span<const Match>(&a, 1), std::nullopt, "untimed 40014", 1);
  report.add_line(std::span<const Match>(&c, 1), at("1970-01-01T00:00:00"), "\xff 777", 2);
  report.add_plain_lines(1);
  report.finalize();
  return render_report_json(report, ReportExtras{});
}

// `text` with each `field` (a last field with its object's closing brace) left out.
std::string without_last_field(std::string_view text, std::string_view field) {
  std::string out;
  for (std::size_t at = text.find(field); at != std::string_view::npos; at = text.find(field)) {
    out.append(text.substr(0, at));
    out += '}';
    text.remove_prefix(at + field.size());
  }
  out.append(text);
  return out;
}

struct Refusal {
  const char* name;
  const char* from;
  const char* to;
  const char* path;    // the JSON path the diagnostic names
  const char* reason;  // part of its reason
};

// Each: one edit of the valid report, and what the reader must say about it.
const Refusal k_refusals[] = {
    {"first after last", "\"first\":\"2026-11-01T09:00:00\"", "\"first\":\"2026-11-01T10:00:00\"",
     "/time/first", "is after time.last"},
    {"first without last", "\"last\":\"2026-11-01T09:30:00\"", "\"last\":null", "/time/last",
     "both be times or both be null"},
    {"matched above lines", "\"lines\":15", "\"lines\":4", "/matched_lines", "more than lines"},
    {"matches below matched", "\"matches\":6", "\"matches\":4", "/matches",
     "less than matched_lines"},
    {"errors above matches", "\"errors\":5", "\"errors\":7", "/errors", "more than matches"},
    {"out of range above matched", "\"out_of_range\":1", "\"out_of_range\":6", "/time/out_of_range",
     "more than matched_lines"},
    {"vendor matches above total", "\"vendor\":\"yunke\",\"matched_lines\":2,\"matches\":2",
     "\"vendor\":\"yunke\",\"matched_lines\":2,\"matches\":7", "/vendors/1/matches",
     "more than the report's matches"},
    {"vendor errors above its matches",
     "\"vendor\":\"yunke\",\"matched_lines\":2,\"matches\":2,\"errors\":2",
     "\"vendor\":\"yunke\",\"matched_lines\":1,\"matches\":1,\"errors\":2", "/vendors/1/errors",
     "more than its matches"},
    {"duplicate vendor", "\"vendor\":\"yunke\"", "\"vendor\":\"dingtalk\"", "/vendors/1",
     "listed twice"},
    {"code count above matches", "\"count\":3", "\"count\":7", "/codes/0/count",
     "more than the report's matches"},
    {"code count above its vendor",
     "\"code\":\"777\",\"known\":false,\"outcome\":\"error\",\"message\":null,\"hint\":null,"
     "\"count\":2",
     "\"code\":\"777\",\"known\":false,\"outcome\":\"error\",\"message\":null,\"hint\":null,"
     "\"count\":3",
     "/codes/1/count", "more than vendor yunke's matches"},
    {"duplicate code", "\"vendor\":\"yunke\",\"code\":\"777\"",
     "\"vendor\":\"dingtalk\",\"code\":\"40014\"", "/codes/1", "listed twice"},
    {"unknown vendor", "\"vendor\":\"yunke\",\"code\"", "\"vendor\":\"acme\",\"code\"",
     "/codes/1/vendor", "not in /vendors"},
    {"first seen after last seen", "\"first_seen\":\"2026-11-01T09:00:00\"",
     "\"first_seen\":\"2026-11-01T09:20:00\"", "/codes/0/first_seen", "after last_seen"},
    {"first seen outside span", "\"first_seen\":\"2026-11-01T09:30:00\"",
     "\"first_seen\":\"2026-11-01T08:30:00\"", "/codes/2/first_seen",
     "outside the report's time span"},
    {"unaligned bucket", "[\"2026-11-01T09:01:00\",0]", "[\"2026-11-01T09:01:30\",0]",
     "/codes/0/timeline/1/0", "does not start a 1m bucket"},
    {"duplicate bucket", "[\"2026-11-01T09:01:00\",0]", "[\"2026-11-01T09:00:00\",0]",
     "/codes/0/timeline/1/0", "not after the bucket before it"},
    {"bucket outside span", "[\"2026-11-01T09:30:00\",0]]",
     "[\"2026-11-01T09:30:00\",0],[\"2026-11-01T09:31:00\",0]]", "/codes/0/timeline/31/0",
     "outside the buckets of the report's time span"},
    {"timeline above count", "[\"2026-11-01T09:00:00\",1]", "[\"2026-11-01T09:00:00\",3]",
     "/codes/0/timeline", "more than the code's count"},
    {"count outside first/last seen", "[\"2026-11-01T09:20:00\",0]", "[\"2026-11-01T09:20:00\",1]",
     "/codes/0/timeline/20/1", "outside the code's first_seen"},
    {"timed code with an empty timeline", "[\"2026-11-01T09:30:00\",1]",
     "[\"2026-11-01T09:30:00\",0]", "/codes/2/timeline", "timeline counts nothing"},
    {"bad pair", "[\"2026-11-01T09:01:00\",0]", "[\"2026-11-01T09:01:00\",0,1]",
     "/codes/0/timeline/1", "[time, count] pair"},
    {"unknown bucket", "\"bucket\":\"1m\"", "\"bucket\":\"2m\"", "/time/bucket", "unknown bucket"},
    {"unknown bucket mode", "\"bucket_mode\":\"auto\"", "\"bucket_mode\":\"manual\"",
     "/time/bucket_mode", "neither"},
    {"unknown outcome", "\"outcome\":\"success\"", "\"outcome\":\"fine\"", "/codes/2/outcome",
     "neither"},
    {"span too wide", "\"first\":\"2026-11-01T09:00:00\"", "\"first\":\"0001-01-01T00:00:00\"",
     "/time/last", "even at 7d"},
    {"negative count", "\"lines\":15", "\"lines\":-1", "/lines", "negative"},
    {"fraction", "\"lines\":15", "\"lines\":15.5", "/lines", "fraction"},
    {"string count", "\"lines\":15", "\"lines\":\"15\"", "/lines", "not a count"},
    {"source above the report", "\"source\":\"a.log\",\"lines\":12",
     "\"source\":\"a.log\",\"lines\":16", "/sources/0/lines", "more than the report's"},
    {"code's source not listed", "{\"source\":\"host-b\",\"count\":1}",
     "{\"source\":\"host-c\",\"count\":1}", "/codes/0/sources/1/source", "not in /sources"},
    {"code's sources above its count", "{\"source\":\"a.log\",\"count\":2}",
     "{\"source\":\"a.log\",\"count\":3}", "/codes/0/sources", "add up to"},
    {"example at line 0", "\"file\":\"a.log\",\"line\":1,", "\"file\":\"a.log\",\"line\":0,",
     "/codes/0/example/line", "counts from 1"},
    {"example without its cut flag", "\"cut\":false}", "\"cut\":\"no\"}", "/codes/0/example",
     "expected"},
    {"id not a string", "\"id\":\"", "\"id\":5,\"x\":\"", "/id", "expected a string"},
    {"newer schema", "\"schema\":\"errscope.report/1\"", "\"schema\":\"errscope.report/2\"",
     "/schema", "not an errscope.report/1 report"},
    {"bad vendor matched_lines", "\"vendor\":\"yunke\",\"matched_lines\":2",
     "\"vendor\":\"yunke\",\"matched_lines\":-2", "/vendors/1/matched_lines", "negative"},
};

}  // namespace

BOOST_AUTO_TEST_CASE(the_valid_report_is_read_back_as_written) {
  const std::string json = valid_report();
  auto report = parse_report_json("valid.json", json);
  BOOST_TEST_REQUIRE(report.ok(), (report.ok() ? "" : report.error().reason));
  report->finalize();
  BOOST_TEST(render_report_json(*report, ReportExtras{}) == json);
}

BOOST_AUTO_TEST_CASE(a_report_with_a_baseline_is_read_back_with_or_without_new_outcomes) {
  // A report written with --baseline lists each new code's outcome; the reader (merge,
  // --baseline) takes the report with that field, and as earlier versions wrote it, without.
  auto report = parse_report_json("valid.json", valid_report());
  BOOST_TEST_REQUIRE(report.ok());
  report->finalize();
  const BaselineDiff diff = compare_with_baseline(*report, Report{}, "base.json");
  ReportExtras extras;
  extras.baseline = &diff;
  const std::string with = render_report_json(*report, extras);
  BOOST_TEST(with.find("\"baseline_count\":0,\"outcome\":\"success\"}") != std::string::npos);
  BOOST_TEST(with.find("\"baseline_count\":0,\"outcome\":\"error\"}") != std::string::npos);
  const std::string without = without_last_field(
      without_last_field(with, ",\"outcome\":\"success\"}"), ",\"outcome\":\"error\"}");
  BOOST_TEST(without.find("\"outcome\":\"success\"}") == std::string::npos);
  for (const std::string& json : {with, without}) {
    auto read = parse_report_json("with_baseline.json", json);
    BOOST_TEST_REQUIRE(read.ok(), (read.ok() ? "" : read.error().reason));
    read->finalize();
    BOOST_TEST(render_report_json(*read, ReportExtras{}) ==
               render_report_json(*report, ReportExtras{}));
  }
}

BOOST_AUTO_TEST_CASE(inconsistent_reports_are_refused_with_path_and_fix) {
  const std::string json = valid_report();
  for (const Refusal& refusal : k_refusals) {
    std::string edited = json;
    const std::size_t found = edited.find(refusal.from);
    BOOST_TEST_REQUIRE(found != std::string::npos, refusal.name << ": not in " << json);
    edited.replace(found, std::string_view(refusal.from).size(), refusal.to);
    const auto report = parse_report_json("edited.json", edited);
    BOOST_TEST_REQUIRE(!report.ok(), refusal.name);
    const Diagnostic& error = report.error();
    BOOST_TEST(error.where.file == "edited.json", refusal.name);
    BOOST_TEST(error.where.json_path == refusal.path, refusal.name << ": " << error.reason);
    BOOST_TEST(error.reason.find(refusal.reason) != std::string::npos,
               refusal.name << ": " << error.reason);
    BOOST_TEST(!error.fix.empty(), refusal.name);
  }
}

BOOST_AUTO_TEST_CASE(numbers_too_large_for_a_count_are_refused_with_their_position) {
  const std::string json = valid_report();
  for (const char* huge :
       {"18446744073709551616", "99999999999999999999999", "-9223372036854775809"}) {
    std::string edited = json;
    const std::size_t found = edited.find("\"lines\":15");
    edited.replace(found, 10, std::string("\"lines\":") + huge);
    const auto report = parse_report_json("huge.json", edited);
    BOOST_TEST_REQUIRE(!report.ok(), huge);
    BOOST_TEST(report.error().reason.find(huge) != std::string::npos, report.error().reason);
    BOOST_TEST(report.error().where.line == 1u);
    BOOST_TEST(report.error().where.column == found + 9);
  }
  // The largest count is a count.
  std::string edited = json;
  edited.replace(edited.find("\"lines\":15"), 10, "\"lines\":18446744073709551615");
  BOOST_TEST(parse_report_json("max.json", edited).ok());
}

BOOST_AUTO_TEST_CASE(reports_without_times_or_codes_are_valid) {
  Report empty;
  empty.finalize();
  BOOST_TEST(parse_report_json("empty.json", render_report_json(empty, ReportExtras{})).ok());
  // A report of older builds: no bucket_mode, vendors without matched_lines.
  const std::string old =
      "{\"schema\":\"errscope.report/1\",\"lines\":3,\"matched_lines\":1,\"matches\":1,"
      "\"errors\":1,\"time\":{\"first\":null,\"last\":null,\"bucket\":\"1d\"},\"vendors\":[{"
      "\"vendor\":\"dingtalk\",\"matches\":1,\"errors\":1}],\"codes\":[{\"vendor\":\"dingtalk\","
      "\"code\":\"40014\",\"known\":true,\"outcome\":\"error\",\"message\":\"x\",\"count\":1,"
      "\"first_seen\":null,\"last_seen\":null,\"timeline\":[]}],\"alerts\":[]}";
  const auto report = parse_report_json("old.json", old);
  BOOST_TEST_REQUIRE(report.ok(), (report.ok() ? "" : report.error().reason));
  BOOST_TEST(report->find("dingtalk", "40014")->count == 1u);
}

BOOST_AUTO_TEST_CASE(whatever_a_damaged_report_holds_an_accepted_one_renders_and_merges) {
  // Random edits of digits, times and counts: the reader either refuses the report or accepts one
  // that merges with itself, settles within the bucket cap, renders in every format at a bounded
  // size, and is written back as a report the reader accepts again.
  const std::string json = valid_report();
  std::mt19937 rng(12);
  const std::string replacements[] = {"0",    "9", "18446744073709551615",    "1970",
                                      "9999", "-", "\"2026-11-01T09:15:00\"", "null",
                                      "7"};
  std::size_t accepted = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string edited = json;
    for (unsigned edits = 1 + rng() % 3; edits > 0; --edits) {
      std::size_t pos = rng() % edited.size();
      // Edit at a digit: counts and times.
      while (pos < edited.size() && (edited[pos] < '0' || edited[pos] > '9')) ++pos;
      if (pos >= edited.size()) continue;
      std::size_t end = pos;
      while (end < edited.size() && edited[end] >= '0' && edited[end] <= '9') ++end;
      if (rng() % 2 == 0) end = pos + 1;
      edited.replace(pos, end - pos, replacements[rng() % std::size(replacements)]);
    }
    auto parsed = parse_report_json("fuzz.json", edited);
    if (!parsed.ok()) {
      BOOST_TEST(!parsed.error().reason.empty());
      continue;
    }
    ++accepted;
    Report report = std::move(parsed).value();
    Report twice = report;
    twice += report;
    const BucketChoice choice = twice.finalize();
    BOOST_TEST(choice.fits, edited);
    BOOST_TEST(twice.lines() == saturating_add(report.lines(), report.lines()));
    ReportExtras extras;
    for (const std::string& out :
         {render_report_html(twice, extras), render_report_text(twice, extras, TextLayout{}),
          render_report_markdown(twice, extras),
          render_report_csv(twice, extras, CsvShape::timeline)}) {
      BOOST_TEST(out.size() < std::size_t{8} << 20);
    }
    const std::string written = render_report_json(twice, extras);
    const auto again = parse_report_json("written.json", written);
    BOOST_TEST(again.ok(), (again.ok() ? ""
                                       : again.error().reason + " at " +
                                             again.error().where.json_path + " in " + written));
  }
  BOOST_TEST_MESSAGE(accepted << " of 20000 edited reports accepted");
  BOOST_TEST(accepted > 50u);
}

// Inputs skipped as binary are part of the report, so its zeros are never silent: written only
// when there are some, read back, kept by a merge, and said in every readable rendering.
BOOST_AUTO_TEST_CASE(inputs_skipped_as_binary_are_recorded_read_back_and_merged) {
  Report report;
  report.add_plain_lines(3);
  report.add_skipped_binary("wtmp");
  report.add_skipped_binary("-");
  report.finalize();
  const std::string json = render_report_json(report, ReportExtras{});
  BOOST_TEST(json.find(R"("skipped":[{"file":"-","reason":"binary"},{"file":"wtmp","reason":"binary"}])") !=
             std::string::npos, json);
  auto read = parse_report_json("skipped.json", json);
  BOOST_TEST_REQUIRE(read.ok(), (read.ok() ? "" : read.error().reason));
  read->finalize();
  BOOST_TEST(render_report_json(*read, ReportExtras{}) == json);

  Report other;
  other.add_skipped_binary("image.png");
  *read += other;
  BOOST_TEST(read->skipped_binary().size() == 3);
  const std::string text = render_report_text(*read, ReportExtras{}, TextLayout{});
  BOOST_TEST(text.find("skipped as binary, not counted: standard input, image.png, wtmp") !=
                 std::string::npos,
             text);
  BOOST_TEST(render_report_markdown(*read, ReportExtras{}).find("skipped as binary") !=
             std::string::npos);
  BOOST_TEST(render_report_html(*read, ReportExtras{}).find("skipped as binary") !=
             std::string::npos);
  // A report with nothing skipped says nothing about it.
  BOOST_TEST(valid_report().find("skipped") == std::string::npos);
  const std::string bad = std::string(json).replace(json.find("\"binary\""), 8, "\"other\"");
  BOOST_TEST(!parse_report_json("bad.json", bad).ok());
}

BOOST_AUTO_TEST_CASE(the_shards_of_a_job_are_read_back_and_checked) {
  auto report = parse_report_json("valid.json", valid_report());
  BOOST_TEST_REQUIRE(report.ok());
  report->set_shards(*ShardSet::from_ranges(8, {{1, 3}, {5, 5}}));
  report->finalize();
  const std::string json = render_report_json(*report, ReportExtras{});
  BOOST_TEST(json.find(R"("shards":{"of":8,"have":[[1,3],[5,5]]})") != std::string::npos);
  auto back = parse_report_json("shards.json", json);
  BOOST_TEST_REQUIRE(back.ok(), (back.ok() ? "" : back.error().reason));
  BOOST_TEST_REQUIRE(back->shards().has_value());
  BOOST_TEST((*back->shards() == *report->shards()));
  back->finalize();
  BOOST_TEST(render_report_json(*back, ReportExtras{}) == json);
  // Shards are part of the id: two shards of like content are two reports.
  auto other = parse_report_json("valid.json", valid_report());
  BOOST_TEST_REQUIRE(other.ok());
  other->set_shards(ShardSet::one(4, 8));
  BOOST_TEST(report_id(*other) != report_id(*report));
  for (const auto& [bad, path] :
       {std::pair{R"("shards":{"of":8,"have":[[5,5],[1,3]]})", "/shards/have"},
        std::pair{R"("shards":{"of":8,"have":[[1,9]]})", "/shards/have"},
        std::pair{R"("shards":{"of":0,"have":[[1,1]]})", "/shards/of"},
        std::pair{R"("shards":{"of":8,"have":[[1]]})", "/shards/have/0"}}) {
    std::string edited = json;
    edited.replace(edited.find(R"("shards":)"), std::string_view(R"("shards":{"of":8,"have":[[1,3],[5,5]]})").size(), bad);
    auto refused = parse_report_json("edited.json", edited);
    BOOST_TEST_REQUIRE(!refused.ok(), bad);
    BOOST_TEST(refused.error().where.json_path == path, bad);
  }
}

