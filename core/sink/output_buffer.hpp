#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "sink/output_part.hpp"
#include "util/fd_io.hpp"

namespace errscope {

/// Whether output can still be written: open; closed, as the reader went away (EPIPE, the quiet
/// end of `errscope big.log | head`); or failed, as a write failed otherwise (a full disk, an I/O
/// error, a closed descriptor), which the caller must report.
enum class OutputState { open, closed, failed };

/// What an output collected into an OutputPart does with bytes given to
/// OutputBuffer::write_kept(): copy them, or refer to them (the caller keeps them, unchanged,
/// until the part is written).
enum class KeptBytes { copy, refer };

/// Block-buffered output to one destination: a file descriptor, written through fd_io (a regular
/// file in aligned pieces of at most 32 KiB), or an OutputPart, which takes every byte (a part of
/// the output made by a worker thread, written later in order). A closed pipe (EPIPE) turns it to
/// OutputState::closed, any other write error to OutputState::failed (error() tells which); later
/// writes are then dropped, so the scan can stop.
class OutputBuffer {
 public:
  explicit OutputBuffer(int fd, std::size_t capacity = 1 << 18);
  /// Output collected into `target`; `kept` tells what write_kept() does.
  OutputBuffer(OutputPart& target, KeptBytes kept);
  ~OutputBuffer();
  OutputBuffer(const OutputBuffer&) = delete;
  OutputBuffer& operator=(const OutputBuffer&) = delete;

  /// The buffer to append to; call commit() after appending.
  std::string& buffer() noexcept { return *m_text; }
  /// Writes the buffer out once it holds a block.
  void commit();
  /// Appends `bytes`; a large run is written straight through instead of being copied.
  void write(std::string_view bytes);
  /// Appends `bytes` that stay valid and unchanged until this output's part has been written:
  /// an OutputPart made with KeptBytes::refer holds a reference to a large run instead of a copy.
  void write_kept(std::string_view bytes);
  /// Appends a line number: an OutputPart keeps it as a piece, so that the part can be made
  /// while the number of lines before it is still unknown.
  void write_line_number(std::size_t number);
  /// Appends a part made by another OutputBuffer, flushed or gone, its line numbers raised by
  /// `line_offset` (with writev(2) for a descriptor when the part refers to kept bytes).
  void write(const OutputPart& part, std::size_t line_offset = 0);
  /// Writes everything pending now (before waiting for input, and at the end).
  void flush();
  OutputState state() const noexcept { return m_state; }
  /// The errno of the write that failed (OutputState::failed), else 0.
  int error() const noexcept { return m_error; }

 private:
  /// Writes `bytes` to the descriptor, unless the output has stopped.
  void write_through(std::string_view bytes);
  /// Stops the output after a write that ended with `status` when it is not ok.
  void note(WriteStatus status) noexcept;

  int m_fd = -1;
  OutputPart* m_part = nullptr;
  KeptBytes m_kept = KeptBytes::copy;
  std::size_t m_capacity = 0;  ///< a block; unlimited for a part, which never writes through
  WriteAlignment m_alignment;
  std::string m_buffer;
  std::string* m_text = &m_buffer;  ///< where printers append: m_buffer, or the part's bytes
  OutputState m_state = OutputState::open;
  int m_error = 0;
};

}  // namespace errscope
