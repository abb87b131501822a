#include "report/timeline.hpp"

#include <algorithm>
#include <limits>

#include "report/count.hpp"
#include "time/civil.hpp"

namespace errscope {

std::optional<std::int64_t> parse_bucket(std::string_view text) noexcept {
  for (const std::int64_t size : k_bucket_sizes) {
    if (bucket_name(size) == text) return size;
  }
  return std::nullopt;
}

std::string bucket_name(std::int64_t bucket_ms) {
  if (bucket_ms % k_day_millis == 0) return std::to_string(bucket_ms / k_day_millis) + "d";
  if (bucket_ms % 3'600'000 == 0) return std::to_string(bucket_ms / 3'600'000) + "h";
  if (bucket_ms % 60'000 == 0) return std::to_string(bucket_ms / 60'000) + "m";
  return std::to_string(bucket_ms / 1000) + "s";
}

std::string bucket_names() {
  std::string out;
  for (std::size_t i = 0; i < std::size(k_bucket_sizes); ++i) {
    if (i > 0) out += i + 1 == std::size(k_bucket_sizes) ? " or " : ", ";
    out += bucket_name(k_bucket_sizes[i]);
  }
  return out;
}

std::int64_t auto_bucket(WallMillis first, WallMillis last) noexcept {
  for (const std::int64_t size : k_bucket_sizes) {
    if (bucket_count(first, last, size) <= k_auto_buckets) return size;
  }
  return k_bucket_sizes[std::size(k_bucket_sizes) - 1];
}

WallMillis bucket_start(WallMillis time, std::int64_t bucket_ms) noexcept {
  // (time - origin) mod size without computing time - origin, which could overflow.
  WallMillis rest = time % bucket_ms - k_bucket_origin % bucket_ms;
  while (rest < 0) rest += bucket_ms;
  // Within a bucket of the lowest WallMillis the start is not representable: the lowest it is.
  if (time < std::numeric_limits<WallMillis>::min() + rest)
    return std::numeric_limits<WallMillis>::min();
  return time - rest;
}

std::uint64_t bucket_count(WallMillis first, WallMillis last, std::int64_t bucket_ms) noexcept {
  if (last < first) return 0;
  const std::uint64_t span = static_cast<std::uint64_t>(bucket_start(last, bucket_ms)) -
                             static_cast<std::uint64_t>(bucket_start(first, bucket_ms));
  return span / static_cast<std::uint64_t>(bucket_ms) + 1;
}

std::optional<std::int64_t> fitting_bucket(WallMillis first, WallMillis last,
                                           std::int64_t at_least) noexcept {
  for (const std::int64_t size : k_bucket_sizes) {
    if (size >= at_least && bucket_count(first, last, size) <= k_max_buckets) return size;
  }
  return std::nullopt;
}

void Timeline::add(WallMillis time, std::uint64_t count) {
  if (!m_buckets.empty()) {
    Bucket& last = m_buckets.back();
    // Unsigned: the distance of far-apart times does not overflow.
    if (time >= last.first &&
        static_cast<std::uint64_t>(time) - static_cast<std::uint64_t>(last.first) <
            static_cast<std::uint64_t>(m_bucket_ms)) {
      add_count(last.second, count);
      return;
    }
  }
  const WallMillis start = bucket_start(time, m_bucket_ms);
  const bool in_order =
      m_sorted == m_buckets.size() && (m_buckets.empty() || start > m_buckets.back().first);
  m_buckets.emplace_back(start, count);
  if (in_order) {
    if (++m_sorted > k_max_buckets) keep_within_cap();
  } else if (m_buckets.size() - m_sorted > std::max<std::size_t>(m_sorted, 64)) {
    settle();
  }
}

void Timeline::settle() {
  sort_in(m_buckets, m_sorted);
  m_sorted = m_buckets.size();
  keep_within_cap();
}

void Timeline::keep_within_cap() {
  // More than the cap at this size means the span needs more than the cap at this size, so the
  // report's final size is coarser anyway: moving now loses nothing.
  while (m_sorted == m_buckets.size() && m_sorted > k_max_buckets) {
    const auto* next =
        std::upper_bound(std::begin(k_bucket_sizes), std::end(k_bucket_sizes), m_bucket_ms);
    if (next == std::end(k_bucket_sizes)) return;
    m_bucket_ms = *next;
    for (Bucket& bucket : m_buckets) bucket.first = bucket_start(bucket.first, m_bucket_ms);
    sort_in(m_buckets, m_sorted);
    m_sorted = m_buckets.size();
  }
}

void Timeline::sort_in(std::vector<Bucket>& buckets, std::size_t sorted) {
  const auto by_start = [](const Bucket& a, const Bucket& b) { return a.first < b.first; };
  const auto middle = buckets.begin() + static_cast<std::ptrdiff_t>(sorted);
  std::sort(middle, buckets.end(), by_start);
  std::inplace_merge(buckets.begin(), middle, buckets.end(), by_start);
  // Equal starts are now next to each other: add them up.
  std::size_t kept = 0;
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    if (kept > 0 && buckets[kept - 1].first == buckets[i].first) {
      add_count(buckets[kept - 1].second, buckets[i].second);
    } else {
      buckets[kept++] = buckets[i];
    }
  }
  buckets.resize(kept);
}

void Timeline::rebucket(std::int64_t bucket_ms) {
  if (bucket_ms <= m_bucket_ms) return;
  // Starts stay in order (bucket_start is monotonic); settle adds up the ones that now coincide.
  for (Bucket& bucket : m_buckets) bucket.first = bucket_start(bucket.first, bucket_ms);
  m_bucket_ms = bucket_ms;
  settle();
}

Timeline& Timeline::operator+=(const Timeline& other) {
  if (other.m_bucket_ms > m_bucket_ms) rebucket(other.m_bucket_ms);
  // The other's buckets join the tail, and one sort-merge puts them in.
  for (const auto& [start, count] : other.m_buckets) {
    m_buckets.emplace_back(bucket_start(start, m_bucket_ms), count);
  }
  settle();
  return *this;
}

std::vector<Timeline::Bucket> Timeline::counts() const {
  std::vector<Bucket> buckets = m_buckets;
  if (m_sorted != buckets.size()) sort_in(buckets, m_sorted);
  return buckets;
}

std::vector<Timeline::Bucket> Timeline::dense(WallMillis first, WallMillis last) const {
  std::vector<Bucket> out;
  const std::uint64_t size = std::min(bucket_count(first, last, m_bucket_ms), k_max_buckets);
  if (size == 0) return out;
  out.reserve(static_cast<std::size_t>(size));
  const std::vector<Bucket> buckets = counts();
  const WallMillis base = bucket_start(first, m_bucket_ms);
  auto it =
      std::lower_bound(buckets.begin(), buckets.end(), base,
                       [](const Bucket& bucket, WallMillis start) { return bucket.first < start; });
  for (std::uint64_t i = 0; i < size; ++i) {
    const WallMillis start = base + static_cast<WallMillis>(i) * m_bucket_ms;
    std::uint64_t count = 0;
    if (it != buckets.end() && it->first == start) count = (it++)->second;
    out.emplace_back(start, count);
  }
  return out;
}

}  // namespace errscope
