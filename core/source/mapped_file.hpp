#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "source/file_source.hpp"
#include "util/result.hpp"

namespace errscope {

/// A window of a regular file mapped read-only with mmap, so its bytes are scanned where the
/// page cache holds them instead of being copied by read(2). One window at a time: mapping the
/// next releases the last, so memory stays bounded by the window, not by the file. A file cut
/// short under the window (copytruncate rotation) does not crash the process: the missing
/// pages read as zeros and shrank() turns true.
class MappedFile {
 public:
  MappedFile(MappableRange range, std::string name) noexcept;
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  /// Maps at least bytes [offset, offset + length) of the range (clamped to its end; the window
  /// may start a little earlier, at a page boundary) and returns them.
  Result<std::string_view> map(std::uint64_t offset, std::size_t length);
  /// Whether the file shrank under a window mapped by this thread (its lost pages read as
  /// zeros).
  bool shrank() const noexcept;
  std::uint64_t begin() const noexcept { return m_range.begin; }
  std::uint64_t end() const noexcept { return m_range.end; }

 private:
  void unmap() noexcept;

  MappableRange m_range;
  std::string m_name;
  char* m_window = nullptr;
  std::size_t m_window_length = 0;
};

}  // namespace errscope
