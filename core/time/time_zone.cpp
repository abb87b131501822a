#include "time/time_zone.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <limits>
#include <utility>

#include "time/civil.hpp"
#include "time/time_input.hpp"
#include "util/suggest.hpp"

namespace errscope {

namespace {

constexpr std::int64_t k_min_millis = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t k_max_millis = std::numeric_limits<std::int64_t>::max();
// The table covers [1970-01-01, 2100-01-01) UTC.
constexpr std::int64_t k_table_begin = 0;
constexpr std::int64_t k_table_end = 4'102'444'800;
// The coarse scan's step: a change and its undoing closer together than this are not seen
// (none after 1970 in the tz database that we know of). Each change is then found to the second.
constexpr std::int64_t k_scan_step = 7 * 86'400;

std::string zone_folder() {
  const char* dir = std::getenv("TZDIR");
  return dir != nullptr && *dir != '\0' ? std::string(dir) : std::string("/usr/share/zoneinfo");
}

// Sets TZ for the life of the object (unset with nullptr) and puts the old value back after.
// Only for start-up: TZ is the process's, and the C library reads it from every thread.
class ScopedTz {
 public:
  explicit ScopedTz(const char* value) {
    if (const char* old = std::getenv("TZ"); old != nullptr) m_old = old;
    if (value != nullptr) ::setenv("TZ", value, 1);
    ::tzset();
  }
  ~ScopedTz() {
    if (m_old) {
      ::setenv("TZ", m_old->c_str(), 1);
    } else {
      ::unsetenv("TZ");
    }
    ::tzset();
  }
  ScopedTz(const ScopedTz&) = delete;
  ScopedTz& operator=(const ScopedTz&) = delete;

 private:
  std::optional<std::string> m_old;
};

int offset_of(std::int64_t utc_seconds) {
  const auto when = static_cast<std::time_t>(utc_seconds);
  std::tm local{};
  ::localtime_r(&when, &local);
  return static_cast<int>(local.tm_gmtoff);
}

// The offset changes of the zone TZ names now: a weekly scan, each change then bisected to the
// second at which the new offset starts.
void scan_changes(std::vector<std::int64_t>& starts, std::vector<int>& offsets) {
  int current = offset_of(k_table_begin);
  offsets.push_back(current);
  std::int64_t from = k_table_begin;
  while (from < k_table_end) {
    const std::int64_t to = std::min(from + k_scan_step, k_table_end);
    const int at_to = offset_of(to);
    // More than one change may fall in (from, to]: find them in order.
    while (at_to != current) {
      std::int64_t same = from;  // offset `current` here
      std::int64_t other = to;   // a different one here
      while (other - same > 1) {
        const std::int64_t middle = same + (other - same) / 2;
        (offset_of(middle) == current ? same : other) = middle;
      }
      current = offset_of(other);
      starts.push_back(other);
      offsets.push_back(current);
      from = other;
    }
    from = to;
  }
}

bool is_tzif_file(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return false;
  std::ifstream file(path, std::ios::binary);
  char magic[4] = {};
  file.read(magic, sizeof magic);
  return file.gcount() == 4 && std::string_view(magic, 4) == "TZif";
}

// A name that stays inside the zone folder: relative, no `..` part, only the characters names
// of the tz database use.
bool plausible_zone_name(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.back() == '/') return false;
  for (const char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '/' && c != '_' && c != '-' &&
        c != '+' && c != '.') {
      return false;
    }
  }
  std::size_t start = 0;
  while (start <= name.size()) {
    const std::size_t end = std::min(name.find('/', start), name.size());
    const std::string_view part = name.substr(start, end - start);
    if (part.empty() || part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

std::string offset_name(int minutes) {
  if (minutes == 0) return "UTC";
  const int size = minutes < 0 ? -minutes : minutes;
  std::string text(1, minutes < 0 ? '-' : '+');
  for (const int part : {size / 60, size % 60}) {
    text += static_cast<char>('0' + part / 10);
    text += static_cast<char>('0' + part % 10);
    if (text.size() == 3) text += ':';
  }
  return text;
}

}  // namespace

TimeZone::TimeZone(std::string name, std::shared_ptr<const Table> table)
    : m_name(std::move(name)), m_table(std::move(table)) {
  lookup(0);
}

TimeZone TimeZone::utc() {
  return fixed(0);
}

TimeZone TimeZone::fixed(int offset_minutes) {
  auto table = std::make_shared<Table>();
  table->offsets.push_back(offset_minutes * 60);
  return TimeZone(offset_name(offset_minutes), std::move(table));
}

TimeZone TimeZone::local() {
  auto table = std::make_shared<Table>();
  {
    // The machine's zone as the C library has it, whatever TZ held before (unchanged here).
    ::tzset();
    scan_changes(table->starts, table->offsets);
  }
  return TimeZone("local", std::move(table));
}

Result<TimeZone> TimeZone::named(std::string_view name) {
  const std::string folder = zone_folder();
  if (!plausible_zone_name(name)) return Diagnostic{{}, "not a time zone of the tz database", ""};
  const std::string path = folder + "/" + std::string(name);
  if (!is_tzif_file(path)) {
    std::error_code error;
    if (!std::filesystem::is_directory(folder, error)) {
      return Diagnostic{{}, "no tz database at " + folder, "install tzdata or set TZDIR"};
    }
    return Diagnostic{{}, "not a time zone of the tz database", ""};
  }
  auto table = std::make_shared<Table>();
  {
    const ScopedTz scoped((":" + path).c_str());
    scan_changes(table->starts, table->offsets);
  }
  return TimeZone(std::string(name), std::move(table));
}

int TimeZone::lookup(std::int64_t utc_millis) const noexcept {
  const Table& table = *m_table;
  // The number of changes at or before the moment (changes start on whole seconds).
  const auto seconds = utc_millis >= 0 ? utc_millis / 1000 : -((-utc_millis + 999) / 1000);
  const auto after = std::upper_bound(table.starts.begin(), table.starts.end(), seconds);
  const auto index = static_cast<std::size_t>(after - table.starts.begin());
  m_cache_begin = index == 0 ? k_min_millis : table.starts[index - 1] * 1000;
  m_cache_end = index == table.starts.size() ? k_max_millis : table.starts[index] * 1000;
  m_cache_offset = table.offsets[index];
  return m_cache_offset;
}

std::int64_t TimeZone::to_utc(WallMillis wall) const noexcept {
  const Table& table = *m_table;
  // The offset after change i applies from the later of its two wall clocks at that moment:
  // before it, the wall time is either skipped or shown twice, and read at the earlier offset.
  std::size_t low = 0;
  std::size_t high = table.starts.size();
  while (low < high) {
    const std::size_t middle = low + (high - low) / 2;
    const int later = std::max(table.offsets[middle], table.offsets[middle + 1]);
    const WallMillis from = (table.starts[middle] + later) * 1000;
    if (from <= wall) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return wall - static_cast<WallMillis>(table.offsets[low]) * 1000;
}

Result<TimeZone> parse_time_zone(std::string_view text) {
  if (const auto offset = parse_utc_offset(text)) return TimeZone::fixed(*offset);
  auto zone = TimeZone::named(text);
  if (zone.ok() || zone.error().reason.starts_with("no tz database")) return zone;
  std::string fix;
  const std::vector<std::string> near = closest_zone_names(text);
  for (std::size_t i = 0; i < near.size(); ++i) {
    fix += i == 0 ? "did you mean " : i + 1 == near.size() ? " or " : ", ";
    fix += near[i];
  }
  if (!fix.empty()) fix += '?';
  return Diagnostic{{},
                    "not a time zone (a name of the tz database such as Europe/Berlin, or a UTC "
                    "offset such as UTC or +08:00)",
                    std::move(fix)};
}

std::vector<std::string> closest_zone_names(std::string_view name, std::size_t limit) {
  namespace fs = std::filesystem;
  const std::string folder = zone_folder();
  // A typo: at most a quarter of the name wrong (at least one character).
  const std::size_t most = std::max<std::size_t>(1, name.size() / 4);
  std::vector<std::pair<std::size_t, std::string>> found;
  std::error_code error;
  fs::recursive_directory_iterator walk(folder, error);
  for (; !error && walk != fs::recursive_directory_iterator(); walk.increment(error)) {
    const fs::directory_entry& entry = *walk;
    const std::string relative = entry.path().lexically_relative(folder).generic_string();
    if (entry.is_directory(error)) {
      // posix/ and right/ repeat every name (right/ with leap seconds).
      if (relative == "posix" || relative == "right") walk.disable_recursion_pending();
      continue;
    }
    if (relative == "localtime" || relative == "posixrules" || relative == "Factory") continue;
    const std::size_t slash = relative.rfind('/');
    std::size_t distance = edit_distance(name, relative, LetterCase::ignored);
    if (slash != std::string::npos) {
      distance =
          std::min(distance, edit_distance(name, std::string_view(relative).substr(slash + 1), LetterCase::ignored));
    }
    if (distance > most || !is_tzif_file(entry.path().string())) continue;
    found.emplace_back(distance, relative);
  }
  std::sort(found.begin(), found.end());
  std::vector<std::string> names;
  for (const auto& [distance, zone] : found) {
    if (names.size() == limit || distance > found.front().first) break;
    names.push_back(zone);
  }
  return names;
}

std::optional<WallMillis> parse_time_bound(std::string_view text, std::int64_t now_utc_millis,
                                           const TimeZone& zone) noexcept {
  if (const auto back = parse_duration(text)) return zone.wall_at_utc(now_utc_millis - *back);
  const auto value = parse_iso_time(text);
  if (!value) return std::nullopt;
  return value->wall;
}

}  // namespace errscope
