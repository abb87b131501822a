#include "loader/pattern_loader.hpp"

#include <algorithm>

#include "catalog/pattern_parser.hpp"
#include "loader/sample_check.hpp"
#include "util/file_reader.hpp"

namespace errscope {

namespace {

constexpr std::uintmax_t k_max_pattern_file_size = 64u << 20;

}  // namespace

std::span<const EmbeddedFile> builtin_pattern_files() noexcept {
  return {k_builtin_pattern_files, k_builtin_pattern_files_count};
}

Result<VendorSpec> load_pattern_text(std::string_view origin, std::string_view text,
                                     SampleCheck samples, std::vector<Diagnostic>& warnings) {
  auto vendor = parse_pattern_file(origin, text, warnings);
  if (!vendor.ok() || samples == SampleCheck::skip) return vendor;
  vendor->index_codes();
  if (auto status = check_samples(*vendor); !status.ok()) return status.error();
  return vendor;
}

Result<std::vector<VendorSpec>> load_pattern_path(const std::filesystem::path& path,
                                                  SampleCheck samples,
                                                  std::vector<Diagnostic>& warnings) {
  std::error_code error;
  std::vector<std::filesystem::path> files;
  if (std::filesystem::is_directory(path, error)) {
    for (const auto& item : std::filesystem::directory_iterator(path, error)) {
      if (item.path().extension() == ".json" && !item.is_directory()) files.push_back(item.path());
    }
    if (error) {
      return Diagnostic{SourcePosition{path.string(), 0, 0, ""},
                        "cannot list the folder: " + error.message(),
                        "check the path given to --patterns and its permissions"};
    }
    if (files.empty()) {
      return Diagnostic{SourcePosition{path.string(), 0, 0, ""},
                        "the folder holds no *.json pattern file",
                        "point --patterns at a pattern file or a folder of them"};
    }
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(path);
  }
  std::vector<VendorSpec> vendors;
  for (const auto& file : files) {
    auto text = read_small_file(file.string(), k_max_pattern_file_size,
                                "check the path given to --patterns and its permissions");
    if (!text.ok()) return std::move(text).error();
    auto vendor = load_pattern_text(file.string(), *text, samples, warnings);
    if (!vendor.ok()) return std::move(vendor).error();
    vendors.push_back(std::move(vendor).value());
  }
  return vendors;
}

namespace {

// A default folder is read when it is a folder with at least one *.json entry; an unreadable one
// is left to load_pattern_path to report.
bool holds_pattern_files(const std::filesystem::path& folder) {
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) return false;
  std::filesystem::directory_iterator items(folder, error);
  if (error) return true;
  for (const auto& item : items) {
    if (item.path().extension() == ".json") return true;
  }
  return false;
}

}  // namespace

Result<Catalog> build_catalog(const CatalogOptions& options, std::vector<Diagnostic>& warnings) {
  Catalog catalog;
  if (options.builtins == Builtins::include) {
    for (const auto& file : builtin_pattern_files()) {
      auto vendor = load_pattern_text("builtin:" + std::string(file.name), file.data,
                                      SampleCheck::skip, warnings);
      if (!vendor.ok()) return std::move(vendor).error();
      if (auto status = catalog.add(std::move(vendor).value()); !status.ok()) return status.error();
    }
  }
  const auto add_path = [&](const std::filesystem::path& path, PatternPlace place) -> Status {
    auto vendors = load_pattern_path(path, SampleCheck::run, warnings);
    if (!vendors.ok()) return std::move(vendors).error();
    for (auto& vendor : *vendors) {
      vendor.place = place;
      if (auto status = catalog.add(std::move(vendor)); !status.ok()) return status.error();
    }
    return ok_status();
  };
  for (const auto& folder : options.default_folders) {
    if (!holds_pattern_files(folder.path)) continue;
    if (auto status = add_path(folder.path, folder.place); !status.ok()) return status.error();
  }
  for (const auto& path : options.paths) {
    if (auto status = add_path(path, PatternPlace::command_line); !status.ok())
      return status.error();
  }
  return catalog;
}

}  // namespace errscope
