#pragma once

#include <cstdint>
#include <string>

#include "time/time_value.hpp"

namespace errscope {

/// The milliseconds of one day.
inline constexpr WallMillis k_day_millis = 86'400'000;

/// Days since 1970-01-01 of a civil (proleptic Gregorian) date. Inline: the timestamp finder
/// calls it once per line.
constexpr std::int64_t days_from_civil(std::int64_t year, int month, int day) noexcept {
  // Howard Hinnant's algorithm: years start in March, so the leap day ends a year.
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto yoe = static_cast<unsigned>(year - era * 400);
  const auto mp = static_cast<unsigned>(month > 2 ? month - 3 : month + 9);
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

/// The civil date of a day counted since 1970-01-01 (days_from_civil backwards).
void civil_from_days(std::int64_t days, std::int64_t& year, int& month, int& day) noexcept;

/// Writes a wall-clock time as `2026-11-01T09:41:07` (with `.123` when it has milliseconds).
std::string format_wall_time(WallMillis wall);

/// Writes a moment given in seconds since 1970-01-01T00:00:00Z as `2026-12-01T04:50:00Z`.
std::string format_utc_time(std::int64_t seconds);

}  // namespace errscope
