#pragma once
// Internal to time/: the digit readers and writers the timestamp finder and the input parsers
// share. Not part of the module's interface.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "time/civil.hpp"

namespace errscope::time_detail {

inline bool is_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}

/// Whether `text` holds `count` digits at `at`.
inline bool digits(std::string_view text, std::size_t at, std::size_t count) noexcept {
  if (at + count > text.size()) return false;
  for (std::size_t i = at; i < at + count; ++i) {
    if (!is_digit(text[i])) return false;
  }
  return true;
}

/// The value of the `count` digits at `at` (checked by the caller).
inline int number(std::string_view text, std::size_t at, std::size_t count) noexcept {
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) value = value * 10 + (text[i] - '0');
  return value;
}

/// A decimal fraction's digits: where they end, and the milliseconds they give (the digits
/// past the third count for nothing).
struct Fraction {
  std::size_t end = 0;
  int millis = 0;
};

/// Reads the digits at `at` (none is a fraction of 0) as the fraction after a decimal point.
inline Fraction read_fraction(std::string_view text, std::size_t at) noexcept {
  Fraction fraction{at, 0};
  for (int scale = 100; fraction.end < text.size() && is_digit(text[fraction.end]);
       ++fraction.end, scale /= 10) {
    fraction.millis += (text[fraction.end] - '0') * scale;
  }
  return fraction;
}

/// The number (1 to 12) of an English month's three-letter name (`Nov`), 0 for none.
inline int month_number(std::string_view name) noexcept {
  constexpr std::array<std::string_view, 12> k_months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (std::size_t i = 0; i < k_months.size(); ++i) {
    if (name == k_months[i]) return static_cast<int>(i) + 1;
  }
  return 0;
}

inline bool valid_date(int month, int day) noexcept {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}
inline bool valid_time(int hour, int minute, int second) noexcept {
  return hour <= 23 && minute <= 59 && second <= 60;
}

/// Pushes `value` in decimal, zero-padded to `width`, to `out` (anything with `push(char)`).
template <typename Out>
void push_number(Out& out, std::int64_t value, int width) {
  std::array<char, 20> buffer{};
  int length = 0;
  do {
    buffer[static_cast<std::size_t>(length++)] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value > 0 || length < width);
  while (length > 0) out.push(buffer[static_cast<std::size_t>(--length)]);
}

/// Pushes `YYYY-MM-DDT`.
template <typename Out>
void push_date(Out& out, std::int64_t year, int month, int day) {
  push_number(out, year, 4);
  out.push('-');
  push_number(out, month, 2);
  out.push('-');
  push_number(out, day, 2);
  out.push('T');
}

/// Pushes `YYYY-MM-DDTHH:MM:SS` of a wall-clock time (whole seconds; the caller adds a fraction).
template <typename Out>
void push_civil_time(Out& out, WallMillis wall) {
  const std::int64_t days =
      wall >= 0 ? wall / k_day_millis : (wall - (k_day_millis - 1)) / k_day_millis;
  const std::int64_t seconds = (wall - days * k_day_millis) / 1000;
  std::int64_t year = 0;
  int month = 0, day = 0;
  civil_from_days(days, year, month, day);
  push_date(out, year, month, day);
  push_number(out, seconds / 3600, 2);
  out.push(':');
  push_number(out, seconds / 60 % 60, 2);
  out.push(':');
  push_number(out, seconds % 60, 2);
}

}  // namespace errscope::time_detail
