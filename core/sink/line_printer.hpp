#pragma once

#include <cstdint>
#include <span>
#include <string>
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

/// Whether each text line starts with its input's name (grep's -H).
enum class FileNames { hidden, shown };

/// Whether each text line starts with its line number (grep's -n).
enum class LineNumbers { hidden, shown };

/// How scan results are written.
struct PrinterOptions {
  OutputFormat format = OutputFormat::text;
  LineSelection selection = LineSelection::all;
  TextSafety safety = TextSafety::raw;
  ColorMode color = ColorMode::plain;
  /// Text only (NDJSON always has both): `file:12:line` for a line printed for itself,
  /// `file-13-line` for a line of context, as grep writes them; also whether counts are named.
  FileNames file_names = FileNames::hidden;
  LineNumbers line_numbers = LineNumbers::hidden;
};

/// How grep names standard input in its output (NDJSON keeps `-`).
inline constexpr std::string_view k_stdin_display_name = "(standard input)";

/// The sink of `scan`: writes each line as text (original bytes, annotation before the line
/// ending) or, for lines with codes, as one NDJSON object. A last line without a line ending
/// keeps it missing, unless another input's line follows (it then gets a '\n', so lines of two
/// inputs never merge) or only lines with codes are written (each then ends with '\n', as in
/// grep). A line longer than 256 KiB is written in pieces, never held a second time whole.
/// With a file name or line number before each line, a run of plain lines is written line by
/// line (without them, as one run: the fast path allocates and splits nothing).
class LinePrinter final : public ScanSink {
 public:
  LinePrinter(PrinterOptions options, OutputBuffer& out) : m_options(options), m_out(out) {}

  void begin_input(const InputInfo& input) override;
  void on_plain(std::string_view lines, std::size_t first_line, std::size_t /*count*/) override {
    if (prefixed()) {
      print_plain_numbered(lines, first_line);
    } else {
      print_plain(lines);
    }
  }
  void on_line(std::string_view file, const LineView& line,
               std::span<const Match> matches) override {
    ++m_code_lines;
    print(file, line, matches);
  }
  void before_wait() override { m_out.flush(); }
  bool stopped() const override { return m_out.state() != OutputState::open; }

  /// Writes one line of input `file` for itself (`file:12:` before it), with the codes found in
  /// it; NDJSON has only lines with codes, so a line without any is not written there.
  void print(std::string_view file, const LineView& line, std::span<const Match> matches);
  /// Writes a line of context (text only; `file-13-` before it), annotated when it has codes.
  void print_context(const LineView& line, std::span<const Match> matches);
  /// Writes a line of context kept earlier, with its annotation as render_annotation made it.
  void print_kept(const LineView& line, std::string_view annotation);
  /// Appends the annotation of `matches` as this printer writes it (colour included).
  void render_annotation(std::string& out, std::span<const Match> matches) const;
  /// Writes grep's `--` between groups of lines that do not touch.
  void print_separator();
  /// Writes the count of input `name`'s lines (grep's -c): `name:N`, or `N` without names.
  void print_count(std::string_view name, std::uint64_t count);
  /// Writes the name of an input (grep's -l).
  void print_file_name(std::string_view name);
  /// Lines with codes heard through on_line (the lines --matches-only writes).
  std::uint64_t code_lines() const noexcept { return m_code_lines; }
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
  /// Whether text lines carry a name or number before them.
  bool prefixed() const noexcept {
    return m_options.format == OutputFormat::text && (m_options.file_names == FileNames::shown ||
                                                      m_options.line_numbers == LineNumbers::shown);
  }
  /// A line's role, which the character after its name and number tells (grep's `:` or `-`).
  enum class LineRole { selected, context };
  /// Writes the name and number before a line (nothing when not prefixed()).
  void write_prefix(std::size_t number, LineRole role);
  /// Writes an input's name as shown: standard input as grep names it, made visible on a
  /// terminal, coloured when colour is on.
  void write_name(std::string_view name);
  /// print_plain with each line's name and number before it.
  void print_plain_numbered(std::string_view lines, std::size_t first_line);
  /// Writes a line's text, then `annotation` (or that of `matches`), then its ending.
  void print_text(const LineView& line, std::span<const Match> matches,
                  LineRole role = LineRole::selected, std::string_view annotation = {});
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
  std::string m_file;  ///< the current input's name, kept only when names are written
  std::uint64_t m_code_lines = 0;
};

}  // namespace errscope
