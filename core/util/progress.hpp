#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace errscope {

/// How far the reading of a command's inputs has gone: the bytes read from them as stored (a
/// compressed file's compressed bytes), shared by every reading thread, and the input read last.
/// Safe to use from any thread.
class ReadProgress {
 public:
  /// Counts `bytes` more read (relaxed: one atomic add per read block, never per line).
  void add_read(std::uint64_t bytes) noexcept {
    m_read.fetch_add(bytes, std::memory_order_relaxed);
  }
  /// The bytes read so far.
  std::uint64_t read() const noexcept { return m_read.load(std::memory_order_relaxed); }
  /// Records `name` as the input being read now.
  void set_current(std::string_view name);
  /// The input being read now (as given, not made safe for a terminal).
  std::string current() const;

 private:
  std::atomic<std::uint64_t> m_read{0};
  mutable std::mutex m_mutex;
  std::string m_current;
};

/// Makes every input read from now on (FileSource, read_small_file) count into `progress`; null
/// stops the counting. The caller keeps `progress` alive until it has set null again and the
/// threads reading have ended.
void count_reads_in(ReadProgress* progress) noexcept;
/// Where reads count now (see count_reads_in), or null: then nothing is counted.
ReadProgress* read_progress() noexcept;

/// A moment of the reading, for the progress line.
struct ProgressSnapshot {
  std::uint64_t read = 0;              ///< bytes read so far
  std::optional<std::uint64_t> total;  ///< the inputs' size; none when one is a pipe
  double elapsed_seconds = 0;          ///< since the reading began
  std::string_view current;            ///< the input being read (raw: made visible when shown)
};

/// Bytes for people, in binary units: 512 B, 1.2 GiB, 310 MiB (one decimal below 100).
std::string format_bytes(std::uint64_t bytes);
/// The reading rate in bytes per second; none before any time has passed or any byte was read.
std::optional<double> progress_rate(std::uint64_t read, double elapsed_seconds) noexcept;
/// The seconds left at `rate`: none without a rate or a total, 0 once `read` reached `total`.
std::optional<double> progress_eta(std::uint64_t read, std::optional<std::uint64_t> total,
                                   std::optional<double> rate) noexcept;
/// A duration left for people: 6s, 4m05s, 2h03m.
std::string format_eta(double seconds);

/// The progress line, at most `width` columns and without a line end:
/// `errscope: 1.2 GiB of 3.0 GiB (40%) 310 MiB/s ETA 6s app.log.zst` (without a total: the bytes
/// and the rate). The input's name has its control characters made visible and loses its start
/// (shown as `…`) to fit; when even the figures do not fit, the name is left out and they are cut.
std::string format_progress_line(const ProgressSnapshot& snapshot, std::size_t width);

}  // namespace errscope
