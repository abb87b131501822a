#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "report/baseline.hpp"
#include "report/report.hpp"
#include "report/report_extras.hpp"
#include "report/timeline.hpp"

namespace errscope {

/// How a code's count moved against the baseline.
enum class ChangeKind { added, gone, changed };

/// The word a rendering shows for a change: "new", "gone" or "changed".
std::string_view to_string(ChangeKind kind) noexcept;

/// One row of the baseline comparison.
struct BaselineRow {
  ChangeKind kind;
  const CodeChange* change;
};

/// What every rendering adds to a row's kind: "success, no alert" for a new code that
/// --fail-on-new never alerts on (see alerts_when_new), else nothing.
std::string_view row_note(const BaselineRow& row) noexcept;

/// What every report rendering shows, decided once: the codes by count with --top applied, how
/// many were left out, whether there are timelines, the baseline rows and the alerts. It refers
/// to the report and the extras it was made from, which must outlive it.
class ReportView {
 public:
  ReportView(const Report& report, const ReportExtras& extras);
  ReportView(const Report&&, const ReportExtras&) = delete;
  ReportView(const Report&, const ReportExtras&&) = delete;

  const Report& report() const noexcept { return m_report; }
  /// Every code, by count (highest first).
  const std::vector<const CodeStats*>& codes() const noexcept { return m_codes; }
  /// The codes to show: the first --top of codes().
  std::span<const CodeStats* const> shown() const noexcept { return {m_codes.data(), m_shown}; }
  /// How many codes --top left out.
  std::size_t hidden() const noexcept { return m_codes.size() - m_shown; }
  /// Whether the report has a time span (first and last), so that timelines can be drawn.
  bool timed() const noexcept { return m_report.first() && m_report.last(); }
  /// A code's timeline over the report's whole span with empty buckets as zeros; empty when the
  /// report has no time span.
  std::vector<Timeline::Bucket> dense(const CodeStats& code) const;

  /// A code's counts per source, highest first (then by name); the first `limit` (0: all).
  std::vector<std::pair<const SourceStats*, std::uint64_t>> sources_of(const CodeStats& code,
                                                                       std::size_t limit) const;
  /// The sources by lines, highest first (then by name).
  std::vector<const SourceStats*> sources_by_lines() const;
  /// Every line read, over all inputs.
  std::uint64_t lines_read() const noexcept { return m_lines_read; }
  /// Every byte read, over all inputs.
  std::uint64_t bytes_read() const noexcept { return m_bytes_read; }
  /// What was read, in one sentence: "read realistic.log: 20,521 bytes, 182 lines", or "read 3
  /// inputs: …" (the JSON report lists them); empty when the report lists no input.
  const std::string& inputs_sentence() const noexcept { return m_inputs; }
  /// Whether the counts are split by source in a way worth showing: more than one source, or
  /// one named with --source.
  bool shows_sources() const noexcept;
  /// Who made the report and when ("errscope 1.4.0, 2026-12-01T04:50:00Z"), empty when unknown.
  const std::string& made_sentence() const noexcept { return m_made; }
  /// The report's id (see report_id).
  const std::string& id() const noexcept { return m_id; }

  /// The baseline comparison, or null.
  const BaselineDiff* baseline() const noexcept { return m_extras.baseline; }
  /// The baseline's new, gone and changed codes, in that order (empty without a baseline).
  const std::vector<BaselineRow>& baseline_rows() const noexcept { return m_baseline_rows; }
  /// The thresholds breached, one sentence each.
  const std::vector<std::string>& alerts() const noexcept { return m_extras.alerts; }

  /// For a window cut from merged reports (Report::cut), what it can and cannot count exactly;
  /// nothing otherwise.
  const std::string& cut_sentence() const noexcept { return m_cut; }
  /// The sentence that says the report was interrupted ("interrupted: the counts cover only …"),
  /// or nothing when it is complete.
  const std::string& interrupted_sentence() const noexcept { return m_interrupted; }
  /// For a report of some shards of a job (report --shard, merge --partial), which it covers
  /// and which are missing ("shards 1-3, 5 of 8; missing 4, 6-8: the counts cover only these
  /// shards"); nothing otherwise.
  const std::string& shards_sentence() const noexcept { return m_shards; }
  /// The sentence saying how many lines with codes had a time outside the report's time range
  /// ("3 lines with codes had times outside 2000-01-01T00:00 … 2026-12-01T12:04; counted, left
  /// out of the timeline"), or nothing when there were none.
  const std::string& out_of_range_sentence() const noexcept { return m_out_of_range; }
  /// The sentence naming the inputs skipped as binary ("skipped as binary, not counted: a.bin;
  /// -a/--text reads them as text"), or nothing when none was.
  const std::string& skipped_sentence() const noexcept { return m_skipped; }
  /// With a --since/--until window and no line with codes inside it, what the window held ("no
  /// code lines between 2026-11-01T09:00 and 2026-11-01T10:00 (120 of the 120 lines read have
  /// times outside it or none)"); nothing otherwise.
  const std::string& empty_window_sentence() const noexcept { return m_empty_window; }

 private:
  const Report& m_report;
  const ReportExtras& m_extras;
  std::vector<const CodeStats*> m_codes;
  std::size_t m_shown = 0;
  std::vector<BaselineRow> m_baseline_rows;
  std::string m_interrupted;
  std::string m_out_of_range;
  std::string m_skipped;
  std::string m_empty_window;
  std::string m_cut;
  std::string m_shards;
  std::string m_made;
  std::string m_inputs;
  std::string m_id;
  std::uint64_t m_lines_read = 0;
  std::uint64_t m_bytes_read = 0;
};

/// Where an example line was read: "app.log:151", after its source when that is not the file
/// ("web-1 /var/log/app.log:151"). Not made safe for any format.
std::string example_place(const CodeExample& example);

/// A time as the renderings write it (2026-11-01T09:41:07), or `none` when there is none.
std::string time_text(const std::optional<WallMillis>& time, std::string_view none);

}  // namespace errscope
