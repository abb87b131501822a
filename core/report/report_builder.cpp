#include "report/report_builder.hpp"

#include <sys/stat.h>

#include <ctime>
#include <string>

namespace errscope {

namespace {

// How many lines back a code line without a timestamp looks for one before taking the last
// timestamp known from earlier blocks.
constexpr std::size_t k_max_lines_back = 256;

SyslogYear year_of(std::time_t when) {
  std::tm local{};
  ::localtime_r(&when, &local);
  return SyslogYear{local.tm_year + 1900, local.tm_mon + 1};
}

}  // namespace

ReportBuilder::ReportBuilder(Report& report, ReportWindow window)
    : m_report(report), m_window(window) {
  m_report.set_time_range(window.times);
}

void ReportBuilder::begin_input(std::string_view name) {
  m_last_time = m_inherited;
  m_inherited.reset();
  m_tail = {};
  struct stat info {};
  if (name != "-" && ::stat(std::string(name).c_str(), &info) == 0) {
    m_syslog_year = year_of(info.st_mtime);
  } else {
    m_syslog_year = year_of(std::time(nullptr));
  }
}

std::optional<WallMillis> ReportBuilder::own_time(std::string_view line) const {
  const auto value = find_time_value(line, m_syslog_year);
  if (!value) return std::nullopt;
  return m_window.tz_offset_minutes ? value->in_zone(*m_window.tz_offset_minutes) : value->wall;
}

std::optional<WallMillis> ReportBuilder::last_time_in(std::string_view lines) const {
  std::size_t end = lines.size();
  for (std::size_t looked = 0; end > 0 && looked < k_max_lines_back; ++looked) {
    std::size_t line_end = end;
    if (lines[line_end - 1] == '\n') --line_end;
    const std::size_t newline =
        line_end == 0 ? std::string_view::npos : lines.rfind('\n', line_end - 1);
    const std::size_t start = newline == std::string_view::npos ? 0 : newline + 1;
    if (const auto time = own_time(lines.substr(start, line_end - start))) return time;
    end = start;
  }
  return std::nullopt;
}

bool ReportBuilder::in_window(std::optional<WallMillis> time) const noexcept {
  if (!windowed()) return true;
  if (!time) return false;
  if (m_window.since && *time < *m_window.since) return false;
  if (m_window.until && *time >= *m_window.until) return false;
  return true;
}

void ReportBuilder::extend_tail(std::string_view lines) {
  if (!m_tail.empty() && m_tail.data() + m_tail.size() == lines.data()) {
    m_tail = std::string_view(m_tail.data(), m_tail.size() + lines.size());
    return;
  }
  if (!m_tail.empty()) {
    if (const auto time = last_time_in(m_tail)) m_last_time = time;
  }
  m_tail = lines;
}

void ReportBuilder::on_plain(std::string_view lines, std::size_t /*first_line*/,
                             std::size_t count) {
  if (!windowed()) {
    m_report.add_plain_lines(count);
    extend_tail(lines);
    return;
  }
  // With a window every line's time decides whether it counts.
  while (!lines.empty()) {
    const LineView line = split_first_line(lines);
    if (const auto time = own_time(line.text)) m_last_time = time;
    if (in_window(m_last_time)) m_report.add_plain_lines(1);
    lines.remove_prefix(line.text.size() + line.ending.size());
  }
}

void ReportBuilder::on_line(std::string_view /*file*/, const LineView& line,
                            std::span<const Match> matches) {
  if (matches.empty() && !windowed()) {
    // A line with an anchor but no code only counts; its time matters only if a later line
    // inherits it, so it joins the plain lines searched backwards then (they are contiguous).
    m_report.add_plain_lines(1);
    extend_tail(std::string_view(line.text.data(), line.text.size() + line.ending.size()));
    return;
  }
  std::optional<WallMillis> time = own_time(line.text);
  if (!time && !m_tail.empty()) time = last_time_in(m_tail);
  if (!time) time = m_last_time;
  m_last_time = time;
  m_tail = {};
  if (!in_window(time)) return;
  m_report.add_line(matches, time);
}

void ReportBuilder::end_block() {
  if (!m_tail.empty()) {
    if (const auto time = last_time_in(m_tail)) m_last_time = time;
    m_tail = {};
  }
}

}  // namespace errscope
