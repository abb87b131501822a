#include "source/file_source.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace errscope {

namespace {

Diagnostic io_error(const std::string& name, std::string_view what, int error) {
  return Diagnostic{SourcePosition{name, 0, 0, ""}, std::string(what) + ": " + std::strerror(error),
                    "check that the file exists and is readable"};
}

}  // namespace

Result<FileSource> FileSource::open(const std::string& path) {
  if (path == "-") return FileSource(STDIN_FILENO, "-", false);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error(path, "cannot open", errno);
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
    ::close(fd);
    return Diagnostic{SourcePosition{path, 0, 0, ""}, "is a directory",
                      "name the log files inside it (e.g. dir/*.log)"};
  }
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return FileSource(fd, path, true);
}

FileSource::FileSource(FileSource&& other) noexcept
    : m_fd(other.m_fd), m_name(std::move(other.m_name)), m_owned(other.m_owned) {
  other.m_fd = -1;
  other.m_owned = false;
}

FileSource& FileSource::operator=(FileSource&& other) noexcept {
  if (this != &other) {
    if (m_owned && m_fd >= 0) ::close(m_fd);
    m_fd = other.m_fd;
    m_name = std::move(other.m_name);
    m_owned = other.m_owned;
    other.m_fd = -1;
    other.m_owned = false;
  }
  return *this;
}

FileSource::~FileSource() {
  if (m_owned && m_fd >= 0) ::close(m_fd);
}

Result<std::size_t> FileSource::read(char* buffer, std::size_t capacity) {
  while (true) {
    const ssize_t got = ::read(m_fd, buffer, capacity);
    if (got >= 0) return static_cast<std::size_t>(got);
    if (errno == EINTR) continue;
    return io_error(m_name, "read error", errno);
  }
}

Readiness FileSource::readiness() const noexcept {
  pollfd poller{m_fd, POLLIN, 0};
  const int ready = ::poll(&poller, 1, 0);
  return ready == 0 ? Readiness::would_block : Readiness::ready;
}

}  // namespace errscope
