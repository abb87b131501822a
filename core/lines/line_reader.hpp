#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "source/file_source.hpp"
#include "util/result.hpp"

namespace errscope {

/// One line as a view into the reader's buffer, valid until the next call to next().
struct LineView {
  std::string_view text;    ///< the line without its ending
  std::string_view ending;  ///< "\n", "\r\n", or "" for a last line without a newline
  std::size_t number = 0;   ///< 1-based line number in its input
};

/// Splits a source into lines. Reads large blocks, finds newlines with memchr, and never copies a
/// line; a line longer than the buffer grows it (scanning only the new bytes, so even a 64 MiB
/// line costs linear time). Memory is bounded by the longest line, not by the input.
class LineReader {
 public:
  /// Called before a read that would wait for input: the moment to flush pending output.
  using BeforeWait = std::function<void()>;

  explicit LineReader(FileSource& source, BeforeWait before_wait = {},
                      std::size_t block_size = 1 << 20);

  /// The next line, or nullopt at the end of the input.
  Result<std::optional<LineView>> next();

 private:
  Status fill();

  FileSource& m_source;
  BeforeWait m_before_wait;
  std::vector<char> m_buffer;
  std::size_t m_begin = 0;    ///< start of the unconsumed bytes
  std::size_t m_end = 0;      ///< end of the bytes read
  std::size_t m_scanned = 0;  ///< bytes from m_begin already searched for a newline
  std::size_t m_line_number = 0;
  bool m_eof = false;
};

}  // namespace errscope
