#include "util/text_position.hpp"

namespace errscope {

namespace {

// Advances `position` over text[from, to).
void advance(std::string_view text, std::size_t from, std::size_t to,
             LineColumn& position) noexcept {
  for (std::size_t i = from; i < to; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n') {
      ++position.line;
      position.column = 1;
    } else if ((byte & 0xC0) != 0x80) {  // count lead bytes only, so a CJK character is one column
      ++position.column;
    }
  }
}

}  // namespace

LineColumn line_column_at(std::string_view text, std::size_t offset) noexcept {
  if (offset > text.size()) offset = text.size();
  LineColumn position;
  advance(text, 0, offset, position);
  return position;
}

LineColumn PositionCursor::at(std::size_t offset) noexcept {
  if (offset > m_text.size()) offset = m_text.size();
  if (offset < m_offset) {
    m_offset = 0;
    m_position = LineColumn{};
  }
  advance(m_text, m_offset, offset, m_position);
  m_offset = offset;
  return m_position;
}

}  // namespace errscope
