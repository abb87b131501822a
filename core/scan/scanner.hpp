#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lines/line_reader.hpp"
#include "matcher/matcher.hpp"
#include "sink/scan_sink.hpp"
#include "source/file_source.hpp"

namespace errscope {

/// The pipeline: source → line reader → matcher → sink, one input at a time. Only the lines the
/// matcher names as candidates reach its regexes; every run of lines without a code (whether a
/// candidate or not) goes to the sink as one span, so a line the sink hears of alone has codes.
class Scanner {
 public:
  Scanner(const Matcher& matcher, ScanSink& sink);

  /// Scans one input to its end (or until the sink stops). The sink hears before_wait()
  /// whenever the input would wait, so a line piped in can leave at once.
  Status scan(FileSource& source, std::size_t first_line = 1);
  /// Scans `text`, an input (or a line-aligned part of one) already in memory, as one block:
  /// the sink's views point into `text` itself, so they live as long as the caller keeps it.
  /// Returns the number of lines scanned.
  std::size_t scan_text(std::string_view name, std::string_view text, std::size_t first_line = 1);
  /// The number the next line of the current input would have (after a scan: the first line's
  /// number plus the lines scanned).
  std::size_t next_line() const noexcept { return m_next_line; }

 private:
  void scan_block(std::string_view file, const LineBlock& block);
  /// Finds the codes of one line into m_matches, given its candidates (none: the matcher looks
  /// for its anchors itself); true when it has some. RE2 (in UTF-8 mode) matches no invalid
  /// UTF-8 byte, not even with `[^\]]`: a line that holds some (up to 1 MiB long) is matched as
  /// a copy with each such byte made 0x1A (ASCII's SUBSTITUTE), so it counts as one unknown
  /// character, and the matches are then made views of the line itself.
  bool find_codes(const LineView& line, std::span<const Candidate> candidates);
  /// Hands the sink a line with codes, after the run of plain lines pending before it, which
  /// then starts after the line. `line_at` is the line's offset in `text`.
  void pass_line(std::string_view file, std::string_view text, std::size_t line_at,
                 const LineView& line);
  /// Hands the sink the plain lines pending up to `end` (whose first line is number `end_line`)
  /// and ends the block there.
  void pass_plain(std::string_view text, std::size_t end, std::size_t end_line);
  /// The block path for blocks over 4 GiB (a huge line): finds one candidate at a time.
  void scan_block_line_by_line(std::string_view file, std::string_view text);

  const Matcher& m_matcher;
  ScanSink& m_sink;
  std::vector<Match> m_matches;
  std::vector<Candidate> m_candidates;  ///< the current block's
  std::size_t m_next_line = 1;  ///< the number of the next line of the current input
  /// The run of lines without a code not yet handed to the sink: from this offset in the block,
  /// and this line number, up to the current line.
  std::size_t m_plain_at = 0;
  std::size_t m_plain_line = 1;
  ReadBuffer m_read_buffer;  ///< the line reader's block, kept from input to input
  std::string m_valid_copy;  ///< a line with invalid UTF-8 as the regexes see it
};

}  // namespace errscope
