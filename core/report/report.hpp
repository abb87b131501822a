#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "catalog/catalog.hpp"
#include "matcher/match.hpp"
#include "report/count.hpp"
#include "report/timeline.hpp"
#include "util/owner_cache.hpp"

namespace errscope {

/// How the report's time buckets were chosen.
enum class BucketMode { automatic, fixed };

/// The times a line may have to be placed on the timeline (both ends included). A code line whose
/// time is outside is still counted, but its time is not used.
struct TimeRange {
  WallMillis from = std::numeric_limits<WallMillis>::min();
  WallMillis to = std::numeric_limits<WallMillis>::max();

  bool contains(WallMillis time) const noexcept { return from <= time && time <= to; }
  /// False for the default range, which holds every time.
  bool bounded() const noexcept {
    return from != std::numeric_limits<WallMillis>::min() ||
           to != std::numeric_limits<WallMillis>::max();
  }
};

/// 2000-01-01T00:00:00: a log time before it is a clock that was never set (devices without a
/// real-time clock start at 1970), not an event to place on a timeline.
inline constexpr WallMillis k_earliest_sane_time = 946'684'800'000;

/// The range `report` uses: from 2000-01-01T00:00:00 to one day after `now` (the wall clock when
/// the command started, in the zone its times are shown in).
TimeRange sane_time_range(WallMillis now) noexcept;

/// How Report::finalize() settled the bucket size.
struct BucketChoice {
  std::int64_t requested_ms = 0;  ///< fixed: the size asked for; auto: the size the span calls for
  std::int64_t used_ms = 0;       ///< the size of the timelines now
  std::uint64_t requested_buckets = 0;  ///< buckets requested_ms needs over the span (0: no span)
  bool fits = true;  ///< false when even 7d needs more than k_max_buckets (timelines are cut)

  /// True when the size asked for was widened to stay within k_max_buckets.
  bool widened() const noexcept { return used_ms != requested_ms; }
};

/// One code's aggregate: how often it was seen (once per line), when, and its meaning.
struct CodeStats {
  std::string vendor;
  std::string code;
  bool known = false;
  Outcome outcome = Outcome::error;
  std::string message;
  std::string hint;  ///< what the table says to check or do (empty when it says nothing)
  std::uint64_t count = 0;
  std::optional<WallMillis> first_seen;  ///< none when no line with it had a time
  std::optional<WallMillis> last_seen;
  Timeline timeline;
};

/// One vendor's totals.
struct VendorStats {
  std::uint64_t matched_lines = 0;  ///< lines with at least one of its codes
  std::uint64_t matches = 0;
  std::uint64_t errors = 0;  ///< matches whose outcome is error (unknown codes included)
};

/// The aggregate of a scan, or of several merged: totals, per vendor, per code with timelines.
/// Memory grows with codes × buckets, never with the input: past a cap, further distinct
/// unknown codes of a vendor are counted under the code "(other)", and a timeline never holds
/// more than k_max_buckets buckets. Every count saturates at k_max_count instead of wrapping.
class Report {
 public:
  /// Distinct unknown codes kept per vendor before the rest go to "(other)".
  static constexpr std::size_t k_unknown_code_cap = 1000;
  static constexpr std::string_view k_other_code = "(other)";

  explicit Report(BucketMode mode = BucketMode::automatic,
                  std::int64_t bucket_ms = k_bucket_sizes[0]);

  /// Only times in `range` are placed on the timelines (the default range holds every time).
  void set_time_range(const TimeRange& range) noexcept { m_time_range = range; }

  /// Counts lines with no code.
  void add_plain_lines(std::uint64_t count) noexcept { add_count(m_lines, count); }
  /// Counts one line and its codes, at `time` when the line has one (its own or inherited). A
  /// time outside the time range is not used: the line and its codes are counted, untimed, and
  /// out_of_range() says how many such lines there were.
  void add_line(std::span<const Match> matches, std::optional<WallMillis> time);
  /// Adds a report made on other data (another file, shard, host). Associative and commutative
  /// (counts saturate). The time range stays this report's, or becomes the other's when this one
  /// has none.
  Report& operator+=(const Report& other);
  /// The same, taking `other`'s per-code stats instead of copying them.
  Report& operator+=(Report&& other);
  /// Settles the bucket size: `fixed` keeps it; `automatic` takes the coarser of the current size
  /// and what the span calls for (auto_bucket). Either is then widened to the finest size that
  /// covers the span in at most k_max_buckets buckets; the result says when that happened (and
  /// when even 7d does not fit). Call before reading timelines.
  BucketChoice finalize();

  std::uint64_t lines() const noexcept { return m_lines; }
  std::uint64_t matched_lines() const noexcept { return m_matched_lines; }
  std::uint64_t matches() const noexcept { return m_matches; }
  std::uint64_t errors() const noexcept { return m_errors; }
  std::optional<WallMillis> first() const noexcept { return m_first; }
  std::optional<WallMillis> last() const noexcept { return m_last; }
  /// Lines with codes whose time was outside the time range (counted, but not on the timelines).
  std::uint64_t out_of_range() const noexcept { return m_out_of_range; }
  /// Whether the scan stopped early (SIGINT, SIGTERM): the counts cover only what was read.
  bool interrupted() const noexcept { return m_interrupted; }
  /// Marks the report as made of an interrupted scan; a merged report keeps the mark.
  void set_interrupted() noexcept { m_interrupted = true; }
  /// The inputs left out as binary, so not counted (a merged report holds every part's).
  const std::set<std::string>& skipped_binary() const noexcept { return m_skipped_binary; }
  /// Records an input left out as binary.
  void add_skipped_binary(std::string input) { m_skipped_binary.insert(std::move(input)); }
  /// The times placed on the timelines (see set_time_range).
  const TimeRange& time_range() const noexcept { return m_time_range; }
  BucketMode bucket_mode() const noexcept { return m_mode; }
  std::int64_t bucket_ms() const noexcept { return m_bucket_ms; }
  const std::map<std::string, VendorStats>& vendors() const noexcept { return m_vendors; }
  /// The codes, by count (highest first), then vendor, then code.
  std::vector<const CodeStats*> codes_by_count() const;
  /// One code's stats, or null.
  const CodeStats* find(std::string_view vendor, std::string_view code) const;

  /// Parts a report is read back from (errscope.report/1 JSON): the totals…
  void set_totals(std::uint64_t lines, std::uint64_t matched_lines, std::uint64_t matches,
                  std::uint64_t errors, std::optional<WallMillis> first,
                  std::optional<WallMillis> last);
  /// …the vendors' totals, and the codes.
  void set_vendor(const std::string& vendor, const VendorStats& stats) {
    m_vendors[vendor] = stats;
  }
  void add_code(CodeStats stats);
  /// …and the lines whose time was out of range.
  void set_out_of_range(std::uint64_t lines) noexcept { m_out_of_range = lines; }

 private:
  /// A vendor's stats and its codes' stats by the entry's index in the vendor's table, for the
  /// lines' hot path (null where not looked up yet).
  struct VendorShortcut {
    const VendorSpec* spec = nullptr;
    VendorStats* stats = nullptr;
    std::vector<CodeStats*> stats_of_entry;
  };
  CodeStats& code_entry(const Match& match, VendorShortcut& shortcut);
  /// The stats of the match's code, found or added by its vendor and code.
  CodeStats& code_stats(const Match& match);
  VendorShortcut& shortcut_of(const VendorSpec& vendor);
  void note_time(WallMillis time) noexcept;
  /// The map key of a vendor's code ("vendor\0code"), built in a reused buffer.
  const std::string& key_of(std::string_view vendor, std::string_view code) const;

  BucketMode m_mode;
  std::int64_t m_bucket_ms;
  std::uint64_t m_lines = 0;
  std::uint64_t m_matched_lines = 0;
  std::uint64_t m_matches = 0;
  std::uint64_t m_errors = 0;
  std::optional<WallMillis> m_first;
  std::optional<WallMillis> m_last;
  std::uint64_t m_out_of_range = 0;
  bool m_interrupted = false;
  std::set<std::string> m_skipped_binary;
  TimeRange m_time_range;
  std::map<std::string, VendorStats> m_vendors;
  std::map<std::string, CodeStats, std::less<>> m_codes;  ///< by key_of(vendor, code)
  mutable std::string m_key;
  std::map<std::string, std::size_t> m_unknown_codes;  ///< distinct unknown codes per vendor
  OwnerCache<std::vector<VendorShortcut>> m_shortcuts;

 public:
  /// Adds `head` as if each of its lines that had no time (added with none) had `time`: its
  /// counts as by +=, and, with a time, first/last seen, the span and one timeline bucket for
  /// those lines. For the lines of a file part before its first timestamp, whose time is the
  /// last timestamp of the parts before it (known only once those are done).
  void add_at(Report head, std::optional<WallMillis> time);
};

}  // namespace errscope
