#pragma once

#include <span>
#include <string_view>

#include "lines/line_reader.hpp"
#include "matcher/match.hpp"
#include "sink/output_buffer.hpp"
#include "sink/scan_sink.hpp"
#include "util/ansi.hpp"

namespace errscope {

/// Whether log text is written byte for byte (files, pipes) or with control characters shown
/// visibly (a terminal, where they would otherwise act).
enum class TextSafety { raw, visible };

/// Which lines the text printer writes.
enum class LineSelection { all, matches_only };

/// The scan's output format.
enum class OutputFormat { text, json };

/// How scan results are written.
struct PrinterOptions {
  OutputFormat format = OutputFormat::text;
  LineSelection selection = LineSelection::all;
  TextSafety safety = TextSafety::raw;
  ColorMode color = ColorMode::plain;
};

/// The sink of `scan`: writes each line as text (original bytes, annotation before the line
/// ending) or, for lines with codes, as one NDJSON object. A last line without a line ending
/// keeps it missing, unless another input's line follows (it then gets a '\n', so lines of two
/// inputs never merge) or only lines with codes are written (each then ends with '\n', as in
/// grep). A line longer than 256 KiB is written in pieces, never held a second time whole.
class LinePrinter final : public ScanSink {
 public:
  LinePrinter(PrinterOptions options, OutputBuffer& out) : m_options(options), m_out(out) {}

  void on_plain(std::string_view lines, std::size_t /*first_line*/,
                std::size_t /*count*/) override {
    print_plain(lines);
  }
  void on_line(std::string_view file, const LineView& line,
               std::span<const Match> matches) override {
    print(file, line, matches);
  }
  void before_wait() override { m_out.flush(); }
  bool stopped() const override { return m_out.state() != OutputState::open; }

  /// Writes one line of input `file` with the codes found in it (at least one).
  void print(std::string_view file, const LineView& line, std::span<const Match> matches);
  /// Writes a run of whole lines known to carry no code (as they came, unless they go to a
  /// terminal, where their control characters are made visible). An output part made with
  /// KeptBytes::refer keeps a reference to them: the caller then keeps them until it is written.
  void print_plain(std::string_view lines);
  /// Whether the output so far ends inside a line: the last line written was an input's last,
  /// without a line ending. The next line written starts on a line of its own.
  bool line_open() const noexcept { return m_line_open; }
  /// Sets whether the output ends inside a line, for a printer that takes over an output (or
  /// starts a part of it, with -j, whose writer puts the line ending between inputs: false).
  void set_line_open(bool open) noexcept { m_line_open = open; }

 private:
  void print_text(const LineView& line, std::span<const Match> matches);
  void print_json(std::string_view file, const LineView& line, std::span<const Match> matches);
  /// Ends an open line before a line of another input.
  void close_open_line() {
    if (m_line_open) {
      m_out.buffer() += '\n';
      m_line_open = false;
    }
  }
  /// Writes a long line's text, made visible, in pieces.
  void write_visible_in_pieces(std::string_view text);
  /// Writes a long line's text as a JSON string, in pieces: the runs that need no escaping are
  /// written as they are (an output part refers to them).
  void write_json_string_in_pieces(std::string_view text);

  PrinterOptions m_options;
  OutputBuffer& m_out;
  bool m_line_open = false;
};

}  // namespace errscope
