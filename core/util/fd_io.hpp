#pragma once

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>

namespace errscope {

/// How a write to a descriptor ended: every byte written, or stopped by the errno of the call
/// that failed (EIO when a call took no byte). EPIPE means the reader went away: a quiet end,
/// as for `errscope big.log | head`; any other error is one for the caller to report.
struct WriteStatus {
  int error = 0;

  bool ok() const noexcept { return error == 0; }
  bool closed() const noexcept { return error == EPIPE; }
};

/// How many bytes each write(2) or writev(2) call to one descriptor takes: any number, or for a
/// regular file at most 32 KiB, ending on a multiple of 32 KiB of the file (whole page-cache
/// folios; see doc/performance.md). Follows the file position across the writes made with it.
class WriteAlignment {
 public:
  /// Any number of bytes per call.
  WriteAlignment() = default;
  /// The alignment for `fd`: 32 KiB pieces when it is a regular file, counted from its end when
  /// it is open to append, else from its offset; any size otherwise.
  static WriteAlignment for_descriptor(int fd) noexcept;

  /// Bytes the next call may take.
  std::size_t limit() const noexcept {
    return m_max_write == std::numeric_limits<std::size_t>::max()
               ? m_max_write
               : m_max_write - static_cast<std::size_t>(m_offset % m_max_write);
  }
  /// Records `written` bytes as written.
  void advance(std::size_t written) noexcept { m_offset += written; }

 private:
  std::size_t m_max_write = std::numeric_limits<std::size_t>::max();
  std::uint64_t m_offset = 0;  ///< where the next byte goes in a regular file
};

/// Writes all of `bytes` to `fd`: a call interrupted by a signal (EINTR) is made again, and a
/// non-blocking descriptor that is full (EAGAIN) is waited for with poll(2).
[[nodiscard]] WriteStatus write_all(int fd, std::string_view bytes, WriteAlignment& alignment);
/// write_all() with calls of any size.
[[nodiscard]] WriteStatus write_all(int fd, std::string_view bytes);
/// Writes `pieces` in order, as write_all() does, with writev(2) calls of up to 512 pieces; a
/// short write resumes inside the piece it ended in. Empty pieces are allowed.
[[nodiscard]] WriteStatus writev_all(int fd, std::span<const std::string_view> pieces,
                                     WriteAlignment& alignment);

}  // namespace errscope
