#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "time/civil.hpp"
#include "time/timestamp.hpp"

namespace errscope {

/// The bucket sizes a report offers, in milliseconds: 1m, 5m, 15m, 1h, 1d, 7d. Each divides the
/// next and all are aligned to k_bucket_origin, so a timeline can always be re-bucketed exactly to
/// a coarser size.
inline constexpr std::int64_t k_bucket_sizes[] = {60'000,    300'000,      900'000,
                                                  3'600'000, k_day_millis, 7 * k_day_millis};
/// Where buckets are counted from: 1970-01-05T00:00, a Monday, so 7d buckets are weeks starting on
/// Monday; the sizes up to 1d, which divide a day, start at midnight as before.
inline constexpr WallMillis k_bucket_origin = 4 * k_day_millis;
/// The most buckets a timeline has from its first to its last bucket, whatever the span: 10,000
/// (a week of minutes, a year of hours, 27 years of days, 190 years of weeks).
inline constexpr std::uint64_t k_max_buckets = 10'000;
/// The most buckets `auto` picks a size for (aiming at a readable 60-120).
inline constexpr std::uint64_t k_auto_buckets = 120;

/// Parses `1m`, `5m`, `15m`, `1h`, `1d` or `7d`.
std::optional<std::int64_t> parse_bucket(std::string_view text) noexcept;
/// The name of a bucket size (`15m`).
std::string bucket_name(std::int64_t bucket_ms);
/// The names of the bucket sizes, for messages: `1m, 5m, 15m, 1h, 1d or 7d`.
std::string bucket_names();
/// The bucket `auto` picks for a span: the finest that gives at most k_auto_buckets buckets, or
/// 7d for longer spans (which may still need more than k_max_buckets; see fitting_bucket).
std::int64_t auto_bucket(WallMillis first, WallMillis last) noexcept;
/// The start of the bucket holding `time` (`bucket_ms` one of k_bucket_sizes); the lowest
/// WallMillis for times in the bucket that starts below it.
WallMillis bucket_start(WallMillis time, std::int64_t bucket_ms) noexcept;
/// How many buckets there are from the one holding `first` to the one holding `last`, both
/// included; 0 when `last` is before `first`. Exact whatever the span (no overflow).
std::uint64_t bucket_count(WallMillis first, WallMillis last, std::int64_t bucket_ms) noexcept;
/// The finest bucket size of at least `at_least` that covers first…last in at most
/// k_max_buckets buckets; none when even 7d needs more.
std::optional<std::int64_t> fitting_bucket(WallMillis first, WallMillis last,
                                           std::int64_t at_least) noexcept;

/// Counts per time bucket, sparse, in a flat vector. Adding to the last bucket or a new last one
/// (log lines come in time order) is O(1); a bucket out of order waits in a tail that is sorted
/// in once it outgrows the ordered part (amortised O(log buckets) per add, whatever the order).
/// Merging re-buckets to the coarser size, so timelines from shards add up to the whole's.
/// Counts saturate at k_max_count. A timeline holding more than k_max_buckets buckets moves
/// itself to the next coarser size (its span could not be shown at its size anyway), so its
/// memory stays bounded whatever the times added.
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
  /// Every bucket from the one holding `first` to the one holding `last`, zeros included, but
  /// never more than k_max_buckets: a longer span is cut after that many (Report::finalize()
  /// picks a size that fits).
  std::vector<Bucket> dense(WallMillis first, WallMillis last) const;

 private:
  /// Sorts `buckets[sorted, end)` in and adds up buckets with the same start.
  static void sort_in(std::vector<Bucket>& buckets, std::size_t sorted);
  /// Sorts the tail into the ordered part: all of m_buckets is ordered after it.
  void settle();
  /// Moves to coarser sizes while more than k_max_buckets buckets are ordered.
  void keep_within_cap();

  std::int64_t m_bucket_ms;
  /// [0, m_sorted) by start, one per bucket; after it, buckets added out of order, unsorted.
  std::vector<Bucket> m_buckets;
  std::size_t m_sorted = 0;
};

}  // namespace errscope
