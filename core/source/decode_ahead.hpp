#pragma once

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "util/result.hpp"

namespace errscope {

/// The buffers a decoding thread fills ahead of its reader: memory stays bounded by their
/// product.
inline constexpr std::size_t k_decode_ahead_buffers = 4;
inline constexpr std::size_t k_decode_ahead_bytes = std::size_t{1} << 20;
/// How many filled buffers a reader that ran dry waits for (fewer at the end of the input): a
/// reader faster than its decoder is woken once per batch, not once per buffer.
inline constexpr std::size_t k_decode_ahead_batch = 3;
static_assert(k_decode_ahead_batch <= k_decode_ahead_buffers);

/// Reads of decoded bytes run on a thread of its own, ahead of the reader, through
/// k_decode_ahead_buffers buffers taken in turn: the thread fills one while the reader empties
/// another, so the reader's cost is a copy. Used by FileSource for DecodeThread::own.
class DecodeAhead {
 public:
  /// A read of decoded bytes into (buffer, capacity): how many, 0 at the end, or the failure.
  using Fill = std::function<Result<std::size_t>(char*, std::size_t)>;

  /// Starts the thread, which calls `fill` until it gives 0 or fails (or this is destroyed).
  explicit DecodeAhead(Fill fill);
  DecodeAhead(const DecodeAhead&) = delete;
  DecodeAhead& operator=(const DecodeAhead&) = delete;
  /// Stops the thread (after the fill it is in, if any) and waits for it.
  ~DecodeAhead();

  /// The bytes `fill` gave, in order, up to `capacity` at a time; then 0, or `fill`'s failure
  /// (again at every later call). Waits while the thread has nothing ready. One reader only.
  Result<std::size_t> read(char* out, std::size_t capacity);

 private:
  struct Buffer {
    std::vector<char> bytes;
    std::size_t size = 0;
    bool last = false;                  ///< the input ends (or fails) after these bytes
    std::optional<Diagnostic> failure;  ///< what ended it, when not its end
  };

  void decode();
  /// What a reader that ran dry waits for: a batch of filled buffers, or the last one (m_mutex
  /// held).
  bool batch_ready() const noexcept;

  Fill m_fill;
  std::array<Buffer, k_decode_ahead_buffers> m_buffers;
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::uint64_t m_filled = 0;    ///< buffers handed to the reader (guarded by m_mutex)
  std::uint64_t m_taken = 0;     ///< buffers the reader is done with (guarded by m_mutex)
  bool m_finished = false;       ///< the last buffer is among the filled (guarded by m_mutex)
  bool m_cancelled = false;      ///< the reader is gone (guarded by m_mutex)
  std::atomic<bool> m_cancelled_early{false};  ///< m_cancelled, for the thread between fills
  bool m_holding = false;        ///< the reader reads buffer m_taken (reader only)
  std::size_t m_at = 0;          ///< how much of it the reader has read (reader only)
  std::thread m_thread;
};

}  // namespace errscope
