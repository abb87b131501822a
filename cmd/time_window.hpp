#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "time/time_value.hpp"
#include "time/time_zone.hpp"

namespace errscope::cli {

/// The lines a command keeps by time (--since, --until), and the zone they are read in (--tz).
struct TimeWindow {
  std::optional<WallMillis> since;       ///< inclusive
  std::optional<WallMillis> until;       ///< exclusive
  std::optional<TimeZone> tz;  ///< --tz; none: times as written, now in the machine's zone
  WallMillis now = 0;          ///< the wall clock when parsed, in that zone
};

/// Adds `--since T` and `--until T` to a command, with the one help text of every command.
void add_time_window_options(CLI::App& command, std::string& since, std::string& until);

/// Reads --since, --until and --tz (each may be empty: not given; --tz an offset or a name of the
/// tz database); a relative bound (24h) counts real time back from now in the --tz zone, else
/// the machine's. Nullopt, after the one error message, when
/// one cannot be read or --since is not before --until.
std::optional<TimeWindow> parse_time_window(const std::string& since, const std::string& until,
                                            const std::string& tz);

/// A time with minute precision, for messages (2026-11-01T09:41).
std::string minutes_text(WallMillis time);

}  // namespace errscope::cli
