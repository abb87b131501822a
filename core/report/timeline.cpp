#include "report/timeline.hpp"

#include <algorithm>

namespace errscope {

std::optional<std::int64_t> parse_bucket(std::string_view text) noexcept {
  for (const std::int64_t size : k_bucket_sizes) {
    if (bucket_name(size) == text) return size;
  }
  return std::nullopt;
}

std::string bucket_name(std::int64_t bucket_ms) {
  if (bucket_ms % 86'400'000 == 0) return std::to_string(bucket_ms / 86'400'000) + "d";
  if (bucket_ms % 3'600'000 == 0) return std::to_string(bucket_ms / 3'600'000) + "h";
  if (bucket_ms % 60'000 == 0) return std::to_string(bucket_ms / 60'000) + "m";
  return std::to_string(bucket_ms / 1000) + "s";
}

std::int64_t auto_bucket(WallMillis first, WallMillis last) noexcept {
  for (const std::int64_t size : k_bucket_sizes) {
    const std::int64_t buckets = (bucket_start(last, size) - bucket_start(first, size)) / size + 1;
    if (buckets <= 120) return size;
  }
  return k_bucket_sizes[std::size(k_bucket_sizes) - 1];
}

WallMillis bucket_start(WallMillis time, std::int64_t bucket_ms) noexcept {
  const WallMillis rest = time % bucket_ms;
  return time - (rest < 0 ? rest + bucket_ms : rest);
}

void Timeline::add(WallMillis time, std::uint64_t count) {
  if (!m_buckets.empty()) {
    Bucket& last = m_buckets.back();
    if (time >= last.first && time - last.first < m_bucket_ms) {
      last.second += count;
      return;
    }
  }
  const WallMillis start = bucket_start(time, m_bucket_ms);
  const bool in_order =
      m_sorted == m_buckets.size() && (m_buckets.empty() || start > m_buckets.back().first);
  m_buckets.emplace_back(start, count);
  if (in_order) {
    ++m_sorted;
  } else if (m_buckets.size() - m_sorted > std::max<std::size_t>(m_sorted, 64)) {
    settle();
  }
}

void Timeline::settle() {
  sort_in(m_buckets, m_sorted);
  m_sorted = m_buckets.size();
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
      buckets[kept - 1].second += buckets[i].second;
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
  if (last < first) return out;
  const std::vector<Bucket> buckets = counts();
  auto it =
      std::lower_bound(buckets.begin(), buckets.end(), bucket_start(first, m_bucket_ms),
                       [](const Bucket& bucket, WallMillis start) { return bucket.first < start; });
  for (WallMillis start = bucket_start(first, m_bucket_ms); start <= last; start += m_bucket_ms) {
    std::uint64_t count = 0;
    if (it != buckets.end() && it->first == start) count = (it++)->second;
    out.emplace_back(start, count);
  }
  return out;
}

}  // namespace errscope
