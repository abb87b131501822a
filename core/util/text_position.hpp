#pragma once

#include <cstddef>
#include <string_view>

namespace errscope {

/// A 1-based line and column (the column counts UTF-8 characters, as editors do).
struct LineColumn {
  std::size_t line = 1;
  std::size_t column = 1;
};

/// The line and column of byte `offset` in `text` (offsets past the end point just after it).
LineColumn line_column_at(std::string_view text, std::size_t offset) noexcept;

}  // namespace errscope
