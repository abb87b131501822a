#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sink/line_printer.hpp"
#include "sink/scan_sink.hpp"
#include "time/time_value.hpp"
#include "time/timestamp.hpp"

namespace errscope {

/// Which lines qualify by their codes: any line, a line with codes, a line with at least one
/// error-outcome code (an unknown code counts as an error, as in reports).
enum class CodeFilter { any_line, code_lines, error_lines };

/// What the selector writes: the selected lines (with context), a count of them per input
/// (grep's -c), or the name of each input that has one (grep's -l).
enum class SelectOutput { lines, count, files_with_matches };

/// Whether groups of lines that do not touch are parted by a line `--`: grep does so whenever
/// context is asked, even -A 0.
enum class GroupSeparators { none, dashes };

/// What grep-style scanning selects and how it shows it.
struct SelectOptions {
  CodeFilter codes = CodeFilter::code_lines;
  /// A time window: a line is selected only when its time (its own timestamp, else the last one
  /// before it in its input) is at or after `since` and before `until`; a line before any
  /// timestamp is outside a window.
  std::optional<WallMillis> since;
  std::optional<WallMillis> until;
  std::size_t before = 0;  ///< lines of context before each selected line (-B)
  std::size_t after = 0;   ///< lines of context after each selected line (-A)
  SelectOutput output = SelectOutput::lines;
  GroupSeparators separators = GroupSeparators::none;

  bool windowed() const noexcept { return since.has_value() || until.has_value(); }
  bool context() const noexcept { return before > 0 || after > 0; }
};

/// A ScanSink in front of the line printer that selects lines as grep does: by codes, outcome
/// and time; writes context lines around them with `--` between groups that do not touch (only
/// when context is asked); counts them per input or names the inputs that have one (stopping
/// such an input at its first). The lines of before-context are copied into a ring of up to
/// `before` slots whose strings keep their memory, so memory is bounded by -B and the longest
/// line, never by the input; nothing is copied without -B. The printer must be made with
/// LineSelection::matches_only (it writes only what it is told).
class LineSelector final : public ScanSink {
 public:
  LineSelector(SelectOptions options, LinePrinter& printer);

  void begin_input(const InputInfo& input) override;
  void on_plain(std::string_view lines, std::size_t first_line, std::size_t count) override;
  void on_line(std::string_view file, const LineView& line,
               std::span<const Match> matches) override;
  void end_block() override { m_printer.end_block(); }
  void before_wait() override { m_printer.before_wait(); }
  /// True once the output is closed, or for the rest of an input that -l has named.
  bool stopped() const override { return m_input_done || m_printer.stopped(); }

  /// Ends the input begun last: with SelectOutput::count, writes its count (0 included).
  void end_input();
  /// Whether some line of some input has been selected (grep's exit status 0).
  bool any_selected() const noexcept { return m_any_selected; }
  /// Lines selected in the input begun last.
  std::uint64_t selected_in_input() const noexcept { return m_selected; }

 private:
  /// A line of before-context, copied: its text, its annotation as the printer renders it (a
  /// line with codes that was not selected), and its ending.
  struct KeptLine {
    std::size_t number = 0;
    std::string text;
    std::string annotation;
    std::string ending;
  };

  /// Takes the line's time into account and tells whether it is inside the window (always true
  /// without one).
  bool in_window(std::string_view text);
  bool codes_pass(std::span<const Match> matches) const noexcept;
  void select(std::string_view file, const LineView& line, std::span<const Match> matches);
  /// A line not selected: after-context, or kept for before-context.
  void pass_over(const LineView& line, std::span<const Match> matches);
  /// Plain lines not selected, as a run (no window): only the first lines (after-context) and
  /// the last `before` are looked at.
  void pass_over_run(std::string_view lines, std::size_t first_line, std::size_t count);
  void keep(const LineView& line, std::span<const Match> matches);
  /// Writes the kept lines not yet written, then empties the ring.
  void write_kept();
  /// Writes `--` before line `number` when it does not follow the last line written.
  void separate(std::size_t number);

  SelectOptions m_options;
  LinePrinter& m_printer;
  std::string m_name;  ///< the input's name, for -c and -l
  SyslogYear m_syslog_year;
  std::optional<WallMillis> m_last_time;  ///< the last timestamp seen in this input
  std::uint64_t m_selected = 0;
  bool m_any_selected = false;
  bool m_input_done = false;
  std::size_t m_after_left = 0;    ///< after-context lines still to write
  std::size_t m_last_written = 0;  ///< the number of the last line written in this input; 0: none
  bool m_written_any = false;      ///< some line has been written, in any input
  std::vector<KeptLine> m_ring;    ///< up to `before` slots, made as needed
  std::size_t m_ring_first = 0;    ///< the slot of the oldest kept line
  std::size_t m_ring_size = 0;
};

}  // namespace errscope
