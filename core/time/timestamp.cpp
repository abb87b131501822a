#include "time/timestamp.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "simd/find_either.hpp"
#include "time/civil.hpp"
#include "time/digits.hpp"

namespace errscope {

using time_detail::digits;
using time_detail::is_digit;
using time_detail::number;
using time_detail::push_number;
using time_detail::valid_date;

// What the readers below build into: the Timestamp's text and value. (ValueOnly, below, builds
// the value alone for the report: the same interface, with the text's formatting compiled away.)
// A zone past ±14:00 leaves no value, as parse_iso_time rejects those.
class Timestamp::Builder {
 public:
  static constexpr bool k_text = true;

  explicit Builder(Timestamp& out) noexcept : m_out(out) {}

  // Appends one character (silently stops at capacity).
  void push(char c) noexcept {
    if (m_out.m_size < sizeof m_out.m_text) m_out.m_text[m_out.m_size++] = c;
  }
  // Appends N bytes (nothing when they do not fit): a fixed-size copy.
  template <std::size_t N>
  void append(const char* text) noexcept {
    static_assert(N <= sizeof m_out.m_text);
    if (m_out.m_size > sizeof m_out.m_text - N) return;
    std::memcpy(m_out.m_text + m_out.m_size, text, N);
    m_out.m_size += N;
  }
  // Appends text (silently stops at capacity).
  void append(std::string_view text) noexcept {
    const std::size_t count = std::min(text.size(), sizeof m_out.m_text - m_out.m_size);
    std::memcpy(m_out.m_text + m_out.m_size, text.data(), count);
    m_out.m_size += count;
  }
  void add_millis(WallMillis millis) noexcept { m_out.m_value.wall += millis; }
  void set_offset(int minutes) noexcept {
    m_out.m_value.offset_minutes = minutes;
    m_out.m_valid = m_out.m_valid && minutes >= -14 * 60 && minutes <= 14 * 60;
  }
  // Empties it for building again.
  void reset() noexcept {
    m_out.m_size = 0;
    m_out.m_value = TimeValue{};
    m_out.m_valid = true;
  }

 private:
  Timestamp& m_out;
};

namespace {

class ValueOnly {
 public:
  static constexpr bool k_text = false;

  std::optional<TimeValue> value() const noexcept {
    return m_valid ? std::optional<TimeValue>(m_value) : std::nullopt;
  }
  void push(char /*c*/) noexcept {}
  template <std::size_t N>
  void append(const char* /*text*/) noexcept {}
  void append(std::string_view /*text*/) noexcept {}
  void add_millis(WallMillis millis) noexcept { m_value.wall += millis; }
  void set_offset(int minutes) noexcept {
    m_value.offset_minutes = minutes;
    m_valid = m_valid && minutes >= -14 * 60 && minutes <= 14 * 60;
  }
  void reset() noexcept {
    m_value = TimeValue{};
    m_valid = true;
  }

 private:
  TimeValue m_value;
  bool m_valid = true;
};

template <typename Out>
void push_text(Out& out, std::string_view text) {
  for (char c : text) out.push(c);
}

// Writes `YYYY-MM-DDT` and starts the value at that day's midnight.
template <typename Out>
void start_date(Out& out, std::int64_t year, int month, int day) {
  time_detail::push_date(out, year, month, day);
  out.add_millis(days_from_civil(year, month, day) * k_day_millis);
}

// Reads the fraction's digits at `at` (after its point) into `out`: the first nine as text, the
// first three as milliseconds. Returns their end.
template <typename Out>
std::size_t push_fraction(std::string_view line, std::size_t at, Out& out) {
  const auto fraction = time_detail::read_fraction(line, at);
  out.append(std::string_view(line.data() + at, std::min<std::size_t>(fraction.end - at, 9)));
  out.add_millis(fraction.millis);
  return fraction.end;
}

// Reads `HH:MM:SS[.,fraction]` at `at` into `out` (fraction normalised to '.'); returns the end.
template <typename Out>
std::optional<std::size_t> read_clock(std::string_view line, std::size_t at, Out& out) {
  if (line.size() < at + 8) return std::nullopt;
  const char* clock = line.data() + at;
  const auto digit = [clock](std::size_t i) { return static_cast<unsigned>(clock[i] - '0'); };
  if (digit(0) > 9 || digit(1) > 9 || clock[2] != ':' || digit(3) > 9 || digit(4) > 9 ||
      clock[5] != ':' || digit(6) > 9 || digit(7) > 9) {
    return std::nullopt;
  }
  const auto hour = static_cast<int>(digit(0) * 10 + digit(1));
  const auto minute = static_cast<int>(digit(3) * 10 + digit(4));
  const auto second = static_cast<int>(digit(6) * 10 + digit(7));
  if (!time_detail::valid_time(hour, minute, second)) return std::nullopt;
  out.template append<8>(clock);
  out.add_millis((hour * 3600 + minute * 60 + second) * WallMillis{1000});
  std::size_t end = at + 8;
  if (end + 1 < line.size() && (line[end] == '.' || line[end] == ',') && is_digit(line[end + 1])) {
    out.push('.');
    end = push_fraction(line, end + 1, out);
  }
  return end;
}

// Reads an optional zone at `at`: `Z`, `+08:00`, `+0800` (after an optional space for nginx).
template <typename Out>
void read_zone(std::string_view line, std::size_t at, Out& out) {
  if (at < line.size() && line[at] == 'Z') {
    out.push('Z');
    out.set_offset(0);
    return;
  }
  if (at < line.size() && line[at] == ' ') ++at;
  if (at >= line.size() || (line[at] != '+' && line[at] != '-')) return;
  const char sign = line[at];
  if (!digits(line, at + 1, 2) || at + 5 >= line.size() + 1) return;
  // The minutes: after a colon (`+08:00`) or right after the hours (`+0800`, no sixth digit).
  std::size_t minutes_at = 0;
  if (line.size() >= at + 6 && line[at + 3] == ':' && digits(line, at + 4, 2)) {
    minutes_at = at + 4;
  } else if (digits(line, at + 3, 2) && !digits(line, at + 5, 1)) {
    minutes_at = at + 3;
  } else {
    return;
  }
  out.push(sign);
  push_text(out, line.substr(at + 1, 2));
  out.push(':');
  push_text(out, line.substr(minutes_at, 2));
  const int minutes = number(line, at + 1, 2) * 60 + number(line, minutes_at, 2);
  out.set_offset(sign == '-' ? -minutes : minutes);
}

// `YYYY-MM-DD[T ]HH:MM:SS...` or Go's `YYYY/MM/DD HH:MM:SS` starting at `at`.
template <typename Out>
bool iso_at(std::string_view line, std::size_t at, Out& out) {
  if (!digits(line, at, 4) || line.size() < at + 19) return false;
  const char separator = line[at + 4];
  if ((separator != '-' && separator != '/') || line[at + 7] != separator ||
      !digits(line, at + 5, 2) || !digits(line, at + 8, 2)) {
    return false;
  }
  const char between = line[at + 10];
  if (between != 'T' && between != ' ') return false;
  // Lines come in runs of one day: the last date's midnight is kept per thread, keyed by the
  // date's ten bytes.
  struct LastDate {
    char text[10] = {};
    WallMillis midnight = 0;
  };
  thread_local LastDate last;
  const char* date = line.data() + at;
  if (std::memcmp(last.text, date, sizeof last.text) != 0) {
    if (!valid_date(number(line, at + 5, 2), number(line, at + 8, 2))) return false;
    last.midnight =
        days_from_civil(number(line, at, 4), number(line, at + 5, 2), number(line, at + 8, 2)) *
        k_day_millis;
    std::memcpy(last.text, date, sizeof last.text);
  }
  // The date's digits are copied as written (cheaper than start_date's number formatting).
  out.add_millis(last.midnight);
  out.template append<4>(date);
  out.push('-');
  out.template append<2>(date + 5);
  out.push('-');
  out.template append<2>(date + 8);
  out.push('T');
  const auto end = read_clock(line, at + 11, out);
  if (!end) return false;
  read_zone(line, *end, out);
  return true;
}

// nginx/apache `DD/Mon/YYYY:HH:MM:SS +0800` starting at `at`.
template <typename Out>
bool clf_at(std::string_view line, std::size_t at, Out& out) {
  if (line.size() < at + 20 || !digits(line, at, 2) || line[at + 2] != '/' || line[at + 6] != '/' ||
      !digits(line, at + 7, 4) || line[at + 11] != ':') {
    return false;
  }
  const int month = time_detail::month_number(line.substr(at + 3, 3));
  if (month == 0 || !valid_date(month, number(line, at, 2))) return false;
  start_date(out, number(line, at + 7, 4), month, number(line, at, 2));
  const auto end = read_clock(line, at + 12, out);
  if (!end) return false;
  read_zone(line, *end, out);
  return true;
}

// Epoch seconds (10 digits, optional fraction) or milliseconds (13 digits) after a JSON key.
template <typename Out>
bool epoch_field(std::string_view line, Out& out) {
  for (const std::string_view key : {"\"ts\"", "\"time\"", "\"timestamp\"", "\"@timestamp\""}) {
    std::size_t at = line.find(key);
    if (at == std::string_view::npos) continue;
    at += key.size();
    while (at < line.size() && line[at] == ' ') ++at;
    if (at >= line.size() || line[at] != ':') continue;
    ++at;
    while (at < line.size() && line[at] == ' ') ++at;
    std::size_t end = at;
    while (end < line.size() && is_digit(line[end])) ++end;
    const std::size_t length = end - at;
    if (length != 10 && length != 13) continue;
    std::int64_t value = 0;
    for (std::size_t i = at; i < end; ++i) value = value * 10 + (line[i] - '0');
    std::int64_t seconds = length == 13 ? value / 1000 : value;
    if constexpr (Out::k_text) time_detail::push_civil_time(out, seconds * 1000);
    out.add_millis(seconds * 1000);
    if (length == 13) {
      out.push('.');
      push_number(out, value % 1000, 3);
      out.add_millis(value % 1000);
    } else if (end + 1 < line.size() && line[end] == '.' && is_digit(line[end + 1])) {
      out.push('.');
      push_fraction(line, end + 1, out);
    }
    out.push('Z');
    out.set_offset(0);
    return true;
  }
  return false;
}

// Syslog's `Mmm dd HH:MM:SS` (day space-padded) at the start of the line, after an optional
// `<PRI>`.
template <typename Out>
bool syslog_at_start(std::string_view line, SyslogYear reference, Out& out) {
  std::size_t at = 0;
  if (!line.empty() && line[0] == '<') {
    const std::size_t close = line.find('>');
    if (close == std::string_view::npos || close > 4) return false;
    at = close + 1;
  }
  if (line.size() < at + 15 || line[at + 3] != ' ' || line[at + 6] != ' ') return false;
  const int month = time_detail::month_number(line.substr(at, 3));
  if (month == 0) return false;
  const char tens = line[at + 4];
  if (!(tens == ' ' || is_digit(tens)) || !is_digit(line[at + 5])) return false;
  const int day = (tens == ' ' ? 0 : tens - '0') * 10 + (line[at + 5] - '0');
  if (!valid_date(month, day)) return false;
  const int year = month > reference.month ? reference.year - 1 : reference.year;
  start_date(out, year, month, day);
  return read_clock(line, at + 7, out).has_value();
}

// The first '-' or '/' at or after `from` (the size when none): every ISO or Go date has one
// four bytes after its start and every nginx/apache date two bytes after, so the search for a
// timestamp looks only there instead of at every digit.
std::size_t next_separator(std::string_view line, std::size_t from) noexcept {
  return find_either(line, from, '-', '/');
}

// A number starts at `at`: a digit not preceded by one.
bool starts_number(std::string_view line, std::size_t at) noexcept {
  return is_digit(line[at]) && (at == 0 || !is_digit(line[at - 1]));
}

// find_timestamp's search, building into `out`; false when the line has no timestamp.
template <typename Out>
bool find_into(std::string_view line, SyslogYear syslog, Out& out) noexcept {
  line = line.substr(0, k_timestamp_window);
  if (syslog.year > 0 && !line.empty() && (line[0] == '<' || (line[0] >= 'A' && line[0] <= 'S'))) {
    if (syslog_at_start(line, syslog, out)) return true;
    out.reset();
  }
  // Separators in order give the starts in order: an ISO start (separator - 4) and an nginx
  // start (separator - 2) of the same separator come in that order, and no success can hide
  // behind a later separator's ISO start (that would need a digit where this one has '-' or '/').
  for (std::size_t at = next_separator(line, 2); at < line.size();
       at = next_separator(line, at + 1)) {
    if (at >= 4 && starts_number(line, at - 4)) {
      if (iso_at(line, at - 4, out)) return true;
      out.reset();
    }
    if (line[at] == '/' && starts_number(line, at - 2)) {
      if (clf_at(line, at - 2, out)) return true;
      out.reset();
    }
  }
  return epoch_field(line, out);
}

}  // namespace

std::optional<Timestamp> timestamp_at(std::string_view line, std::size_t at) noexcept {
  std::optional<Timestamp> found(std::in_place);
  Timestamp::Builder out(*found);
  if (iso_at(line, at, out)) return found;
  out.reset();
  if (clf_at(line, at, out)) return found;
  found.reset();
  return found;
}

SyslogYear syslog_year_at(std::time_t when) noexcept {
  std::tm local{};
  ::localtime_r(&when, &local);
  return SyslogYear{local.tm_year + 1900, local.tm_mon + 1};
}

std::optional<Timestamp> find_timestamp(std::string_view line, SyslogYear syslog) noexcept {
  // Built in place and returned by name: a Timestamp is too big to copy once per line.
  std::optional<Timestamp> found(std::in_place);
  Timestamp::Builder out(*found);
  if (!find_into(line, syslog, out)) found.reset();
  return found;
}

std::optional<TimeValue> find_time_value(std::string_view line, SyslogYear syslog) noexcept {
  ValueOnly out;
  if (!find_into(line, syslog, out)) return std::nullopt;
  return out.value();
}

}  // namespace errscope
