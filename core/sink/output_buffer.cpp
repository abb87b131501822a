#include "sink/output_buffer.hpp"

#include <unistd.h>

#include <cerrno>

namespace errscope {

OutputBuffer::OutputBuffer(int fd, std::size_t capacity) : m_fd(fd), m_capacity(capacity) {
  m_buffer.reserve(capacity + capacity / 4);
}

OutputBuffer::OutputBuffer(std::string& target, std::size_t capacity)
    : m_fd(-1), m_target(&target), m_capacity(capacity) {
  m_buffer.reserve(capacity + capacity / 4);
}

OutputBuffer::~OutputBuffer() {
  flush();
}

void OutputBuffer::commit() {
  if (m_buffer.size() >= m_capacity) flush();
}

void OutputBuffer::write(std::string_view bytes) {
  if (bytes.size() < m_capacity / 4) {
    m_buffer += bytes;
    commit();
    return;
  }
  flush();
  write_all(bytes);
}

void OutputBuffer::flush() {
  write_all(m_buffer);
  m_buffer.clear();
}

void OutputBuffer::write_all(std::string_view pending) {
  if (m_target != nullptr) {
    m_target->append(pending);
    return;
  }
  while (!pending.empty() && m_state == OutputState::open) {
    const ssize_t written = ::write(m_fd, pending.data(), pending.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) {
      m_state = OutputState::closed;  // EPIPE or another write error: the reader is gone
      break;
    }
    pending.remove_prefix(static_cast<std::size_t>(written));
  }
}

}  // namespace errscope
