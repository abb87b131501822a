#pragma once
// A non-blocking pipe drained slowly by another thread, so that writes to it end short and hit
// EAGAIN again and again.

#include <fcntl.h>
#include <unistd.h>

#include <stdexcept>
#include <string>
#include <thread>

namespace errscope::test {

/// Writes go to write_end(); received() closes it and returns every byte the reader got.
class SlowlyDrainedPipe {
 public:
  SlowlyDrainedPipe() {
    if (::pipe(m_ends) != 0) throw std::runtime_error("cannot make a pipe");
    ::fcntl(m_ends[1], F_SETFL, ::fcntl(m_ends[1], F_GETFL) | O_NONBLOCK);
    m_reader = std::thread([this] {
      char chunk[3000];
      for (ssize_t n = 0; (n = ::read(m_ends[0], chunk, sizeof chunk)) > 0;) {
        m_got.append(chunk, static_cast<std::size_t>(n));
        if (m_got.size() % 7 == 0) std::this_thread::yield();
      }
    });
  }
  SlowlyDrainedPipe(const SlowlyDrainedPipe&) = delete;
  SlowlyDrainedPipe& operator=(const SlowlyDrainedPipe&) = delete;
  ~SlowlyDrainedPipe() { received(); }

  /// The non-blocking end to write to.
  int write_end() const noexcept { return m_ends[1]; }

  /// Closes the write end, waits for the reader and returns what it read.
  const std::string& received() {
    if (m_reader.joinable()) {
      ::close(m_ends[1]);
      m_reader.join();
      ::close(m_ends[0]);
    }
    return m_got;
  }

 private:
  int m_ends[2] = {-1, -1};
  std::string m_got;
  std::thread m_reader;
};

}  // namespace errscope::test
