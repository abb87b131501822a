#define BOOST_TEST_MODULE timestamp
#include "time/timestamp.hpp"

#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "time/time_input.hpp"

using namespace errscope;

namespace {

struct Case {
  const char* line;
  const char* expected;  // nullptr: no timestamp
};

const Case k_cases[] = {
    {"2026-11-01 09:41:07,123 ERROR cti - x", "2026-11-01T09:41:07.123"},
    {"2026-11-01T09:41:07.123456+08:00 level=info", "2026-11-01T09:41:07.123456+08:00"},
    {"2026-11-01T09:41:07Z boot", "2026-11-01T09:41:07Z"},
    {"2026-11-01 09:41:07.5 +0800 x", "2026-11-01T09:41:07.5+08:00"},
    {"[2026-11-01 09:41:18] production.ERROR: x", "2026-11-01T09:41:18"},
    {"I, [2026-11-01T11:22:04.118331 #2871]  INFO -- : x", "2026-11-01T11:22:04.118331"},
    {"2026/11/01 09:00:01 dingtalk: &{ErrCode:88}", "2026-11-01T09:00:01"},
    {"10.0.0.7 - - [01/Nov/2026:09:41:07 +0800] \"GET / HTTP/1.1\" 200",
     "2026-11-01T09:41:07+08:00"},
    {"{\"level\":\"error\",\"ts\":1793526067.204,\"msg\":\"x\"}", "2026-11-01T09:41:07.204Z"},
    {"{\"time\": 1793526067204, \"msg\":\"x\"}", "2026-11-01T09:41:07.204Z"},
    {"{\"@timestamp\":1793526067}", "2026-11-01T09:41:07Z"},
    {"time=\"2026-11-01T09:41:21+08:00\" level=error", "2026-11-01T09:41:21+08:00"},
    {"createDate=20261101094115 order 105107", nullptr},
    {"version 2026-13-01 10:00:00 is not a date", nullptr},
    {"12026-11-01 09:41:07 has a fifth digit before", nullptr},
    {"2026-11-01 only a date", nullptr},
    {"no time here at all", nullptr},
    {"{\"ts\":12345}", nullptr},
};

}  // namespace

// Table-driven (a plain loop: Boost's data test cases trip a GCC 12 -Wrestrict false positive).
BOOST_AUTO_TEST_CASE(finds_the_common_forms) {
  for (const Case& sample : k_cases) {
    BOOST_TEST_CONTEXT(sample.line) {
      const auto found = find_timestamp(sample.line);
      if (sample.expected == nullptr) {
        BOOST_TEST(!found.has_value(), "found " << (found ? found->text() : std::string_view()));
      } else {
        BOOST_TEST_REQUIRE(found.has_value());
        BOOST_TEST(found->text() == sample.expected);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(syslog_takes_its_year_from_the_reference) {
  const SyslogYear november_2026{2026, 11};
  const auto found =
      find_timestamp("Nov  1 09:41:16 cti01 astercc[2871]: BackMsg_14", november_2026);
  BOOST_TEST_REQUIRE(found.has_value());
  BOOST_TEST(found->text() == "2026-11-01T09:41:16");
  const auto december = find_timestamp("<13>Dec 31 23:59:59 host app: x", SyslogYear{2027, 1});
  BOOST_TEST_REQUIRE(december.has_value());
  BOOST_TEST(december->text() == "2026-12-31T23:59:59");               // read in January: last year
  BOOST_TEST(!find_timestamp("Nov  1 09:41:16 cti01 x").has_value());  // no reference, no year
  BOOST_TEST(!find_timestamp("Now 12 is not a month", november_2026).has_value());
}

BOOST_AUTO_TEST_CASE(only_the_start_of_a_line_is_searched) {
  // A megabyte-long payload line with its time at the start is found; a time after the first
  // k_timestamp_window bytes is not looked for.
  std::string long_line = "2026-11-01 09:41:07,123 ERROR ";
  long_line.append(1 << 20, 'x');
  const auto found = find_timestamp(long_line);
  BOOST_TEST_REQUIRE(found.has_value());
  BOOST_TEST(found->text() == "2026-11-01T09:41:07.123");
  const std::string late = std::string(k_timestamp_window, ' ') + "2026-11-01 09:41:07";
  BOOST_TEST(!find_timestamp(late).has_value());
  const std::string early = std::string(k_timestamp_window - 19, ' ') + "2026-11-01 09:41:07";
  BOOST_TEST(find_timestamp(early).has_value());
}

// The value a Timestamp carries is what parsing its text gives, for every form, fraction length
// and zone (the report uses the value, the NDJSON printer the text).
BOOST_AUTO_TEST_CASE(the_value_is_the_parsed_text) {
  std::vector<std::string> lines;
  for (const Case& sample : k_cases) {
    if (sample.expected != nullptr) lines.emplace_back(sample.line);
  }
  for (const char* fraction : {"", ".5", ",12", ".123", ".123456789", ".1234567891234"}) {
    for (const char* zone : {"", "Z", "+08:00", "-0330", " +0800", "+14:00", "+15:00", "-14:01"}) {
      lines.push_back(std::string("2026-02-28 23:59:59") + fraction + zone + " x");
      lines.push_back(std::string("1999/12/31T00:00:60") + fraction + zone);
      lines.push_back(std::string("[29/Feb/2028:12:00:00") + fraction + zone + "]");
    }
  }
  for (const char* epoch : {"1793526067", "1793526067.2", "1793526067.204999", "1793526067204",
                            "0000000001", "9999999999999"}) {
    lines.push_back(std::string("{\"ts\":") + epoch + "}");
  }
  lines.emplace_back("Feb 29 23:59:59 host app: x");
  for (const auto& line : lines) {
    BOOST_TEST_CONTEXT(line) {
      const auto found = find_timestamp(line, SyslogYear{2028, 3});
      BOOST_TEST_REQUIRE(found.has_value());
      const auto parsed = parse_iso_time(found->text());
      const auto carried = found->value();
      BOOST_TEST_REQUIRE(parsed.has_value() == carried.has_value(), found->text());
      // The report's value-only search gives the same value (none past ±14:00 included).
      const auto value = find_time_value(line, SyslogYear{2028, 3});
      BOOST_TEST_REQUIRE(value.has_value() == carried.has_value());
      if (value) {
        BOOST_TEST(value->wall == carried->wall);
        BOOST_TEST(value->offset_minutes.value_or(-9999) ==
                   carried->offset_minutes.value_or(-9999));
      }
      if (!parsed) continue;
      BOOST_TEST(parsed->wall == carried->wall, found->text());
      BOOST_TEST(parsed->offset_minutes.value_or(-9999) == carried->offset_minutes.value_or(-9999),
                 found->text());
    }
  }
}

// find_timestamp looks only where a date's separator is; it must find what trying every
// position does. Lines are built from pieces that make near-misses likely: dates of each form
// cut short, digits next to them, separators on their own.
BOOST_AUTO_TEST_CASE(the_search_finds_the_first_timestamp_any_position_gives) {
  const std::vector<std::string> pieces = {"2026-11-01 09:41:07",
                                           "2026/11/01 09:41:07",
                                           "01/Nov/2026:09:41:07",
                                           "2026-11-01T09:4",
                                           "01/Nov/2026",
                                           "1/Nov/2026:09:41:07",
                                           "26-11-01 09:41:07",
                                           "2026-13-01 09:41:07",
                                           "-",
                                           "/",
                                           "7",
                                           "12",
                                           "2026",
                                           ":",
                                           " ",
                                           "x",
                                           ",123",
                                           "+08:00",
                                           "\"ts\":1793526067",
                                           "2026-11-01",
                                           "2026/11",
                                           "01/Dec/2026:23:59:60 +0800",
                                           "T",
                                           "\n"};
  std::uint64_t state = 0x9e3779b97f4a7c15u;
  const auto next = [&state](std::size_t bound) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return static_cast<std::size_t>(state % bound);
  };
  for (int round = 0; round < 100'000; ++round) {
    std::string line;
    const std::size_t count = 1 + next(8);
    for (std::size_t i = 0; i < count; ++i) line += pieces[next(pieces.size())];
    std::optional<Timestamp> expected;
    for (std::size_t at = 0; at < line.size() && !expected; ++at) {
      const bool starts = line[at] >= '0' && line[at] <= '9' &&
                          (at == 0 || line[at - 1] < '0' || line[at - 1] > '9');
      if (starts) expected = timestamp_at(line, at);
    }
    const auto found = find_timestamp(line);
    const auto value = find_time_value(line);
    BOOST_TEST_CONTEXT(line) {
      const auto carried = found ? found->value() : std::nullopt;
      BOOST_TEST_REQUIRE(value.has_value() == carried.has_value());
      if (value) BOOST_TEST(value->wall == carried->wall);
      if (expected) {
        BOOST_TEST_REQUIRE(found.has_value());
        BOOST_TEST(found->text() == expected->text());
      } else if (found) {
        // Only an epoch field may be found where no position starts a date.
        BOOST_TEST(found->text().ends_with("Z"));
        BOOST_TEST(line.find("\"ts\"") != std::string::npos);
      }
    }
  }
}

// Dates met one after another (a run of one day, then another, then back) each give their own
// midnight, and an invalid date gives nothing whatever came before.
BOOST_AUTO_TEST_CASE(each_date_of_a_run_of_lines_counts_alone) {
  const auto wall = [](std::string_view line) { return find_time_value(line).value().wall; };
  for (int round = 0; round < 3; ++round) {
    const auto first = wall("2026-11-01 09:00:00,105 ERROR x");
    BOOST_TEST(wall("2026-11-01 09:00:01 INFO y") == first + 1000 - 105);
    BOOST_TEST(wall("2026-11-02 09:00:00,105 ERROR x") == first + 86'400'000);
    BOOST_TEST(wall("2026-11-01T09:00:00.105Z") == first);
    BOOST_TEST(!find_time_value("2026-13-01 09:00:00 after a valid day").has_value());
    BOOST_TEST(wall("2026-02-28 09:00:00") == first - 105 - 246 * 86'400'000LL);
    BOOST_TEST(!find_time_value("2026-02-00 09:00:00 right after its month").has_value());
  }
}
