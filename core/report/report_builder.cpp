#include "report/report_builder.hpp"

#include <cstring>
#include <ctime>
#include <string>

namespace errscope {

bool ReportWindow::admits(std::optional<WallMillis> time) const noexcept {
  if (!bounded()) return true;
  if (!time) return false;
  if (since && *time < *since) return false;
  if (until && *time >= *until) return false;
  return true;
}

ReportBuilder::ReportBuilder(Report& report, ReportWindow window)
    : m_report(report), m_window(window) {
  m_report.set_time_range(window.times);
}

void ReportBuilder::begin_input(const InputInfo& input) {
  m_last_time.reset();
  m_head = m_next_head;
  m_next_head = nullptr;
  m_report.begin_input(m_window.source, input.name, m_next_part);
  if (m_head != nullptr) m_head->begin_input(m_window.source, input.name, m_next_part);
  m_next_part = 0;
  m_tail = {};
  m_syslog_year = syslog_year_at(input.modified.value_or(std::time(nullptr)));
}

std::optional<WallMillis> ReportBuilder::own_time(std::string_view line) const {
  const auto value = find_time_value(line, m_syslog_year);
  if (!value) return std::nullopt;
  return m_window.tz ? m_window.tz->wall_of(*value) : value->wall;
}

std::optional<WallMillis> ReportBuilder::last_time_in(std::string_view lines) const {
  // No bound on how far back: the caller empties the tail afterwards, so every line is looked
  // at once at most, whatever the distance to the last timestamp (none at all included).
  std::size_t end = lines.size();
  while (end > 0) {
    std::size_t line_end = end;
    if (lines[line_end - 1] == '\n') --line_end;
    const void* newline = line_end == 0 ? nullptr : ::memrchr(lines.data(), '\n', line_end);
    const std::size_t start =
        newline == nullptr
            ? 0
            : static_cast<std::size_t>(static_cast<const char*>(newline) - lines.data()) + 1;
    std::size_t text_end = line_end;  // without a CR of a CRLF, as split_first_line gives it
    if (text_end > start && line_end < end && lines[text_end - 1] == '\r') --text_end;
    if (const auto time = own_time(lines.substr(start, text_end - start))) return time;
    end = start;
  }
  return std::nullopt;
}

void ReportBuilder::settle_tail() {
  if (m_tail.empty()) return;
  if (const auto time = last_time_in(m_tail)) m_last_time = time;
  m_tail = {};
}

void ReportBuilder::extend_tail(std::string_view lines) {
  if (!m_tail.empty() && m_tail.data() + m_tail.size() == lines.data()) {
    m_tail = std::string_view(m_tail.data(), m_tail.size() + lines.size());
    return;
  }
  settle_tail();
  m_tail = lines;
}

void ReportBuilder::on_plain(std::string_view lines, std::size_t /*first_line*/,
                             std::size_t count) {
  m_read_bytes += lines.size();
  m_read_lines += count;
  if (!m_window.bounded()) {
    m_report.add_plain_lines(count);
    extend_tail(lines);
    return;
  }
  // With a window every line's time decides whether it counts.
  while (!lines.empty()) {
    const LineView line = split_first_line(lines);
    if (const auto time = own_time(line.text)) m_last_time = time;
    if (!m_last_time && m_head != nullptr) {
      m_head->add_plain_lines(1);
    } else if (m_window.admits(m_last_time)) {
      m_report.add_plain_lines(1);
    }
    lines.remove_prefix(line.text.size() + line.ending.size());
  }
}

void ReportBuilder::on_line(std::string_view /*file*/, const LineView& line,
                            std::span<const Match> matches) {
  m_read_bytes += line.text.size() + line.ending.size();
  ++m_read_lines;
  std::optional<WallMillis> time = own_time(line.text);
  if (!time && !m_tail.empty()) time = last_time_in(m_tail);
  if (!time) time = m_last_time;
  m_last_time = time;
  m_tail = {};
  if (!time && m_head != nullptr) {
    m_head->add_line(matches, std::nullopt, line.text, line.number);
    return;
  }
  if (!m_window.admits(time)) return;
  m_report.add_line(matches, time, line.text, line.number);
}

void ReportBuilder::end_block() {
  settle_tail();
  m_report.add_read(m_read_bytes, m_read_lines);
  m_read_bytes = 0;
  m_read_lines = 0;
}

}  // namespace errscope
