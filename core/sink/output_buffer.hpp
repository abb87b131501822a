#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace errscope {

/// Whether the reader of the output is still there.
enum class OutputState { open, closed };

/// Block-buffered output to a file descriptor with write(2), or into a string (a part of the
/// output made by a worker thread, written later in order). A closed pipe (EPIPE) turns it to
/// OutputState::closed and later writes are dropped, so the scan can stop quietly.
class OutputBuffer {
 public:
  explicit OutputBuffer(int fd, std::size_t capacity = 1 << 18);
  /// Output collected into `target` instead of written to a descriptor.
  explicit OutputBuffer(std::string& target, std::size_t capacity = 1 << 18);
  ~OutputBuffer();
  OutputBuffer(const OutputBuffer&) = delete;
  OutputBuffer& operator=(const OutputBuffer&) = delete;

  /// The buffer to append to; call commit() after appending.
  std::string& buffer() noexcept { return m_buffer; }
  /// Writes the buffer out once it holds a block.
  void commit();
  /// Appends `bytes`; a large run is written straight through instead of being copied.
  void write(std::string_view bytes);
  /// Writes everything pending now (before waiting for input, and at the end).
  void flush();
  OutputState state() const noexcept { return m_state; }

 private:
  void write_all(std::string_view bytes);

  int m_fd;
  std::string* m_target = nullptr;
  std::size_t m_capacity;
  std::string m_buffer;
  OutputState m_state = OutputState::open;
};

}  // namespace errscope
