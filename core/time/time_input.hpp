#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "time/time_value.hpp"

namespace errscope {

/// Parses ISO-8601 as Timestamp writes it, and the shorter forms people type:
/// `2026-11-01`, `2026-11-01 09:00`, `2026-11-01T09:00:00.5+08:00`, `...Z`.
std::optional<TimeValue> parse_iso_time(std::string_view text) noexcept;

/// Parses a UTC offset for --tz: `UTC`, `Z`, `+08:00`, `+0800`, `-05`. Minutes east of UTC.
std::optional<int> parse_utc_offset(std::string_view text) noexcept;

/// Parses a duration (`30m`, `24h`, `7d`, `90s`, `2w`: up to 9 digits and a unit) in
/// milliseconds; nullopt for anything else.
std::optional<std::int64_t> parse_duration(std::string_view text) noexcept;

/// Parses a --since/--until bound: a time (as parse_iso_time; kept as wall clock) or a duration
/// back from `now` (`30m`, `24h`, `7d`, `90s`, `2w`).
std::optional<WallMillis> parse_time_bound(std::string_view text, WallMillis now) noexcept;

}  // namespace errscope
