#pragma once

#include <span>
#include <string_view>

#include "lines/line_reader.hpp"
#include "matcher/matcher.hpp"
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
/// ending) or, for lines with codes, as one NDJSON object.
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
  bool stopped() const override { return m_out.state() == OutputState::closed; }

  /// Writes one line of input `file` with the codes found in it.
  void print(std::string_view file, const LineView& line, std::span<const Match> matches);
  /// Writes a run of whole lines known to carry no code (as they came, unless they go to a
  /// terminal, where their control characters are made visible). An output part made with
  /// KeptBytes::refer keeps a reference to them: the caller then keeps them until it is written.
  void print_plain(std::string_view lines);

 private:
  void print_text(const LineView& line, std::span<const Match> matches);
  void print_json(std::string_view file, const LineView& line, std::span<const Match> matches);

  PrinterOptions m_options;
  OutputBuffer& m_out;
};

}  // namespace errscope
