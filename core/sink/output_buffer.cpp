#include "sink/output_buffer.hpp"

#include <charconv>
#include <limits>
#include <vector>

namespace errscope {

namespace {

// A kept run shorter than this is copied even when it could be referred to: a writev piece
// costs more than copying a line or two (see doc/performance.md).
constexpr std::size_t k_min_reference = 512;

}  // namespace

OutputBuffer::OutputBuffer(int fd, std::size_t capacity)
    : m_fd(fd), m_capacity(capacity), m_alignment(WriteAlignment::for_descriptor(fd)) {
  m_buffer.reserve(capacity + capacity / 4);
}

OutputBuffer::OutputBuffer(OutputPart& target, KeptBytes kept)
    : m_part(&target),
      m_kept(kept),
      m_capacity(std::numeric_limits<std::size_t>::max()),
      m_text(&target.m_own) {}

OutputBuffer::~OutputBuffer() {
  flush();
}

void OutputBuffer::commit() {
  if (m_text->size() >= m_capacity) flush();
}

void OutputBuffer::write(std::string_view bytes) {
  if (bytes.size() < m_capacity / 4) {
    m_text->append(bytes);
    commit();
    return;
  }
  flush();
  write_through(bytes);
}

void OutputBuffer::write_kept(std::string_view bytes) {
  if (m_kept == KeptBytes::copy || bytes.size() < k_min_reference) {
    write(bytes);
    return;
  }
  m_part->add_kept(bytes);
}

void OutputBuffer::write_line_number(std::size_t number) {
  if (m_part != nullptr) {
    m_part->add_line_number(number);
    return;
  }
  char digits[OutputPart::k_max_digits];
  const auto written = std::to_chars(digits, digits + sizeof digits, number);
  m_text->append(digits, static_cast<std::size_t>(written.ptr - digits));
  commit();
}

void OutputBuffer::write(const OutputPart& part, std::size_t line_offset) {
  if (m_part != nullptr || !part.refers()) {
    // Own bytes only (NDJSON, matched lines), or into a part: copied through the block buffer.
    part.for_each_piece(line_offset, [this](std::string_view piece) { write(piece); });
    return;
  }
  flush();
  if (m_state != OutputState::open) return;
  std::vector<std::string_view> pieces;
  std::string digits;
  part.collect_views(line_offset, pieces, digits);
  note(writev_all(m_fd, pieces, m_alignment));
}

void OutputBuffer::flush() {
  if (m_part != nullptr) {
    m_part->close_own();
    return;
  }
  write_through(m_buffer);
  m_buffer.clear();
}

void OutputBuffer::write_through(std::string_view bytes) {
  if (m_state != OutputState::open || bytes.empty()) return;
  note(write_all(m_fd, bytes, m_alignment));
}

void OutputBuffer::note(WriteStatus status) noexcept {
  if (status.ok()) return;
  if (status.closed()) {
    m_state = OutputState::closed;  // the reader went away: a quiet end
    return;
  }
  m_state = OutputState::failed;
  m_error = status.error;
}

}  // namespace errscope
