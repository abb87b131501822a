#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "report/report.hpp"
#include "sink/scan_sink.hpp"
#include "time/time_zone.hpp"
#include "time/timestamp.hpp"

namespace errscope {

/// What a report counts: a time window and the zone times are shown in.
struct ReportWindow {
  std::optional<WallMillis> since;       ///< lines before it are left out (inclusive bound)
  std::optional<WallMillis> until;       ///< lines at or after it are left out
  std::optional<TimeZone> tz;  ///< --tz: times with a zone are moved into this one
  std::string source;  ///< --source: what every input counts for (empty: the input's own name)
  /// Code lines with a time outside it count untimed (set on the report; see sane_time_range).
  TimeRange times;

  /// Whether --since or --until is given.
  bool bounded() const noexcept { return since.has_value() || until.has_value(); }
  /// Whether a line at `time` counts: always without bounds; with them only a time inside them
  /// (a line before any timestamp is outside).
  bool admits(std::optional<WallMillis> time) const noexcept;
};

/// The sink of `report`: finds each code line's time (its own timestamp, else the last one seen
/// before it in the same input, however far back, as for stack traces and continuation lines)
/// and adds the line to a Report. Without a window, lines without codes are only counted; with
/// one, every line's time is read so that the counts cover exactly the window. Lines before any
/// timestamp count, but outside a window. Work is linear in the input (each line is searched for
/// a timestamp at most once) and memory does not grow with it.
class ReportBuilder final : public ScanSink {
 public:
  ReportBuilder(Report& report, ReportWindow window);

  /// For the next input, a part of a file that does not start at its beginning: the lines before
  /// the part's first timestamp, whose time is in an earlier part, go into `head` (without a
  /// time) instead of the report, for the caller to add with Report::add_at once that time is
  /// known. `head` must outlive the scan of that input.
  void head_next(Report& head) noexcept { m_next_head = &head; }
  /// The next input is part `part` of the plan its parts come from (see Report::number_parts).
  void part_next(std::uint32_t part) noexcept { m_next_part = part; }
  /// The last timestamp of the input scanned last (after its final end_block()), none when it
  /// had none of its own (a part with a head: none before or after it).
  std::optional<WallMillis> last_time() const noexcept { return m_last_time; }

  void begin_input(const InputInfo& input) override;
  void on_plain(std::string_view lines, std::size_t first_line, std::size_t count) override;
  void on_line(std::string_view file, const LineView& line,
               std::span<const Match> matches) override;
  void end_block() override;

 private:
  std::optional<WallMillis> own_time(std::string_view line) const;
  /// The time of the last timestamped line of `lines`, searched from the end, however far.
  std::optional<WallMillis> last_time_in(std::string_view lines) const;
  /// Adds lines that follow the tail (or settles the tail's time and starts a new one).
  void extend_tail(std::string_view lines);
  /// Takes the tail's last timestamp, if any, as the last time, and empties the tail.
  void settle_tail();

  Report& m_report;
  ReportWindow m_window;
  SyslogYear m_syslog_year;
  std::optional<WallMillis> m_last_time;  ///< the last timestamp seen in this input
  /// Plain lines since m_last_time was last settled, all in the current block: each is searched
  /// for a timestamp at most once (when a code line without one follows, or the block ends).
  std::string_view m_tail;
  Report* m_head = nullptr;       ///< where this input's lines before its first timestamp go
  Report* m_next_head = nullptr;  ///< for the next input (see head_next)
  std::uint32_t m_next_part = 0;  ///< for the next input (see part_next)
  std::uint64_t m_read_bytes = 0;  ///< read since the last end_block, not yet in the report
  std::uint64_t m_read_lines = 0;
};

}  // namespace errscope
