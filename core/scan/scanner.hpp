#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lines/line_reader.hpp"
#include "matcher/matcher.hpp"
#include "prefilter/literal_prefilter.hpp"
#include "sink/scan_sink.hpp"
#include "source/file_source.hpp"

namespace errscope {

/// The pipeline: source → line reader → prefilter → matcher → sink, one input at a time. Lines
/// that contain none of the vendors' anchor literals never reach the regexes and go to the sink
/// as whole spans.
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
  /// Finds the codes of one line and hands it to the sink. RE2 (in UTF-8 mode) matches no
  /// invalid UTF-8 byte, not even with `[^\]]`: a line that holds some (up to 1 MiB long) is
  /// matched as a copy with each such byte made 0x1A (ASCII's SUBSTITUTE), so it counts as one
  /// unknown character, and the matches are then made views of the line itself.
  void match_line(std::string_view file, const LineView& line,
                  const std::span<const LiteralPrefilter::Occurrence>* occurrences);
  /// Keeps, as the prefilter finds them, only the occurrences some regex may match at, marked
  /// with the regexes to attempt (Matcher::mark), so lines without a chance pass as plain ones.
  class Marker final : public LiteralPrefilter::OccurrenceFilter {
   public:
    explicit Marker(const Matcher& matcher) : m_matcher(matcher) {}
    bool keep(std::string_view text,
              LiteralPrefilter::Occurrence& occurrence) const noexcept override {
      return m_matcher.mark(text, occurrence);
    }

   private:
    const Matcher& m_matcher;
  };
  /// Where the line holding offset `hit` starts (not before `from`).
  static std::size_t line_start_of(std::string_view text, std::size_t from,
                                   std::size_t hit) noexcept;
  /// Hands text[at, end), `count` plain lines, to the sink; moves `at` to `end`.
  void pass_plain(std::string_view text, std::size_t& at, std::size_t end, std::size_t count);
  /// The block path for blocks over 4 GiB (a huge line): finds one hit at a time.
  void scan_block_line_by_line(std::string_view file, std::string_view text,
                               const LiteralPrefilter& prefilter);

  const Matcher& m_matcher;
  ScanSink& m_sink;
  std::vector<Match> m_matches;
  std::vector<LiteralPrefilter::Occurrence> m_occurrences;       ///< the current block's
  std::vector<LiteralPrefilter::Occurrence> m_line_occurrences;  ///< one line's, line-relative
  std::size_t m_next_line = 1;  ///< the number of the next line of the current input
  ReadBuffer m_read_buffer;     ///< the line reader's block, kept from input to input
  std::string m_valid_copy;     ///< a line with invalid UTF-8 as the regexes see it
  Marker m_marker;
};

}  // namespace errscope
