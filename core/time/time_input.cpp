#include "time/time_input.hpp"

#include <cstdint>

#include "time/civil.hpp"
#include "time/digits.hpp"

namespace errscope {

using time_detail::digits;
using time_detail::is_digit;
using time_detail::number;

std::optional<int> parse_utc_offset(std::string_view text) noexcept {
  if (text == "UTC" || text == "utc" || text == "Z" || text == "GMT") return 0;
  if (text.size() < 3 || (text[0] != '+' && text[0] != '-') || !digits(text, 1, 2))
    return std::nullopt;
  int minutes = number(text, 1, 2) * 60;
  if (text.size() == 6 && text[3] == ':' && digits(text, 4, 2)) {
    minutes += number(text, 4, 2);
  } else if (text.size() == 5 && digits(text, 3, 2)) {
    minutes += number(text, 3, 2);
  } else if (text.size() != 3) {
    return std::nullopt;
  }
  if (minutes > 14 * 60) return std::nullopt;
  return text[0] == '-' ? -minutes : minutes;
}

std::optional<TimeValue> parse_iso_time(std::string_view text) noexcept {
  if (text.size() < 10 || !digits(text, 0, 4) || text[4] != '-' || !digits(text, 5, 2) ||
      text[7] != '-' || !digits(text, 8, 2)) {
    return std::nullopt;
  }
  const int month = number(text, 5, 2);
  const int day = number(text, 8, 2);
  if (!time_detail::valid_date(month, day)) return std::nullopt;
  TimeValue value;
  std::int64_t ms = days_from_civil(number(text, 0, 4), month, day) * k_day_millis;
  std::size_t at = 10;
  if (at < text.size() && (text[at] == 'T' || text[at] == ' ')) {
    ++at;
    if (!digits(text, at, 2) || at + 5 > text.size() || text[at + 2] != ':' ||
        !digits(text, at + 3, 2)) {
      return std::nullopt;
    }
    int hour = number(text, at, 2);
    int minute = number(text, at + 3, 2);
    int second = 0;
    at += 5;
    if (at + 3 <= text.size() && text[at] == ':' && digits(text, at + 1, 2)) {
      second = number(text, at + 1, 2);
      at += 3;
    }
    if (!time_detail::valid_time(hour, minute, second)) return std::nullopt;
    ms += (hour * 3600 + minute * 60 + second) * 1000LL;
    if (at < text.size() && (text[at] == '.' || text[at] == ',')) {
      const auto fraction = time_detail::read_fraction(text, at + 1);
      ms += fraction.millis;
      at = fraction.end;
    }
  }
  if (at < text.size()) {
    const auto offset = parse_utc_offset(text.substr(at));
    if (!offset) return std::nullopt;
    value.offset_minutes = offset;
  }
  value.wall = ms;
  return value;
}

std::optional<std::int64_t> parse_duration(std::string_view text) noexcept {
  if (text.empty() || !is_digit(text[0])) return std::nullopt;
  std::size_t at = 0;
  std::int64_t amount = 0;
  while (at < text.size() && is_digit(text[at]) && at < 9)
    amount = amount * 10 + (text[at++] - '0');
  if (at + 1 != text.size()) return std::nullopt;
  switch (text[at]) {
    case 's':
      return amount * 1000;
    case 'm':
      return amount * 60000;
    case 'h':
      return amount * 3600000;
    case 'd':
      return amount * k_day_millis;
    case 'w':
      return amount * 7 * k_day_millis;
    default:
      return std::nullopt;
  }
}

std::optional<WallMillis> parse_time_bound(std::string_view text, WallMillis now) noexcept {
  if (const auto back = parse_duration(text)) return now - *back;
  const auto value = parse_iso_time(text);
  if (!value) return std::nullopt;
  return value->wall;
}

}  // namespace errscope
