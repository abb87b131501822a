#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "source/file_source.hpp"
#include "source/mapped_file.hpp"
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

/// Counts the '\n' bytes of `text` (32 at a time with AVX2 where the CPU has it, else 8).
std::size_t count_newlines(std::string_view text) noexcept;

/// Reads a source in large blocks and hands out runs of whole lines without copying them. A
/// regular file is mapped in windows (MappedFile) and its lines are handed out where the page
/// cache holds them; other input is read into a buffer. A line longer than the buffer or window
/// grows it (searching only the new bytes for its end, so even a 64 MiB line costs linear time).
/// Memory is bounded by the longest line, not by the input.
class LineReader {
 public:
  /// Called before a read that would wait for input: the moment to flush pending output.
  using BeforeWait = std::function<void()>;

  /// How the reader gets the bytes of a regular file.
  enum class Access { map_files, read_only };

  explicit LineReader(FileSource& source, BeforeWait before_wait = {},
                      std::size_t block_size = 1 << 20, Access access = Access::map_files);

  /// The next run of whole lines, or nullopt at the end of the input. A read error (a truncated
  /// compressed file, an I/O error) comes after the lines read before it, the last partial line
  /// included, so nothing that was read is lost.
  Result<std::optional<LineBlock>> next_block();

 private:
  Status fill();
  /// next_block() for a mapped file.
  Result<std::optional<LineBlock>> next_mapped_block();

  FileSource& m_source;
  BeforeWait m_before_wait;
  std::vector<char> m_buffer;
  std::size_t m_begin = 0;    ///< start of the bytes not yet handed out
  std::size_t m_end = 0;      ///< end of the bytes read
  std::size_t m_scanned = 0;  ///< bytes from m_begin already searched for a newline
  bool m_eof = false;
  /// A read error, reported once every byte read before it has been handed out.
  std::optional<Diagnostic> m_pending_error;

  std::optional<MappedFile> m_mapped;  ///< set when the source is a mapped regular file
  std::string_view m_window;           ///< the mapped bytes from file offset m_window_offset
  std::uint64_t m_window_offset = 0;
  std::uint64_t m_position = 0;  ///< file offset of the first byte not yet handed out
  std::size_t m_block_size;
};

}  // namespace errscope
