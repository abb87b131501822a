#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "time/timestamp.hpp"
#include "util/owner_cache.hpp"

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

/// Counts per time bucket, sparse. Adding is O(log buckets), O(1) for the bucket added to last
/// or a new last bucket (log lines come in time order); merging re-buckets to the coarser
/// size, so timelines from shards add up to the timeline of the whole.
class Timeline {
 public:
  explicit Timeline(std::int64_t bucket_ms = k_bucket_sizes[0]) : m_bucket_ms(bucket_ms) {}

  void add(WallMillis time, std::uint64_t count = 1);
  /// Moves to a coarser bucket size (one the current size divides).
  void rebucket(std::int64_t bucket_ms);
  /// Adds another timeline, both at the coarser of the two sizes.
  Timeline& operator+=(const Timeline& other);

  std::int64_t bucket_ms() const noexcept { return m_bucket_ms; }
  /// Bucket start → count, for the buckets with counts.
  const std::map<WallMillis, std::uint64_t>& counts() const noexcept { return m_counts; }
  /// Every bucket from the one holding `first` to the one holding `last`, zeros included.
  std::vector<std::pair<WallMillis, std::uint64_t>> dense(WallMillis first, WallMillis last) const;

 private:
  std::int64_t m_bucket_ms;
  std::map<WallMillis, std::uint64_t> m_counts;
  /// The bucket added to last and its count in m_counts.
  OwnerCache<std::pair<WallMillis, std::uint64_t*>> m_last_bucket;
};

}  // namespace errscope
