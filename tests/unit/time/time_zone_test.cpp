#define BOOST_TEST_MODULE time_zone
#include "time/time_zone.hpp"

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "time/civil.hpp"

using namespace errscope;

namespace {

std::int64_t utc(int year, int month, int day, int hour, int minute, int second = 0) {
  return days_from_civil(year, month, day) * 86'400 + hour * 3600 + minute * 60 + second;
}

WallMillis wall(int year, int month, int day, int hour, int minute) {
  return utc(year, month, day, hour, minute) * 1000;
}

TimeZone zone(std::string_view name) {
  auto result = TimeZone::named(name);
  BOOST_TEST_REQUIRE(result.ok(), name << ": " << (result.ok() ? "" : result.error().reason));
  return *result;
}

// Sets an environment variable for one test and puts the old value back.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : m_name(name) {
    if (const char* old = std::getenv(name)) m_old = old;
    ::setenv(name, value, 1);
  }
  ~ScopedEnv() {
    if (m_old) {
      ::setenv(m_name, m_old->c_str(), 1);
    } else {
      ::unsetenv(m_name);
    }
  }

 private:
  const char* m_name;
  std::optional<std::string> m_old;
};

// The tests do not depend on the machine's own zone.
struct MachineInUtc {
  MachineInUtc() { ::setenv("TZ", "UTC", 1); }
};
BOOST_TEST_GLOBAL_FIXTURE(MachineInUtc);

}  // namespace

BOOST_AUTO_TEST_CASE(berlin_changes_offset_at_the_second_of_both_2026_changes) {
  const TimeZone berlin = zone("Europe/Berlin");
  BOOST_TEST(berlin.name() == "Europe/Berlin");
  BOOST_TEST(berlin.offset_at_utc(utc(2026, 3, 29, 0, 59, 59)) == 3600);
  BOOST_TEST(berlin.offset_at_utc(utc(2026, 3, 29, 1, 0, 0)) == 7200);
  BOOST_TEST(berlin.offset_at_utc(utc(2026, 10, 25, 0, 59, 59)) == 7200);
  BOOST_TEST(berlin.offset_at_utc(utc(2026, 10, 25, 1, 0, 0)) == 3600);
  // Back and forth across the cached interval, and in milliseconds just before a change.
  BOOST_TEST(berlin.offset_at_utc(utc(2026, 7, 1, 12, 0)) == 7200);
  BOOST_TEST(berlin.offset_at_utc(utc(2026, 1, 1, 12, 0)) == 3600);
  BOOST_TEST(berlin.offset_at_utc_millis(utc(2026, 3, 29, 1, 0, 0) * 1000 - 1) == 3600);
  BOOST_TEST(berlin.offset_at_utc(utc(2026, 12, 1, 12, 0)) == 3600);
}

BOOST_AUTO_TEST_CASE(new_york_changes_offset_at_the_second_of_both_2026_changes) {
  const TimeZone new_york = zone("America/New_York");
  BOOST_TEST(new_york.offset_at_utc(utc(2026, 3, 8, 6, 59, 59)) == -5 * 3600);
  BOOST_TEST(new_york.offset_at_utc(utc(2026, 3, 8, 7, 0, 0)) == -4 * 3600);
  BOOST_TEST(new_york.offset_at_utc(utc(2026, 11, 1, 5, 59, 59)) == -4 * 3600);
  BOOST_TEST(new_york.offset_at_utc(utc(2026, 11, 1, 6, 0, 0)) == -5 * 3600);
}

BOOST_AUTO_TEST_CASE(shanghai_is_plus_eight_and_the_last_offset_holds_after_2099) {
  const TimeZone shanghai = zone("Asia/Shanghai");
  for (const int year : {1995, 2026, 2099, 2150})
    BOOST_TEST(shanghai.offset_at_utc(utc(year, 7, 1, 0, 0)) == 8 * 3600, year);
  // Berlin after 2099: the last offset of the table (winter time from October 2099) holds.
  BOOST_TEST(zone("Europe/Berlin").offset_at_utc(utc(2150, 7, 1, 0, 0)) == 3600);
}

BOOST_AUTO_TEST_CASE(fixed_offsets_and_utc_never_change) {
  const TimeZone india = TimeZone::fixed(330);
  BOOST_TEST(india.name() == "+05:30");
  BOOST_TEST(india.offset_at_utc(utc(2026, 3, 29, 1, 0)) == 330 * 60);
  BOOST_TEST(india.offset_at_utc(-5'000'000'000LL) == 330 * 60);
  BOOST_TEST(TimeZone::fixed(-300).name() == "-05:00");
  BOOST_TEST(TimeZone::utc().name() == "UTC");
  BOOST_TEST(TimeZone::utc().offset_at_utc(utc(2026, 10, 25, 1, 0)) == 0);
  BOOST_TEST(india.to_utc(wall(2026, 11, 1, 9, 0)) == utc(2026, 11, 1, 3, 30) * 1000);
}

BOOST_AUTO_TEST_CASE(the_tz_option_takes_utc_offsets_and_names) {
  BOOST_TEST(parse_time_zone("UTC")->offset_at_utc(0) == 0);
  BOOST_TEST(parse_time_zone("Z")->offset_at_utc(0) == 0);
  BOOST_TEST(parse_time_zone("+08:00")->offset_at_utc(0) == 8 * 3600);
  BOOST_TEST(parse_time_zone("-0500")->offset_at_utc(0) == -5 * 3600);
  BOOST_TEST(parse_time_zone("Asia/Shanghai")->name() == "Asia/Shanghai");
  BOOST_TEST(parse_time_zone("Europe/Berlin")->offset_at_utc(utc(2026, 7, 1, 0, 0)) == 7200);
}

BOOST_AUTO_TEST_CASE(an_unknown_name_is_an_error_with_the_nearest_names) {
  const auto typo = parse_time_zone("Asia/Shangai");
  BOOST_TEST_REQUIRE(!typo.ok());
  BOOST_TEST(typo.error().reason.starts_with("not a time zone"));
  BOOST_TEST(typo.error().fix == "did you mean Asia/Shanghai?");
  // Case and the city alone find it too.
  BOOST_TEST(closest_zone_names("europe/berlin") == std::vector<std::string>{"Europe/Berlin"});
  BOOST_TEST(closest_zone_names("Berlin") == std::vector<std::string>{"Europe/Berlin"});
  const auto word = parse_time_zone("hello");
  BOOST_TEST_REQUIRE(!word.ok());
  BOOST_TEST(word.error().fix.empty());
  BOOST_TEST(!parse_time_zone("").ok());
  BOOST_TEST(!parse_time_zone("+25:00").ok());
}

BOOST_AUTO_TEST_CASE(names_stay_inside_the_zone_folder_and_must_be_tzif_files) {
  for (const char* name :
       {"../zoneinfo/Europe/Berlin", "Europe/../Europe/Berlin", "Europe/..", "./Europe/Berlin",
        "/usr/share/zoneinfo/Europe/Berlin", "Europe//Berlin", "Europe/Berlin/", "Europe",
        "zone.tab", "Europe/Berlin\n", "Europe/Berlin;rm"}) {
    BOOST_TEST(!TimeZone::named(name).ok(), name);
  }
}

BOOST_AUTO_TEST_CASE(tzdir_says_where_the_database_is) {
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("errscope-tzdir-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder / "My");
  std::filesystem::copy_file("/usr/share/zoneinfo/Asia/Shanghai", folder / "My" / "Zone");
  {
    const ScopedEnv tzdir("TZDIR", folder.c_str());
    BOOST_TEST(zone("My/Zone").offset_at_utc(utc(2026, 1, 1, 0, 0)) == 8 * 3600);
    BOOST_TEST(!TimeZone::named("Europe/Berlin").ok());
    BOOST_TEST(closest_zone_names("My/Zon") == std::vector<std::string>{"My/Zone"});
  }
  {
    const ScopedEnv tzdir("TZDIR", (folder / "none").c_str());
    const auto missing = parse_time_zone("Europe/Berlin");
    BOOST_TEST_REQUIRE(!missing.ok());
    BOOST_TEST(missing.error().reason == "no tz database at " + (folder / "none").string());
  }
  std::filesystem::remove_all(folder);
}

BOOST_AUTO_TEST_CASE(a_named_zone_leaves_tz_as_it_was) {
  const ScopedEnv tz("TZ", "America/New_York");
  (void)zone("Asia/Shanghai");
  BOOST_TEST(std::string(std::getenv("TZ")) == "America/New_York");
  BOOST_TEST(TimeZone::local().offset_at_utc(utc(2026, 1, 1, 0, 0)) == -5 * 3600);
}

BOOST_AUTO_TEST_CASE(the_machine_zone_is_tz) {
  const ScopedEnv tz("TZ", "Asia/Shanghai");
  BOOST_TEST(TimeZone::local().offset_at_utc(utc(2026, 1, 1, 0, 0)) == 8 * 3600);
  const ScopedEnv berlin("TZ", "Europe/Berlin");
  const TimeZone local = TimeZone::local();
  BOOST_TEST(local.name() == "local");
  BOOST_TEST(local.offset_at_utc(utc(2026, 3, 29, 1, 0, 0)) == 7200);
}

BOOST_AUTO_TEST_CASE(wall_times_in_gaps_and_overlaps_are_read_at_the_offset_before) {
  const TimeZone berlin = zone("Europe/Berlin");
  BOOST_TEST(berlin.to_utc(wall(2026, 3, 29, 1, 59)) == utc(2026, 3, 29, 0, 59) * 1000);
  BOOST_TEST(berlin.to_utc(wall(2026, 3, 29, 2, 30)) == utc(2026, 3, 29, 1, 30) * 1000);
  BOOST_TEST(berlin.to_utc(wall(2026, 3, 29, 3, 0)) == utc(2026, 3, 29, 1, 0) * 1000);
  BOOST_TEST(berlin.to_utc(wall(2026, 10, 25, 1, 59)) == utc(2026, 10, 24, 23, 59) * 1000);
  BOOST_TEST(berlin.to_utc(wall(2026, 10, 25, 2, 30)) == utc(2026, 10, 25, 0, 30) * 1000);
  BOOST_TEST(berlin.to_utc(wall(2026, 10, 25, 3, 0)) == utc(2026, 10, 25, 2, 0) * 1000);
  BOOST_TEST(berlin.to_utc(wall(2026, 7, 1, 12, 0)) == utc(2026, 7, 1, 10, 0) * 1000);
}

BOOST_AUTO_TEST_CASE(log_times_move_into_the_zone_at_their_own_offset) {
  const TimeZone berlin = zone("Europe/Berlin");
  const TimeValue before{wall(2026, 3, 29, 0, 30), 0};
  const TimeValue after{wall(2026, 3, 29, 9, 30), 8 * 60};  // 01:30Z
  BOOST_TEST(format_wall_time(berlin.wall_of(before)) == "2026-03-29T01:30:00");
  BOOST_TEST(format_wall_time(berlin.wall_of(after)) == "2026-03-29T03:30:00");
  const TimeValue as_written{wall(2026, 3, 29, 2, 30), std::nullopt};
  BOOST_TEST(format_wall_time(berlin.wall_of(as_written)) == "2026-03-29T02:30:00");
}

BOOST_AUTO_TEST_CASE(durations_back_are_real_time_shown_in_the_zone) {
  const TimeZone berlin = zone("Europe/Berlin");
  const std::int64_t now = utc(2026, 3, 29, 12, 0) * 1000;  // 14:00 in Berlin
  // 24 real hours before is 12:00Z the day before, 13:00 in Berlin (not 14:00).
  BOOST_TEST(format_wall_time(*parse_time_bound("24h", now, berlin)) == "2026-03-28T13:00:00");
  BOOST_TEST(format_wall_time(*parse_time_bound("30m", now, berlin)) == "2026-03-29T13:30:00");
  BOOST_TEST(format_wall_time(*parse_time_bound("2026-03-29 02:30", now, berlin)) ==
             "2026-03-29T02:30:00");
  BOOST_TEST(!parse_time_bound("24x", now, berlin).has_value());
  const ScopedEnv tz("TZ", "Asia/Shanghai");
  BOOST_TEST(format_wall_time(*parse_time_bound("24h", now, TimeZone::local())) ==
             "2026-03-28T20:00:00");
}
