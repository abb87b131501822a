#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace errscope {

/// Whether output can still be written: open; closed, as the reader went away (EPIPE, the quiet
/// end of `errscope big.log | head`); or failed, as a write failed otherwise (a full disk, an I/O
/// error, a closed descriptor), which the caller must report.
enum class OutputState { open, closed, failed };

/// What an output collected for later does with bytes given to OutputBuffer::write_kept():
/// copy them, or refer to them (the caller keeps them, unchanged, until the part is written).
enum class KeptBytes { copy, refer };

/// A part of the output made by a worker thread and written later, in order: the bytes its
/// printer made, interleaved with references to input bytes the worker still holds (the plain
/// lines of a part read into memory), so a pass-through scan never copies them, and with line
/// numbers counted from the part's start, made absolute when the part is written.
class OutputPart {
 public:
  /// Whether some piece refers to bytes outside the part (they must outlive it).
  bool refers() const noexcept { return m_refers; }
  /// Whether the part holds no output (once its OutputBuffer has been flushed or is gone).
  bool empty() const noexcept { return m_pieces.empty(); }
  /// Empties the part, keeping its memory for the next one.
  void clear() noexcept;
  /// Bytes the part's printer made, and the room its string holds for them.
  std::size_t made_size() const noexcept { return m_made.size(); }
  std::size_t made_capacity() const noexcept { return m_made.capacity(); }
  /// Visits the pieces in order as string views (once its OutputBuffer has been flushed or is
  /// gone), line numbers raised by `line_offset`; a line number's view lives until `visit`
  /// returns.
  template <typename Visit>
  void for_each_piece(std::size_t line_offset, Visit&& visit) const {
    char digits[k_max_digits];
    for (const Piece& piece : m_pieces) visit(view_of(piece, line_offset, digits));
  }

 private:
  friend class OutputBuffer;
  static constexpr std::size_t k_max_digits = 20;
  enum class Kind { made, kept, line_number };
  /// Bytes [begin, begin + size) of m_made, `size` bytes at `kept`, or the line number `begin`;
  /// never empty (a write that moves no byte would read as a closed output).
  struct Piece {
    Kind kind;
    const char* kept;
    std::size_t begin;
    std::size_t size;
  };
  /// A piece's bytes; a line number is written to `digits`.
  std::string_view view_of(const Piece& piece, std::size_t line_offset,
                           char (&digits)[k_max_digits]) const noexcept;
  /// Ends the piece of made bytes that runs to the end of m_made.
  void close_made();

  std::string m_made;
  std::vector<Piece> m_pieces;
  std::size_t m_made_closed = 0;  ///< m_made's bytes already in a piece
  bool m_refers = false;
};

/// Block-buffered output to a file descriptor with write(2), into a string, or into an
/// OutputPart (a part of the output made by a worker thread, written later in order). A closed
/// pipe (EPIPE) turns it to OutputState::closed, any other write error to OutputState::failed
/// (error() tells which); later writes are then dropped, so the scan can stop. A regular file is
/// written in pieces of at most 32 KiB that end on 32 KiB boundaries of the file (whole pages,
/// page-cache folios the kernel has at hand).
class OutputBuffer {
 public:
  explicit OutputBuffer(int fd, std::size_t capacity = 1 << 18);
  /// Output collected into `target` instead of written to a descriptor.
  explicit OutputBuffer(std::string& target, std::size_t capacity = 1 << 18);
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
  void write_all(std::string_view bytes);
  /// Records the failure of a write(2) or writev(2) call that returned `written` (errno set when
  /// it is negative): a closed pipe closes the output, any other error fails it.
  void stop_after(ssize_t written) noexcept;
  /// Bytes the next write(2) or writev(2) call may take: any number, or for a regular file up to
  /// the next multiple of m_max_write in it.
  std::size_t write_limit() const noexcept {
    return m_max_write == std::numeric_limits<std::size_t>::max()
               ? m_max_write
               : m_max_write - static_cast<std::size_t>(m_offset % m_max_write);
  }

  int m_fd = -1;
  std::string* m_target = nullptr;
  OutputPart* m_part = nullptr;
  KeptBytes m_kept = KeptBytes::copy;
  std::size_t m_capacity = 0;
  std::size_t m_max_write = std::numeric_limits<std::size_t>::max();
  std::uint64_t m_offset = 0;  ///< where the next byte goes in a regular file
  std::string m_buffer;
  std::string* m_text = &m_buffer;  ///< where printers append: m_buffer, or the part's bytes
  OutputState m_state = OutputState::open;
  int m_error = 0;
};

}  // namespace errscope
