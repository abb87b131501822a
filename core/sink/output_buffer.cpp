#include "sink/output_buffer.hpp"

#include <poll.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>

namespace errscope {

namespace {

// A kept run shorter than this is copied even when it could be referred to: a writev piece
// costs more than copying a few lines.
constexpr std::size_t k_min_reference = 4096;
// Pieces handed to one writev call (POSIX guarantees at least 16, Linux takes 1024).
constexpr std::size_t k_pieces_per_write = 512;

// Whether a write that failed with errno may be tried again: interrupted, or a non-blocking
// descriptor (a parent may hand one over) that is full, now writable again.
bool may_retry(int fd) {
  if (errno == EINTR) return true;
  if (errno != EAGAIN && errno != EWOULDBLOCK) return false;
  pollfd wait{fd, POLLOUT, 0};
  return ::poll(&wait, 1, -1) == 1 && (wait.revents & POLLOUT) != 0;
}

}  // namespace

std::size_t OutputPart::size() const noexcept {
  std::size_t bytes = 0;
  for (const Piece& piece : m_pieces) bytes += piece.size;
  return bytes;
}

void OutputPart::clear() noexcept {
  m_made.clear();
  m_pieces.clear();
  m_made_closed = 0;
  m_refers = false;
}

void OutputPart::close_made() {
  if (m_made.size() == m_made_closed) return;
  if (!m_pieces.empty() && m_pieces.back().kept == nullptr &&
      m_pieces.back().begin + m_pieces.back().size == m_made_closed) {
    m_pieces.back().size += m_made.size() - m_made_closed;
  } else {
    m_pieces.push_back(Piece{nullptr, m_made_closed, m_made.size() - m_made_closed});
  }
  m_made_closed = m_made.size();
}

OutputBuffer::OutputBuffer(int fd, std::size_t capacity) : m_fd(fd), m_capacity(capacity) {
  m_buffer.reserve(capacity + capacity / 4);
}

OutputBuffer::OutputBuffer(std::string& target, std::size_t capacity)
    : m_target(&target), m_capacity(capacity) {
  m_buffer.reserve(capacity + capacity / 4);
}

OutputBuffer::OutputBuffer(OutputPart& target, KeptBytes kept)
    : m_part(&target), m_kept(kept), m_text(&target.m_made) {}

OutputBuffer::~OutputBuffer() {
  flush();
}

void OutputBuffer::commit() {
  if (m_part == nullptr && m_buffer.size() >= m_capacity) flush();
}

void OutputBuffer::write(std::string_view bytes) {
  if (m_part != nullptr || bytes.size() < m_capacity / 4) {
    m_text->append(bytes);
    commit();
    return;
  }
  flush();
  write_all(bytes);
}

void OutputBuffer::write_kept(std::string_view bytes) {
  if (m_part == nullptr || m_kept == KeptBytes::copy || bytes.size() < k_min_reference) {
    write(bytes);
    return;
  }
  m_part->close_made();
  m_part->m_pieces.push_back(OutputPart::Piece{bytes.data(), 0, bytes.size()});
  m_part->m_refers = true;
}

void OutputBuffer::write(const OutputPart& part) {
  flush();
  if (m_fd < 0) {
    part.for_each_piece([this](std::string_view piece) { write(piece); });
    return;
  }
  // writev a batch of pieces at a time; a short write resumes inside the piece it ended in.
  std::array<iovec, k_pieces_per_write> batch{};
  std::size_t next = 0;  // the first piece not yet in a batch
  std::size_t skip = 0;  // bytes of that piece already written
  std::vector<std::string_view> pieces;
  pieces.reserve(part.m_pieces.size() + 1);
  part.for_each_piece([&pieces](std::string_view piece) { pieces.push_back(piece); });
  while (next < pieces.size() && m_state == OutputState::open) {
    std::size_t count = 0;
    for (; count < batch.size() && next + count < pieces.size(); ++count) {
      const std::string_view piece = pieces[next + count].substr(count == 0 ? skip : 0);
      batch[count] = iovec{const_cast<char*>(piece.data()), piece.size()};
    }
    const ssize_t written = ::writev(m_fd, batch.data(), static_cast<int>(count));
    if (written < 0 && may_retry(m_fd)) continue;
    if (written <= 0) {
      m_state = OutputState::closed;  // EPIPE or another write error: the reader is gone
      break;
    }
    auto left = static_cast<std::size_t>(written);
    while (left > 0) {
      const std::size_t rest = pieces[next].size() - skip;
      if (left < rest) {
        skip += left;
        break;
      }
      left -= rest;
      skip = 0;
      ++next;
    }
    while (next < pieces.size() && pieces[next].size() == skip) {  // empty pieces
      skip = 0;
      ++next;
    }
  }
}

void OutputBuffer::flush() {
  if (m_part != nullptr) {
    m_part->close_made();
    return;
  }
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
    if (written < 0 && may_retry(m_fd)) continue;
    if (written <= 0) {
      m_state = OutputState::closed;  // EPIPE or another write error: the reader is gone
      break;
    }
    pending.remove_prefix(static_cast<std::size_t>(written));
  }
}

}  // namespace errscope
