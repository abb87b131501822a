#include "source/file_source.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <vector>

#include "source/decode_ahead.hpp"
#include "source/decoder.hpp"
#include "util/interrupt.hpp"
#include "util/progress.hpp"

namespace errscope {

namespace {

constexpr std::size_t k_compressed_block = 1 << 17;

Diagnostic io_error(const std::string& name, std::string_view what, int error) {
  return Diagnostic{SourcePosition{name, 0, 0, ""}, std::string(what) + ": " + std::strerror(error),
                    "check that the file exists and is readable"};
}

}  // namespace

struct FileSource::State {
  int fd = -1;
  bool owned = false;
  std::string name;
  bool detected = false;
  bool raw_eof = false;
  std::unique_ptr<Decoder> decoder;
  Compression compression = Compression::none;
  std::vector<char> in;  ///< raw bytes read but not yet decoded (or, before detection, returned)
  std::size_t in_begin = 0;
  std::size_t in_end = 0;
  bool ranged = false;  ///< reading [offset, range_end) with pread
  std::uint64_t offset = 0;
  std::uint64_t range_end = 0;
  bool stopped = false;  ///< the input was ended by a stop request, not by its end
  std::string ahead;     ///< (decoded) bytes read ahead by peek, handed out before any other
  std::size_t ahead_begin = 0;
  std::optional<Diagnostic> ahead_failure;  ///< what peek's read met, told after `ahead`

  DecodeThread decode_thread = DecodeThread::reader;
  std::unique_ptr<DecodeAhead> decode_ahead;  ///< the thread decoding, once started

  ~State() {
    decode_ahead.reset();  // the thread reads `fd` and this state: it ends first
    if (owned && fd >= 0) ::close(fd);
  }

  Result<std::size_t> read_raw(char* buffer, std::size_t capacity) {
    if (ranged) {
      capacity = static_cast<std::size_t>(std::min<std::uint64_t>(capacity, range_end - offset));
      if (capacity == 0) return std::size_t{0};
    }
    while (true) {
      // Asked to stop (SIGINT, SIGTERM): the input ends here; a read the signal cut short too.
      if (stop_requested() != 0) {
        stopped = true;
        return std::size_t{0};
      }
      const ssize_t got = ranged ? ::pread(fd, buffer, capacity, static_cast<off_t>(offset))
                                 : ::read(fd, buffer, capacity);
      if (got > 0) {
        if (ranged) offset += static_cast<std::uint64_t>(got);
        // Bytes as stored: a compressed file counts its compressed size (the progress total).
        if (ReadProgress* progress = read_progress()) {
          progress->add_read(static_cast<std::uint64_t>(got));
        }
      }
      if (got >= 0) return static_cast<std::size_t>(got);
      if (errno == EINTR) continue;
      return io_error(name, "read error", errno);
    }
  }

  // Reads raw bytes into `in` after what it holds.
  Status refill() {
    if (in_begin == in_end) in_begin = in_end = 0;
    if (in.size() < k_compressed_block) in.resize(k_compressed_block);
    if (in_end == in.size()) return ok_status();
    auto got = read_raw(in.data() + in_end, in.size() - in_end);
    if (!got.ok()) return std::move(got).error();
    if (*got == 0) raw_eof = true;
    in_end += *got;
    return ok_status();
  }

  // Looks at the first bytes (reading while they could still start a signature and the input
  // lasts) to pick a decoder.
  Status detect() {
    detected = true;
    while (!raw_eof && compression_undecided(std::string_view(in.data(), in_end))) {
      if (auto status = refill(); !status.ok()) return status;
    }
    compression = detect_compression(std::string_view(in.data(), in_end));
    switch (compression) {
      case Compression::none: break;
      case Compression::gzip: decoder = make_gzip_decoder(); break;
      case Compression::zstd: decoder = make_zstd_decoder(); break;
      case Compression::xz: decoder = make_xz_decoder(); break;
      case Compression::bzip2: decoder = make_bzip2_decoder(); break;
    }
    return ok_status();
  }

  Diagnostic truncated() const {
    const std::string format = compression == Compression::gzip   ? "gzip"
                               : compression == Compression::zstd ? "zstd"
                               : compression == Compression::xz   ? "xz"
                                                                  : "bzip2";
    return Diagnostic{SourcePosition{name, 0, 0, ""},
                      "truncated " + format + " file: the compressed stream ends early",
                      "the lines decoded before the cut were scanned; recompress or re-copy the "
                      "file for the rest"};
  }

  Result<std::size_t> read(char* buffer, std::size_t capacity) {
    if (ahead_begin < ahead.size()) {
      const std::size_t count = std::min(capacity, ahead.size() - ahead_begin);
      std::memcpy(buffer, ahead.data() + ahead_begin, count);
      ahead_begin += count;
      return count;
    }
    if (ahead_failure) {
      Diagnostic failure = std::move(*ahead_failure);
      ahead_failure.reset();
      return failure;
    }
    if (decode_ahead) return decode_ahead->read(buffer, capacity);
    if (decode_thread == DecodeThread::own && !detected) {
      if (auto status = detect(); !status.ok()) return status.error();
      // From here on the thread alone touches the decoder, the raw buffer and the descriptor.
      if (decoder) {
        decode_ahead = std::make_unique<DecodeAhead>(
            [this](char* out, std::size_t room) { return read_through(out, room); });
        return decode_ahead->read(buffer, capacity);
      }
    }
    return read_through(buffer, capacity);
  }

  // Reads ahead until `ahead` holds `size` bytes, the input ends or fails, or (after the first
  // bytes) the next read would wait: a pipe's first lines are not held back for more.
  void peek(std::size_t size) {
    while (ahead.size() < size && !ahead_failure) {
      const std::size_t held = ahead.size();
      ahead.resize(size);
      auto got = read_through(ahead.data() + held, size - held);
      ahead.resize(held + (got.ok() ? *got : 0));
      if (!got.ok()) ahead_failure = std::move(got).error();
      if (!got.ok() || *got == 0 || underlying_readiness() == Readiness::would_block) break;
    }
  }

  Readiness underlying_readiness() const noexcept {
    if (decoder && (decoder->has_pending_output() || in_begin < in_end)) return Readiness::ready;
    if (!decoder && in_begin < in_end) return Readiness::ready;
    pollfd poller{fd, POLLIN, 0};
    return ::poll(&poller, 1, 0) == 0 ? Readiness::would_block : Readiness::ready;
  }

  Result<std::size_t> read_through(char* buffer, std::size_t capacity) {
    if (!detected) {
      if (auto status = detect(); !status.ok()) return status.error();
    }
    if (!decoder) {
      if (in_begin < in_end) {  // the bytes read to detect the format come first
        const std::size_t count = std::min(capacity, in_end - in_begin);
        std::memcpy(buffer, in.data() + in_begin, count);
        in_begin += count;
        return count;
      }
      return read_raw(buffer, capacity);
    }
    while (true) {
      if (in_begin == in_end && !raw_eof && !decoder->has_pending_output()) {
        if (auto status = refill(); !status.ok()) return status.error();
      }
      std::size_t consumed = 0;
      std::size_t produced = 0;
      auto status = decoder->decode(std::string_view(in.data() + in_begin, in_end - in_begin),
                                    buffer, capacity, consumed, produced);
      if (!status.ok()) {
        Diagnostic error = std::move(status).error();
        error.where.file = name;
        return error;
      }
      in_begin += consumed;
      if (produced > 0) return produced;
      if (raw_eof && (in_begin == in_end || consumed == 0)) {
        if (stopped) return std::size_t{0};
        if (!decoder->complete() || in_begin != in_end) return truncated();
        return std::size_t{0};
      }
      if (consumed == 0 && in_begin != in_end && !raw_eof) {
        // The decoder needs more than the buffer holds at once: move the rest to the front.
        std::memmove(in.data(), in.data() + in_begin, in_end - in_begin);
        in_end -= in_begin;
        in_begin = 0;
        if (auto refilled = refill(); !refilled.ok()) return refilled.error();
      }
    }
  }
};

namespace {

// Standard input can be read once: what peek_standard_input read ahead waits here for open("-").
std::mutex g_standard_input_mutex;
std::optional<FileSource> g_standard_input;

}  // namespace

FileSource::FileSource(std::unique_ptr<State> state) noexcept : m_state(std::move(state)) {}
FileSource::FileSource(FileSource&& other) noexcept = default;
FileSource& FileSource::operator=(FileSource&& other) noexcept = default;
FileSource::~FileSource() = default;

Result<FileSource> FileSource::open(const std::string& path, DecodeThread decode) {
  auto state = std::make_unique<State>();
  state->name = path;
  state->decode_thread = path == "-" ? DecodeThread::reader : decode;
  if (ReadProgress* progress = read_progress()) progress->set_current(path);
  if (path == "-") {
    const std::lock_guard lock(g_standard_input_mutex);
    if (g_standard_input) {
      FileSource peeked = std::move(*g_standard_input);
      g_standard_input.reset();
      return peeked;
    }
    state->fd = STDIN_FILENO;
    return FileSource(std::move(state));
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error(path, "cannot open", errno);
  state->fd = fd;
  state->owned = true;
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
    return Diagnostic{SourcePosition{path, 0, 0, ""}, "is a directory",
                      "name the log files inside it (e.g. dir/*.log)"};
  }
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return FileSource(std::move(state));
}

Result<FileSource> FileSource::open_range(const std::string& path, std::uint64_t begin,
                                          std::uint64_t end) {
  auto source = open(path);
  if (!source.ok()) return source;
  State& state = *source->m_state;
  state.ranged = true;
  state.detected = true;  // the caller checked the file is not compressed
  state.offset = begin;
  state.range_end = end;
  return source;
}

Result<std::size_t> FileSource::read(char* buffer, std::size_t capacity) {
  return m_state->read(buffer, capacity);
}

Readiness FileSource::readiness() const noexcept {
  if (m_state->ahead_begin < m_state->ahead.size() || m_state->ahead_failure) {
    return Readiness::ready;
  }
  if (m_state->decode_ahead) return Readiness::ready;  // a file: its decoder never waits long
  return m_state->underlying_readiness();
}

std::string FileSource::peek_standard_input(std::size_t size) {
  const std::lock_guard lock(g_standard_input_mutex);
  if (!g_standard_input) {
    auto state = std::make_unique<State>();
    state->name.assign(1, '-');  // (operator= of "-" trips a false -Wrestrict in g++ 12)
    state->fd = STDIN_FILENO;
    g_standard_input.emplace(FileSource(std::move(state)));
  }
  State& state = *g_standard_input->m_state;
  state.peek(size);
  const std::string_view ahead = std::string_view(state.ahead).substr(state.ahead_begin, size);
  return std::string(ahead.begin(), ahead.end());
}

const std::string& FileSource::name() const noexcept {
  return m_state->name;
}

Result<std::size_t> FileSource::read_at(std::uint64_t offset, char* buffer,
                                        std::size_t capacity) const {
  while (true) {
    const ssize_t got = ::pread(m_state->fd, buffer, capacity, static_cast<off_t>(offset));
    if (got >= 0) return static_cast<std::size_t>(got);
    if (errno == EINTR) continue;
    return io_error(m_state->name, "read error", errno);
  }
}

std::optional<std::uint64_t> regular_file_size(const std::string& path) {
  struct stat info {};
  if (path == "-" || ::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
    return std::nullopt;
  }
  return static_cast<std::uint64_t>(info.st_size);
}

std::optional<std::time_t> FileSource::modified_time() const noexcept {
  struct stat info {};
  if (!m_state->owned || ::fstat(m_state->fd, &info) != 0) return std::nullopt;
  return info.st_mtime;
}

}  // namespace errscope
