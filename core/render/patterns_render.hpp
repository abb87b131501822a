#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "util/ansi.hpp"
#include "util/result.hpp"

namespace errscope {

/// `patterns list` as text: a line per vendor (id, code count, name) and where it came from (a
/// file that is no built-in is followed by how it was loaded: `--patterns`, user or system folder),
/// then `config file: ` and `config_file`, the config file used or why there is none.
std::string render_vendor_list_text(const Catalog& catalog, ColorMode color,
                                    std::string_view config_file);

/// `patterns list` as a JSON array of {vendor, name, codes, success_codes, regexes, samples,
/// unknown_codes, source, origin, loaded_from}; loaded_from is "builtin", "patterns_option",
/// "user_folder" or "system_folder".
std::string render_vendor_list_json(const Catalog& catalog);

/// `patterns show` as text: the vendor's header, its regexes, then its whole code table.
std::string render_vendor_text(const VendorSpec& vendor, ColorMode color);

/// `patterns show` as JSON: the vendor in the pattern-file shape, so it can be saved and edited
/// as a user pattern file.
std::string render_vendor_json(const VendorSpec& vendor);

/// The outcome of `patterns check` on one file.
struct CheckReport {
  std::string file;
  const VendorSpec* vendor = nullptr;  ///< the loaded vendor, null when the file was refused
  std::vector<Diagnostic> warnings;
  const Diagnostic* error = nullptr;  ///< why the file was refused, null when it passed
};

/// `patterns check` as text: a one-line verdict with the counts that were checked.
std::string render_check_text(const CheckReport& report);

/// `patterns check` as JSON: {file, ok, vendor, codes, regexes, samples, warnings, error}.
std::string render_check_json(const CheckReport& report);

}  // namespace errscope
