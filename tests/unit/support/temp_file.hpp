#pragma once
// Shared by the unit tests: temporary files that remove themselves.

#include <unistd.h>

#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace errscope::test {

/// A file in /tmp holding the given bytes, removed when the object goes; throws if it cannot be
/// written.
class TempFile {
 public:
  explicit TempFile(std::string_view bytes = {}) {
    char name[] = "/tmp/errscope-test-XXXXXX";
    const int fd = ::mkstemp(name);
    if (fd < 0) throw std::runtime_error("cannot create a temporary file");
    std::size_t written = 0;
    while (written < bytes.size()) {
      const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
      if (n <= 0) {
        ::close(fd);
        std::remove(name);
        throw std::runtime_error("cannot write a temporary file");
      }
      written += static_cast<std::size_t>(n);
    }
    ::close(fd);
    m_path = name;
  }
  TempFile(TempFile&& other) noexcept : m_path(std::exchange(other.m_path, {})) {}
  TempFile& operator=(TempFile&& other) noexcept {
    if (this != &other) {
      remove();
      m_path = std::exchange(other.m_path, {});
    }
    return *this;
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() { remove(); }

  /// The file's name.
  const std::string& path() const { return m_path; }

 private:
  void remove() {
    if (!m_path.empty()) std::remove(m_path.c_str());
  }

  std::string m_path;
};

/// Several temporary files, one per text, removed together.
class TempFiles {
 public:
  explicit TempFiles(const std::vector<std::string>& texts) {
    for (const std::string& text : texts) {
      m_files.emplace_back(text);
      m_paths.push_back(m_files.back().path());
    }
  }

  /// The files' names, in the order of the texts.
  const std::vector<std::string>& paths() const { return m_paths; }

 private:
  std::vector<TempFile> m_files;
  std::vector<std::string> m_paths;
};

}  // namespace errscope::test
