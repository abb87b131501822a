#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include "lines/line_reader.hpp"
#include "matcher/match.hpp"

namespace errscope {

/// What consumes a scan (ripgrep's "sink"): the line printer of `scan`, the report builder of
/// `report`. The views it is given live until end_block().
class ScanSink {
 public:
  virtual ~ScanSink() = default;

  /// A new input starts (its name is "-" for standard input).
  virtual void begin_input(std::string_view name) { (void)name; }
  /// A run of `count` whole lines that carry no code (none holds a vendor's anchor), the first
  /// of them line `first_line` of its input.
  virtual void on_plain(std::string_view lines, std::size_t first_line, std::size_t count) = 0;
  /// One line that holds an anchor, with the codes found in it (possibly none).
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
