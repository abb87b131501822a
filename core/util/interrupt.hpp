#pragma once

namespace errscope {

/// Asks every running scan to stop at the next block, as after Ctrl-C: reads return as at the
/// end of their input, threads take no new part, and what was read so far is handed on. Safe to
/// call from a signal handler; `signal` is the signal's number (any non-zero value).
void request_stop(int signal) noexcept;
/// The signal passed to request_stop(), or 0 while no stop was requested.
int stop_requested() noexcept;

}  // namespace errscope
