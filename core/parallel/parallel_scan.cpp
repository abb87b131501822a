#include "parallel/parallel_scan.hpp"

#include <algorithm>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "lines/line_reader.hpp"
#include "scan/scanner.hpp"
#include "source/file_source.hpp"

namespace errscope {

namespace {

// A part's bytes read into memory; buffers go from worker to writer and back through a
// BufferPool, so their pages are faulted in once.
struct PartBuffer {
  std::unique_ptr<char[]> data;
  std::size_t capacity = 0;
};

class BufferPool {
 public:
  // A buffer of at least `size` bytes (contents undefined).
  PartBuffer take(std::size_t size) {
    PartBuffer buffer;
    {
      std::lock_guard lock(m_mutex);
      if (!m_free.empty()) {
        buffer = std::move(m_free.back());
        m_free.pop_back();
      }
    }
    if (buffer.capacity < size) {
      buffer.capacity = size + size / 8;  // room for the next part's longer last line
      buffer.data = std::make_unique_for_overwrite<char[]>(buffer.capacity);
    }
    return buffer;
  }
  void give(PartBuffer buffer) {
    if (buffer.data == nullptr) return;
    std::lock_guard lock(m_mutex);
    m_free.push_back(std::move(buffer));
  }

 private:
  std::mutex m_mutex;
  std::vector<PartBuffer> m_free;
};

struct PartOutput {
  OutputPart output;
  PartBuffer held;  // the bytes `output` refers to, until it is written
  std::optional<Diagnostic> error;
  bool ready = false;
};

Result<FileSource> open_part(const InputPart& part) {
  return part.whole ? FileSource::open(part.path)
                    : FileSource::open_range(part.path, part.begin, part.end);
}

// The number of lines in a part (a final line without '\n' included).
std::size_t count_part_lines(const InputPart& part) {
  auto source = open_part(part);
  if (!source.ok()) return 0;
  std::string buffer(1 << 20, '\0');
  std::size_t lines = 0;
  char last = '\n';
  while (true) {
    auto got = source->read(buffer.data(), buffer.size());
    if (!got.ok() || *got == 0) break;
    lines += count_newlines(std::string_view(buffer.data(), *got));
    last = buffer[*got - 1];
  }
  return lines + (last == '\n' ? 0 : 1);
}

// Runs `work(index)` for every index below `count` on `threads` threads.
void for_each_index(std::size_t count, std::size_t threads,
                    const std::function<void(std::size_t)>& work) {
  std::mutex mutex;
  std::size_t next = 0;
  const auto loop = [&]() {
    while (true) {
      std::size_t index = 0;
      {
        std::lock_guard lock(mutex);
        if (next >= count) return;
        index = next++;
      }
      work(index);
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t i = 1; i < threads; ++i) pool.emplace_back(loop);
  loop();
  for (auto& thread : pool) thread.join();
}

// Scans one part into `result`. A byte range is read into a pooled buffer and scanned in
// place, its plain lines referred to rather than copied (the buffer then travels with the
// output); a whole input (compressed, small, or not a regular file) streams through a line
// reader and is copied.
void scan_part(const Matcher& matcher, const InputPart& part, std::size_t first_line,
               const PrinterOptions& options, BufferPool& pool, PartOutput& result) {
  auto source = open_part(part);
  if (!source.ok()) {
    result.error = std::move(source).error();
    return;
  }
  if (part.whole) {
    OutputBuffer buffer(result.output, KeptBytes::copy);
    LinePrinter printer(options, buffer);
    Scanner scanner(matcher, printer);
    if (auto scanned = scanner.scan(*source, first_line); !scanned.ok()) {
      result.error = std::move(scanned).error();
    }
    return;
  }
  PartBuffer bytes = pool.take(part.end - part.begin);
  std::size_t size = 0;
  // Bytes read before an error are scanned, as a line reader hands them out before the error.
  while (size < part.end - part.begin) {
    auto got = source->read(bytes.data.get() + size, part.end - part.begin - size);
    if (!got.ok()) {
      result.error = std::move(got).error();
      break;
    }
    if (*got == 0) break;
    size += *got;
  }
  {
    OutputBuffer buffer(result.output, KeptBytes::refer);
    LinePrinter printer(options, buffer);
    Scanner scanner(matcher, printer);
    scanner.scan_text(source->name(), std::string_view(bytes.data.get(), size), first_line);
  }
  if (result.output.refers()) {
    result.held = std::move(bytes);
  } else {
    pool.give(std::move(bytes));
  }
}

}  // namespace

void parallel_scan(const Matcher& matcher, const std::vector<InputPart>& parts,
                   const PrinterOptions& options, OutputBuffer& out, std::size_t threads,
                   const std::function<void(const Diagnostic&)>& on_error) {
  threads = std::max<std::size_t>(1, std::min(threads, parts.size()));
  // NDJSON carries line numbers: count each part's lines first (in parallel), then number from
  // the sum of the parts before it in the same file.
  std::vector<std::size_t> first_line(parts.size(), 1);
  if (options.format == OutputFormat::json) {
    std::vector<std::size_t> counts(parts.size(), 0);
    for_each_index(parts.size(), threads, [&](std::size_t i) {
      if (!parts[i].whole) counts[i] = count_part_lines(parts[i]);
    });
    for (std::size_t i = 1; i < parts.size(); ++i) {
      if (!parts[i].whole && parts[i].input == parts[i - 1].input) {
        first_line[i] = first_line[i - 1] + counts[i - 1];
      }
    }
  }

  const std::size_t window = 2 * threads;
  std::vector<PartOutput> outputs(parts.size());
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t next = 0;     // the next part to hand to a worker
  std::size_t written = 0;  // parts written to `out` so far
  BufferPool buffers;
  bool stop = false;  // the output was closed
  const auto worker = [&]() {
    while (true) {
      std::size_t index = 0;
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return stop || next >= parts.size() || next < written + window; });
        if (stop || next >= parts.size()) return;
        index = next++;
      }
      PartOutput result;
      scan_part(matcher, parts[index], first_line[index], options, buffers, result);
      {
        std::lock_guard lock(mutex);
        outputs[index] = std::move(result);
        outputs[index].ready = true;
      }
      changed.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t i = 0; i < threads; ++i) pool.emplace_back(worker);
  bool previous_failed = false;
  for (std::size_t index = 0; index < parts.size(); ++index) {
    PartOutput part;
    {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return outputs[index].ready; });
      part = std::move(outputs[index]);
      outputs[index] = PartOutput{};
    }
    out.write(part.output);
    buffers.give(std::move(part.held));
    // One message per input, even when several of its parts failed.
    const bool repeated = previous_failed && parts[index - 1].input == parts[index].input;
    if (part.error && !repeated) {
      out.flush();
      on_error(*part.error);
    }
    previous_failed = part.error.has_value();
    {
      std::lock_guard lock(mutex);
      written = index + 1;
      stop = out.state() == OutputState::closed;
    }
    changed.notify_all();
    if (stop) break;
  }
  {
    std::lock_guard lock(mutex);
    stop = true;
  }
  changed.notify_all();
  for (auto& thread : pool) thread.join();
}

}  // namespace errscope
