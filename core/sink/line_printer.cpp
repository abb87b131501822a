#include "sink/line_printer.hpp"

#include "annotate/annotation.hpp"
#include "time/timestamp.hpp"
#include "util/json_writer.hpp"
#include "util/utf8.hpp"

namespace errscope {

namespace {

// A line longer than this is escaped or made visible piece by piece, each piece written out (or,
// in an output part, referred to) before the next, so the line is never held twice in memory.
constexpr std::size_t k_piece = std::size_t{1} << 18;

// Calls `visit` with consecutive pieces of `text` of about k_piece bytes, cut between UTF-8
// sequences (so each piece is escaped as it would be within the whole).
template <typename Visit>
void for_each_piece(std::string_view text, Visit&& visit) {
  while (!text.empty()) {
    std::size_t cut = text.size();
    if (cut > k_piece) cut = utf8_cut_before(text, k_piece);
    visit(text.substr(0, cut));
    text.remove_prefix(cut);
  }
}

// grep's colours (GREP_COLORS' defaults): names magenta, line numbers green, separators cyan.
constexpr std::string_view k_name_sgr = "35";
constexpr std::string_view k_number_sgr = "32";
constexpr std::string_view k_separator_sgr = "36";

void open_style(std::string& out, ColorMode color, std::string_view sgr) {
  if (color != ColorMode::color) return;
  out += "\x1b[";
  out += sgr;
  out += 'm';
}

void close_style(std::string& out, ColorMode color) {
  if (color == ColorMode::color) out += "\x1b[0m";
}

}  // namespace

void LinePrinter::begin_input(const InputInfo& input) {
  if (m_options.file_names == FileNames::shown) m_file.assign(input.name);
}

void LinePrinter::print(std::string_view file, const LineView& line,
                        std::span<const Match> matches) {
  if (m_options.format == OutputFormat::json) {
    if (matches.empty()) return;
    print_json(file, line, matches);
  } else {
    print_text(line, matches);
  }
  m_out.commit();
}

void LinePrinter::print_context(const LineView& line, std::span<const Match> matches) {
  if (m_options.format == OutputFormat::json) return;
  print_text(line, matches, LineRole::context);
  m_out.commit();
}

void LinePrinter::print_kept(const LineView& line, std::string_view annotation) {
  if (m_options.format == OutputFormat::json) return;
  print_text(line, {}, LineRole::context, annotation);
  m_out.commit();
}

void LinePrinter::render_annotation(std::string& out, std::span<const Match> matches) const {
  append_annotation(out, matches, m_options.color);
}

void LinePrinter::print_separator() {
  close_open_line();
  append_styled(m_out.buffer(), m_options.color, k_separator_sgr, "--");
  m_out.buffer() += '\n';
  m_out.commit();
}

void LinePrinter::print_count(std::string_view name, std::uint64_t count) {
  close_open_line();
  if (m_options.file_names == FileNames::shown) {
    write_name(name);
    append_styled(m_out.buffer(), m_options.color, k_separator_sgr, ":");
  }
  m_out.buffer() += std::to_string(count);
  m_out.buffer() += '\n';
  m_out.commit();
}

void LinePrinter::print_file_name(std::string_view name) {
  close_open_line();
  write_name(name);
  m_out.buffer() += '\n';
  m_out.commit();
}

void LinePrinter::write_name(std::string_view name) {
  if (name == "-") name = k_stdin_display_name;
  std::string& out = m_out.buffer();
  open_style(out, m_options.color, k_name_sgr);
  if (m_options.safety == TextSafety::visible) {
    append_visible(out, name);
  } else {
    out += name;
  }
  close_style(out, m_options.color);
}

void LinePrinter::write_prefix(std::size_t number, LineRole role) {
  if (!prefixed()) return;
  const std::string_view separator = role == LineRole::selected ? ":" : "-";
  if (m_options.file_names == FileNames::shown) {
    write_name(m_file);
    append_styled(m_out.buffer(), m_options.color, k_separator_sgr, separator);
  }
  if (m_options.line_numbers == LineNumbers::shown) {
    // Through write_line_number: a part made for -j numbers its lines from its own start.
    open_style(m_out.buffer(), m_options.color, k_number_sgr);
    m_out.write_line_number(number);
    close_style(m_out.buffer(), m_options.color);
    append_styled(m_out.buffer(), m_options.color, k_separator_sgr, separator);
  }
}

void LinePrinter::print_plain_numbered(std::string_view lines, std::size_t first_line) {
  if (m_options.selection == LineSelection::matches_only) return;
  std::size_t number = first_line;
  while (!lines.empty()) {
    LineView line = split_first_line(lines);
    line.number = number++;
    print_text(line, {});
    m_out.commit();
    lines.remove_prefix(line.text.size() + line.ending.size());
  }
}

void LinePrinter::print_plain(std::string_view lines) {
  if (m_options.format == OutputFormat::json ||
      m_options.selection == LineSelection::matches_only || lines.empty())
    return;
  if (m_options.safety == TextSafety::raw) {
    close_open_line();
    m_out.write_kept(lines);
    m_line_open = lines.back() != '\n';
    return;
  }
  while (!lines.empty()) {
    const LineView line = split_first_line(lines);
    print_text(line, {});
    m_out.commit();
    lines.remove_prefix(line.text.size() + line.ending.size());
  }
}

void LinePrinter::print_text(const LineView& line, std::span<const Match> matches, LineRole role,
                             std::string_view annotation) {
  close_open_line();
  write_prefix(line.number, role);
  if (m_options.safety == TextSafety::raw) {
    m_out.write_kept(line.text);  // a long line in a part is referred to, not copied
  } else if (line.text.size() > k_piece) {
    write_visible_in_pieces(line.text);
  } else {
    append_visible(m_out.buffer(), line.text);
  }
  std::string& out = m_out.buffer();
  if (!matches.empty()) append_annotation(out, matches, m_options.color);
  out += annotation;
  if (!line.ending.empty()) {
    out += line.ending;
  } else if (m_options.selection == LineSelection::matches_only) {
    out += '\n';  // each selected line a line of its own, as grep writes it
  } else {
    m_line_open = true;
  }
}

void LinePrinter::write_visible_in_pieces(std::string_view text) {
  for_each_piece(text, [this](std::string_view piece) {
    append_visible(m_out.buffer(), piece);
    m_out.commit();
  });
}

void LinePrinter::write_json_string_in_pieces(std::string_view text) {
  m_out.buffer() += '"';
  for_each_piece(text, [this](std::string_view piece) {
    if (json_string_as_is(piece)) {
      m_out.write_kept(piece);
    } else {
      append_json_string_content(m_out.buffer(), piece);
      m_out.commit();
    }
  });
  m_out.buffer() += '"';
}

void LinePrinter::print_json(std::string_view file, const LineView& line,
                             std::span<const Match> matches) {
  std::string& out = m_out.buffer();
  JsonWriter json(out);
  json.begin_object();
  json.key("file");
  json.string(file);
  json.key("line");
  json.begin_raw_value();
  m_out.write_line_number(line.number);
  if (const auto time = find_timestamp(line.text)) {
    json.key("time");
    json.string(time->text());
  }
  json.key("text");
  if (line.text.size() > k_piece) {
    json.begin_raw_value();
    write_json_string_in_pieces(line.text);
  } else {
    json.string(line.text);
  }
  json.key("matches");
  json.begin_array();
  for (const Match& match : matches) {
    json.begin_object();
    json.key("vendor");
    json.string(match.vendor->id);
    json.key("code");
    json.string(match.code);
    json.key("known");
    json.boolean(match.entry != nullptr);
    json.key("outcome");
    json.string(match.entry != nullptr ? to_string(match.entry->outcome) : "error");
    json.key("message");
    if (match.entry != nullptr) {
      json.string(match.entry->message);
    } else {
      json.null();
    }
    json.key("hint");
    if (match.entry != nullptr) {
      json.string(match.entry->hint);
    } else {
      json.null();
    }
    json.key("param");
    json.string_or_null(match.param);
    if (!match.sub_code.empty()) {
      json.key("sub_code");
      json.begin_object();
      json.key("code");
      json.string(match.sub_code);
      json.key("known");
      json.boolean(match.sub_entry != nullptr);
      json.key("message");
      json.string_or_null(match.sub_entry != nullptr ? std::string_view(match.sub_entry->message)
                                                     : "");
      json.key("hint");
      json.string_or_null(match.sub_entry != nullptr ? std::string_view(match.sub_entry->hint)
                                                     : "");
      json.end_object();
    }
    json.end_object();
  }
  json.end_array();
  json.end_object();
  out += '\n';
}

}  // namespace errscope
