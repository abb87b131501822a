#pragma once

#include <cstdint>
#include <vector>

#include "lines/line_reader.hpp"
#include "matcher/matcher.hpp"
#include "prefilter/literal_prefilter.hpp"
#include "sink/line_printer.hpp"
#include "source/file_source.hpp"

namespace errscope {

/// What one scan saw.
struct ScanTotals {
  std::uint64_t lines = 0;
  std::uint64_t matched_lines = 0;
  std::uint64_t matches = 0;

  ScanTotals& operator+=(const ScanTotals& other) noexcept;
};

/// The `scan` pipeline: source → line reader → prefilter → matcher → printer, one input at a
/// time. Lines that contain none of the vendors' anchor literals never reach the regexes and are
/// passed to the printer as whole spans.
class Scanner {
 public:
  Scanner(const Matcher& matcher, PrinterOptions options, OutputBuffer& out);

  /// Scans one input to its end (or until the output is closed). Output is flushed whenever the
  /// input would wait, so a line piped in appears at once while bulk output stays buffered.
  Status scan(FileSource& source);
  const ScanTotals& totals() const noexcept { return m_totals; }

 private:
  void scan_block(std::string_view file, const LineBlock& block);
  void match_line(std::string_view file, const LineView& line);

  const Matcher& m_matcher;
  LinePrinter m_printer;
  OutputBuffer& m_out;
  std::vector<Match> m_matches;
  ScanTotals m_totals;
};

}  // namespace errscope
