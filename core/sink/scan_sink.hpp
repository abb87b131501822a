#pragma once

#include <cstddef>
#include <ctime>
#include <optional>
#include <span>
#include <string_view>

#include "lines/line_reader.hpp"
#include "matcher/match.hpp"

namespace errscope {

/// What a sink may want to know of an input, told once when it starts.
struct InputInfo {
  std::string_view name;  ///< as in messages and output: the path, or "-" for standard input
  /// When the file was last modified (fstat on the open file); none for standard input or text
  /// scanned from memory.
  std::optional<std::time_t> modified;
};

/// What consumes a scan (ripgrep's "sink"): the line printer of `scan`, the report builder of
/// `report`. The views it is given live until end_block().
class ScanSink {
 public:
  virtual ~ScanSink() = default;

  /// A new input starts.
  virtual void begin_input(const InputInfo& input) { (void)input; }
  /// A run of `count` whole lines that carry no code, the first of them line `first_line` of
  /// its input.
  virtual void on_plain(std::string_view lines, std::size_t first_line, std::size_t count) = 0;
  /// One line with the codes found in it (at least one).
  virtual void on_line(std::string_view file, const LineView& line,
                       std::span<const Match> matches) = 0;
  /// The views given so far are about to become invalid.
  virtual void end_block() {}
  /// The input is about to wait for more data: the moment to flush output.
  virtual void before_wait() {}
  /// Whether the sink has no use for more input (its reader went away).
  virtual bool stopped() const { return false; }
};

}  // namespace errscope
