#include "sink/output_buffer.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>

namespace errscope {

namespace {

// A kept run shorter than this is copied even when it could be referred to: a writev piece
// costs more than copying a line or two. (At 20% code lines, 512 rather than 4096 keeps the
// parts' own bytes, and peak memory, to a third at the same speed.)
constexpr std::size_t k_min_reference = 512;
// Pieces handed to one writev call (POSIX guarantees at least 16, Linux takes 1024).
constexpr std::size_t k_pieces_per_write = 512;
// Bytes one write call to a regular file takes at most, ending at a multiple of this in the file.
// On Linux 6.x a write's length and offset choose the page-cache folios it gets. Writes that end
// at a page boundary never leave a part-written page for the next one to finish, and 32 KiB ones
// get folios the kernel keeps at hand per CPU, while 64 KiB-1 MiB ones often take fresh blocks
// (on a VM that hands freed memory back to its host, `errscope f > file` took 1.1-3.2 s per GiB
// with 1 MiB writes, 0.6-0.9 s with unaligned 64 KiB ones, 0.53-0.78 s with aligned 32 KiB
// ones, run side by side). Pipes and devices take any size.
constexpr std::size_t k_max_file_write = std::size_t{1} << 15;

// Whether a write that failed with errno may be tried again: interrupted, or a non-blocking
// descriptor (a parent may hand one over) that is full, now writable again.
bool may_retry(int fd) {
  if (errno == EINTR) return true;
  if (errno != EAGAIN && errno != EWOULDBLOCK) return false;
  pollfd wait{fd, POLLOUT, 0};
  return ::poll(&wait, 1, -1) == 1 && (wait.revents & POLLOUT) != 0;
}

}  // namespace

std::string_view OutputPart::view_of(const Piece& piece, std::size_t line_offset,
                                     char (&digits)[k_max_digits]) const noexcept {
  switch (piece.kind) {
    case Kind::made:
      return std::string_view(m_made).substr(piece.begin, piece.size);
    case Kind::kept:
      return std::string_view(piece.kept, piece.size);
    case Kind::line_number:
      break;
  }
  const auto written = std::to_chars(digits, digits + k_max_digits, piece.begin + line_offset);
  return std::string_view(digits, static_cast<std::size_t>(written.ptr - digits));
}

void OutputPart::clear() noexcept {
  m_made.clear();
  m_pieces.clear();
  m_made_closed = 0;
  m_refers = false;
}

void OutputPart::close_made() {
  if (m_made.size() == m_made_closed) return;
  if (!m_pieces.empty() && m_pieces.back().kind == Kind::made &&
      m_pieces.back().begin + m_pieces.back().size == m_made_closed) {
    m_pieces.back().size += m_made.size() - m_made_closed;
  } else {
    m_pieces.push_back(Piece{Kind::made, nullptr, m_made_closed, m_made.size() - m_made_closed});
  }
  m_made_closed = m_made.size();
}

OutputBuffer::OutputBuffer(int fd, std::size_t capacity) : m_fd(fd), m_capacity(capacity) {
  m_buffer.reserve(capacity + capacity / 4);
  struct stat status {};
  if (::fstat(fd, &status) == 0 && S_ISREG(status.st_mode)) {
    m_max_write = k_max_file_write;
    // Where the first byte will land: the end for O_APPEND (`>>`), else the current offset.
    const off_t at = ::lseek(fd, 0, SEEK_CUR);
    const int flags = ::fcntl(fd, F_GETFL);
    if (flags >= 0 && (flags & O_APPEND) != 0) {
      m_offset = static_cast<std::uint64_t>(status.st_size);
    } else if (at >= 0) {
      m_offset = static_cast<std::uint64_t>(at);
    }
  }
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
  m_part->m_pieces.push_back(
      OutputPart::Piece{OutputPart::Kind::kept, bytes.data(), 0, bytes.size()});
  m_part->m_refers = true;
}

void OutputBuffer::write_line_number(std::size_t number) {
  if (m_part != nullptr) {
    m_part->close_made();
    m_part->m_pieces.push_back(
        OutputPart::Piece{OutputPart::Kind::line_number, nullptr, number, 0});
    return;
  }
  char digits[OutputPart::k_max_digits];
  const auto written = std::to_chars(digits, digits + sizeof digits, number);
  m_text->append(digits, static_cast<std::size_t>(written.ptr - digits));
  commit();
}

void OutputBuffer::write(const OutputPart& part, std::size_t line_offset) {
  if (m_fd < 0 || !part.refers()) {
    // Made bytes only (NDJSON, matched lines): copied through the block buffer.
    part.for_each_piece(line_offset, [this](std::string_view piece) { write(piece); });
    return;
  }
  flush();
  // writev a batch of pieces at a time; a short write resumes inside the piece it ended in.
  std::array<iovec, k_pieces_per_write> batch{};
  std::size_t next = 0;  // the first piece not yet in a batch
  std::size_t skip = 0;  // bytes of that piece already written
  std::vector<std::string_view> pieces;
  pieces.reserve(part.m_pieces.size());
  std::string numbers;  // the line numbers' digits, reserved so the views stay put
  numbers.reserve(OutputPart::k_max_digits * part.m_pieces.size());
  for (const OutputPart::Piece& piece : part.m_pieces) {
    char digits[OutputPart::k_max_digits];
    const std::string_view view = part.view_of(piece, line_offset, digits);
    if (piece.kind == OutputPart::Kind::line_number) {
      pieces.emplace_back(numbers.data() + numbers.size(), view.size());
      numbers.append(view);
    } else {
      pieces.push_back(view);
    }
  }
  while (next < pieces.size() && m_state == OutputState::open) {
    std::size_t count = 0;
    std::size_t bytes = 0;
    const std::size_t limit = write_limit();
    for (; count < batch.size() && next + count < pieces.size() && bytes < limit; ++count) {
      const std::string_view piece =
          pieces[next + count].substr(count == 0 ? skip : 0, limit - bytes);
      batch[count] = iovec{const_cast<char*>(piece.data()), piece.size()};
      bytes += piece.size();
    }
    const ssize_t written = ::writev(m_fd, batch.data(), static_cast<int>(count));
    if (written < 0 && may_retry(m_fd)) continue;
    if (written <= 0) {
      stop_after(written);
      break;
    }
    m_offset += static_cast<std::size_t>(written);
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
    const ssize_t written = ::write(m_fd, pending.data(), std::min(pending.size(), write_limit()));
    if (written < 0 && may_retry(m_fd)) continue;
    if (written <= 0) {
      stop_after(written);
      break;
    }
    m_offset += static_cast<std::size_t>(written);
    pending.remove_prefix(static_cast<std::size_t>(written));
  }
}

void OutputBuffer::stop_after(ssize_t written) noexcept {
  if (written < 0 && errno == EPIPE) {
    m_state = OutputState::closed;  // the reader went away: a quiet end
    return;
  }
  m_state = OutputState::failed;
  // A write of some bytes that writes none has no errno; the device took nothing.
  m_error = written < 0 ? errno : EIO;
}

}  // namespace errscope
