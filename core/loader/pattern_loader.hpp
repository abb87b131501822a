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

/// A folder of pattern files loaded without being asked for (the user's and the system's), when
/// it exists; one without *.json files adds nothing.
struct DefaultPatternFolder {
  std::filesystem::path path;
  PatternPlace place = PatternPlace::user_folder;
};

/// What a catalog is built from, in order: the built-ins, the default folders, the --patterns
/// paths.
struct CatalogOptions {
  Builtins builtins = Builtins::include;
  std::vector<DefaultPatternFolder> default_folders;  ///< lowest precedence first
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

/// Builds the catalog: the built-ins (unless excluded), the default folders that exist, then each
/// path; user files have their samples checked and their place set. A vendor replaces one with its
/// id from an earlier place (see Catalog::add).
Result<Catalog> build_catalog(const CatalogOptions& options, std::vector<Diagnostic>& warnings);

}  // namespace errscope
