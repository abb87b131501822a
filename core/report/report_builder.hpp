#pragma once

#include <optional>
#include <string_view>

#include "report/report.hpp"
#include "sink/scan_sink.hpp"
#include "time/timestamp.hpp"

namespace errscope {

/// What a report counts: a time window and the zone times are shown in.
struct ReportWindow {
  std::optional<WallMillis> since;       ///< lines before it are left out (inclusive bound)
  std::optional<WallMillis> until;       ///< lines at or after it are left out
  std::optional<int> tz_offset_minutes;  ///< --tz: times with a zone are moved into this one
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

  void begin_input(std::string_view name) override;

  /// For a part of a file that does not start at its beginning: the time the first lines inherit
  /// (the last timestamp before the part), used by the next begin_input().
  void inherit_next(std::optional<WallMillis> time) { m_inherited = time; }
  /// The time of the last timestamped line of `lines`, searched from the end, however far.
  std::optional<WallMillis> last_time_in(std::string_view lines) const;
  void on_plain(std::string_view lines, std::size_t first_line, std::size_t count) override;
  void on_line(std::string_view file, const LineView& line,
               std::span<const Match> matches) override;
  void end_block() override;

 private:
  std::optional<WallMillis> own_time(std::string_view line) const;
  bool in_window(std::optional<WallMillis> time) const noexcept;
  /// Adds lines that follow the tail (or settles the tail's time and starts a new one).
  void extend_tail(std::string_view lines);
  /// Takes the tail's last timestamp, if any, as the last time, and empties the tail.
  void settle_tail();
  bool windowed() const noexcept {
    return m_window.since.has_value() || m_window.until.has_value();
  }

  Report& m_report;
  ReportWindow m_window;
  SyslogYear m_syslog_year;
  std::optional<WallMillis> m_last_time;  ///< the last timestamp seen in this input
  /// Plain lines since m_last_time was last settled, all in the current block: each is searched
  /// for a timestamp at most once (when a code line without one follows, or the block ends).
  std::string_view m_tail;
  std::optional<WallMillis> m_inherited;  ///< for the next input (see inherit_next)
};

}  // namespace errscope
