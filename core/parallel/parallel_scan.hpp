#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "matcher/matcher.hpp"
#include "parallel/plan.hpp"
#include "sink/line_printer.hpp"
#include "sink/output_buffer.hpp"

namespace errscope {

/// Scans parts of regular files on `threads` threads (the caller's included). Each part's output
/// is made in memory and written to `out` in input order, so the output is the same as a single
/// thread's; at most threads + 4 parts are held at once. A byte range is read whole and its plain
/// lines are written from the read buffer (writev), never copied; NDJSON line numbers count from
/// the part's start and are made absolute as the part is written. A part that nothing before it
/// waits for and that is a whole input (compressed, small), or a range over 64 MiB (a huge line),
/// is scanned straight to `out` instead, so a huge line costs its size once. `on_error` hears each
/// input's read error, in order, after the output before it (from one thread at a time, not always
/// the caller's). With fewer parts than `threads`, the spare threads decode whole compressed
/// inputs ahead of their scan (SpareThreads). Not for pipes: their lines must leave as they come.
/// Returns the number of lines with codes scanned (the lines --matches-only writes), for the exit
/// status.
std::uint64_t parallel_scan(const Matcher& matcher, const std::vector<InputPart>& parts,
                            const PrinterOptions& options, OutputBuffer& out, std::size_t threads,
                            const std::function<void(const Diagnostic&)>& on_error);

}  // namespace errscope
