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

// What a part needs in memory: its bytes as read, and the output made of them (which may refer
// to those bytes). Each goes from a worker to the writer and back through a MemoryPool, so its
// pages are faulted in once and the output's string does not grow anew for every part.
struct PartMemory {
  std::unique_ptr<char[]> input;
  std::size_t capacity = 0;
  OutputPart output;

  // Makes room for `size` input bytes (contents undefined).
  void reserve(std::size_t size) {
    if (capacity >= size) return;
    capacity = size + size / 8;  // room for the next part's longer last line
    input = std::make_unique_for_overwrite<char[]>(capacity);
  }
};

class MemoryPool {
 public:
  static constexpr std::size_t k_keep_bytes = 64 << 20;

  std::unique_ptr<PartMemory> take() {
    std::lock_guard lock(m_mutex);
    if (m_free.empty()) return std::make_unique<PartMemory>();
    auto memory = std::move(m_free.back());
    m_free.pop_back();
    return memory;
  }
  // Takes `memory` back for another part; one a huge line grew is let go instead.
  void give(std::unique_ptr<PartMemory> memory) {
    if (memory == nullptr || memory->capacity > k_keep_bytes) return;
    memory->output.clear();
    std::lock_guard lock(m_mutex);
    m_free.push_back(std::move(memory));
  }

 private:
  std::mutex m_mutex;
  std::vector<std::unique_ptr<PartMemory>> m_free;
};

struct PartOutput {
  std::unique_ptr<PartMemory> memory;
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

// One thread's scanner of parts. A byte range is read whole and scanned in place, its plain
// lines referred to rather than copied, by a scanner kept from part to part (its buffers are
// allocated once); a whole input (compressed, small, or not a regular file) streams through a
// line reader of its own and is copied.
class PartScanner {
 public:
  PartScanner(const Matcher& matcher, const PrinterOptions& options)
      : m_matcher(matcher),
        m_options(options),
        m_out(m_made, KeptBytes::refer),
        m_printer(options, m_out),
        m_scanner(matcher, m_printer) {}

  // Scans `part` into `result`, with memory from `pool`.
  void scan(const InputPart& part, std::size_t first_line, MemoryPool& pool, PartOutput& result) {
    result.memory = pool.take();
    PartMemory& memory = *result.memory;
    auto source = open_part(part);
    if (!source.ok()) {
      result.error = std::move(source).error();
      return;
    }
    if (part.whole) {
      OutputBuffer buffer(memory.output, KeptBytes::copy);
      LinePrinter printer(m_options, buffer);
      Scanner scanner(m_matcher, printer);
      if (auto scanned = scanner.scan(*source, first_line); !scanned.ok()) {
        result.error = std::move(scanned).error();
      }
      return;
    }
    const std::size_t wanted = part.end - part.begin;
    memory.reserve(wanted);
    std::size_t size = 0;
    // Bytes read before an error are scanned, as a line reader hands them out before the error.
    while (size < wanted) {
      auto got = source->read(memory.input.get() + size, wanted - size);
      if (!got.ok()) {
        result.error = std::move(got).error();
        break;
      }
      if (*got == 0) break;
      size += *got;
    }
    m_scanner.scan_text(source->name(), std::string_view(memory.input.get(), size), first_line);
    m_out.flush();
    // The part's output moves to `memory`; the pooled part's emptied storage serves the next.
    std::swap(m_made, memory.output);
  }

 private:
  const Matcher& m_matcher;
  PrinterOptions m_options;
  OutputPart m_made;  // what m_out collects: the current part's output
  OutputBuffer m_out;
  LinePrinter m_printer;
  Scanner m_scanner;
};

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

  // Every thread (the caller's included) does whichever job is due: writing the next part in
  // order when it is ready and nobody is writing, else scanning the next part while fewer than
  // `window` parts wait. No thread only waits for another, so `threads` threads keep as many
  // cores busy even when writing the output costs as much as scanning it.
  const std::size_t window = 2 * threads;
  std::vector<PartOutput> outputs(parts.size());
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t next = 0;     // the next part to scan
  std::size_t written = 0;  // parts written to `out` so far
  bool writing = false;     // a thread is writing part `written`
  bool stop = false;        // the output was closed
  bool previous_failed = false;
  MemoryPool memory_pool;
  const auto write_part = [&](std::size_t index, PartOutput part) {
    if (part.memory != nullptr) out.write(part.memory->output);
    memory_pool.give(std::move(part.memory));
    // One message per input, even when several of its parts failed.
    const bool repeated = previous_failed && parts[index - 1].input == parts[index].input;
    if (part.error && !repeated) {
      out.flush();
      on_error(*part.error);
    }
    previous_failed = part.error.has_value();
  };
  const auto work = [&]() {
    PartScanner scanner(matcher, options);
    std::unique_lock lock(mutex);
    while (!stop && written < parts.size()) {
      if (!writing && outputs[written].ready) {
        const std::size_t index = written;
        PartOutput part = std::move(outputs[index]);
        outputs[index] = PartOutput{};
        writing = true;
        lock.unlock();
        write_part(index, std::move(part));
        const bool closed = out.state() == OutputState::closed;
        lock.lock();
        writing = false;
        written = index + 1;
        stop = closed;
        changed.notify_all();
      } else if (next < parts.size() && next < written + window) {
        const std::size_t index = next++;
        lock.unlock();
        PartOutput result;
        scanner.scan(parts[index], first_line[index], memory_pool, result);
        lock.lock();
        outputs[index] = std::move(result);
        outputs[index].ready = true;
        changed.notify_all();
      } else {
        changed.wait(lock);
      }
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t i = 1; i < threads; ++i) pool.emplace_back(work);
  work();
  for (auto& thread : pool) thread.join();
}

}  // namespace errscope
