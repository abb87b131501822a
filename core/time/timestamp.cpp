#include "time/timestamp.hpp"

#include <array>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace errscope {

namespace {

constexpr WallMillis k_day_millis = 86'400'000;

// What the readers below build when only the value is wanted (the report): the Timestamp
// interface with the text left out, so the text's formatting compiles away.
class ValueOnly : public TimeValueBuilder {
 public:
  static constexpr bool k_text = false;
  void push(char /*c*/) noexcept {}
  template <std::size_t N>
  void append(const char* /*text*/) noexcept {}
  void append(std::string_view /*text*/) noexcept {}
  void reset() noexcept { reset_value(); }
};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool digits(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return false;
  for (std::size_t i = at; i < at + count; ++i) {
    if (!is_digit(text[i])) return false;
  }
  return true;
}

int number(std::string_view text, std::size_t at, std::size_t count) {
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) value = value * 10 + (text[i] - '0');
  return value;
}

template <typename Out>
void push_text(Out& out, std::string_view text) {
  for (char c : text) out.push(c);
}

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

// Writes `YYYY-MM-DDT`.
template <typename Out>
void push_date(Out& out, std::int64_t year, int month, int day) {
  push_number(out, year, 4);
  out.push('-');
  push_number(out, month, 2);
  out.push('-');
  push_number(out, day, 2);
  out.push('T');
}

// Writes `YYYY-MM-DDT` and starts the value at that day's midnight.
template <typename Out>
void start_date(Out& out, std::int64_t year, int month, int day) {
  push_date(out, year, month, day);
  out.add_millis(days_from_civil(year, month, day) * k_day_millis);
}

bool valid_date(int month, int day) {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}
bool valid_time(int hour, int minute, int second) {
  return hour <= 23 && minute <= 59 && second <= 60;
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
  if (!valid_time(hour, minute, second)) return std::nullopt;
  out.template append<8>(clock);
  out.add_millis((hour * 3600 + minute * 60 + second) * WallMillis{1000});
  std::size_t end = at + 8;
  if (end + 1 < line.size() && (line[end] == '.' || line[end] == ',') && is_digit(line[end + 1])) {
    out.push('.');
    ++end;
    const std::size_t first = end;
    int millis = 0;
    for (int scale = 100; end < line.size() && is_digit(line[end]); ++end, scale /= 10) {
      millis += (line[end] - '0') * scale;
    }
    out.append(std::string_view(line.data() + first, std::min<std::size_t>(end - first, 9)));
    out.add_millis(millis);
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
  if (!valid_date(number(line, at + 5, 2), number(line, at + 8, 2))) return false;
  const char between = line[at + 10];
  if (between != 'T' && between != ' ') return false;
  // The date's digits are copied as written (cheaper than start_date's number formatting).
  out.add_millis(
      days_from_civil(number(line, at, 4), number(line, at + 5, 2), number(line, at + 8, 2)) *
      k_day_millis);
  const char* date = line.data() + at;
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

constexpr std::array<std::string_view, 12> k_months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// nginx/apache `DD/Mon/YYYY:HH:MM:SS +0800` starting at `at`.
template <typename Out>
bool clf_at(std::string_view line, std::size_t at, Out& out) {
  if (line.size() < at + 20 || !digits(line, at, 2) || line[at + 2] != '/' || line[at + 6] != '/' ||
      !digits(line, at + 7, 4) || line[at + 11] != ':') {
    return false;
  }
  int month = 0;
  for (std::size_t i = 0; i < k_months.size(); ++i) {
    if (line.substr(at + 3, 3) == k_months[i]) month = static_cast<int>(i) + 1;
  }
  if (month == 0 || !valid_date(month, number(line, at, 2))) return false;
  start_date(out, number(line, at + 7, 4), month, number(line, at, 2));
  const auto end = read_clock(line, at + 12, out);
  if (!end) return false;
  read_zone(line, *end, out);
  return true;
}

// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
void civil_from_days_impl(std::int64_t days, std::int64_t& year, int& month, int& day) {
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

// Writes `YYYY-MM-DDTHH:MM:SS` of a wall-clock time (whole seconds; the caller adds a fraction).
template <typename Out>
void push_civil_time(Out& out, std::int64_t wall) {
  const std::int64_t days = wall >= 0 ? wall / 86400000 : (wall - 86399999) / 86400000;
  const std::int64_t seconds = (wall - days * 86400000) / 1000;
  std::int64_t year = 0;
  int month = 0, day = 0;
  civil_from_days_impl(days, year, month, day);
  push_date(out, year, month, day);
  push_number(out, seconds / 3600, 2);
  out.push(':');
  push_number(out, seconds / 60 % 60, 2);
  out.push(':');
  push_number(out, seconds % 60, 2);
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
    if constexpr (Out::k_text) push_civil_time(out, seconds * 1000);
    out.add_millis(seconds * 1000);
    if (length == 13) {
      out.push('.');
      push_number(out, value % 1000, 3);
      out.add_millis(value % 1000);
    } else if (end + 1 < line.size() && line[end] == '.' && is_digit(line[end + 1])) {
      out.push('.');
      std::size_t kept = 0;
      int scale = 100;
      for (std::size_t i = end + 1; i < line.size() && is_digit(line[i]) && kept < 9; ++i, ++kept) {
        out.push(line[i]);
        out.add_millis((line[i] - '0') * scale);
        scale /= 10;
      }
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
  int month = 0;
  for (std::size_t i = 0; i < k_months.size(); ++i) {
    if (line.substr(at, 3) == k_months[i]) month = static_cast<int>(i) + 1;
  }
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
  std::size_t at = from;
#if defined(__SSE2__)
  const __m128i dash = _mm_set1_epi8('-');
  const __m128i slash = _mm_set1_epi8('/');
  for (; at + 16 <= line.size(); at += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(line.data() + at));
    const auto hits = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(chunk, dash), _mm_cmpeq_epi8(chunk, slash))));
    if (hits != 0) return at + static_cast<std::size_t>(__builtin_ctz(hits));
  }
#endif
  for (; at < line.size(); ++at) {
    if (line[at] == '-' || line[at] == '/') return at;
  }
  return line.size();
}

// A number starts at `at`: a digit not preceded by one.
bool starts_number(std::string_view line, std::size_t at) noexcept {
  return is_digit(line[at]) && (at == 0 || !is_digit(line[at - 1]));
}

}  // namespace

std::optional<Timestamp> timestamp_at(std::string_view line, std::size_t at) noexcept {
  std::optional<Timestamp> found(std::in_place);
  if (iso_at(line, at, *found)) return found;
  found->reset();
  if (clf_at(line, at, *found)) return found;
  found.reset();
  return found;
}

namespace {

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

std::optional<Timestamp> find_timestamp(std::string_view line, SyslogYear syslog) noexcept {
  // Built in place and returned by name: a Timestamp is too big to copy once per line.
  std::optional<Timestamp> found(std::in_place);
  if (!find_into(line, syslog, *found)) found.reset();
  return found;
}

std::optional<TimeValue> find_time_value(std::string_view line, SyslogYear syslog) noexcept {
  ValueOnly out;
  if (!find_into(line, syslog, out)) return std::nullopt;
  return out.value();
}

}  // namespace errscope

namespace errscope {

std::int64_t days_from_civil(std::int64_t year, int month, int day) noexcept {
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto yoe = static_cast<unsigned>(year - era * 400);
  const auto mp = static_cast<unsigned>(month > 2 ? month - 3 : month + 9);
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t days, std::int64_t& year, int& month, int& day) noexcept {
  civil_from_days_impl(days, year, month, day);
}

WallMillis TimeValue::in_zone(int target_offset_minutes) const noexcept {
  if (!offset_minutes) return wall;
  return wall + static_cast<WallMillis>(target_offset_minutes - *offset_minutes) * 60000;
}

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
  if (!valid_date(month, day)) return std::nullopt;
  TimeValue value;
  std::int64_t ms = days_from_civil(number(text, 0, 4), month, day) * 86400000;
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
    if (!valid_time(hour, minute, second)) return std::nullopt;
    ms += (hour * 3600 + minute * 60 + second) * 1000LL;
    if (at < text.size() && (text[at] == '.' || text[at] == ',')) {
      ++at;
      int scale = 100;
      while (at < text.size() && is_digit(text[at])) {
        ms += (text[at] - '0') * scale;
        scale /= 10;
        ++at;
      }
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

std::string format_wall_time(WallMillis wall) {
  Timestamp out;
  push_civil_time(out, wall);
  const std::int64_t millis = ((wall % 1000) + 1000) % 1000;
  if (millis != 0) {
    out.push('.');
    push_number(out, millis, 3);
  }
  return std::string(out.text());
}

std::optional<WallMillis> parse_time_bound(std::string_view text, WallMillis now) noexcept {
  if (!text.empty() && is_digit(text[0])) {
    std::size_t at = 0;
    std::int64_t amount = 0;
    while (at < text.size() && is_digit(text[at]) && at < 9)
      amount = amount * 10 + (text[at++] - '0');
    if (at + 1 == text.size()) {
      std::int64_t unit = 0;
      switch (text[at]) {
        case 's':
          unit = 1000;
          break;
        case 'm':
          unit = 60000;
          break;
        case 'h':
          unit = 3600000;
          break;
        case 'd':
          unit = 86400000;
          break;
        case 'w':
          unit = 7 * 86400000LL;
          break;
        default:
          return std::nullopt;
      }
      return now - amount * unit;
    }
  }
  const auto value = parse_iso_time(text);
  if (!value) return std::nullopt;
  return value->wall;
}

}  // namespace errscope
