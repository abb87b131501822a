#pragma once

#include <CLI/CLI.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "util/progress.hpp"

namespace errscope::cli {

/// When a command writes stdout: as it reads (scan: any terminal there hides the progress line,
/// which would tear the output), or at the end (report, merge: only stderr's own terminal does).
enum class StdoutTiming { while_reading, at_end };

/// Whether to show the progress line: stderr is a terminal (TERM not dumb), stdout is not the
/// same terminal (nor any terminal, for output written while reading), and no --no-progress.
bool progress_wanted(bool no_progress, StdoutTiming timing);

/// The one-line progress display on stderr while a command reads `inputs`: counts every read
/// (see count_reads_in) and, after ERRSCOPE_PROGRESS_DELAY seconds (default 1; 0 at once),
/// redraws `errscope: 1.2 GiB of 3.0 GiB (40%) 310 MiB/s ETA 6s NAME` about 10 times a second
/// from a thread of its own. It stops drawing at a stop request (SIGINT, SIGTERM) and erases its
/// line then and when it ends. Does nothing when `shown` is false.
class ProgressDisplay {
 public:
  enum class Shown { yes, no };
  ProgressDisplay(const std::vector<std::string>& inputs, Shown shown);
  ProgressDisplay(const ProgressDisplay&) = delete;
  ProgressDisplay& operator=(const ProgressDisplay&) = delete;
  /// Ends the display (see stop).
  ~ProgressDisplay();

  /// Stops counting and drawing and erases the line; later calls do nothing.
  void stop();

 private:
  void run();
  void draw();

  ReadProgress m_progress;
  std::optional<std::uint64_t> m_total;
  std::chrono::steady_clock::time_point m_start;
  std::chrono::steady_clock::duration m_delay{};
  std::mutex m_mutex;  ///< guards m_stopping
  std::condition_variable m_wake;
  bool m_stopping = false;
  std::thread m_thread;
};

/// Writes `text` on stderr below nothing: a progress line shown is erased first (and redrawn by
/// its thread later), so that messages and the line never tear. Every message to stderr goes here.
void write_stderr_above_progress(std::string_view text);

}  // namespace errscope::cli
