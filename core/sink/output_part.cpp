#include "sink/output_part.hpp"

#include <charconv>

namespace errscope {

std::string_view OutputPart::view_of(const Piece& piece, std::size_t line_offset,
                                     char (&digits)[k_max_digits]) const noexcept {
  switch (piece.kind) {
    case Kind::own:
      return std::string_view(m_own).substr(piece.begin, piece.size);
    case Kind::kept:
      return std::string_view(piece.kept, piece.size);
    case Kind::line_number:
      break;
  }
  const auto written = std::to_chars(digits, digits + k_max_digits, piece.begin + line_offset);
  return std::string_view(digits, static_cast<std::size_t>(written.ptr - digits));
}

void OutputPart::collect_views(std::size_t line_offset, std::vector<std::string_view>& views,
                               std::string& digits) const {
  views.reserve(views.size() + m_pieces.size());
  // Reserved up front, so the views into it stay put.
  digits.reserve(digits.size() + k_max_digits * m_pieces.size());
  for (const Piece& piece : m_pieces) {
    char number[k_max_digits];
    const std::string_view view = view_of(piece, line_offset, number);
    if (piece.kind == Kind::line_number) {
      views.emplace_back(digits.data() + digits.size(), view.size());
      digits.append(view);
    } else {
      views.push_back(view);
    }
  }
}

void OutputPart::clear() noexcept {
  m_own.clear();
  m_pieces.clear();
  m_own_closed = 0;
  m_refers = false;
}

void OutputPart::close_own() {
  if (m_own.size() == m_own_closed) return;
  if (!m_pieces.empty() && m_pieces.back().kind == Kind::own &&
      m_pieces.back().begin + m_pieces.back().size == m_own_closed) {
    m_pieces.back().size += m_own.size() - m_own_closed;
  } else {
    m_pieces.push_back(Piece{Kind::own, nullptr, m_own_closed, m_own.size() - m_own_closed});
  }
  m_own_closed = m_own.size();
}

void OutputPart::add_kept(std::string_view bytes) {
  close_own();
  m_pieces.push_back(Piece{Kind::kept, bytes.data(), 0, bytes.size()});
  m_refers = true;
}

void OutputPart::add_line_number(std::size_t number) {
  close_own();
  m_pieces.push_back(Piece{Kind::line_number, nullptr, number, 0});
}

std::string to_string(const OutputPart& part, std::size_t line_offset) {
  std::string text;
  part.for_each_piece(line_offset, [&text](std::string_view piece) { text.append(piece); });
  return text;
}

}  // namespace errscope
