#include "lines/line_reader.hpp"

#include <cstring>

namespace errscope {

LineReader::LineReader(FileSource& source, BeforeWait before_wait, std::size_t block_size)
    : m_source(source), m_before_wait(std::move(before_wait)), m_buffer(block_size) {}

Status LineReader::fill() {
  if (m_begin > 0) {
    // Move the partial line to the front so the read can use the rest of the buffer.
    std::memmove(m_buffer.data(), m_buffer.data() + m_begin, m_end - m_begin);
    m_end -= m_begin;
    m_begin = 0;
  }
  if (m_end == m_buffer.size()) m_buffer.resize(m_buffer.size() * 2);
  if (m_before_wait && m_source.readiness() == Readiness::would_block) m_before_wait();
  auto got = m_source.read(m_buffer.data() + m_end, m_buffer.size() - m_end);
  if (!got.ok()) return std::move(got).error();
  if (*got == 0) m_eof = true;
  m_end += *got;
  return ok_status();
}

Result<std::optional<LineView>> LineReader::next() {
  while (true) {
    const char* start = m_buffer.data() + m_begin;
    const std::size_t available = m_end - m_begin;
    const auto* newline =
        static_cast<const char*>(std::memchr(start + m_scanned, '\n', available - m_scanned));
    if (newline != nullptr || (m_eof && available > 0)) {
      const std::size_t length =
          newline != nullptr ? static_cast<std::size_t>(newline - start) : available;
      LineView line;
      line.number = ++m_line_number;
      line.text = std::string_view(start, length);
      if (newline != nullptr) {
        const bool crlf = length > 0 && start[length - 1] == '\r';
        if (crlf) line.text.remove_suffix(1);
        line.ending = std::string_view(start + line.text.size(), crlf ? 2 : 1);
        m_begin += length + 1;
      } else {
        m_begin += length;
      }
      m_scanned = 0;
      return std::optional<LineView>(line);
    }
    if (m_eof) return std::optional<LineView>();
    m_scanned = available;
    if (auto status = fill(); !status.ok()) return status.error();
  }
}

}  // namespace errscope
