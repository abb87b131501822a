#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "time/timestamp.hpp"

namespace errscope {

/// The bucket sizes a report offers, in milliseconds: 1m, 5m, 15m, 1h, 1d. Each divides the next
/// and all are aligned to midnight, so a timeline can always be re-bucketed to a coarser size.
inline constexpr std::int64_t k_bucket_sizes[] = {60'000, 300'000, 900'000, 3'600'000, 86'400'000};

/// Parses `1m`, `5m`, `15m`, `1h` or `1d`.
std::optional<std::int64_t> parse_bucket(std::string_view text) noexcept;
/// The name of a bucket size (`15m`).
std::string bucket_name(std::int64_t bucket_ms);
/// The bucket `auto` picks for a span: the finest that gives at most 120 buckets (aiming at a
/// readable 60-120), or 1d for longer spans.
std::int64_t auto_bucket(WallMillis first, WallMillis last) noexcept;
/// The start of the bucket holding `time`.
WallMillis bucket_start(WallMillis time, std::int64_t bucket_ms) noexcept;

/// Counts per time bucket, sparse, in a flat vector. Adding to the last bucket or a new last one
/// (log lines come in time order) is O(1); a bucket out of order waits in a tail that is sorted
/// in once it outgrows the ordered part (amortised O(log buckets) per add, whatever the order).
/// Merging re-buckets to the coarser size, so timelines from shards add up to the whole's.
class Timeline {
 public:
  using Bucket = std::pair<WallMillis, std::uint64_t>;

  explicit Timeline(std::int64_t bucket_ms = k_bucket_sizes[0]) : m_bucket_ms(bucket_ms) {}

  void add(WallMillis time, std::uint64_t count = 1);
  /// Moves to a coarser bucket size (one the current size divides).
  void rebucket(std::int64_t bucket_ms);
  /// Adds another timeline, both at the coarser of the two sizes.
  Timeline& operator+=(const Timeline& other);

  std::int64_t bucket_ms() const noexcept { return m_bucket_ms; }
  /// The buckets with counts, by start.
  std::vector<Bucket> counts() const;
  /// Every bucket from the one holding `first` to the one holding `last`, zeros included.
  std::vector<Bucket> dense(WallMillis first, WallMillis last) const;

 private:
  /// Sorts `buckets[sorted, end)` in and adds up buckets with the same start.
  static void sort_in(std::vector<Bucket>& buckets, std::size_t sorted);
  /// Sorts the tail into the ordered part: all of m_buckets is ordered after it.
  void settle();

  std::int64_t m_bucket_ms;
  /// [0, m_sorted) by start, one per bucket; after it, buckets added out of order, unsorted.
  std::vector<Bucket> m_buckets;
  std::size_t m_sorted = 0;
};

}  // namespace errscope
