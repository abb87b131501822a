#include "scan/scanner.hpp"

#include <cstring>

namespace errscope {

ScanTotals& ScanTotals::operator+=(const ScanTotals& other) noexcept {
  lines += other.lines;
  matched_lines += other.matched_lines;
  matches += other.matches;
  return *this;
}

Scanner::Scanner(const Matcher& matcher, ScanSink& sink) : m_matcher(matcher), m_sink(sink) {
  m_matches.reserve(64);
}

Status Scanner::scan(FileSource& source, std::size_t first_line) {
  m_sink.begin_input(source.name());
  m_next_line = first_line;
  LineReader reader(source, [this]() { m_sink.before_wait(); });
  while (!m_sink.stopped()) {
    auto block = reader.next_block();
    if (!block.ok()) {
      m_sink.end_block();
      return std::move(block).error();
    }
    if (!block->has_value()) break;
    scan_block(source.name(), **block);
    m_sink.end_block();
  }
  return ok_status();
}

void Scanner::match_line(std::string_view file, const LineView& line) {
  m_matches.clear();
  const std::size_t found = m_matcher.find(line.text, m_matches);
  if (found > 0) {
    ++m_totals.matched_lines;
    m_totals.matches += found;
  }
  m_sink.on_line(file, line, m_matches);
}

void Scanner::scan_block(std::string_view file, const LineBlock& block) {
  const std::string_view text = block.text;
  const LiteralPrefilter& prefilter = m_matcher.prefilter();
  if (prefilter.empty()) {
    // No anchors to search for: every line goes to the matcher.
    for (std::size_t at = 0; at < text.size();) {
      LineView line = split_first_line(text.substr(at));
      line.number = m_next_line++;
      ++m_totals.lines;
      at += line.text.size() + line.ending.size();
      match_line(file, line);
    }
    return;
  }
  std::size_t at = 0;  // start of the first line not yet handled
  while (at < text.size() && !m_sink.stopped()) {
    const std::size_t hit = prefilter.find_first(text, at);
    const std::size_t line_start = hit == std::string_view::npos ? text.size() : [&] {
      const void* newline = hit > at ? ::memrchr(text.data() + at, '\n', hit - at) : nullptr;
      return newline == nullptr
                 ? at
                 : static_cast<std::size_t>(static_cast<const char*>(newline) - text.data()) + 1;
    }();
    if (line_start > at) {
      const std::string_view plain = text.substr(at, line_start - at);
      const std::size_t count = count_newlines(plain) + (plain.back() == '\n' ? 0 : 1);
      m_sink.on_plain(plain, m_next_line, count);
      m_next_line += count;
      m_totals.lines += count;
      at = line_start;
    }
    if (hit == std::string_view::npos) break;
    LineView line = split_first_line(text.substr(at));
    line.number = m_next_line++;
    ++m_totals.lines;
    at += line.text.size() + line.ending.size();
    match_line(file, line);
  }
}

}  // namespace errscope
