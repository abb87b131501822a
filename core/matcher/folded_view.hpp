#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "matcher/match.hpp"
#include "matcher/matcher.hpp"

// Internal to matcher/: a line with the escapings log pipelines add undone, so the vendors'
// regexes find a code that nginx, a JSON or HTML encoder, a URL, a CSV export, a coloured
// console or a full-width keyboard wrapped once more.

namespace errscope {

/// A folded view of one line: nginx `\xHH`, JSON `\u00HH` (ASCII), HTML entities (`&quot;`,
/// `&#34;`, `&#x22;`, `&lt;` … ASCII only), URL `%HH`, CSV's doubled `""`, ANSI escape
/// sequences (removed) and the full-width `：` `＝` `，` undone, with each byte's place in the
/// line. A decoded control byte is a space (never a newline). A line still holding an escaping
/// after one pass is folded once more (`&amp;quot;`, `%2522`), never more. Reuses its buffers:
/// no allocation once they have grown.
class FoldedView {
 public:
  /// Whether `line` holds an escaping fold() undoes (a `""` counts only next to a letter, digit
  /// or `_`, as around a CSV-quoted key, not as a JSON empty string). Cheap: one pass, no
  /// allocation.
  static bool worth_folding(std::string_view line) noexcept;
  /// The same within a field's reach of the line's candidates (sorted by start): a few dozen
  /// bytes around each key, where an escaping can hide a field, not the whole line.
  static bool worth_folding(std::string_view line, std::span<const Candidate> candidates) noexcept;

  /// Whether the key (an anchor) at `at` in `text` follows the end of an escaping (`\x22`,
  /// `%22`, `&quot;`, `""`, a colour) and its line has one fold() undoes within a field's reach
  /// of it (a few bytes before, a few dozen after).
  static bool escaped_near(std::string_view text, std::size_t at) noexcept;

  /// Folds `line` (which must stay alive while text() is in use).
  void fold(std::string_view line);
  /// The folded text; valid until the next fold() or release().
  std::string_view text() const noexcept;
  /// The offset in the line of the text's byte at `view_offset` (the escaping it came from
  /// starts there); text().size() maps to the line's size.
  std::size_t original_offset(std::size_t view_offset) const noexcept;
  /// The offset in the line just past the text's bytes before `view_end` (past the whole
  /// escaping the last one came from), so [original_offset(a), original_end(b)) is the line's
  /// span for the text's [a, b).
  std::size_t original_end(std::size_t view_end) const noexcept;
  /// Points a match found in text() at the folded line: its offset, and its code, param and
  /// sub-code as the line's bytes, or, where the line escaped them, the table's own code (a
  /// sub-code the table lacks is dropped). False when the line holds the code only escaped and
  /// the table does not know it, so it has nothing to show.
  bool point_at_line(std::string_view line, Match& match) const noexcept;
  /// Frees the buffers when a long line grew them past `limit` bytes.
  void release(std::size_t limit) noexcept;

 private:
  /// One escaping undone: `source_size` bytes at `source` became `view_size` (0 or 1) bytes at
  /// `view`; the bytes between two edits are copied as they are.
  struct Edit {
    std::size_t view = 0;
    std::size_t source = 0;
    std::size_t view_size = 0;
    std::size_t source_size = 0;
  };
  /// One left-to-right pass over a source: its text and edits.
  struct Pass {
    std::string text;
    std::vector<Edit> edits;
    void run(std::string_view source);
    std::size_t to_source(std::size_t view_offset) const noexcept;
    std::size_t end_in_source(std::size_t view_end) const noexcept;
  };

  Pass m_first;
  Pass m_second;
  bool m_twice = false;
};

}  // namespace errscope
