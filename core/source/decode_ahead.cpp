#include "source/decode_ahead.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

namespace errscope {

DecodeAhead::DecodeAhead(Fill fill) : m_fill(std::move(fill)) {
  for (Buffer& buffer : m_buffers) buffer.bytes.resize(k_decode_ahead_bytes);
  m_thread = std::thread([this] { decode(); });
}

DecodeAhead::~DecodeAhead() {
  {
    const std::lock_guard lock(m_mutex);
    m_cancelled = true;
  }
  m_cancelled_early.store(true, std::memory_order_relaxed);
  m_changed.notify_all();
  m_thread.join();
}

Result<std::size_t> DecodeAhead::read(char* out, std::size_t capacity) {
  while (true) {
    if (m_holding) {
      // m_taken changes only here, so the reader reads it without the lock.
      const Buffer& buffer = m_buffers[m_taken % m_buffers.size()];
      if (m_at < buffer.size) {
        const std::size_t count = std::min(capacity, buffer.size - m_at);
        std::memcpy(out, buffer.bytes.data() + m_at, count);
        m_at += count;
        return count;
      }
      if (buffer.last) {
        if (buffer.failure) return *buffer.failure;
        return std::size_t{0};
      }
      {
        const std::lock_guard lock(m_mutex);
        ++m_taken;
        m_holding = false;
      }
      m_changed.notify_all();
      m_at = 0;
    }
    std::unique_lock lock(m_mutex);
    if (m_filled == m_taken) {
      // Waking a thread costs tens of microseconds on a virtual machine: wait for a batch.
      m_changed.wait(lock, [this] { return batch_ready(); });
    }
    m_holding = true;
  }
}

bool DecodeAhead::batch_ready() const noexcept {
  return m_finished || m_filled - m_taken >= k_decode_ahead_batch;
}

void DecodeAhead::decode() {
  for (std::uint64_t index = 0;; ++index) {
    {
      std::unique_lock lock(m_mutex);
      m_changed.wait(lock, [&] { return m_cancelled || index - m_taken < m_buffers.size(); });
      if (m_cancelled) return;
    }
    // Buffer `index` is the thread's alone until m_filled passes it.
    Buffer& buffer = m_buffers[index % m_buffers.size()];
    buffer.size = 0;
    buffer.last = false;
    buffer.failure.reset();
    while (buffer.size < buffer.bytes.size()) {
      auto got = m_fill(buffer.bytes.data() + buffer.size, buffer.bytes.size() - buffer.size);
      if (!got.ok()) {
        buffer.failure = std::move(got).error();
        buffer.last = true;
        break;
      }
      if (*got == 0) {
        buffer.last = true;
        break;
      }
      buffer.size += *got;
      if (m_cancelled_early.load(std::memory_order_relaxed)) return;
    }
    bool wake = false;
    {
      const std::lock_guard lock(m_mutex);
      m_filled = index + 1;
      m_finished = buffer.last;
      wake = batch_ready();
    }
    if (wake) m_changed.notify_all();
    if (buffer.last) return;
  }
}

}  // namespace errscope
