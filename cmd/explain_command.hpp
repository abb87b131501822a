#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "common_options.hpp"

namespace errscope::cli {

/// What `errscope explain` was asked.
struct ExplainOptions {
  std::vector<std::string> codes;
  std::vector<std::string> vendors;
  Format format = Format::text;
};

/// Declares the `explain` subcommand and its options.
CLI::App* setup_explain(CLI::App& app, ExplainOptions& options);

/// Runs `explain`: prints every vendor's meaning of each code; exit 1 when one is in no table.
int run_explain(const GlobalOptions& global, const ExplainOptions& options);

}  // namespace errscope::cli
