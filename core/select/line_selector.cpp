#include "select/line_selector.hpp"

#include <cstring>
#include <ctime>

namespace errscope {

namespace {

// Where the last `count` lines of `lines` (whole lines, the last one maybe without '\n') start:
// 0 when it has no more than `count`.
std::size_t last_lines_start(std::string_view lines, std::size_t count) noexcept {
  std::size_t end = lines.size();
  if (end > 0 && lines[end - 1] == '\n') --end;
  for (std::size_t found = 0; found < count; ++found) {
    const void* newline = end == 0 ? nullptr : ::memrchr(lines.data(), '\n', end);
    if (newline == nullptr) return 0;
    end = static_cast<std::size_t>(static_cast<const char*>(newline) - lines.data());
  }
  return end + 1;
}

}  // namespace

LineSelector::LineSelector(SelectOptions options, LinePrinter& printer)
    : m_options(options), m_printer(printer) {
  if (m_options.output != SelectOutput::lines) {
    m_options.before = 0;  // -c and -l write no lines, so no context either
    m_options.after = 0;
    m_options.separators = GroupSeparators::none;
  }
}

void LineSelector::begin_input(const InputInfo& input) {
  m_printer.begin_input(input);
  if (m_options.output != SelectOutput::lines) m_name.assign(input.name);
  m_syslog_year = syslog_year_at(input.modified.value_or(std::time(nullptr)));
  m_last_time.reset();
  m_selected = 0;
  m_input_done = false;
  m_after_left = 0;
  m_last_written = 0;
  m_ring_first = 0;
  m_ring_size = 0;
}

void LineSelector::end_input() {
  if (m_options.output == SelectOutput::count) m_printer.print_count(m_name, m_selected);
}

bool LineSelector::in_window(std::string_view text) {
  if (!m_options.windowed()) return true;
  if (const auto value = find_time_value(text, m_syslog_year)) m_last_time = value->wall;
  if (!m_last_time) return false;
  if (m_options.since && *m_last_time < *m_options.since) return false;
  if (m_options.until && *m_last_time >= *m_options.until) return false;
  return true;
}

bool LineSelector::codes_pass(std::span<const Match> matches) const noexcept {
  switch (m_options.codes) {
    case CodeFilter::any_line:
      return true;
    case CodeFilter::code_lines:
      return !matches.empty();
    case CodeFilter::error_lines:
      break;
  }
  for (const Match& match : matches) {
    if (match.entry == nullptr || match.entry->outcome == Outcome::error) return true;
  }
  return false;
}

void LineSelector::on_plain(std::string_view lines, std::size_t first_line, std::size_t count) {
  if (m_input_done) return;
  if (!m_options.windowed()) {
    // Without a window a plain line is selected only when any line is (and then the selector is
    // not needed, but it stays correct).
    if (m_options.codes != CodeFilter::any_line) {
      pass_over_run(lines, first_line, count);
      return;
    }
  }
  // With a window every line's time is read, in order, for the lines that follow it.
  std::size_t number = first_line;
  while (!lines.empty() && !m_input_done) {
    LineView line = split_first_line(lines);
    line.number = number++;
    lines.remove_prefix(line.text.size() + line.ending.size());
    if (in_window(line.text) && codes_pass({})) {
      select({}, line, {});
    } else {
      pass_over(line, {});
    }
  }
}

void LineSelector::on_line(std::string_view file, const LineView& line,
                           std::span<const Match> matches) {
  if (m_input_done) return;
  if (in_window(line.text) && codes_pass(matches)) {
    select(file, line, matches);
  } else {
    pass_over(line, matches);
  }
}

void LineSelector::select(std::string_view file, const LineView& line,
                          std::span<const Match> matches) {
  ++m_selected;
  m_any_selected = true;
  switch (m_options.output) {
    case SelectOutput::count:
      return;
    case SelectOutput::files_with_matches:
      m_printer.print_file_name(m_name);
      m_input_done = true;  // the scanner stops reading this input
      return;
    case SelectOutput::lines:
      break;
  }
  write_kept();
  separate(line.number);
  m_printer.print(file, line, matches);
  m_last_written = line.number;
  m_after_left = m_options.after;
}

void LineSelector::pass_over(const LineView& line, std::span<const Match> matches) {
  if (!m_options.context()) return;
  if (m_after_left > 0) {
    --m_after_left;
    separate(line.number);
    m_printer.print_context(line, matches);
    m_last_written = line.number;
    return;
  }
  if (m_options.before > 0) keep(line, matches);
}

void LineSelector::pass_over_run(std::string_view lines, std::size_t first_line,
                                 std::size_t count) {
  if (!m_options.context()) return;
  std::size_t number = first_line;
  while (m_after_left > 0 && !lines.empty()) {
    LineView line = split_first_line(lines);
    line.number = number++;
    lines.remove_prefix(line.text.size() + line.ending.size());
    pass_over(line, {});
  }
  if (m_options.before == 0 || lines.empty()) return;
  const std::size_t left = count - (number - first_line);
  const std::size_t start = last_lines_start(lines, m_options.before);
  if (start > 0) number += left - m_options.before;
  lines.remove_prefix(start);
  while (!lines.empty()) {
    LineView line = split_first_line(lines);
    line.number = number++;
    lines.remove_prefix(line.text.size() + line.ending.size());
    keep(line, {});
  }
}

void LineSelector::keep(const LineView& line, std::span<const Match> matches) {
  // Slots are made as lines come (a large -B costs nothing up front). Until the ring is full it
  // has not wrapped since it was last emptied, so its lines are in slots 0..size-1.
  std::size_t slot = 0;
  if (m_ring_size < m_options.before) {
    slot = m_ring_size++;
    if (slot == m_ring.size()) m_ring.emplace_back();
  } else {
    slot = m_ring_first;  // the oldest makes room
    m_ring_first = (m_ring_first + 1) % m_ring.size();
  }
  KeptLine& kept = m_ring[slot];
  kept.number = line.number;
  kept.text.assign(line.text);
  kept.ending.assign(line.ending);
  kept.annotation.clear();
  if (!matches.empty()) m_printer.render_annotation(kept.annotation, matches);
}

void LineSelector::write_kept() {
  for (std::size_t i = 0; i < m_ring_size; ++i) {
    const KeptLine& kept = m_ring[(m_ring_first + i) % m_ring.size()];
    if (kept.number <= m_last_written) continue;
    separate(kept.number);
    m_printer.print_kept(LineView{kept.text, kept.ending, kept.number}, kept.annotation);
    m_last_written = kept.number;
  }
  m_ring_first = 0;
  m_ring_size = 0;
}

void LineSelector::separate(std::size_t number) {
  if (m_options.separators == GroupSeparators::none) return;
  if (m_written_any && (m_last_written == 0 || number != m_last_written + 1)) {
    m_printer.print_separator();
  }
  m_written_any = true;
}

}  // namespace errscope
