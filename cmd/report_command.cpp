#include "report_command.hpp"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <limits>
#include <map>
#include <set>

#include "matcher/matcher.hpp"
#include "parallel/parallel_report.hpp"
#include "progress.hpp"
#include "render/report_csv.hpp"
#include "render/report_html.hpp"
#include "render/report_json.hpp"
#include "render/report_markdown.hpp"
#include "render/report_openmetrics.hpp"
#include "render/report_text.hpp"
#include "report/alerts.hpp"
#include "report/baseline.hpp"
#include "report/report_builder.hpp"
#include "report/report_json.hpp"
#include "report/report_stream.hpp"
#include "report/shard_set.hpp"
#include "source/file_source.hpp"
#include "time/civil.hpp"
#include "time/time_input.hpp"
#include "time/time_zone.hpp"
#include "time_window.hpp"
#include "util/count_text.hpp"
#include "util/file_reader.hpp"
#include "util/interrupt.hpp"

namespace errscope::cli {

namespace {

void add_report_format(CLI::App& command, ReportFormat& format) {
  add_choice_option(command, "--format", format,
                    {{"text", ReportFormat::text},
                     {"json", ReportFormat::json},
                     {"csv", ReportFormat::csv},
                     {"markdown", ReportFormat::markdown},
                     {"html", ReportFormat::html},
                     {"openmetrics", ReportFormat::openmetrics}},
                    "Output format: text, json, csv, markdown, html or openmetrics")
      ->type_name("FORMAT");
}

// Which of the shared options a command has: --tz only where logs are read.
enum class TimeZoneOption { offered, absent };

// The options `report` and `merge` share, declared once.
void add_output_options(CLI::App& command, ReportOutputOptions& options, TimeZoneOption tz) {
  add_report_format(command, options.format);
  command
      .add_option("--top", options.top,
                  "Show the N most frequent codes (default: 20 in text, markdown and html; all in "
                  "json, csv and openmetrics)")
      ->check(whole_number_in(1, 1'000'000))
      ->type_name("N");
  add_time_window_options(command, options.since, options.until);
  if (tz == TimeZoneOption::offered) {
    command
        .add_option("--tz", options.tz,
                    "Show times in this zone (Europe/Berlin, UTC, +08:00); times that carry a "
                    "zone are converted, others kept as written")
        ->type_name("ZONE");
  }
  command
      .add_option("--baseline", options.baseline,
                  "Compare with an earlier JSON report: new, gone and changed codes")
      ->type_name("REPORT.json");
  command.add_flag("--fail-on-new", options.fail_on_new,
                   "Exit 1 when a code with outcome error (unknown codes too) is not in the "
                   "--baseline report; new success codes are listed, not alerted");
  command
      .add_option("--max-errors", options.max_errors,
                  "Exit 1 when more than N codes with outcome error were seen")
      ->check(whole_number_in(0, std::numeric_limits<std::uint64_t>::max()))
      ->type_name("N");
  command
      .add_option("--max-error-rate", options.max_error_rate,
                  "Exit 1 when errors / codes seen exceeds R (0 to 1)")
      ->check(number_in(0.0, 1.0))
      ->type_name("R");
  command.add_flag("--csv-timeline", options.csv_timeline,
                   "With --format csv: the timelines in long form (a row per code and bucket)");
  command.add_flag("--examples", options.examples,
                   "With --format text: each code's example line (the earliest that carried it); "
                   "the other formats always have them");
}

std::size_t effective_top(ReportFormat format, const std::optional<std::size_t>& top) {
  if (top) return *top;
  return format == ReportFormat::text || format == ReportFormat::markdown ||
                 format == ReportFormat::html
             ? 20
             : 0;
}

// The text report's layout on stdout: its width, whether it is coloured, and its examples.
TextLayout stdout_layout(const GlobalOptions& global, const ReportOutputOptions& options) {
  return TextLayout{stdout_columns(), stdout_color(global),
                    options.examples ? ExampleLines::shown : ExampleLines::hidden};
}

std::string render(const Report& report, const ReportExtras& extras, ReportFormat format,
                   bool csv_timeline, const TextLayout& layout) {
  switch (format) {
    case ReportFormat::json:
      return render_report_json(report, extras);
    case ReportFormat::csv:
      return render_report_csv(report, extras, csv_timeline ? CsvShape::timeline : CsvShape::codes);
    case ReportFormat::markdown:
      return render_report_markdown(report, extras);
    case ReportFormat::html:
      return render_report_html(report, extras);
    case ReportFormat::openmetrics:
      return render_report_openmetrics(report, extras);
    case ReportFormat::text:
      break;
  }
  return render_report_text(report, extras, layout);
}

// Settles the report's bucket size. Warns when a fixed size (`asked`, e.g. "--bucket 1m") had to
// be widened to keep within k_max_buckets; false, after the error, when even 7d does not fit
// (`whole` names what spans too long).
bool finalize_or_report(Report& aggregate, const std::string& asked, const std::string& whole) {
  const BucketChoice choice = aggregate.finalize();
  if (!aggregate.first() || !aggregate.last()) return true;
  const std::string span =
      minutes_text(*aggregate.first()) + " \xE2\x86\x92 " + minutes_text(*aggregate.last());
  if (!choice.fits) {
    print_error(Diagnostic{
        {},
        whole + " span " + span + ", which needs " +
            format_count(bucket_count(*aggregate.first(), *aggregate.last(), choice.used_ms)) +
            " buckets even at 7d, more than " + format_count(k_max_buckets),
        "a report spans at most " + format_count(k_max_buckets) +
            " weeks; leave out the input whose times are wrong"});
    return false;
  }
  if (aggregate.bucket_mode() == BucketMode::fixed && choice.widened()) {
    print_warning(Diagnostic{{},
                             asked + " " + bucket_name(choice.requested_ms) + " over " + span +
                                 " would need " + format_count(choice.requested_buckets) +
                                 " buckets; using " + bucket_name(choice.used_ms) + " (at most " +
                                 format_count(k_max_buckets) + ")",
                             ""});
  }
  return true;
}

Result<Report> load_report(const std::string& path) {
  constexpr std::size_t k_max_report_size = std::size_t{1} << 30;
  auto text = read_small_file(path, k_max_report_size,
                              "give the path of a file written by `errscope report --format json`");
  if (!text.ok()) return std::move(text).error();
  return parse_report_json(path, *text);
}

// The lines to count (--since, --until) and the zone to show times in (--tz); nullopt, after the
// error message, when one of them cannot be read.
std::optional<ReportWindow> parse_window(const ReportOutputOptions& options) {
  const auto parsed = parse_time_window(options.since, options.until, options.tz);
  if (!parsed) return std::nullopt;
  ReportWindow window;
  window.since = parsed->since;
  window.until = parsed->until;
  window.tz = parsed->tz;
  window.times = sane_time_range(parsed->now);
  return window;
}

// Who made the report and when: SOURCE_DATE_EPOCH when set (reproducible output), else now.
Provenance provenance() {
  Provenance made{std::string("errscope ") + ERRSCOPE_VERSION, std::nullopt};
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
    char* end = nullptr;
    const long long seconds = std::strtoll(epoch, &end, 10);
    if (*end == '\0' && seconds >= 0) made.generated = seconds;
  }
  if (!made.generated) made.generated = static_cast<std::int64_t>(std::time(nullptr));
  return made;
}

// The report of every input, read on `-j` threads; what could not be read goes to `errors`.
Report report_inputs(const Matcher& matcher, const ReportOptions& options,
                     const ReportWindow& window, std::vector<Diagnostic>& errors) {
  const auto bucket = parse_bucket(options.bucket);
  stop_on_signals();
  const SelectedInputs inputs = select_inputs(input_paths(options.files),
                                              options.text ? BinaryFiles::text : BinaryFiles::skip);
  const std::size_t threads = thread_count(options.threads);
  const std::vector<InputPart> parts = plan_parts(inputs.readable, k_report_part_bytes);
  ProgressDisplay progress(inputs.readable,
                           progress_wanted(options.no_progress, StdoutTiming::at_end)
                               ? ProgressDisplay::Shown::yes
                               : ProgressDisplay::Shown::no);
  Report aggregate = parallel_report(matcher, parts, window,
                                     bucket ? BucketMode::fixed : BucketMode::automatic,
                                     bucket.value_or(k_bucket_sizes[0]), threads, errors);
  progress.stop();
  for (const std::string& path : inputs.skipped) aggregate.add_skipped_binary(path);
  if (stop_requested() != 0) aggregate.set_interrupted();
  return aggregate;
}

AlertThresholds alert_thresholds(const ReportOutputOptions& options) {
  AlertThresholds thresholds;
  thresholds.fail_on_new = options.fail_on_new;
  thresholds.max_errors = options.max_errors;
  thresholds.max_error_rate = options.max_error_rate;
  return thresholds;
}

// The checks on the output options that need no input: nullopt, after the message, when one
// fails; else the window and the --baseline report (none without --baseline).
struct OutputSetup {
  ReportWindow window;
  std::optional<Report> baseline;
};
std::optional<OutputSetup> prepare_output(const ReportOutputOptions& options) {
  if (options.fail_on_new && options.baseline.empty()) {
    report_message("--fail-on-new needs --baseline REPORT.json to know what is new");
    return std::nullopt;
  }
  auto window = parse_window(options);
  if (!window) return std::nullopt;
  OutputSetup setup{std::move(*window), std::nullopt};
  if (!options.baseline.empty()) {
    auto loaded = load_report(options.baseline);
    if (!loaded.ok()) {
      print_error(loaded.error());
      return std::nullopt;
    }
    setup.baseline = std::move(loaded).value();
  }
  return setup;
}

// Writes the finalized report as asked, with the baseline comparison and the alerts; the exit
// status: `status` (0 or 2 for unread inputs), 1 when an alert was breached, 130/143 when stopped.
int write_report(const GlobalOptions& global, const ReportOutputOptions& options,
                 const Report& report, const OutputSetup& setup, int status) {
  std::optional<BaselineDiff> diff;
  if (setup.baseline) diff = compare_with_baseline(report, *setup.baseline, options.baseline);
  ReportExtras extras;
  extras.top = effective_top(options.format, options.top);
  extras.baseline = diff ? &*diff : nullptr;
  extras.alerts =
      check_alerts(report, extras.baseline, options.baseline, alert_thresholds(options));
  extras.provenance = provenance();
  extras.window = ShownWindow{setup.window.since, setup.window.until};
  write_stdout(
      render(report, extras, options.format, options.csv_timeline, stdout_layout(global, options)));
  for (const auto& alert : extras.alerts) report_message("alert: " + alert);
  // Said on stderr too, for the formats that have no place for it (CSV).
  if (report.interrupted()) {
    report_message("interrupted: the report covers only the input read before the signal");
  }
  if (status == k_exit_ok && !extras.alerts.empty()) status = k_exit_alert;
  return status_after_stop(status);
}

// The largest report merge reads: far above what a report holds (k_max_report_codes codes).
constexpr std::size_t k_max_report_size = std::size_t{1} << 30;

// Hands each report in `path` (a file or "-": one or more reports one after the other, maybe
// compressed) to `take(origin, report)` as it is read, so that only one is held at a time; false
// after the error message, or when `take` returns false. `buffer` is the reads', kept from one
// file to the next (a fresh one per file costs its page faults each time, thousands of files).
template <typename Take>
bool for_each_report(const std::string& path, std::vector<char>& buffer, Take&& take) {
  auto source = FileSource::open(path);
  if (!source.ok()) {
    print_error(source.error());
    return false;
  }
  const std::string name = path == "-" ? "standard input" : path;
  ReportStream stream(name, k_max_report_size);
  for (;;) {
    auto got = source->read(buffer.data(), buffer.size());
    if (!got.ok()) {
      print_error(got.error());
      return false;
    }
    if (*got == 0) break;
    stream.append(std::string_view(buffer.data(), *got));
    for (;;) {
      auto document = stream.next();
      if (!document.ok()) {
        print_error(document.error());
        return false;
      }
      if (!*document) break;
      const std::size_t n = stream.count();
      const std::string origin = path == "-" ? name + " (report " + std::to_string(n) + ")"
                                 : n == 1    ? name
                                             : name + " (report " + std::to_string(n) + ")";
      auto report = parse_report_json(origin, **document);
      if (!report.ok()) {
        print_error(report.error());
        return false;
      }
      if (!take(origin, std::move(report).value())) return false;
    }
    if (stop_requested() != 0) return false;
  }
  if (auto finished = stream.finish(); !finished.ok()) {
    print_error(finished.error());
    return false;
  }
  return true;
}

// merge's sum so far, and what it checks the next report and the whole against: a report given
// twice, shards of one job (each once, all of them at the end), the sources expected.
class MergeState {
 public:
  explicit MergeState(const MergeOptions& options) : m_options(options) {}

  // Adds one report; false after the error message.
  bool add(const std::string& origin, Report report) {
    const std::string id = report_id(report);
    const auto [seen, added] = m_origin_of_id.try_emplace(id, origin);
    if (!added) {
      const Diagnostic twice{
          SourcePosition{origin, 0, 0, ""}, "the same report as " + seen->second + " (id " + id + ")",
          m_options.strict ? "give each shard once" : "counted once; --strict makes this an error"};
      if (m_options.strict) {
        print_error(twice);
        return false;
      }
      print_warning(twice);
      return true;
    }
    if (!check_shards(origin, report)) return false;
    if (!m_options.expect_sources.empty()) {
      for (const SourceStats& source : report.sources()) m_sources.insert(source.name);
    }
    if (m_merged) {
      *m_merged += std::move(report);
    } else {
      m_merged = std::move(report);
    }
    return true;
  }

  // The merged report once every check of the whole holds; nullopt after the error message.
  std::optional<Report> finish() {
    if (const auto& shards = m_merged->shards(); shards && shards->complete()) {
      m_merged->clear_shards();  // a whole now, to merge with other reports like any
    } else if (shards && !m_options.partial) {
      const auto missing = shards->missing();
      std::uint64_t count = 0;
      for (const auto& [first, last] : missing) count += last - first + 1;
      print_error(Diagnostic{
          {},
          "missing " + std::string(count == 1 ? "shard " : "shards ") +
              ShardSet::ranges_text(missing) + " of " + std::to_string(shards->of()) +
              " (the reports given cover " + ShardSet::ranges_text(shards->ranges()) +
              "): a host or worker failed before writing its report",
          "rerun the missing shards, or give --partial to merge what is here (the result says "
          "which shards it covers)"});
      return std::nullopt;
    }
    std::vector<std::string> absent;
    for (const std::string& name : m_options.expect_sources) {
      if (!name.empty() && !m_sources.contains(name)) absent.push_back(name);
    }
    if (!absent.empty()) {
      std::string names;
      for (const std::string& name : absent) names += (names.empty() ? "" : ", ") + name;
      print_error(Diagnostic{
          {},
          "no report from " +
              (absent.size() == 1 ? "source " + names
                                  : std::to_string(absent.size()) + " of the " +
                                        std::to_string(m_options.expect_sources.size()) +
                                        " sources expected: " + names),
          "a host failed or its report was lost: rerun it, or leave it out of --expect-sources"});
      return std::nullopt;
    }
    return std::move(m_merged);
  }

 private:
  // Shards of one job go together, each once; a report of no job does not mix with them.
  bool check_shards(const std::string& origin, const Report& report) {
    const auto& theirs = report.shards();
    if (m_merged && theirs.has_value() != m_merged->shards().has_value()) {
      const std::string& shard = theirs ? origin : m_first_origin;
      const std::string& whole = theirs ? m_first_origin : origin;
      print_error(Diagnostic{
          SourcePosition{origin, 0, 0, ""},
          shard + " is a shard of a job (report --shard) and " + whole + " is not",
          "merge the shards of the job first, then merge the result with other reports"});
      return false;
    }
    if (!m_merged) m_first_origin = origin;
    if (!theirs) return true;
    if (const auto& mine = m_merged ? m_merged->shards() : std::nullopt; mine) {
      if (mine->of() != theirs->of()) {
        print_error(Diagnostic{
            SourcePosition{origin, 0, 0, ""},
            "a shard of " + std::to_string(theirs->of()) + ", and " + m_first_origin +
                " one of " + std::to_string(mine->of()) + ": shards of two jobs",
            "merge the shards of each job apart (each --shard K/N with that job's N)"});
        return false;
      }
      if (const auto shard = mine->overlap(*theirs)) {
        std::string other = "an earlier report";
        for (const auto& [set, name] : m_shard_origins) {
          if (set.overlap(ShardSet::one(*shard, set.of()))) other = name;
        }
        print_error(Diagnostic{
            SourcePosition{origin, 0, 0, ""},
            "shard " + std::to_string(*shard) + " of " + std::to_string(theirs->of()) +
                " again: " + other + " has it already",
            "give each shard once (a shard run twice, or two jobs' reports mixed)"});
        return false;
      }
    }
    m_shard_origins.emplace_back(*theirs, origin);
    return true;
  }

  const MergeOptions& m_options;
  std::optional<Report> m_merged;
  std::map<std::string, std::string> m_origin_of_id;
  std::vector<std::pair<ShardSet, std::string>> m_shard_origins;
  std::string m_first_origin;
  std::set<std::string> m_sources;
};

}  // namespace

CLI::App* setup_report(CLI::App& app, ReportOptions& options) {
  CLI::App* command = app.add_subcommand(
      "report", "Aggregate vendor codes: counts, outcomes, first/last seen, timelines");
  command->add_option("FILE", options.files,
                      "Log files (gzip, zstd, xz and bzip2 too); standard input when none or '-'");
  add_vendor_option(*command, options.vendors, "Only these vendors (comma-separated ids)");
  add_output_options(*command, options.output, TimeZoneOption::offered);
  command
      ->add_option("--bucket", options.bucket,
                   "Timeline bucket: 1m, 5m, 15m, 1h, 1d, 7d or auto (60-120 buckets over the "
                   "span); widened when the span would need more than 10,000")
      ->check(one_of({"auto", "1m", "5m", "15m", "1h", "1d", "7d"}))
      ->type_name("SIZE");
  command
      ->add_option("--source", options.source,
                   "Count every input under this source name, e.g. the host: "
                   "--source \"$(hostname)\" (default: each input file is its own source)")
      ->type_name("NAME");
  command
      ->add_option("--shard", options.shard,
                   "Mark the report as shard K of a job of N shards (K/N, e.g. '{#}/8' under GNU "
                   "parallel), so that merge can tell when one is missing")
      ->check(CLI::Validator(
          [](std::string& text) -> std::string {
            const auto shard = ShardSet::parse(text);
            return shard.ok() ? "" : text + ": " + shard.error().fix;
          },
          ""))
      ->type_name("K/N");
  add_threads_option(
      *command, options.threads,
      "Worker threads (default: one per core); large files are split at line boundaries");
  add_text_flag(*command, options.text);
  add_progress_flag(*command, options.no_progress);
  command->fallthrough();
  return command;
}

int run_report(const GlobalOptions& global, const ReportOptions& options) {
  const auto catalog = prepare_catalog(global, options.vendors);
  if (!catalog) return k_exit_error;
  auto setup = prepare_output(options.output);
  if (!setup) return k_exit_error;
  setup->window.source = options.source;
  const auto matcher = compile_matcher_or_report(*catalog, options.vendors);
  if (!matcher) return k_exit_error;

  std::vector<Diagnostic> errors;
  Report aggregate = report_inputs(*matcher, options, setup->window, errors);
  for (const auto& error : errors) print_error(error);
  if (!options.shard.empty()) aggregate.set_shards(*ShardSet::parse(options.shard));
  if (!finalize_or_report(aggregate, "--bucket", "the lines' times")) return k_exit_error;
  return write_report(global, options.output, aggregate, *setup,
                      errors.empty() ? k_exit_ok : k_exit_error);
}

CLI::App* setup_merge(CLI::App& app, MergeOptions& options) {
  CLI::App* command = app.add_subcommand(
      "merge", "Merge JSON reports made on parts of the data into the report of the whole");
  command
      ->add_option("REPORT", options.reports,
                   "Reports written by `errscope report --format json`; '-' reads one or more "
                   "from standard input")
      ->required();
  add_output_options(*command, options.output, TimeZoneOption::absent);
  command->add_flag("--strict", options.strict,
                    "Refuse (exit 2) when the same report is given twice, instead of warning and "
                    "counting it once");
  command->add_flag("--partial", options.partial,
                    "Merge shards of a job (report --shard) even when some are missing: a step "
                    "of a tree of merges; the result says which shards it covers");
  command
      ->add_option("--expect-sources", options.expect_sources,
                   "Fail (exit 2, nothing written) unless each of these sources (report "
                   "--source) has a report among the inputs")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->type_name("NAME[,NAME...]");
  add_progress_flag(*command, options.no_progress);
  command->fallthrough();
  return command;
}

int run_merge(const GlobalOptions& global, const MergeOptions& options) {
  auto setup = prepare_output(options.output);
  if (!setup) return k_exit_error;
  stop_on_signals();
  MergeState state(options);
  ProgressDisplay progress(options.reports,
                           progress_wanted(options.no_progress, StdoutTiming::at_end)
                               ? ProgressDisplay::Shown::yes
                               : ProgressDisplay::Shown::no);
  std::vector<char> buffer(std::size_t{1} << 18);
  for (const auto& path : options.reports) {
    const bool read =
        for_each_report(path, buffer, [&state](const std::string& origin, Report report) {
          return state.add(origin, std::move(report));
        });
    if (!read) return status_after_stop(k_exit_error);
  }
  progress.stop();
  auto merged = state.finish();
  if (!merged) return k_exit_error;
  if (!finalize_or_report(*merged, "the reports' fixed bucket", "the reports together"))
    return k_exit_error;
  if (setup->window.bounded()) {
    merged->cut_to(setup->window.since, setup->window.until);
    merged->finalize();
  }
  return write_report(global, options.output, *merged, *setup, k_exit_ok);
}

}  // namespace errscope::cli
