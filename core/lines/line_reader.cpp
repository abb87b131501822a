#include "lines/line_reader.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>

namespace errscope {

LineView split_first_line(std::string_view text) noexcept {
  LineView line;
  const auto* newline = static_cast<const char*>(std::memchr(text.data(), '\n', text.size()));
  const std::size_t length =
      newline != nullptr ? static_cast<std::size_t>(newline - text.data()) : text.size();
  line.text = text.substr(0, length);
  if (newline != nullptr) {
    const bool crlf = length > 0 && text[length - 1] == '\r';
    if (crlf) line.text.remove_suffix(1);
    line.ending = text.substr(line.text.size(), crlf ? 2 : 1);
  }
  return line;
}

ReadBuffer::~ReadBuffer() {
  std::free(m_data);
}

bool ReadBuffer::resize(std::size_t size) noexcept {
  if (size == m_size) return true;
  void* grown = std::realloc(m_data, size);
  if (grown == nullptr) return false;
  m_data = static_cast<char*>(grown);
  m_size = size;
  return true;
}

bool ReadBuffer::reset(std::size_t size) noexcept {
  std::free(m_data);
  m_data = static_cast<char*>(std::malloc(size));
  m_size = m_data != nullptr ? size : 0;
  return m_data != nullptr;
}

LineReader::LineReader(FileSource& source, BeforeWait before_wait, std::size_t block_size)
    : LineReader(source, m_own_buffer, std::move(before_wait), block_size) {}

LineReader::LineReader(FileSource& source, ReadBuffer& buffer, BeforeWait before_wait,
                       std::size_t block_size)
    : m_source(source), m_before_wait(std::move(before_wait)), m_buffer(buffer) {
  if (m_buffer.size() < block_size || m_buffer.size() > 4 * block_size) {
    m_buffer.reset(block_size);  // when it fails, fill() grows it from nothing
  }
}

void LineReader::fill() {
  if (m_begin > 0) {
    // Move the partial line to the front so the read can use the rest of the buffer.
    std::memmove(m_buffer.data(), m_buffer.data() + m_begin, m_end - m_begin);
    m_end -= m_begin;
    m_begin = 0;
  }
  if (m_end == m_buffer.size() &&
      !m_buffer.resize(std::max<std::size_t>(m_buffer.size() * 2, std::size_t{1} << 12))) {
    m_pending_error =
        Diagnostic{SourcePosition{m_source.name(), 0, 0, ""},
                   "a line longer than " + std::to_string(m_end) + " bytes does not fit in memory",
                   "the lines before it were read; split the line (e.g. `fold -b`) or free memory"};
    m_eof = true;
    return;
  }
  if (m_before_wait && m_source.readiness() == Readiness::would_block) m_before_wait();
  auto got = m_source.read(m_buffer.data() + m_end, m_buffer.size() - m_end);
  if (!got.ok()) {
    m_pending_error = std::move(got).error();
    m_eof = true;
    return;
  }
  if (*got == 0) m_eof = true;
  m_end += *got;
}

Result<std::optional<LineBlock>> LineReader::next_block() {
  while (true) {
    const char* start = m_buffer.data() + m_begin;
    const std::size_t available = m_end - m_begin;
    // The block ends after the last newline read so far; only new bytes are searched.
    std::size_t length = 0;
    if (available > m_scanned) {
      const void* last = ::memrchr(start + m_scanned, '\n', available - m_scanned);
      if (last != nullptr)
        length = static_cast<std::size_t>(static_cast<const char*>(last) - start) + 1;
    }
    if (length == 0 && m_eof && available > 0) length = available;  // a last line without '\n'
    if (length > 0) {
      LineBlock block{std::string_view(start, length)};
      m_begin += length;
      m_scanned = 0;
      return std::optional<LineBlock>(block);
    }
    if (m_eof) {
      if (m_pending_error) {
        Diagnostic error = std::move(*m_pending_error);
        m_pending_error.reset();
        return error;
      }
      return std::optional<LineBlock>();
    }
    m_scanned = available;
    fill();
  }
}

}  // namespace errscope
