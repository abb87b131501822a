#include "scan/scanner.hpp"

#include "lines/line_reader.hpp"

namespace errscope {

ScanTotals& ScanTotals::operator+=(const ScanTotals& other) noexcept {
  lines += other.lines;
  matched_lines += other.matched_lines;
  matches += other.matches;
  return *this;
}

Scanner::Scanner(const Matcher& matcher, PrinterOptions options, OutputBuffer& out)
    : m_matcher(matcher), m_printer(options, out), m_out(out) {
  m_matches.reserve(64);
}

Status Scanner::scan(FileSource& source) {
  LineReader reader(source, [this]() { m_out.flush(); });
  while (m_out.state() == OutputState::open) {
    auto line = reader.next();
    if (!line.ok()) return std::move(line).error();
    if (!line->has_value()) break;
    const LineView& view = **line;
    m_matches.clear();
    const std::size_t found = m_matcher.find(view.text, m_matches);
    ++m_totals.lines;
    if (found > 0) {
      ++m_totals.matched_lines;
      m_totals.matches += found;
    }
    m_printer.print(source.name(), view, m_matches);
  }
  return ok_status();
}

}  // namespace errscope
