#include "util/fd_io.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <array>

namespace errscope {

namespace {

// Pieces handed to one writev call (POSIX guarantees at least 16, Linux takes 1024).
constexpr std::size_t k_pieces_per_write = 512;
// Bytes one write call to a regular file takes at most, ending at a multiple of this in the file:
// the writes that were fastest into the page cache (see doc/performance.md).
constexpr std::size_t k_max_file_write = std::size_t{1} << 15;

// Whether a write that failed with errno may be tried again: interrupted, or a non-blocking
// descriptor (a parent may hand one over) that is full, now writable again.
bool may_retry(int fd) {
  if (errno == EINTR) return true;
  if (errno != EAGAIN && errno != EWOULDBLOCK) return false;
  pollfd wait{fd, POLLOUT, 0};
  return ::poll(&wait, 1, -1) == 1 && (wait.revents & POLLOUT) != 0;
}

// The status after a call that returned `written` (errno set when it is negative). A call of
// some bytes that writes none has no errno: the device took nothing.
WriteStatus failure(ssize_t written) noexcept {
  return WriteStatus{written < 0 ? errno : EIO};
}

}  // namespace

WriteAlignment WriteAlignment::for_descriptor(int fd) noexcept {
  WriteAlignment alignment;
  struct stat status {};
  if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) return alignment;
  alignment.m_max_write = k_max_file_write;
  // Where the first byte will land: the end for O_APPEND (`>>`), else the current offset.
  const off_t at = ::lseek(fd, 0, SEEK_CUR);
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags >= 0 && (flags & O_APPEND) != 0) {
    alignment.m_offset = static_cast<std::uint64_t>(status.st_size);
  } else if (at >= 0) {
    alignment.m_offset = static_cast<std::uint64_t>(at);
  }
  return alignment;
}

WriteStatus write_all(int fd, std::string_view bytes, WriteAlignment& alignment) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), std::min(bytes.size(), alignment.limit()));
    if (written < 0 && may_retry(fd)) continue;
    if (written <= 0) return failure(written);
    alignment.advance(static_cast<std::size_t>(written));
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return WriteStatus{};
}

WriteStatus write_all(int fd, std::string_view bytes) {
  WriteAlignment any_size;
  return write_all(fd, bytes, any_size);
}

WriteStatus writev_all(int fd, std::span<const std::string_view> pieces,
                       WriteAlignment& alignment) {
  std::array<iovec, k_pieces_per_write> batch{};
  std::size_t next = 0;  // the first piece not yet written whole
  std::size_t skip = 0;  // bytes of that piece already written
  while (true) {
    while (next < pieces.size() && pieces[next].size() == skip) {
      ++next;
      skip = 0;
    }
    if (next == pieces.size()) return WriteStatus{};
    std::size_t count = 0;
    std::size_t bytes = 0;
    const std::size_t limit = alignment.limit();
    for (std::size_t at = next; at < pieces.size() && count < batch.size() && bytes < limit; ++at) {
      const std::string_view piece = pieces[at].substr(at == next ? skip : 0, limit - bytes);
      if (piece.empty()) continue;  // a call that moves no byte would read as a failure
      batch[count++] = iovec{const_cast<char*>(piece.data()), piece.size()};
      bytes += piece.size();
    }
    const ssize_t written = ::writev(fd, batch.data(), static_cast<int>(count));
    if (written < 0 && may_retry(fd)) continue;
    if (written <= 0) return failure(written);
    alignment.advance(static_cast<std::size_t>(written));
    for (auto left = static_cast<std::size_t>(written); left > 0;) {
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

}  // namespace errscope
