#include "sink/line_printer.hpp"

#include "annotate/annotation.hpp"
#include "time/timestamp.hpp"
#include "util/json_writer.hpp"
#include "util/utf8.hpp"

namespace errscope {

void LinePrinter::print(std::string_view file, const LineView& line,
                        std::span<const Match> matches) {
  if (m_options.format == OutputFormat::json) {
    if (!matches.empty()) print_json(file, line, matches);
  } else if (!matches.empty() || m_options.selection == LineSelection::all) {
    print_text(line, matches);
  }
  m_out.commit();
}

void LinePrinter::print_plain(std::string_view lines) {
  if (m_options.format == OutputFormat::json || m_options.selection == LineSelection::matches_only)
    return;
  if (m_options.safety == TextSafety::raw) {
    m_out.write_kept(lines);
    return;
  }
  while (!lines.empty()) {
    const LineView line = split_first_line(lines);
    print_text(line, {});
    m_out.commit();
    lines.remove_prefix(line.text.size() + line.ending.size());
  }
}

void LinePrinter::print_text(const LineView& line, std::span<const Match> matches) {
  if (m_options.safety == TextSafety::visible) {
    append_visible(m_out.buffer(), line.text);
  } else {
    m_out.write_kept(line.text);  // a long line in a part is referred to, not copied
  }
  std::string& out = m_out.buffer();
  if (!matches.empty()) append_annotation(out, matches, m_options.color);
  out += line.ending;
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
  json.string(line.text);
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
