#include "util/interrupt.hpp"

#include <atomic>

namespace errscope {

namespace {

std::atomic<int> g_stop_signal{0};
static_assert(std::atomic<int>::is_always_lock_free, "request_stop runs in signal handlers");

}  // namespace

void request_stop(int signal) noexcept {
  g_stop_signal.store(signal, std::memory_order_relaxed);
}

int stop_requested() noexcept {
  return g_stop_signal.load(std::memory_order_relaxed);
}

}  // namespace errscope
