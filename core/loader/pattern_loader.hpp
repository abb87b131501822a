#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "loader/embedded_file.hpp"
#include "util/result.hpp"

namespace errscope {

/// How much loading a pattern file checks: its shape only (the built-ins, whose regexes and
/// samples the test suite checks), or also its regexes and samples (every user file).
enum class SampleCheck { skip, run };

/// Whether the catalog starts with the four built-in vendors.
enum class Builtins { include, exclude };

/// What a catalog is built from: the built-ins and the --patterns paths, in order.
struct CatalogOptions {
  Builtins builtins = Builtins::include;
  std::vector<std::string> paths;  ///< pattern files or folders of *.json files
};

/// The built-in pattern files compiled into the binary.
std::span<const EmbeddedFile> builtin_pattern_files() noexcept;

/// Loads one pattern file held in memory: parses it and, with SampleCheck::run, compiles every
/// regex (checking its `code` group) and checks its samples. Unknown keys add to `warnings`.
Result<VendorSpec> load_pattern_text(std::string_view origin, std::string_view text,
                                     SampleCheck samples, std::vector<Diagnostic>& warnings);

/// Loads a pattern file, or every *.json file of a folder in name order.
Result<std::vector<VendorSpec>> load_pattern_path(const std::filesystem::path& path,
                                                  SampleCheck samples,
                                                  std::vector<Diagnostic>& warnings);

/// Builds the catalog: the built-ins (unless excluded), then each path; user files have their
/// samples checked. A user vendor with a built-in's id replaces the built-in.
Result<Catalog> build_catalog(const CatalogOptions& options, std::vector<Diagnostic>& warnings);

}  // namespace errscope
