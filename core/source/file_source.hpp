#pragma once

#include <cstddef>
#include <string>

#include "util/result.hpp"

namespace errscope {

/// Whether a read may wait for input (a pipe or terminal) or the data is all there (a file).
enum class Readiness { ready, would_block };

/// Reads the raw bytes of one input: a file, or standard input for "-". Owns its descriptor.
class FileSource {
 public:
  /// Opens `path` ("-" is standard input). Fails with a diagnostic naming the file.
  static Result<FileSource> open(const std::string& path);

  FileSource(FileSource&& other) noexcept;
  FileSource& operator=(FileSource&& other) noexcept;
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;
  ~FileSource();

  /// Reads up to `capacity` bytes; 0 means end of input.
  Result<std::size_t> read(char* buffer, std::size_t capacity);
  /// Whether the next read would wait (nothing buffered in a pipe): the moment to flush output.
  Readiness readiness() const noexcept;
  /// The name used in messages and output: the path, or "-" for standard input.
  const std::string& name() const noexcept { return m_name; }

 private:
  FileSource(int fd, std::string name, bool owned) noexcept
      : m_fd(fd), m_name(std::move(name)), m_owned(owned) {}

  int m_fd = -1;
  std::string m_name;
  bool m_owned = false;
};

}  // namespace errscope
