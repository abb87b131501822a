#include "render/report_view.hpp"

#include <algorithm>

#include "report/alerts.hpp"
#include "time/civil.hpp"
#include "util/count_text.hpp"

namespace errscope {

namespace {

std::string out_of_range_text(const Report& report) {
  const std::uint64_t lines = report.out_of_range();
  if (lines == 0) return "";
  std::string out = format_count(lines) + (lines == 1 ? " line" : " lines") + " with codes had " +
                    (lines == 1 ? "a time" : "times");
  const TimeRange& range = report.time_range();
  if (range.bounded()) {
    out += " outside " + format_wall_time(range.from).substr(0, 16) + " \xE2\x80\xA6 " +
           format_wall_time(range.to).substr(0, 16);
  } else {
    // A merged report does not know when each of its parts was made.
    out += " before 2000-01-01 or more than a day after their report was made";
  }
  return out + "; counted, left out of the timeline";
}

std::string interrupted_text(const Report& report) {
  if (!report.interrupted()) return "";
  return "interrupted: the counts cover only the input read before the scan was stopped "
         "(SIGINT or SIGTERM)";
}

std::string skipped_text(const Report& report) {
  const auto& skipped = report.skipped_binary();
  if (skipped.empty()) return "";
  constexpr std::size_t k_named = 5;
  std::string out = "skipped as binary, not counted:";
  std::size_t named = 0;
  for (const std::string& input : skipped) {
    if (named == k_named) break;
    out += (named++ == 0 ? " " : ", ") + (input == "-" ? std::string("standard input") : input);
  }
  if (skipped.size() > k_named) out += " and " + format_count(skipped.size() - k_named) + " more";
  return out + (skipped.size() == 1 ? "; -a/--text reads it as text" : "; -a/--text reads them as text");
}

std::string window_bound(WallMillis time) {
  return format_wall_time(time).substr(0, 16);
}

std::string empty_window_text(const Report& report, const ShownWindow& window,
                              std::uint64_t lines_read) {
  if ((!window.since && !window.until) || report.matched_lines() > 0) return "";
  std::string out = "no code lines ";
  if (window.since && window.until) {
    out += "between " + window_bound(*window.since) + " and " + window_bound(*window.until);
  } else if (window.since) {
    out += "at or after " + window_bound(*window.since);
  } else {
    out += "before " + window_bound(*window.until);
  }
  const std::uint64_t outside = lines_read - std::min(lines_read, report.lines());
  return out + " (" + format_count(outside) + " of the " + format_count(lines_read) +
         (lines_read == 1 ? " line" : " lines") + " read " + (outside == 1 ? "has" : "have") +
         " times outside it or none)";
}

std::string made_text(const Provenance& made) {
  if (made.generator.empty()) return "";
  std::string out = made.generator;
  if (made.generated) out += ", " + format_utc_time(*made.generated);
  return out;
}

}  // namespace

std::string_view to_string(ChangeKind kind) noexcept {
  switch (kind) {
    case ChangeKind::added:
      return "new";
    case ChangeKind::gone:
      return "gone";
    case ChangeKind::changed:
      break;
  }
  return "changed";
}

std::string_view row_note(const BaselineRow& row) noexcept {
  if (row.kind == ChangeKind::added && !alerts_when_new(*row.change)) return "success, no alert";
  return "";
}

ReportView::ReportView(const Report& report, const ReportExtras& extras)
    : m_report(report),
      m_extras(extras),
      m_codes(report.codes_by_count()),
      m_shown(extras.top == 0 ? m_codes.size() : std::min(extras.top, m_codes.size())),
      m_interrupted(interrupted_text(report)),
      m_out_of_range(out_of_range_text(report)),
      m_skipped(skipped_text(report)),
      m_made(made_text(extras.provenance)),
      m_id(report_id(report)) {
  for (const InputStats& input : report.inputs()) {
    m_lines_read = saturating_add(m_lines_read, input.lines);
    m_bytes_read = saturating_add(m_bytes_read, input.bytes);
  }
  m_empty_window = empty_window_text(report, extras.window, m_lines_read);
  if (const auto& shards = report.shards()) {
    m_shards = (shards->ranges().size() == 1 && shards->ranges()[0].first ==
                                                     shards->ranges()[0].second
                    ? "shard "
                    : "shards ") +
               ShardSet::ranges_text(shards->ranges()) + " of " + std::to_string(shards->of()) +
               "; missing " + ShardSet::ranges_text(shards->missing()) +
               ": the counts cover only these; merge them all for the whole";
  }
  if (report.cut()) {
    m_cut = "a window cut from merged reports: codes and errors are counted by timeline bucket "
            "(exact when the window starts and ends on buckets); lines and lines with codes are "
            "at most the whole reports'";
  }
  if (const auto& inputs = report.inputs(); inputs.size() == 1) {
    m_inputs = "read " + (inputs[0].file == "-" ? std::string("standard input") : inputs[0].file) +
               ": " + format_count(m_bytes_read) + " bytes, " + format_count(m_lines_read) +
               " lines";
  } else if (inputs.size() > 1) {
    m_inputs = "read " + format_count(inputs.size()) + " inputs: " + format_count(m_bytes_read) +
               " bytes, " + format_count(m_lines_read) + " lines";
  }
  if (const BaselineDiff* diff = extras.baseline; diff != nullptr) {
    for (const auto& [kind, changes] : {std::pair{ChangeKind::added, &diff->new_codes},
                                        std::pair{ChangeKind::gone, &diff->gone_codes},
                                        std::pair{ChangeKind::changed, &diff->changed_codes}}) {
      for (const CodeChange& change : *changes) m_baseline_rows.push_back({kind, &change});
    }
  }
}

std::vector<Timeline::Bucket> ReportView::dense(const CodeStats& code) const {
  if (!timed()) return {};
  return code.timeline.dense(*m_report.first(), *m_report.last());
}

std::vector<std::pair<const SourceStats*, std::uint64_t>> ReportView::sources_of(
    const CodeStats& code, std::size_t limit) const {
  std::vector<std::pair<const SourceStats*, std::uint64_t>> out;
  const auto& sources = m_report.sources();
  for (std::size_t i = 0; i < code.by_source.size() && i < sources.size(); ++i) {
    if (code.by_source[i] != 0) out.emplace_back(&sources[i], code.by_source[i]);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (limit != 0 && out.size() > limit) out.resize(limit);
  return out;
}

std::vector<const SourceStats*> ReportView::sources_by_lines() const {
  std::vector<const SourceStats*> out;
  for (const SourceStats& source : m_report.sources()) out.push_back(&source);
  std::stable_sort(out.begin(), out.end(), [](const SourceStats* a, const SourceStats* b) {
    return a->lines > b->lines;
  });
  return out;
}

bool ReportView::shows_sources() const noexcept {
  const auto& sources = m_report.sources();
  if (sources.size() > 1) return true;
  if (sources.empty()) return false;
  const auto& inputs = m_report.inputs();
  return inputs.size() != 1 || inputs[0].file != sources[0].name;
}

std::string example_place(const CodeExample& example) {
  std::string out;
  if (example.source != example.file) out = example.source + " ";
  out += example.file == "-" ? std::string("(standard input)") : example.file;
  return out + ":" + std::to_string(example.line);
}

std::string time_text(const std::optional<WallMillis>& time, std::string_view none) {
  return time ? format_wall_time(*time) : std::string(none);
}

}  // namespace errscope
