#pragma once

#include <cstddef>
#include <string_view>

namespace errscope {

/// A file compiled into the binary: its name and its bytes.
struct EmbeddedFile {
  std::string_view name;
  std::string_view data;
};

/// The built-in pattern files (patterns/*.json), generated at build time.
extern const EmbeddedFile k_builtin_pattern_files[];
extern const std::size_t k_builtin_pattern_files_count;

}  // namespace errscope
