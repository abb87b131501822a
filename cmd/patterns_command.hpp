#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "common_options.hpp"

namespace errscope::cli {

/// Which `patterns` action was asked for.
enum class PatternsAction { list, show, check };

/// What `errscope patterns list|show|check` was asked.
struct PatternsOptions {
  PatternsAction action = PatternsAction::list;
  std::string vendor;  ///< for show
  std::string file;    ///< for check
  Format format = Format::text;
};

/// Declares `patterns` with its `list`, `show ID` and `check FILE` subcommands.
CLI::App* setup_patterns(CLI::App& app, PatternsOptions& options);

/// Runs the chosen `patterns` action.
int run_patterns(const GlobalOptions& global, const PatternsOptions& options);

}  // namespace errscope::cli
