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

/// Line and column look-ups in one text, amortised linear when the offsets mostly increase (as
/// while parsing a file front to back).
class PositionCursor {
 public:
  explicit PositionCursor(std::string_view text) noexcept : m_text(text) {}
  LineColumn at(std::size_t offset) noexcept;

 private:
  std::string_view m_text;
  std::size_t m_offset = 0;
  LineColumn m_position;
};

}  // namespace errscope
