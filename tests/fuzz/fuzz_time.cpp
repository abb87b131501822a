// The timestamp finder and the --since/--until, --tz parsers.
//
// Input: one option byte, then a log line (or a bound's text). Byte 0: 0 for no syslog year, else
// syslog timestamps dated from year 1999 + byte / 2, month 1 + byte % 12.
//
// Oracles: find_time_value agrees with find_timestamp; a timestamp's text parses back
// (parse_iso_time) to its value; without syslog the timestamp found is the one timestamp_at finds
// first (at a position not preceded by a digit); wall times format and parse back; civil dates
// round-trip; --tz offsets stay within ±14:00; a duration bound lies before now; UBSan watches the
// arithmetic.

#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "time/civil.hpp"
#include "time/time_input.hpp"
#include "time/timestamp.hpp"

namespace {

using namespace errscope;
using errscope::fuzz::check;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool same(const std::optional<TimeValue>& a, const std::optional<TimeValue>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->wall == b->wall && a->offset_minutes == b->offset_minutes);
}

void check_round_trip(WallMillis wall) {
  std::int64_t year = 0;
  int month = 0;
  int day = 0;
  civil_from_days(wall / 86'400'000 - (wall % 86'400'000 < 0 ? 1 : 0), year, month, day);
  check(month >= 1 && month <= 12 && day >= 1 && day <= 31, "civil_from_days out of range");
  if (year < 0 || year > 9999) return;  // ISO text has four-digit years
  const std::string text = format_wall_time(wall);
  const auto parsed = parse_iso_time(text);
  check(parsed && parsed->wall == wall && !parsed->offset_minutes,
        "a formatted wall time does not parse back", text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  SyslogYear syslog;
  if (data[0] != 0) syslog = SyslogYear{1999 + data[0] / 2, 1 + data[0] % 12};
  const std::string_view line(reinterpret_cast<const char*>(data) + 1, size - 1);

  const auto found = find_timestamp(line, syslog);
  const auto value = find_time_value(line, syslog);
  check(same(found ? found->value() : std::nullopt, value),
        "find_time_value differs from find_timestamp's value");
  if (found) {
    check(same(parse_iso_time(found->text()), found->value()),
          "a timestamp's text does not parse back to its value", found->text());
  }
  if (value) {
    check_round_trip(value->wall);
    for (const int zone : {-14 * 60, 0, 8 * 60, 14 * 60}) (void)value->in_zone(zone);
  }

  // Without syslog, the first position (not after a digit) where timestamp_at finds one is where
  // find_timestamp finds it, before epoch fields are tried.
  // Only timestamps that end inside the window count: find_timestamp reads no further.
  const auto plain = find_timestamp(line);
  const std::string_view window = line.substr(0, k_timestamp_window);
  for (std::size_t at = 0; at < window.size(); ++at) {
    if (at > 0 && is_digit(window[at - 1])) continue;
    const auto here = timestamp_at(window, at);
    if (!here) continue;
    check(same(parse_iso_time(here->text()), here->value()),
          "timestamp_at's text does not parse back to its value", here->text());
    if (!plain || plain->text() != here->text()) {
      fuzz::fail("find_timestamp does not return the first timestamp_at",
                 "timestamp_at(" + std::to_string(at) + ") = " + std::string(here->text()) +
                     "; find_timestamp = " + (plain ? std::string(plain->text()) : "none"));
    }
    break;
  }

  const auto offset = parse_utc_offset(line);
  check(!offset || (*offset >= -14 * 60 && *offset <= 14 * 60), "a --tz offset past ±14:00");

  const WallMillis now = days_from_civil(2026, 11, 30) * 86'400'000 + 12 * 3'600'000;
  const auto iso = parse_iso_time(line);
  if (iso) check_round_trip(iso->wall);
  const auto bound = parse_time_bound(line, now);
  if (iso) {
    check(bound && *bound == iso->wall, "a --since time differs from the ISO time");
  } else if (bound) {
    check(*bound <= now, "a --since duration lies after now", line);
  }
  return 0;
}
