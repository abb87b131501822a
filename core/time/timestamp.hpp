#pragma once

#include <cstddef>
#include <ctime>
#include <optional>
#include <string_view>

#include "time/time_value.hpp"

namespace errscope {

/// Where the year of a year-less syslog timestamp (`Nov  1 09:41:07`) comes from: a reference
/// date (the file's modification time, or now for standard input). A month after the reference
/// month belongs to the year before (a December line read in January).
struct SyslogYear {
  int year = 0;  ///< 0: syslog timestamps are not recognised
  int month = 12;
};

/// The reference of a file modified (or read) at `when`: its year and month in the machine's zone.
SyslogYear syslog_year_at(std::time_t when) noexcept;

/// A timestamp found in a log line, normalised to ISO-8601 text as the log wrote it:
/// `2026-11-01T09:41:07.123` (fraction as written, '.' for ','), with `Z` or `+08:00` when the
/// log gave a zone. Epoch numbers become UTC (`...Z`). Holds its text inline: no allocation.
/// It also carries its value as numbers, equal to parse_iso_time(text()) (nullopt where that is,
/// for a zone past ±14:00) but without parsing the text again (the report's hot path).
class Timestamp {
 public:
  std::string_view text() const noexcept { return {m_text, m_size}; }
  std::optional<TimeValue> value() const noexcept {
    return m_valid ? std::optional<TimeValue>(m_value) : std::nullopt;
  }

 private:
  class Builder;  // timestamp.cpp's, the only writer
  friend std::optional<Timestamp> find_timestamp(std::string_view, SyslogYear) noexcept;
  friend std::optional<Timestamp> timestamp_at(std::string_view, std::size_t) noexcept;

  char m_text[40] = {};
  std::size_t m_size = 0;
  TimeValue m_value;
  bool m_valid = true;
};

/// How many bytes at the start of a line find_timestamp looks at: loggers put the time near the
/// start, and a megabyte-long payload line must not cost a megabyte of searching.
inline constexpr std::size_t k_timestamp_window = 1024;

/// The first timestamp of a line, in the forms services write: ISO-8601 with `T` or a space,
/// fractions after '.' or ',', `Z` or an offset (so `2026-11-01 09:41:07,123`,
/// `[2026-11-01 09:41:07]`, Ruby's `[2026-11-01T11:22:04.118331 #2871]`); Go's
/// `2026/11/01 09:41:07`; nginx/apache `01/Nov/2026:09:41:07 +0800`; epoch seconds or
/// milliseconds in a JSON `ts`, `time`, `timestamp` or `@timestamp` field; and, with a
/// SyslogYear, syslog's `Nov  1 09:41:07` at the start of the line. Only the first
/// k_timestamp_window bytes of the line are looked at.
std::optional<Timestamp> find_timestamp(std::string_view line, SyslogYear syslog = {}) noexcept;

/// find_timestamp(line, syslog)'s value without its text (for the report, which needs only the
/// value; nullopt also where the timestamp's value is, for a zone past ±14:00).
std::optional<TimeValue> find_time_value(std::string_view line, SyslogYear syslog = {}) noexcept;

/// The ISO, Go or nginx/apache timestamp that starts exactly at byte `at` of `line`, if any.
/// find_timestamp returns the one at the first such position not preceded by a digit (before
/// trying epoch fields), however it finds it.
std::optional<Timestamp> timestamp_at(std::string_view line, std::size_t at) noexcept;

}  // namespace errscope
