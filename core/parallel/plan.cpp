#include "parallel/plan.hpp"

#include <cstring>
#include <string_view>

#include "source/decoder.hpp"

namespace errscope {

namespace {

// The first line start at or after `offset` in `file` (`size` when none). Reads 512 bytes, then
// 4 KiB at a time: lines are short, and a scan plans ~1,000 parts per GiB before any thread
// starts (see doc/performance.md).
std::uint64_t next_line_start(const FileSource& file, std::uint64_t offset, std::uint64_t size) {
  char window[4096];
  std::size_t wanted = 512;
  while (offset < size) {
    const auto got = file.read_at(offset, window, wanted);
    if (!got.ok() || *got == 0) break;
    const void* newline = std::memchr(window, '\n', *got);
    if (newline != nullptr) {
      return offset + static_cast<std::uint64_t>(static_cast<const char*>(newline) - window) + 1;
    }
    offset += *got;
    wanted = sizeof window;
  }
  return size;
}

// Whether `file` starts like a compressed stream.
bool compressed(const FileSource& file) {
  char head[k_compression_head];
  std::size_t size = 0;
  while (size < sizeof head) {
    const auto got = file.read_at(size, head + size, sizeof head - size);
    if (!got.ok() || *got == 0) break;
    size += *got;
  }
  return detect_compression(std::string_view(head, size)) != Compression::none;
}

}  // namespace

std::vector<InputPart> plan_parts(const std::vector<std::string>& paths, std::size_t part_bytes) {
  std::vector<InputPart> parts;
  for (std::size_t input = 0; input < paths.size(); ++input) {
    const std::string& path = paths[input];
    const InputPart whole{path, input, true, 0, 0};
    const std::optional<std::uint64_t> size = regular_file_size(path);
    if (!size || *size <= part_bytes) {
      parts.push_back(whole);
      continue;
    }
    const auto file = FileSource::open(path);
    if (!file.ok() || compressed(*file)) {
      parts.push_back(whole);
      continue;
    }
    std::uint64_t begin = 0;
    while (begin < *size) {
      const std::uint64_t end =
          begin + part_bytes >= *size ? *size : next_line_start(*file, begin + part_bytes, *size);
      parts.push_back(InputPart{path, input, false, begin, end});
      begin = end;
    }
  }
  return parts;
}

SpareThreads::Lease SpareThreads::lease(const InputPart& part) noexcept {
  std::size_t left = m_left.load();
  while (part.whole && left > 0 && !m_left.compare_exchange_weak(left, left - 1)) {
  }
  return Lease(m_left, part.whole && left > 0);
}

Result<FileSource> open_part(const InputPart& part, DecodeThread decode) {
  return part.whole ? FileSource::open(part.path, decode)
                    : FileSource::open_range(part.path, part.begin, part.end);
}

}  // namespace errscope
