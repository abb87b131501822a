#include "progress.hpp"

#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "source/file_source.hpp"
#include "util/fd_io.hpp"
#include "util/interrupt.hpp"

namespace errscope::cli {

namespace {

using Clock = std::chrono::steady_clock;

constexpr auto k_redraw_interval = std::chrono::milliseconds(100);
constexpr std::string_view k_erase_line = "\r\x1b[K";

// One writer of stderr at a time, and whether a progress line is on it now (guarded by the mutex).
std::mutex g_stderr_mutex;
bool g_line_shown = false;

void write_stderr_raw(std::string_view text) {
  // A message that cannot be written has nowhere else to go.
  static_cast<void>(write_all(STDERR_FILENO, text));
}

// With g_stderr_mutex held.
void erase_line() {
  if (!g_line_shown) return;
  write_stderr_raw(k_erase_line);
  g_line_shown = false;
}

// The width of stderr's terminal; COLUMNS or 80 when it does not say.
std::size_t stderr_columns() {
  struct winsize size {};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  if (const char* columns = std::getenv("COLUMNS"); columns != nullptr) {
    const long value = std::strtol(columns, nullptr, 10);
    if (value > 0 && value < 10000) return static_cast<std::size_t>(value);
  }
  return 80;
}

// How long the reading goes before the line shows: ERRSCOPE_PROGRESS_DELAY seconds, else 1 s.
Clock::duration progress_delay() {
  if (const char* text = std::getenv("ERRSCOPE_PROGRESS_DELAY"); text != nullptr && *text != 0) {
    char* end = nullptr;
    const double seconds = std::strtod(text, &end);
    if (*end == '\0' && std::isfinite(seconds) && seconds >= 0 && seconds < 1e6) {
      return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    }
  }
  return std::chrono::seconds(1);
}

}  // namespace

bool progress_wanted(bool no_progress, StdoutTiming timing) {
  if (no_progress) return false;
  if (const char* term = std::getenv("TERM"); term != nullptr && std::strcmp(term, "dumb") == 0) {
    return false;
  }
  if (::isatty(STDERR_FILENO) == 0) return false;
  if (timing == StdoutTiming::while_reading && ::isatty(STDOUT_FILENO) != 0) return false;
  struct stat out {};
  struct stat err {};
  const bool same_terminal = ::fstat(STDOUT_FILENO, &out) == 0 &&
                             ::fstat(STDERR_FILENO, &err) == 0 && S_ISCHR(out.st_mode) &&
                             out.st_rdev == err.st_rdev;
  return !same_terminal;
}

ProgressDisplay::ProgressDisplay(const std::vector<std::string>& inputs, Shown shown) {
  if (shown == Shown::no) return;
  m_total = 0;
  for (const std::string& path : inputs) {
    const auto size = regular_file_size(path);
    if (!size) {
      m_total.reset();  // a pipe or standard input: no percentage, no ETA
      break;
    }
    *m_total += *size;
  }
  if (!inputs.empty()) m_progress.set_current(inputs.front());
  m_start = Clock::now();
  m_delay = progress_delay();
  count_reads_in(&m_progress);
  if (m_delay <= Clock::duration::zero()) draw();  // at once, however short the reading
  m_thread = std::thread([this] { run(); });
}

ProgressDisplay::~ProgressDisplay() {
  stop();
}

void ProgressDisplay::stop() {
  if (!m_thread.joinable()) return;
  {
    const std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_all();
  m_thread.join();
  count_reads_in(nullptr);
  const std::lock_guard lock(g_stderr_mutex);
  erase_line();
}

void ProgressDisplay::run() {
  std::unique_lock lock(m_mutex);
  while (!m_wake.wait_for(lock, k_redraw_interval, [this] { return m_stopping; })) {
    if (stop_requested() != 0) {  // the line goes before the command's last messages
      const std::lock_guard stderr_lock(g_stderr_mutex);
      erase_line();
      return;
    }
    if (Clock::now() - m_start >= m_delay) draw();
  }
}

void ProgressDisplay::draw() {
  const std::string current = m_progress.current();
  ProgressSnapshot snapshot;
  snapshot.read = m_progress.read();
  snapshot.total = m_total;
  snapshot.elapsed_seconds = std::chrono::duration<double>(Clock::now() - m_start).count();
  snapshot.current = current == "-" ? std::string_view("standard input") : current;
  // One column short of the width: a line that fills it would wrap on some terminals.
  std::string line(k_erase_line.substr(0, 1));
  line += format_progress_line(snapshot, std::max<std::size_t>(stderr_columns(), 2) - 1);
  line += k_erase_line.substr(1);
  const std::lock_guard lock(g_stderr_mutex);
  write_stderr_raw(line);
  g_line_shown = true;
}

void write_stderr_above_progress(std::string_view text) {
  const std::lock_guard lock(g_stderr_mutex);
  erase_line();
  write_stderr_raw(text);
}

}  // namespace errscope::cli
