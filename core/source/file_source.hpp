#pragma once

#include <cstddef>
#include <cstdint>
#include <ctime>
#include <memory>
#include <optional>
#include <string>

#include "util/result.hpp"

namespace errscope {

/// Whether a read may wait for input (a pipe or terminal) or the data is all there (a file).
enum class Readiness { ready, would_block };

/// Where a compressed input is decoded: on the reading thread, or on a thread of its own that
/// decodes ahead into a few buffers (DecodeAhead: 4 of 1 MiB) while the reader scans, so a read
/// costs a copy instead of the decoding.
enum class DecodeThread { reader, own };

/// Reads the bytes of one input: a file, or standard input for "-". gzip, zstd, xz and bzip2 input
/// (told by its first bytes, whatever the file's name) is decompressed on the fly; a truncated or corrupt
/// stream fails after every byte decoded before the damage has been handed out.
class FileSource {
 public:
  /// Opens `path` ("-" is standard input, with what peek_standard_input read of it first).
  /// Fails with a diagnostic naming the file. With DecodeThread::own, a compressed file (not
  /// standard input) is decoded on a thread of its own, which ends when the input ends, fails
  /// or is stopped, or when the FileSource is destroyed; the bytes and the failure read are the
  /// same as with DecodeThread::reader.
  static Result<FileSource> open(const std::string& path,
                                 DecodeThread decode = DecodeThread::reader);
  /// The first (decoded) bytes of standard input, up to `size`: waits for the first, then takes
  /// only what is already there, so a pipe's first lines are not held back. They are not lost:
  /// the next open("-") hands them out first (a read error it met comes after them).
  static std::string peek_standard_input(std::size_t size);
  /// Opens bytes [begin, end) of an uncompressed regular file, read with pread (so several
  /// threads can read parts of one file).
  static Result<FileSource> open_range(const std::string& path, std::uint64_t begin,
                                       std::uint64_t end);

  FileSource(FileSource&& other) noexcept;
  FileSource& operator=(FileSource&& other) noexcept;
  ~FileSource();

  /// Reads up to `capacity` bytes of the (decompressed) input; 0 means its end.
  Result<std::size_t> read(char* buffer, std::size_t capacity);
  /// Whether the next read would wait (nothing buffered in a pipe): the moment to flush output.
  Readiness readiness() const noexcept;
  /// The name used in messages and output: the path, or "-" for standard input.
  const std::string& name() const noexcept;
  /// Reads up to `capacity` bytes of the file as stored (never decompressed) at `offset` with
  /// pread, leaving where read() goes on alone; 0 means the file ends there.
  Result<std::size_t> read_at(std::uint64_t offset, char* buffer, std::size_t capacity) const;
  /// When the open file was last modified; none for standard input or when fstat fails.
  std::optional<std::time_t> modified_time() const noexcept;

 private:
  struct State;
  explicit FileSource(std::unique_ptr<State> state) noexcept;

  std::unique_ptr<State> m_state;
};

/// The size of `path` when it names a regular file (not "-"), else nothing.
std::optional<std::uint64_t> regular_file_size(const std::string& path);

}  // namespace errscope
