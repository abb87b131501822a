#include "time_window.hpp"

#include <ctime>
#include <utility>

#include "common_options.hpp"
#include "time/civil.hpp"
#include "time/time_input.hpp"

namespace errscope::cli {

namespace {

// The wall clock now, in the zone of --tz, else the machine's.
WallMillis now_wall(const std::optional<TimeZone>& tz) {
  const std::time_t now = std::time(nullptr);
  if (tz) return tz->wall_at_utc(static_cast<std::int64_t>(now) * 1000);
  std::tm local{};
  ::localtime_r(&now, &local);
  return static_cast<WallMillis>(now + local.tm_gmtoff) * 1000;
}

}  // namespace

void add_time_window_options(CLI::App& command, std::string& since, std::string& until) {
  command
      .add_option("--since", since,
                  "Only lines at or after T: '2026-11-01 09:00', ISO-8601, or a duration back "
                  "from now (30m, 24h, 7d)")
      ->type_name("T");
  command.add_option("--until", until, "Only lines before T (same forms as --since)")
      ->type_name("T");
}

std::string minutes_text(WallMillis time) {
  return format_wall_time(time).substr(0, 16);
}

std::optional<TimeWindow> parse_time_window(const std::string& since, const std::string& until,
                                            const std::string& tz) {
  TimeWindow window;
  if (!tz.empty()) {
    auto zone = parse_time_zone(tz);
    if (!zone) {
      const Diagnostic& error = zone.error();
      report_message("--tz " + tz + ": " + error.reason +
                     (error.fix.empty() ? "" : "; " + error.fix));
      return std::nullopt;
    }
    window.tz = std::move(*zone);
  }
  window.now = now_wall(window.tz);
  // Durations are real time back from now, in --tz, else in the machine's zone (read only then).
  const bool bounded = !since.empty() || !until.empty();
  const TimeZone zone = window.tz ? *window.tz : bounded ? TimeZone::local() : TimeZone::utc();
  const std::int64_t now_utc = static_cast<std::int64_t>(std::time(nullptr)) * 1000;
  for (const auto& [text, bound] :
       {std::pair{&since, &window.since}, std::pair{&until, &window.until}}) {
    if (text->empty()) continue;
    *bound = parse_time_bound(*text, now_utc, zone);
    if (!*bound) {
      report_message((bound == &window.since ? "--since " : "--until ") + *text +
                     ": give a time ('2026-11-01 09:00', ISO-8601) or a duration back from now "
                     "(30m, 24h, 7d)");
      return std::nullopt;
    }
  }
  if (window.since && window.until && *window.since >= *window.until) {
    report_message("--since " + since + " (" + minutes_text(*window.since) +
                   ") is not before --until " + until + " (" + minutes_text(*window.until) +
                   "): give the earlier time to --since");
    return std::nullopt;
  }
  return window;
}

}  // namespace errscope::cli
