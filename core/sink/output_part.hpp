#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace errscope {

/// A part of the output made by a worker thread and written later, in order: its own bytes (what
/// its printer made), interleaved with references to input bytes the worker still holds (the
/// plain lines of a part read into memory), so a pass-through scan never copies them, and with
/// line numbers counted from the part's start, made absolute when the part is written. An
/// OutputBuffer made on the part fills it.
class OutputPart {
 public:
  /// Whether some piece refers to bytes outside the part (they must outlive it).
  bool refers() const noexcept { return m_refers; }
  /// Whether the part holds no output (once its OutputBuffer has been flushed or is gone).
  bool empty() const noexcept { return m_pieces.empty(); }
  /// Empties the part, keeping its memory for the next one.
  void clear() noexcept;
  /// The part's own bytes, and the room its string holds for them.
  std::size_t own_size() const noexcept { return m_own.size(); }
  std::size_t own_capacity() const noexcept { return m_own.capacity(); }
  /// Visits the pieces in order as string views (once its OutputBuffer has been flushed or is
  /// gone), line numbers raised by `line_offset`; a line number's view lives until `visit`
  /// returns.
  template <typename Visit>
  void for_each_piece(std::size_t line_offset, Visit&& visit) const {
    char digits[k_max_digits];
    for (const Piece& piece : m_pieces) visit(view_of(piece, line_offset, digits));
  }
  /// Puts the pieces in order into `views`, line numbers raised by `line_offset` and written
  /// into `digits`: the views live as long as the part's bytes, the kept bytes and `digits`.
  void collect_views(std::size_t line_offset, std::vector<std::string_view>& views,
                     std::string& digits) const;

 private:
  friend class OutputBuffer;
  static constexpr std::size_t k_max_digits = 20;
  enum class Kind { own, kept, line_number };
  /// Bytes [begin, begin + size) of m_own, `size` bytes at `kept`, or the line number `begin`;
  /// never empty.
  struct Piece {
    Kind kind;
    const char* kept;
    std::size_t begin;
    std::size_t size;
  };
  /// A piece's bytes; a line number is written to `digits`.
  std::string_view view_of(const Piece& piece, std::size_t line_offset,
                           char (&digits)[k_max_digits]) const noexcept;
  /// Ends the piece of own bytes that runs to the end of m_own.
  void close_own();
  /// Adds a reference to `bytes` (not empty), which outlive the part.
  void add_kept(std::string_view bytes);
  /// Adds the line number `number`, counted from the part's start.
  void add_line_number(std::size_t number);

  std::string m_own;  ///< where the OutputBuffer made on the part appends
  std::vector<Piece> m_pieces;
  std::size_t m_own_closed = 0;  ///< m_own's bytes already in a piece
  bool m_refers = false;
};

/// The part's bytes as one string, line numbers raised by `line_offset` (for tests).
std::string to_string(const OutputPart& part, std::size_t line_offset = 0);

}  // namespace errscope
