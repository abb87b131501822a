#include "source/mapped_file.hpp"

#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cstdint>
#include <mutex>
#include <utility>

namespace errscope {

namespace {

// The window this thread has mapped, for the SIGBUS handler (a signal runs on the thread that
// faulted, so thread-local state tells it whose window the address is in).
struct ActiveWindow {
  char* begin = nullptr;
  std::size_t length = 0;
  bool shrank = false;
};
thread_local ActiveWindow t_window;

struct sigaction g_previous_bus_action {};

// A page of the window past the file's new end: map zeros over the rest of the window, note it,
// and let the faulting load run again. A fault anywhere else is not ours: restore the previous
// action so it happens again and does what it would have done.
void on_bus_error(int signal, siginfo_t* info, void* /*context*/) {
  auto* address = static_cast<char*>(info->si_addr);
  ActiveWindow& window = t_window;
  if (window.begin != nullptr && address >= window.begin &&
      address < window.begin + window.length) {
    const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    char* from = reinterpret_cast<char*>(reinterpret_cast<std::uintptr_t>(address) & ~(page - 1));
    const auto length = static_cast<std::size_t>(window.begin + window.length - from);
    if (::mmap(from, length, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) !=
        MAP_FAILED) {
      window.shrank = true;
      return;
    }
  }
  ::sigaction(signal, &g_previous_bus_action, nullptr);
}

// Installs on_bus_error unless it is already the handler (something else, a test framework
// say, may have replaced it since); the handler it replaces takes the faults that are not ours.
void install_bus_handler() {
  static std::mutex guard;
  const std::lock_guard<std::mutex> lock(guard);
  struct sigaction current {};
  if (::sigaction(SIGBUS, nullptr, &current) == 0 && (current.sa_flags & SA_SIGINFO) != 0 &&
      current.sa_sigaction == on_bus_error) {
    return;
  }
  struct sigaction action {};
  action.sa_sigaction = on_bus_error;
  action.sa_flags = SA_SIGINFO;
  ::sigemptyset(&action.sa_mask);
  ::sigaction(SIGBUS, &action, &g_previous_bus_action);
}

}  // namespace

MappedFile::MappedFile(MappableRange range, std::string name) noexcept
    : m_range(range), m_name(std::move(name)) {
  install_bus_handler();
  t_window.shrank = false;
}

MappedFile::~MappedFile() {
  unmap();
}

void MappedFile::unmap() noexcept {
  if (m_window == nullptr) return;
  if (t_window.begin == m_window) t_window = ActiveWindow{nullptr, 0, t_window.shrank};
  ::munmap(m_window, m_window_length);
  m_window = nullptr;
  m_window_length = 0;
}

Result<std::string_view> MappedFile::map(std::uint64_t offset, std::size_t length) {
  unmap();
  const auto page = static_cast<std::uint64_t>(::sysconf(_SC_PAGESIZE));
  const std::uint64_t start = offset / page * page;
  const std::uint64_t stop = std::min<std::uint64_t>(m_range.end, offset + length);
  if (offset >= stop) return std::string_view();
  const auto window_length = static_cast<std::size_t>(stop - start);
  void* window = ::mmap(nullptr, window_length, PROT_READ, MAP_PRIVATE, m_range.fd,
                        static_cast<off_t>(start));
  if (window == MAP_FAILED) {
    return Diagnostic{SourcePosition{m_name, 0, 0, ""},
                      std::string("cannot map the file: ") + std::strerror(errno),
                      "read it through a pipe instead (cat FILE | errscope ...)"};
  }
  ::madvise(window, window_length, MADV_SEQUENTIAL);
  m_window = static_cast<char*>(window);
  m_window_length = window_length;
  t_window = ActiveWindow{m_window, m_window_length, t_window.shrank};
  return std::string_view(m_window + (offset - start), static_cast<std::size_t>(stop - offset));
}

bool MappedFile::shrank() const noexcept {
  return t_window.shrank;
}

}  // namespace errscope
