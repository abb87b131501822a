#include "time/civil.hpp"

#include "time/digits.hpp"

namespace errscope {

namespace {

// push_civil_time's target for format_wall_time.
struct StringOut {
  std::string text;
  void push(char c) { text += c; }
};

}  // namespace

void civil_from_days(std::int64_t days, std::int64_t& year, int& month, int& day) noexcept {
  // Howard Hinnant's algorithm (days_from_civil backwards).
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  year = static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0);
}

std::string format_wall_time(WallMillis wall) {
  StringOut out;
  out.text.reserve(23);
  time_detail::push_civil_time(out, wall);
  const std::int64_t millis = ((wall % 1000) + 1000) % 1000;
  if (millis != 0) {
    out.push('.');
    time_detail::push_number(out, millis, 3);
  }
  return std::move(out.text);
}

std::string format_utc_time(std::int64_t seconds) {
  return format_wall_time(seconds * 1000) + "Z";
}

}  // namespace errscope
