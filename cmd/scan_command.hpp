#pragma once

#include <CLI/CLI.hpp>
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
};

/// Declares the `scan` subcommand (also the default command).
CLI::App* setup_scan(CLI::App& app, ScanOptions& options);

/// Runs `scan`: annotates every line of the inputs; exit 2 if an input could not be read.
int run_scan(const GlobalOptions& global, const ScanOptions& options);

}  // namespace errscope::cli
