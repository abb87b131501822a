#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "source/file_source.hpp"
#include "util/result.hpp"

namespace errscope {

/// The part size of `scan -j`: small, so the thread writing the output finds the next part
/// scanned, while threads + 4 parts' outputs are held in memory (see doc/performance.md).
inline constexpr std::size_t k_scan_part_bytes = std::size_t{1} << 20;
/// The part size of `report -j`: a report part leaves a small Report, not output held until its
/// turn, so its parts are larger (see doc/performance.md).
inline constexpr std::size_t k_report_part_bytes = std::size_t{16} << 20;

/// A piece of work: a whole input, or a byte range of an uncompressed regular file that starts
/// and ends at line boundaries.
struct InputPart {
  std::string path;
  std::size_t input = 0;  ///< which input (the same path may be given twice)
  bool whole = true;
  std::uint64_t begin = 0;
  std::uint64_t end = 0;

  /// Whether the part is the start of its input (no line of the input comes before it).
  bool starts_input() const noexcept { return whole || begin == 0; }
};

/// Splits the inputs into parts: an uncompressed regular file larger than `part_bytes` is cut at
/// line starts into ranges of about that size; standard input, compressed files and small files
/// stay whole. Order follows the inputs.
std::vector<InputPart> plan_parts(const std::vector<std::string>& paths, std::size_t part_bytes);

/// The threads `-j` allows beyond one per part (none when there are as many parts as threads):
/// each may decode a whole compressed input ahead of the thread scanning it. Safe to share
/// between the scanning threads.
class SpareThreads {
 public:
  /// A spare thread held for one part until the lease is destroyed (after the part's
  /// FileSource, whose decoding thread it is), or none.
  class Lease {
   public:
    Lease(std::atomic<std::size_t>& left, bool held) noexcept : m_left(left), m_held(held) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
      if (m_held) ++m_left;
    }
    /// Where the part's input is decoded: on a thread of its own when the lease holds one.
    DecodeThread decode() const noexcept {
      return m_held ? DecodeThread::own : DecodeThread::reader;
    }

   private:
    std::atomic<std::size_t>& m_left;
    bool m_held;
  };

  /// `threads` asked for `parts` parts.
  SpareThreads(std::size_t threads, std::size_t parts) noexcept
      : m_left(threads > parts ? threads - parts : 0) {}
  /// A spare thread for `part` if it is a whole input and one is free.
  Lease lease(const InputPart& part) noexcept;

 private:
  std::atomic<std::size_t> m_left;
};

/// Opens the part: its whole input (a compressed one decoded where `decode` says), or its byte
/// range.
Result<FileSource> open_part(const InputPart& part, DecodeThread decode = DecodeThread::reader);

}  // namespace errscope
