#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace errscope {

/// Milliseconds since 1970-01-01T00:00:00 of a wall-clock time, no zone applied.
using WallMillis = std::int64_t;

/// A time as numbers: the wall clock as written, and its UTC offset when the log gave one.
struct TimeValue {
  WallMillis wall = 0;
  std::optional<int> offset_minutes;

  /// The wall clock in another zone (`offset_minutes` east of UTC); unchanged when this time
  /// has no zone of its own.
  WallMillis in_zone(int target_offset_minutes) const noexcept;
};

/// A TimeValue as the timestamp readers build it: the wall clock adds up, and a zone past
/// ±14:00 leaves no value (as parse_iso_time rejects those).
class TimeValueBuilder {
 public:
  std::optional<TimeValue> value() const noexcept {
    return m_valid ? std::optional<TimeValue>(m_value) : std::nullopt;
  }
  /// Adds to the value's wall clock, and sets its zone (used while building).
  void add_millis(WallMillis millis) noexcept { m_value.wall += millis; }
  void set_offset(int minutes) noexcept {
    m_value.offset_minutes = minutes;
    m_valid = m_valid && minutes >= -14 * 60 && minutes <= 14 * 60;
  }

 protected:
  void reset_value() noexcept {
    m_value = TimeValue{};
    m_valid = true;
  }

 private:
  TimeValue m_value;
  bool m_valid = true;
};

/// A timestamp found in a log line, normalised to ISO-8601 text as the log wrote it:
/// `2026-11-01T09:41:07.123` (fraction as written, '.' for ','), with `Z` or `+08:00` when the
/// log gave a zone. Epoch numbers become UTC (`...Z`). Holds its text inline: no allocation.
/// It also carries its value as numbers, equal to parse_iso_time(text()) (nullopt where that is,
/// for a zone past ±14:00) but without parsing the text again (the report's hot path).
class Timestamp : public TimeValueBuilder {
 public:
  static constexpr bool k_text = true;  ///< it keeps its text (the readers' builder interface)

  std::string_view text() const noexcept { return {m_text, m_size}; }

  /// Appends one character (used while building; silently stops at capacity).
  void push(char c) noexcept {
    if (m_size < sizeof m_text) m_text[m_size++] = c;
  }
  /// Empties it for building again.
  void reset() noexcept {
    m_size = 0;
    reset_value();
  }
  /// Appends N bytes (used while building; nothing when they do not fit): a fixed-size copy.
  template <std::size_t N>
  void append(const char* text) noexcept {
    if (m_size + N > sizeof m_text) return;
    std::memcpy(m_text + m_size, text, N);
    m_size += N;
  }
  /// Appends text (used while building; silently stops at capacity).
  void append(std::string_view text) noexcept {
    const std::size_t count = std::min(text.size(), sizeof m_text - m_size);
    std::memcpy(m_text + m_size, text.data(), count);
    m_size += count;
  }

 private:
  char m_text[40] = {};
  std::size_t m_size = 0;
};

/// Where the year of a year-less syslog timestamp (`Nov  1 09:41:07`) comes from: a reference
/// date (the file's modification time, or now for standard input). A month after the reference
/// month belongs to the year before (a December line read in January).
struct SyslogYear {
  int year = 0;  ///< 0: syslog timestamps are not recognised
  int month = 12;
};

/// The first timestamp of a line, in the forms services write: ISO-8601 with `T` or a space,
/// fractions after '.' or ',', `Z` or an offset (so `2026-11-01 09:41:07,123`,
/// `[2026-11-01 09:41:07]`, Ruby's `[2026-11-01T11:22:04.118331 #2871]`); Go's
/// `2026/11/01 09:41:07`; nginx/apache `01/Nov/2026:09:41:07 +0800`; epoch seconds or
/// milliseconds in a JSON `ts`, `time`, `timestamp` or `@timestamp` field; and, with a
/// SyslogYear, syslog's `Nov  1 09:41:07` at the start of the line. Only the first
/// k_timestamp_window bytes of the line are looked at: loggers put the time near the start, and
/// a megabyte-long payload line must not cost a megabyte of searching.
inline constexpr std::size_t k_timestamp_window = 1024;
std::optional<Timestamp> find_timestamp(std::string_view line, SyslogYear syslog = {}) noexcept;

/// find_timestamp(line, syslog)'s value without its text (for the report, which needs only the
/// value; nullopt also where the timestamp's value is, for a zone past ±14:00).
std::optional<TimeValue> find_time_value(std::string_view line, SyslogYear syslog = {}) noexcept;

/// The ISO, Go or nginx/apache timestamp that starts exactly at byte `at` of `line`, if any.
/// find_timestamp returns the one at the first such position not preceded by a digit (before
/// trying epoch fields), however it finds it.
std::optional<Timestamp> timestamp_at(std::string_view line, std::size_t at) noexcept;

/// Parses ISO-8601 as Timestamp writes it, and the shorter forms people type:
/// `2026-11-01`, `2026-11-01 09:00`, `2026-11-01T09:00:00.5+08:00`, `...Z`.
std::optional<TimeValue> parse_iso_time(std::string_view text) noexcept;

/// Writes a wall-clock time as `2026-11-01T09:41:07` (with `.123` when it has milliseconds).
std::string format_wall_time(WallMillis wall);

/// Days since 1970-01-01 of a civil date, and back.
std::int64_t days_from_civil(std::int64_t year, int month, int day) noexcept;
void civil_from_days(std::int64_t days, std::int64_t& year, int& month, int& day) noexcept;

/// Parses a UTC offset for --tz: `UTC`, `Z`, `+08:00`, `+0800`, `-05`. Minutes east of UTC.
std::optional<int> parse_utc_offset(std::string_view text) noexcept;

/// Parses a --since/--until bound: a time (as parse_iso_time; kept as wall clock) or a duration
/// back from `now` (`30m`, `24h`, `7d`, `90s`, `2w`).
std::optional<WallMillis> parse_time_bound(std::string_view text, WallMillis now) noexcept;

}  // namespace errscope
