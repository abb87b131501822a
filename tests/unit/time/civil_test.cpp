#define BOOST_TEST_MODULE civil
#include "time/civil.hpp"

#include <boost/test/unit_test.hpp>
#include <cstdint>

using namespace errscope;

BOOST_AUTO_TEST_CASE(days_count_from_1970) {
  BOOST_TEST(days_from_civil(1970, 1, 1) == 0);
  BOOST_TEST(days_from_civil(1969, 12, 31) == -1);
  BOOST_TEST(days_from_civil(2000, 3, 1) - days_from_civil(2000, 2, 28) == 2);  // a leap year
  BOOST_TEST(days_from_civil(1900, 3, 1) - days_from_civil(1900, 2, 28) == 1);  // not one
  BOOST_TEST(days_from_civil(2026, 11, 1) * k_day_millis == 1793491200000LL);
}

// Every day of eight centuries (leap rules included) goes to its date and back.
BOOST_AUTO_TEST_CASE(civil_dates_round_trip) {
  const std::int64_t first = days_from_civil(1600, 1, 1);
  const std::int64_t last = days_from_civil(2400, 12, 31);
  std::int64_t year = 0;
  int month = 0, day = 0;
  for (std::int64_t days = first; days <= last; ++days) {
    civil_from_days(days, year, month, day);
    BOOST_TEST_REQUIRE(days_from_civil(year, month, day) == days);
    BOOST_TEST_REQUIRE((month >= 1 && month <= 12 && day >= 1 && day <= 31));
  }
  civil_from_days(0, year, month, day);
  BOOST_TEST((year == 1970 && month == 1 && day == 1));
}

BOOST_AUTO_TEST_CASE(wall_times_format_with_milliseconds_only_when_there_are_some) {
  BOOST_TEST(format_wall_time(0) == "1970-01-01T00:00:00");
  BOOST_TEST(format_wall_time(1793526067204) == "2026-11-01T09:41:07.204");
  BOOST_TEST(format_wall_time(k_day_millis - 1) == "1970-01-01T23:59:59.999");
  BOOST_TEST(format_wall_time(-1) == "1969-12-31T23:59:59.999");
  BOOST_TEST(format_wall_time(-k_day_millis) == "1969-12-31T00:00:00");
}
