#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string_view>

#include "source/file_source.hpp"
#include "util/result.hpp"

namespace errscope {

/// One line as a view into the reader's buffer, valid until the next read.
struct LineView {
  std::string_view text;    ///< the line without its ending
  std::string_view ending;  ///< "\n", "\r\n", or "" for a last line without a newline
  std::size_t number = 0;   ///< 1-based line number in its input
};

/// A run of whole lines as a view into the reader's buffer, valid until the next read: every
/// line ends with '\n' except, at the end of the input, a last line without one.
struct LineBlock {
  std::string_view text;
};

/// Splits `text` at its first line: the line and its ending, and what follows it.
LineView split_first_line(std::string_view text) noexcept;

/// A line reader's buffer, which a caller may keep across inputs. It grows with realloc: for a
/// large block glibc moves the pages (mremap) instead of copying them, and pages not yet read into
/// take no memory, so a line of N bytes costs about N bytes, not the 3N of a doubled copy.
class ReadBuffer {
 public:
  ReadBuffer() = default;
  ReadBuffer(const ReadBuffer&) = delete;
  ReadBuffer& operator=(const ReadBuffer&) = delete;
  ~ReadBuffer();

  char* data() noexcept { return m_data; }
  std::size_t size() const noexcept { return m_size; }
  /// Makes it `size` bytes, the first bytes kept (those past the old size are undefined). False,
  /// with the buffer unchanged, when the memory cannot be had.
  bool resize(std::size_t size) noexcept;
  /// Makes it `size` fresh bytes, the old ones dropped (a buffer grown by a long line shrinks).
  bool reset(std::size_t size) noexcept;

 private:
  char* m_data = nullptr;
  std::size_t m_size = 0;
};

/// Reads a source in large blocks and hands out runs of whole lines without copying them. A line
/// longer than the buffer grows it (searching only the new bytes for its end, so even a 1 GiB
/// line costs linear time, and about its own size in memory). Memory is bounded by the longest
/// line, not by the input.
class LineReader {
 public:
  /// Called before a read that would wait for input: the moment to flush pending output.
  using BeforeWait = std::function<void()>;

  explicit LineReader(FileSource& source, BeforeWait before_wait = {},
                      std::size_t block_size = 1 << 20);
  /// The same, reading into `buffer`, which the caller keeps across inputs: a run over many
  /// files or parts allocates the block (and faults its pages in) once. A buffer a long line
  /// grew past four blocks is given back first.
  LineReader(FileSource& source, ReadBuffer& buffer, BeforeWait before_wait = {},
             std::size_t block_size = 1 << 20);

  /// The next run of whole lines, or nullopt at the end of the input. A read error (a truncated
  /// compressed file, an I/O error, a line too long for the memory there is) comes after the
  /// lines read before it, the last partial line included, so nothing that was read is lost.
  Result<std::optional<LineBlock>> next_block();

 private:
  void fill();

  FileSource& m_source;
  BeforeWait m_before_wait;
  ReadBuffer m_own_buffer;  ///< the buffer when the caller lends none
  ReadBuffer& m_buffer;
  std::size_t m_begin = 0;    ///< start of the bytes not yet handed out
  std::size_t m_end = 0;      ///< end of the bytes read
  std::size_t m_scanned = 0;  ///< bytes from m_begin already searched for a newline
  bool m_eof = false;
  /// A read error, reported once every byte read before it has been handed out.
  std::optional<Diagnostic> m_pending_error;
};

}  // namespace errscope
