#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "time/time_value.hpp"
#include "util/result.hpp"

namespace errscope {

/// A time zone: the UTC offset in force at each moment. A named zone comes from the system's tz
/// database (through the C library, read once when it is made) as a table of its offset changes
/// from 1970 to 2099; before 1970 the offset of 1970-01-01 holds, after 2099 the last one.
/// Copies share the table; each copy remembers the interval it looked up last, so that a run of
/// lookups near each other costs a compare. A copy is not for two threads at once (give each
/// thread its own copy).
class TimeZone {
 public:
  /// UTC (offset 0).
  static TimeZone utc();
  /// A fixed offset, `offset_minutes` east of UTC.
  static TimeZone fixed(int offset_minutes);
  /// The machine's zone: the TZ environment variable, else /etc/localtime (as the C library
  /// reads them; a TZ it cannot find is UTC).
  static TimeZone local();
  /// A zone of the tz database by name (`Europe/Berlin`), looked up under $TZDIR, else
  /// /usr/share/zoneinfo; an error when no TZif file of that name is there (absolute names and
  /// `..` are refused).
  static Result<TimeZone> named(std::string_view name);

  /// The name given (`Europe/Berlin`, `UTC`, `+08:00`; `local` for the machine's zone).
  const std::string& name() const noexcept { return m_name; }

  /// The offset in seconds east of UTC in force at `utc_seconds` since 1970-01-01T00:00:00Z.
  int offset_at_utc(std::int64_t utc_seconds) const noexcept {
    return offset_at_utc_millis(utc_seconds * 1000);
  }
  /// The same for a moment in milliseconds.
  int offset_at_utc_millis(std::int64_t utc_millis) const noexcept {
    if (utc_millis >= m_cache_begin && utc_millis < m_cache_end) return m_cache_offset;
    return lookup(utc_millis);
  }
  /// The wall clock in this zone at the moment `utc_millis`.
  WallMillis wall_at_utc(std::int64_t utc_millis) const noexcept {
    return utc_millis + static_cast<WallMillis>(offset_at_utc_millis(utc_millis)) * 1000;
  }
  /// A log's time in this zone: one that carries an offset is moved here at its own moment's
  /// offset; one without is taken as already here (returned as written).
  WallMillis wall_of(const TimeValue& value) const noexcept {
    if (!value.offset_minutes) return value.wall;
    return wall_at_utc(value.wall - static_cast<WallMillis>(*value.offset_minutes) * 60000);
  }
  /// The moment (milliseconds since 1970-01-01T00:00:00Z) of a wall-clock time in this zone.
  /// A wall time that does not exist (skipped when clocks go forward) or exists twice (when
  /// they go back) is read at the offset in force before the change: 02:30 on Berlin's spring
  /// night is 01:30Z (shown as 03:30), 02:30 on its autumn night is the first one, 00:30Z.
  std::int64_t to_utc(WallMillis wall) const noexcept;

 private:
  /// Offset changes: `starts[i]` (UTC seconds, ascending) begins `offsets[i + 1]`; `offsets[0]`
  /// holds before `starts[0]` (and always, when there is no change).
  struct Table {
    std::vector<std::int64_t> starts;
    std::vector<int> offsets;
  };

  TimeZone(std::string name, std::shared_ptr<const Table> table);
  /// Finds the interval of `utc_millis`, remembers it and gives its offset.
  int lookup(std::int64_t utc_millis) const noexcept;

  std::string m_name;
  std::shared_ptr<const Table> m_table;
  mutable std::int64_t m_cache_begin = 0;  ///< the interval looked up last: [begin, end) in ms
  mutable std::int64_t m_cache_end = 0;
  mutable int m_cache_offset = 0;
};

/// Reads the --tz value: `UTC`, `Z`, `GMT`, an offset (`+08:00`, `-0500`, `+05`) or a name of the
/// tz database (`Asia/Shanghai`). An unknown name's error says which names of the database are
/// closest to it (by edit distance), when some are close.
Result<TimeZone> parse_time_zone(std::string_view text);

/// The names of the tz database under $TZDIR (else /usr/share/zoneinfo) nearest to `name` by
/// edit distance (case ignored; a name's last part, the city, counts too), at most `limit`, only
/// those close enough to be a typo; empty when none is. Reads the whole folder: for error paths.
std::vector<std::string> closest_zone_names(std::string_view name, std::size_t limit = 3);

/// Parses a --since/--until bound for a report shown in `zone`: a time (as parse_iso_time; kept
/// as wall clock) or a duration of real time back from `now_utc_millis` (`30m`, `24h`, `7d`,
/// `90s`, `2w`), given as the wall clock in `zone` at that moment.
std::optional<WallMillis> parse_time_bound(std::string_view text, std::int64_t now_utc_millis,
                                           const TimeZone& zone) noexcept;

}  // namespace errscope
