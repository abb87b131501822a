#include "parallel/parallel_report.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "scan/scanner.hpp"
#include "source/decoder.hpp"
#include "source/file_source.hpp"

namespace errscope {

namespace {

// Reads up to `size` bytes at `offset` (fewer at the end of the file).
std::string read_at(int fd, std::uint64_t offset, std::size_t size) {
  std::string buffer(size, '\0');
  std::size_t got = 0;
  while (got < size) {
    const ssize_t n =
        ::pread(fd, buffer.data() + got, size - got, static_cast<off_t>(offset + got));
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  buffer.resize(got);
  return buffer;
}

// The first line start at or after `offset` (the file size when none). Reads 512 bytes, then
// 4 KiB at a time: lines are short, and a scan plans ~1,000 parts per GiB before any thread
// starts (64 KiB windows took 17-21 ms a GiB here; these 10-13 ms, mostly each page's first touch).
std::uint64_t next_line_start(int fd, std::uint64_t offset, std::uint64_t size) {
  char window[4096];
  std::size_t wanted = 512;
  while (offset < size) {
    const ssize_t got = ::pread(fd, window, wanted, static_cast<off_t>(offset));
    if (got <= 0) break;
    const void* newline = std::memchr(window, '\n', static_cast<std::size_t>(got));
    if (newline != nullptr) {
      return offset + static_cast<std::uint64_t>(static_cast<const char*>(newline) - window) + 1;
    }
    offset += static_cast<std::uint64_t>(got);
    wanted = sizeof window;
  }
  return size;
}

// What a finished part leaves for the parts after it.
struct PartEnd {
  bool done = false;
  std::optional<WallMillis> last_time;  ///< its last timestamp, none when it has none
  std::unique_ptr<Report> head;         ///< its lines before its first timestamp, if any
};

// Whether the part is the start of its input (nothing before it to inherit a time from).
bool starts_input(const InputPart& part) noexcept {
  return part.whole || part.begin == 0;
}

}  // namespace

std::vector<InputPart> plan_parts(const std::vector<std::string>& paths, std::size_t chunk_bytes) {
  std::vector<InputPart> parts;
  for (std::size_t input = 0; input < paths.size(); ++input) {
    const std::string& path = paths[input];
    InputPart whole{path, input, true, 0, 0};
    struct stat info {};
    if (path == "-" || ::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode) ||
        static_cast<std::uint64_t>(info.st_size) <= chunk_bytes) {
      parts.push_back(whole);
      continue;
    }
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      parts.push_back(whole);
      continue;
    }
    const auto size = static_cast<std::uint64_t>(info.st_size);
    if (detect_compression(read_at(fd, 0, 4)) != Compression::none) {
      ::close(fd);
      parts.push_back(whole);
      continue;
    }
    std::uint64_t begin = 0;
    while (begin < size) {
      const std::uint64_t end =
          begin + chunk_bytes >= size ? size : next_line_start(fd, begin + chunk_bytes, size);
      parts.push_back(InputPart{path, input, false, begin, end});
      begin = end;
    }
    ::close(fd);
  }
  return parts;
}

Report parallel_report(const Matcher& matcher, const std::vector<InputPart>& parts,
                       const ReportWindow& window, BucketMode mode, std::int64_t bucket_ms,
                       std::size_t threads, std::vector<Diagnostic>& errors) {
  threads = std::max<std::size_t>(1, std::min(threads, parts.size()));
  std::vector<Report> reports(threads, Report(mode, bucket_ms));
  std::vector<std::optional<Diagnostic>> part_errors(parts.size());
  // Heads wait here until every part before them is done; parts are taken in order, so only
  // the few finished ahead of a slower one wait, and each is freed once added.
  std::vector<PartEnd> ends(parts.size());
  std::mutex settling;
  std::size_t settled = 0;            // parts before it have their heads added
  std::optional<WallMillis> carried;  // the last timestamp of the parts before `settled`
  Report heads(mode, bucket_ms);      // the heads, at their inherited times
  heads.set_time_range(window.times);
  const auto finish = [&](std::size_t index, PartEnd end) {
    const std::lock_guard lock(settling);
    ends[index] = std::move(end);
    for (; settled < parts.size() && ends[settled].done; ++settled) {
      PartEnd& part_end = ends[settled];
      if (starts_input(parts[settled])) carried.reset();
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
      auto source = part.whole ? FileSource::open(part.path)
                               : FileSource::open_range(part.path, part.begin, part.end);
      if (!source.ok()) {
        part_errors[index] = std::move(source).error();
        finish(index, PartEnd{true, std::nullopt, nullptr});
        continue;
      }
      std::unique_ptr<Report> head;
      if (!starts_input(part)) {
        head = std::make_unique<Report>(mode, bucket_ms);
        head->set_time_range(window.times);
        builder.head_next(*head);
      }
      if (auto scanned = scanner.scan(*source); !scanned.ok())
        part_errors[index] = std::move(scanned).error();
      if (head && head->lines() == 0) head.reset();
      finish(index, PartEnd{true, builder.last_time(), std::move(head)});
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t worker = 1; worker < threads; ++worker) pool.emplace_back(work, worker);
  work(0);
  for (auto& thread : pool) thread.join();
  Report total = std::move(reports[0]);
  for (std::size_t worker = 1; worker < threads; ++worker) total += std::move(reports[worker]);
  total += std::move(heads);
  // One message per input, in input order, even when several of its parts failed.
  for (std::size_t index = 0; index < parts.size(); ++index) {
    if (!part_errors[index]) continue;
    const bool repeated =
        index > 0 && parts[index - 1].path == parts[index].path && part_errors[index - 1];
    if (!repeated) errors.push_back(std::move(*part_errors[index]));
  }
  return total;
}

}  // namespace errscope
