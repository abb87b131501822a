// The report reader (merge, --baseline) on arbitrary JSON, then what merge does with a report it
// accepts: merge it with itself, compare it with itself as a baseline, render every format.
//
// Oracles: a refusal carries a reason; an accepted report renders JSON that parses and reads back
// to the same rendering; merged with itself its totals and code counts double (or, past 2^63,
// never wrap below the single report); compared with itself nothing is new, gone or changed.
// Run with -rss_limit_mb=2048 -malloc_limit_mb=1024 (run_fuzz.sh does) so an explosion is a finding.

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "render/report_json.hpp"
#include "report/baseline.hpp"
#include "report/report_json.hpp"

namespace {

using namespace errscope;
using errscope::fuzz::check;

constexpr std::uint64_t k_half = std::numeric_limits<std::uint64_t>::max() / 2;

/// Whether a total or count of `report` could wrap when doubled.
bool near_overflow(const Report& report) {
  if (report.lines() > k_half || report.matched_lines() > k_half || report.matches() > k_half ||
      report.errors() > k_half) {
    return true;
  }
  for (const auto& [vendor, stats] : report.vendors()) {
    if (stats.matched_lines > k_half || stats.matches > k_half || stats.errors > k_half)
      return true;
  }
  for (const CodeStats* stats : report.codes_by_count()) {
    if (stats->count > k_half) return true;
  }
  return false;
}

void check_doubled(const Report& once, const Report& twice) {
  if (near_overflow(once)) {
    check(twice.lines() >= once.lines() && twice.matched_lines() >= once.matched_lines() &&
              twice.matches() >= once.matches() && twice.errors() >= once.errors(),
          "a total wraps when a report is merged with itself");
    return;
  }
  check(twice.lines() == 2 * once.lines() && twice.matched_lines() == 2 * once.matched_lines() &&
            twice.matches() == 2 * once.matches() && twice.errors() == 2 * once.errors(),
        "a report merged with itself does not double its totals");
  check(twice.first() == once.first() && twice.last() == once.last(),
        "a report merged with itself changes its span");
  for (const auto& [vendor, stats] : once.vendors()) {
    const auto it = twice.vendors().find(vendor);
    check(it != twice.vendors().end() && it->second.matches == 2 * stats.matches &&
              it->second.matched_lines == 2 * stats.matched_lines &&
              it->second.errors == 2 * stats.errors,
          "a vendor of a report merged with itself does not double", vendor);
  }
  for (const CodeStats* stats : once.codes_by_count()) {
    const CodeStats* doubled = twice.find(stats->vendor, stats->code);
    check(doubled != nullptr && doubled->count == 2 * stats->count,
          "a code of a report merged with itself does not double", stats->code);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto read = parse_report_json("fuzz.json", text);
  if (!read.ok()) {
    check(!read.error().reason.empty(), "a refused report has no reason");
    return 0;
  }
  Report report = std::move(read).value();

  Report twice = report;
  twice += report;
  report.finalize();
  twice.finalize();

  // What `merge` of this one report does first: render it; then read the rendering back.
  simdjson::dom::parser parser;
  ReportExtras extras;
  const std::string json = fuzz::render_all(report, extras, parser);
  auto again = parse_report_json("rendered.json", json);
  check(again.ok(), "a rendered report does not read back",
        again.ok() ? json : again.error().reason + "\n" + json);
  again->finalize();
  check(render_report_json(*again, extras) == json, "a report read back renders differently", json);

  check_doubled(report, twice);

  const BaselineDiff diff = compare_with_baseline(report, report, "fuzz.json");
  check(diff.new_codes.empty() && diff.gone_codes.empty() && diff.changed_codes.empty(),
        "a report compared with itself has changes");
  extras.baseline = &diff;
  extras.top = 3;
  extras.alerts.push_back("an alert");
  (void)fuzz::render_all(report, extras, parser);
  (void)fuzz::render_all(twice, ReportExtras{}, parser);
  return 0;
}
