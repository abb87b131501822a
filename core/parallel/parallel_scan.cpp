#include "parallel/parallel_scan.hpp"

#include <algorithm>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "lines/line_reader.hpp"
#include "parallel/input_errors.hpp"
#include "scan/scanner.hpp"
#include "source/file_source.hpp"

namespace errscope {

namespace {

// A part's bytes as read.
struct InputBuffer {
  std::unique_ptr<char[]> data;
  std::size_t capacity = 0;
  std::size_t touched = 0;  // the most bytes it has held: the part of it that takes memory

  // Makes room for `size` bytes (contents undefined). Twice as much: a part that a long line
  // makes longer than the parts before still fits, as each new buffer's pages are faulted in anew,
  // while pages never written to take no memory (see doc/performance.md).
  void reserve(std::size_t size) {
    if (capacity >= size) return;
    capacity = 2 * size;
    data = std::make_unique_for_overwrite<char[]>(capacity);
    touched = 0;
  }
};

// Read buffers and outputs, handed from the scanning threads to the writing one and back, so
// their pages are faulted in once and an output's string does not grow anew for every part. A
// read buffer travels with its part's output only when the output refers to it. One that a long
// line made more than twice the mean size is let go after use, so memory does not keep the
// largest part seen (it would grow with the input's length).
class MemoryPool {
 public:
  InputBuffer take_input() { return take(m_inputs); }
  OutputPart take_output() { return take(m_outputs); }
  void give(InputBuffer input, std::size_t used) {
    if (input.data == nullptr) return;
    std::lock_guard lock(m_mutex);
    if (m_input_sizes.keeps(input.touched, used)) m_inputs.push_back(std::move(input));
  }
  void give(OutputPart output) {
    std::lock_guard lock(m_mutex);
    if (!m_output_sizes.keeps(output.own_capacity(), output.own_size())) return;
    output.clear();
    m_outputs.push_back(std::move(output));
  }

 private:
  // The mean of the sizes used so far, and whether an item of `capacity` is worth keeping.
  struct Sizes {
    std::size_t total = 0;
    std::size_t count = 0;
    bool keeps(std::size_t capacity, std::size_t used) {
      total += used;
      ++count;
      return capacity <= 2 * (total / count) + (64 << 10);
    }
  };

  template <typename T>
  T take(std::vector<T>& free) {
    std::lock_guard lock(m_mutex);
    if (free.empty()) return T{};
    T item = std::move(free.back());
    free.pop_back();
    return item;
  }

  std::mutex m_mutex;
  std::vector<InputBuffer> m_inputs;
  std::vector<OutputPart> m_outputs;
  Sizes m_input_sizes;
  Sizes m_output_sizes;
};

struct PartOutput {
  OutputPart output;
  InputBuffer input;             // the bytes `output` refers to, if it does
  std::size_t lines = 0;         // lines scanned: its line numbers count from 1 at its start
  std::uint64_t code_lines = 0;  // lines with codes among them
  bool line_open = false;        // its output ends inside a line (its input's last, without '\n')
  std::optional<Diagnostic> error;
  bool ready = false;
};

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

  // Scans `part` into `result`, with memory from `pool` (and a spare thread to decode a whole
  // compressed input, if one is free), numbering its lines from 1.
  void scan(const InputPart& part, MemoryPool& pool, SpareThreads& spare, PartOutput& result) {
    result.output = pool.take_output();
    const SpareThreads::Lease decoder = spare.lease(part);
    auto source = open_part(part, decoder.decode());
    if (!source.ok()) {
      result.error = std::move(source).error();
      return;
    }
    if (part.whole) {
      OutputBuffer buffer(result.output, KeptBytes::copy);
      LinePrinter printer(m_options, buffer);
      Scanner scanner(m_matcher, printer);
      if (auto scanned = scanner.scan(*source); !scanned.ok()) {
        result.error = std::move(scanned).error();
      }
      result.line_open = printer.line_open();
      result.code_lines = printer.code_lines();
      return;
    }
    InputBuffer input = pool.take_input();
    const std::size_t wanted = part.end - part.begin;
    input.reserve(wanted);
    std::size_t size = 0;
    // Bytes read before an error are scanned, as a line reader hands them out before the error.
    while (size < wanted) {
      auto got = source->read(input.data.get() + size, wanted - size);
      if (!got.ok()) {
        result.error = std::move(got).error();
        break;
      }
      if (*got == 0) break;
      size += *got;
    }
    input.touched = std::max(input.touched, size);
    m_printer.set_line_open(false);  // left by this thread's previous part, elsewhere
    const std::uint64_t code_lines_before = m_printer.code_lines();
    result.lines = m_scanner.scan_text(source->name(), std::string_view(input.data.get(), size));
    result.line_open = m_printer.line_open();
    result.code_lines = m_printer.code_lines() - code_lines_before;
    m_out.flush();
    // The part's output moves to `result`; the pooled output's emptied storage serves the next.
    std::swap(m_made, result.output);
    if (result.output.refers()) {
      result.input = std::move(input);
    } else {
      pool.give(std::move(input), wanted);
    }
  }

 private:
  const Matcher& m_matcher;
  PrinterOptions m_options;
  OutputPart m_made;  // what m_out collects: the current part's output
  OutputBuffer m_out;
  LinePrinter m_printer;
  Scanner m_scanner;
};

// A range longer than this holds a line almost as long: it is not made in memory (its output,
// NDJSON of a line to escape throughout, can be several times the line) but scanned straight to
// the output once every part before it has been written.
constexpr std::uint64_t k_streamed_part = std::uint64_t{64} << 20;

bool streamed(const InputPart& part) noexcept {
  return !part.whole && part.end - part.begin > k_streamed_part;
}

}  // namespace

std::uint64_t parallel_scan(const Matcher& matcher, const std::vector<InputPart>& parts,
                            const PrinterOptions& options, OutputBuffer& out, std::size_t threads,
                            const std::function<void(const Diagnostic&)>& on_error) {
  SpareThreads spare(threads, parts.size());
  threads = std::max<std::size_t>(1, std::min(threads, parts.size()));
  // Every thread (the caller's included) does whichever job is due: writing the next part in
  // order when it is ready and nobody is writing, else scanning the next part while fewer than
  // `window` parts wait. No thread only waits for another, so `threads` threads keep as many
  // cores busy even when writing the output costs as much as scanning it.
  // A few parts more than threads: when writing is the slower side (a file on a slow disk), the
  // writing thread finds the next parts ready and writes them back to back.
  const std::size_t window = threads + 4;
  std::vector<PartOutput> outputs(parts.size());
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t next = 0;     // the next part to scan
  std::size_t written = 0;  // parts written to `out` so far
  bool writing = false;     // a thread is writing part `written`
  bool stop = false;        // the output was closed
  InputErrors input_errors(parts, SameInput::input);
  std::size_t lines_before = 0;  // lines of the parts written before, in the same input
  bool line_open = false;        // the output written so far ends inside a line
  std::uint64_t code_lines = 0;  // of the parts written
  MemoryPool memory_pool;
  const auto write_part = [&](std::size_t index, PartOutput part) {
    if (parts[index].starts_input()) lines_before = 0;
    if (!part.output.empty()) {
      // Only an input's last part can end inside a line: the next input's starts on a new one.
      if (line_open) out.write(std::string_view("\n"));
      line_open = part.line_open;
    }
    out.write(part.output, lines_before);
    lines_before += part.lines;
    code_lines += part.code_lines;
    memory_pool.give(std::move(part.output));
    memory_pool.give(std::move(part.input), parts[index].end - parts[index].begin);
    if (input_errors.report(index, part.error.has_value())) {
      out.flush();
      on_error(*part.error);
    }
  };
  // Scans a streamed part straight to `out`, as write_part writes a part made in memory.
  const auto stream_part = [&](std::size_t index) {
    if (parts[index].starts_input()) lines_before = 0;
    LinePrinter printer(options, out);
    printer.set_line_open(line_open);
    Scanner scanner(matcher, printer);
    std::optional<Diagnostic> error;
    const SpareThreads::Lease decoder = spare.lease(parts[index]);
    auto source = open_part(parts[index], decoder.decode());
    if (!source.ok()) {
      error = std::move(source).error();
    } else {
      if (auto scanned = scanner.scan(*source, lines_before + 1); !scanned.ok())
        error = std::move(scanned).error();
      lines_before = scanner.next_line() - 1;
    }
    line_open = printer.line_open();
    code_lines += printer.code_lines();
    if (input_errors.report(index, error.has_value())) {
      out.flush();
      on_error(*error);
    }
  };
  const auto work = [&]() {
    PartScanner scanner(matcher, options);
    // Writes part `index` (its turn has come) outside the lock; then it is written, and a closed
    // or failed output stops every thread.
    const auto write_in_turn = [&](std::unique_lock<std::mutex>& held, std::size_t index,
                                   const auto& write) {
      writing = true;
      held.unlock();
      write();
      const bool closed = out.state() != OutputState::open;
      held.lock();
      writing = false;
      written = index + 1;
      stop = closed;
      changed.notify_all();
    };
    std::unique_lock lock(mutex);
    while (!stop && written < parts.size()) {
      if (!writing && outputs[written].ready) {
        const std::size_t index = written;
        PartOutput part = std::move(outputs[index]);
        outputs[index] = PartOutput{};
        write_in_turn(lock, index, [&] { write_part(index, std::move(part)); });
      } else if (next < parts.size() && next == written && !writing &&
                 (streamed(parts[next]) || parts[next].whole)) {
        // Nothing before it waits: the part is scanned straight to the output. For a whole
        // input (compressed, small or not a regular file, read through a line reader) this also
        // spares the copy of its lines into memory, which a huge line would make 2-3x its size.
        const std::size_t index = next++;
        write_in_turn(lock, index, [&] { stream_part(index); });
      } else if (next < parts.size() && next < written + window && !streamed(parts[next])) {
        const std::size_t index = next++;
        lock.unlock();
        PartOutput result;
        scanner.scan(parts[index], memory_pool, spare, result);
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
  return code_lines;
}

}  // namespace errscope
