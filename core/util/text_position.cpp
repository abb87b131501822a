#include "util/text_position.hpp"

namespace errscope {

LineColumn line_column_at(std::string_view text, std::size_t offset) noexcept {
  if (offset > text.size()) offset = text.size();
  LineColumn position;
  for (std::size_t i = 0; i < offset; ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n') {
      ++position.line;
      position.column = 1;
    } else if ((byte & 0xC0) != 0x80) {  // count lead bytes only, so a CJK character is one column
      ++position.column;
    }
  }
  return position;
}

}  // namespace errscope
