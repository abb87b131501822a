#define BOOST_TEST_MODULE time_input
#include "time/time_input.hpp"

#include <boost/test/unit_test.hpp>

#include "time/civil.hpp"

using namespace errscope;

BOOST_AUTO_TEST_CASE(iso_times_parse_to_wall_clock_and_back) {
  const auto value = parse_iso_time("2026-11-01T09:41:07.204+08:00");
  BOOST_TEST_REQUIRE(value.has_value());
  BOOST_TEST(format_wall_time(value->wall) == "2026-11-01T09:41:07.204");
  BOOST_TEST_REQUIRE(value->offset_minutes.has_value());
  BOOST_TEST(*value->offset_minutes == 480);
  BOOST_TEST(format_wall_time(value->in_zone(0)) == "2026-11-01T01:41:07.204");
  BOOST_TEST(format_wall_time(parse_iso_time("2026-11-01 09:00")->wall) == "2026-11-01T09:00:00");
  BOOST_TEST(format_wall_time(parse_iso_time("2026-11-01")->wall) == "2026-11-01T00:00:00");
  BOOST_TEST(format_wall_time(parse_iso_time("1969-12-31T23:59:59")->wall) ==
             "1969-12-31T23:59:59");
  BOOST_TEST(!parse_iso_time("2026-11-01 9:00").has_value());
  BOOST_TEST(!parse_iso_time("yesterday").has_value());
  // epoch seconds 1793526067 is 2026-11-01T09:41:07Z
  BOOST_TEST(parse_iso_time("2026-11-01T09:41:07Z")->wall == 1793526067000LL);
}

BOOST_AUTO_TEST_CASE(time_bounds_take_times_or_durations_back_from_now) {
  const WallMillis now = parse_iso_time("2026-11-02T12:00:00")->wall;
  BOOST_TEST(format_wall_time(*parse_time_bound("24h", now)) == "2026-11-01T12:00:00");
  BOOST_TEST(format_wall_time(*parse_time_bound("7d", now)) == "2026-10-26T12:00:00");
  BOOST_TEST(format_wall_time(*parse_time_bound("90m", now)) == "2026-11-02T10:30:00");
  BOOST_TEST(format_wall_time(*parse_time_bound("2026-11-01 09:00", now)) == "2026-11-01T09:00:00");
  BOOST_TEST(!parse_time_bound("24x", now).has_value());
  BOOST_TEST(*parse_utc_offset("+08:00") == 480);
  BOOST_TEST(*parse_utc_offset("-0530") == -330);
  BOOST_TEST(*parse_utc_offset("UTC") == 0);
  BOOST_TEST(!parse_utc_offset("Asia/Shanghai").has_value());
}

BOOST_AUTO_TEST_CASE(fractions_count_to_the_millisecond) {
  const WallMillis second = parse_iso_time("2026-11-01T09:00:00")->wall;
  BOOST_TEST(parse_iso_time("2026-11-01T09:00:00.5")->wall == second + 500);
  BOOST_TEST(parse_iso_time("2026-11-01T09:00:00,25")->wall == second + 250);
  BOOST_TEST(parse_iso_time("2026-11-01T09:00:00.123999999")->wall == second + 123);
  BOOST_TEST(parse_iso_time("2026-11-01T09:00:00.")->wall == second);  // a point, no digits
  BOOST_TEST(*parse_iso_time("2026-11-01T09:00:00.5+01:00")->offset_minutes == 60);
}
