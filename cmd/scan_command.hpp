#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common_options.hpp"

namespace errscope::cli {

/// What `errscope [scan]` was asked.
struct ScanOptions {
  std::vector<std::string> files;  ///< empty: standard input
  std::vector<std::string> vendors;
  bool matches_only = false;
  bool text = false;  ///< -a/--text: read binary files as text
  Format format = Format::text;
  std::size_t threads = 0;  ///< -j: 0 means one per core
  bool no_progress = false;  ///< --no-progress
  // grep's conventions (doc/manual.md, "grep-style scanning").
  /// -H (true) or --no-filename (false), whichever came last, as grep; none: the default.
  std::optional<bool> file_names;
  /// -n (true) or -N/--no-line-number (false), whichever came last; none: the default.
  std::optional<bool> line_numbers;
  std::optional<std::size_t> after;    ///< -A
  std::optional<std::size_t> before;   ///< -B
  std::optional<std::size_t> context;  ///< -C
  bool count = false;                  ///< -c
  bool files_with_matches = false;     ///< -l
  bool errors_only = false;            ///< --errors-only
  std::string since;                   ///< --since (empty: not given)
  std::string until;                   ///< --until
};

/// Declares the `scan` subcommand (also the default command).
CLI::App* setup_scan(CLI::App& app, ScanOptions& options);

/// Runs `scan`: annotates every line of the inputs, or selects lines as grep does. Exit 2 if an
/// input could not be read; with a selecting flag, else 1 when no line was selected.
int run_scan(const GlobalOptions& global, const ScanOptions& options);

}  // namespace errscope::cli
