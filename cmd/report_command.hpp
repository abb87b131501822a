#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common_options.hpp"

namespace errscope::cli {

/// Output formats of `report` and `merge`.
enum class ReportFormat { text, json, csv, markdown, html, openmetrics };

/// What `report` and `merge` share: the window, the output and the alert thresholds.
struct ReportOutputOptions {
  ReportFormat format = ReportFormat::text;
  std::optional<std::size_t> top;
  std::string since;
  std::string until;
  std::string tz;
  std::string baseline;
  bool fail_on_new = false;
  std::optional<std::uint64_t> max_errors;
  std::optional<double> max_error_rate;
  bool csv_timeline = false;
  bool examples = false;  ///< --examples: the text report lists each code's example line
};

/// The output options with JSON as the format (merge's default).
inline ReportOutputOptions json_output() {
  ReportOutputOptions options;
  options.format = ReportFormat::json;
  return options;
}

/// What `errscope report` was asked.
struct ReportOptions {
  std::vector<std::string> files;  ///< empty: standard input
  std::vector<std::string> vendors;
  ReportOutputOptions output;
  std::string bucket = "auto";
  std::string source;  ///< --source: what the inputs count for (empty: each input's name)
  std::string shard;   ///< --shard K/N: this report is shard K of a job of N (empty: none)
  bool text = false;  ///< -a/--text: read binary files as text
  std::size_t threads = 0;  ///< -j: 0 means one per core
  bool no_progress = false;  ///< --no-progress
};

/// What `errscope merge` was asked.
struct MergeOptions {
  std::vector<std::string> reports;  ///< "-": reports read from standard input
  ReportOutputOptions output = json_output();
  bool strict = false;  ///< --strict: a report given twice is an error, not a warning
  bool partial = false;  ///< --partial: shards of a job may be missing (a step of a tree merge)
  std::vector<std::string> expect_sources;  ///< --expect-sources: each must have a report
  bool no_progress = false;  ///< --no-progress
};

/// Declares the `report` subcommand.
CLI::App* setup_report(CLI::App& app, ReportOptions& options);
/// Runs `report`: aggregates the inputs, writes the report, checks the alert thresholds. Exit 1
/// when one is breached, 2 when an input could not be read (the report is written either way).
int run_report(const GlobalOptions& global, const ReportOptions& options);

/// Declares the `merge` subcommand.
CLI::App* setup_merge(CLI::App& app, MergeOptions& options);
/// Runs `merge`: reads JSON reports and writes the report of the whole.
int run_merge(const GlobalOptions& global, const MergeOptions& options);

}  // namespace errscope::cli
