#include "parallel/parallel_report.hpp"

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "parallel/input_errors.hpp"
#include "scan/scanner.hpp"

namespace errscope {

namespace {

// What a finished part leaves for the parts after it.
struct PartEnd {
  bool done = false;
  std::optional<WallMillis> last_time;  ///< its last timestamp, none when it has none
  std::unique_ptr<Report> head;         ///< its lines before its first timestamp, if any
  std::uint64_t lines = 0;              ///< the lines it holds
};

}  // namespace

Report parallel_report(const Matcher& matcher, const std::vector<InputPart>& parts,
                       const ReportWindow& window, BucketMode mode, std::int64_t bucket_ms,
                       std::size_t threads, std::vector<Diagnostic>& errors) {
  SpareThreads spare(threads, parts.size());
  threads = std::max<std::size_t>(1, std::min(threads, parts.size()));
  std::vector<Report> reports(threads, Report(mode, bucket_ms));
  std::vector<std::optional<Diagnostic>> part_errors(parts.size());
  // Heads wait here until every part before them is done; parts are taken in order, so only
  // the few finished ahead of a slower one wait, and each is freed once added.
  std::vector<PartEnd> ends(parts.size());
  std::mutex settling;
  std::size_t settled = 0;            // parts before it have their heads added
  std::optional<WallMillis> carried;  // the last timestamp of the parts before `settled`
  // The line number, in its file, of each part's first line (known once the parts before it
  // are done), for the examples' line numbers.
  std::vector<std::uint64_t> first_lines(parts.size(), 1);
  std::uint64_t next_first_line = 1;
  Report heads(mode, bucket_ms);      // the heads, at their inherited times
  heads.set_time_range(window.times);
  const auto finish = [&](std::size_t index, PartEnd end) {
    const std::lock_guard lock(settling);
    ends[index] = std::move(end);
    for (; settled < parts.size() && ends[settled].done; ++settled) {
      PartEnd& part_end = ends[settled];
      if (parts[settled].starts_input()) {
        carried.reset();
        next_first_line = 1;
      }
      first_lines[settled] = next_first_line;
      next_first_line += part_end.lines;
      if (part_end.head) {
        if (window.admits(carried)) heads.add_at(std::move(*part_end.head), carried);
        part_end.head.reset();
      }
      if (part_end.last_time) carried = part_end.last_time;
    }
  };
  std::atomic<std::size_t> next{0};
  const auto work = [&](std::size_t worker) {
    ReportBuilder builder(reports[worker], window);
    Scanner scanner(matcher, builder);
    for (std::size_t index = next++; index < parts.size(); index = next++) {
      const InputPart& part = parts[index];
      const SpareThreads::Lease decoder = spare.lease(part);
      auto source = open_part(part, decoder.decode());
      if (!source.ok()) {
        part_errors[index] = std::move(source).error();
        finish(index, PartEnd{true, std::nullopt, nullptr, 0});
        continue;
      }
      std::unique_ptr<Report> head;
      if (!part.starts_input()) {
        head = std::make_unique<Report>(mode, bucket_ms);
        head->set_time_range(window.times);
        builder.head_next(*head);
      }
      builder.part_next(static_cast<std::uint32_t>(index));
      if (auto scanned = scanner.scan(*source); !scanned.ok())
        part_errors[index] = std::move(scanned).error();
      if (head && head->lines() == 0) head.reset();
      finish(index, PartEnd{true, builder.last_time(), std::move(head), scanner.next_line() - 1});
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t worker = 1; worker < threads; ++worker) pool.emplace_back(work, worker);
  work(0);
  for (auto& thread : pool) thread.join();
  Report total = std::move(reports[0]);
  for (std::size_t worker = 1; worker < threads; ++worker) total += std::move(reports[worker]);
  total += std::move(heads);
  total.number_parts(first_lines);
  InputErrors input_errors(parts, SameInput::path);
  for (std::size_t index = 0; index < parts.size(); ++index) {
    if (input_errors.report(index, part_errors[index].has_value()))
      errors.push_back(std::move(*part_errors[index]));
  }
  return total;
}

}  // namespace errscope
