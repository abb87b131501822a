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
#include "report/shard_set.hpp"
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

/// The line shown as a code's example: the earliest that carried it (by time, lines without one
/// last; then by source, file and line number), so that every way of adding up parts picks the
/// same one.
struct CodeExample {
  /// The longest text kept: a line is cut there, at a character boundary.
  static constexpr std::size_t k_max_text_bytes = 300;

  std::string source;  ///< the source it was read from (see Report::begin_input)
  std::string file;    ///< the input's name ("-" for standard input)
  std::uint64_t line = 0;  ///< 1-based line number in the file
  std::optional<WallMillis> time;  ///< the time the line counted at, if any
  std::string text;  ///< the line as read (bytes, not made safe), cut to k_max_text_bytes
  bool cut = false;  ///< whether the text was cut
  /// Which part of a file split for threads the line number counts from; 0 once numbered from
  /// the file's start (see Report::number_parts).
  std::uint32_t part = 0;
};

/// Whether `a` is the earlier example (the order every report keeps the least of).
bool earlier_example(const CodeExample& a, const CodeExample& b) noexcept;

/// One input read (a file, or standard input), under the source it counted for.
struct InputStats {
  std::string source;
  std::string file;
  std::uint64_t bytes = 0;  ///< bytes read (decompressed)
  std::uint64_t lines = 0;  ///< every line read, inside the time window or not
};

/// One source's totals (a host named with --source, or an input file by default), counted as
/// the report's own totals are (within the time window).
struct SourceStats {
  std::string name;
  std::uint64_t lines = 0;
  std::uint64_t matched_lines = 0;
  std::uint64_t matches = 0;
  std::uint64_t errors = 0;
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
  std::optional<CodeExample> example;  ///< none for reports written before examples were kept
  /// Its count per source: by the index of the source in the report's sources() (shorter when
  /// the last ones have none).
  std::vector<std::uint64_t> by_source;
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
  /// Sources kept by name (the first in byte order) before the rest are counted under "(other)";
  /// inputs the same, under the source and file "(other)".
  static constexpr std::size_t k_source_cap = 200;
  static constexpr std::size_t k_input_cap = 1000;
  static constexpr std::string_view k_other_source = "(other)";

  explicit Report(BucketMode mode = BucketMode::automatic,
                  std::int64_t bucket_ms = k_bucket_sizes[0]);

  /// Only times in `range` are placed on the timelines (the default range holds every time).
  void set_time_range(const TimeRange& range) noexcept { m_time_range = range; }

  /// The lines added from now on are read from `file` and count for `source` (the file's name
  /// when empty), numbered from the start of the `part`th part of the file (see number_parts).
  void begin_input(std::string_view source, std::string_view file, std::uint32_t part = 0);
  /// Counts bytes and lines read from the current input (all of them, in the window or not).
  void add_read(std::uint64_t bytes, std::uint64_t lines) noexcept;
  /// Counts lines with no code.
  void add_plain_lines(std::uint64_t count) noexcept {
    add_count(m_lines, count);
    if (m_split && m_source != k_none) add_count(m_sources[m_source].lines, count);
  }
  /// Counts one line and its codes, at `time` when the line has one (its own or inherited). A
  /// time outside the time range is not used: the line and its codes are counted, untimed, and
  /// out_of_range() says how many such lines there were. `text` and `number` (its line number in
  /// the current input) make it a candidate example of its codes; a line without a number is
  /// none.
  void add_line(std::span<const Match> matches, std::optional<WallMillis> time,
                std::string_view text = {}, std::uint64_t number = 0);
  /// Cuts a finalized report (a merged one) to the times in [since, until), bucket by bucket: a
  /// code keeps the buckets that start inside, and its count, first and last seen and example
  /// follow; vendors' and the report's matches and errors are the codes' sums. What buckets do not
  /// hold cannot be cut: lines stay the whole's, matched lines become at most the matches, and the
  /// counts by source are dropped (the sources' names stay, without counts).
  void cut_to(std::optional<WallMillis> since, std::optional<WallMillis> until);
  /// Whether cut_to cut the report (then its counts by source are unknown).
  bool cut() const noexcept { return m_cut; }
  /// Marks the report as cut (read back from JSON); a merged report keeps the mark.
  void set_cut() noexcept { m_cut = true; }
  /// Makes examples' line numbers count from their file's start: part_first_lines[p] is the
  /// line number, in its file, of the first line of part p of the plan the parts came from.
  void number_parts(std::span<const std::uint64_t> part_first_lines);
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
  /// Which shards of a job the report covers (report --shard, merged), or none.
  const std::optional<ShardSet>& shards() const noexcept { return m_shards; }
  /// Marks the report as covering `shards` of a job; a merged report holds the union.
  void set_shards(ShardSet shards) { m_shards = std::move(shards); }
  /// Forgets the shards: once a merge has them all, the result is a whole.
  void clear_shards() noexcept { m_shards.reset(); }
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
  /// The sources (by name once finalized); a code's by_source counts index them.
  const std::vector<SourceStats>& sources() const noexcept { return m_sources; }
  /// The inputs read (by source then file once finalized).
  const std::vector<InputStats>& inputs() const noexcept { return m_inputs; }

  /// Parts a report is read back from (errscope.report/1 JSON): the totals…
  void set_totals(std::uint64_t lines, std::uint64_t matched_lines, std::uint64_t matches,
                  std::uint64_t errors, std::optional<WallMillis> first,
                  std::optional<WallMillis> last);
  /// …the vendors' totals, and the codes.
  void set_vendor(const std::string& vendor, const VendorStats& stats) {
    m_vendors[vendor] = stats;
  }
  void add_code(CodeStats stats);
  /// …and the lines whose time was out of range, the sources and the inputs (each name once;
  /// codes added afterwards index these sources).
  void set_out_of_range(std::uint64_t lines) noexcept { m_out_of_range = lines; }
  void set_sources(std::vector<SourceStats> sources, std::vector<InputStats> inputs);

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
  /// The index of the source named `name`, added when new (past the cap: "(other)"'s).
  std::size_t source_index(std::string_view name);
  std::size_t input_index(std::string_view source, std::string_view file);
  /// Keeps at most k_source_cap sources (and k_input_cap inputs): the last by name go to
  /// "(other)", their counts with them.
  void cap_sources();
  void cap_inputs();
  /// While a report has had one source, its counts are all that source's and are not counted
  /// twice on the lines' path; this writes them out (source totals, codes' by_source) once a
  /// second source comes, a report is added, or the report is finalized.
  void split_counts();
  /// Offers the current line as `stats`' example.
  void offer_example(CodeStats& stats, std::optional<WallMillis> time, std::string_view text,
                     std::uint64_t number);

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
  bool m_cut = false;
  std::optional<ShardSet> m_shards;
  std::set<std::string> m_skipped_binary;
  TimeRange m_time_range;
  std::map<std::string, VendorStats> m_vendors;
  std::map<std::string, CodeStats, std::less<>> m_codes;  ///< by key_of(vendor, code)
  mutable std::string m_key;
  std::map<std::string, std::size_t> m_unknown_codes;  ///< distinct unknown codes per vendor
  OwnerCache<std::vector<VendorShortcut>> m_shortcuts;
  std::vector<SourceStats> m_sources;  ///< in the order added (sorted by finalize)
  std::vector<InputStats> m_inputs;    ///< the same
  static constexpr std::size_t k_none = static_cast<std::size_t>(-1);
  std::size_t m_source = k_none;  ///< the current input's source
  bool m_split = false;           ///< whether counts go to sources as lines come (split_counts)
  std::size_t m_input = k_none;   ///< the current input
  std::uint32_t m_part = 0;       ///< the current input's part
  std::string m_source_name;      ///< the current input's source, even when counted as "(other)"
  std::string m_file_name;        ///< the current input's name

 public:
  /// Adds `head` as if each of its lines that had no time (added with none) had `time`: its
  /// counts as by +=, and, with a time, first/last seen, the span and one timeline bucket for
  /// those lines. For the lines of a file part before its first timestamp, whose time is the
  /// last timestamp of the parts before it (known only once those are done).
  void add_at(Report head, std::optional<WallMillis> time);
};

/// An id of what a report read and counted (16 hex digits): the same for a report and its JSON
/// read back, different for reports of other data. Inputs, sources, totals and each code's count,
/// first and last seen and example go into it.
std::string report_id(const Report& report);

}  // namespace errscope
