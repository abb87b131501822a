#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "matcher/matcher.hpp"
#include "parallel/plan.hpp"
#include "report/report.hpp"
#include "report/report_builder.hpp"
#include "util/result.hpp"

namespace errscope {

/// Aggregates every part on `threads` threads, each into a Report of its own (no shared state in
/// the hot path), then adds them up: the result equals a single-threaded report of the whole
/// inputs. A part cut from the middle of a file keeps its lines before its first timestamp apart
/// (a head, as big as its codes); once the parts before it are done, they take the last
/// timestamp of those parts, however far back, and count (or not, with a window) at that time.
/// Read errors are returned in input order (each input reported once). When there are fewer
/// parts than `threads`, the spare threads decode compressed inputs ahead of their scanning
/// threads (DecodeThread::own), never more threads in all than `threads`.
Report parallel_report(const Matcher& matcher, const std::vector<InputPart>& parts,
                       const ReportWindow& window, BucketMode mode, std::int64_t bucket_ms,
                       std::size_t threads, std::vector<Diagnostic>& errors);

}  // namespace errscope
