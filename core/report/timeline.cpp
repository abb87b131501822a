#include "report/timeline.hpp"

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
  auto& [last_start, last_count] = m_last_bucket.value;
  if (last_count == nullptr || time < last_start || time - last_start >= m_bucket_ms) {
    last_start = bucket_start(time, m_bucket_ms);
    // Log lines come in time order: a new last bucket goes in at the end without a tree walk.
    const bool after_all = m_counts.empty() || last_start > m_counts.rbegin()->first;
    last_count = after_all ? &m_counts.emplace_hint(m_counts.end(), last_start, 0)->second
                           : &m_counts[last_start];
  }
  *last_count += count;
}

void Timeline::rebucket(std::int64_t bucket_ms) {
  if (bucket_ms <= m_bucket_ms) return;
  std::map<WallMillis, std::uint64_t> coarser;
  for (const auto& [start, count] : m_counts) coarser[bucket_start(start, bucket_ms)] += count;
  m_counts = std::move(coarser);
  m_bucket_ms = bucket_ms;
  m_last_bucket.value = {};
}

Timeline& Timeline::operator+=(const Timeline& other) {
  if (other.m_bucket_ms > m_bucket_ms) rebucket(other.m_bucket_ms);
  for (const auto& [start, count] : other.m_counts)
    m_counts[bucket_start(start, m_bucket_ms)] += count;
  return *this;
}

std::vector<std::pair<WallMillis, std::uint64_t>> Timeline::dense(WallMillis first,
                                                                  WallMillis last) const {
  std::vector<std::pair<WallMillis, std::uint64_t>> out;
  if (last < first) return out;
  auto it = m_counts.lower_bound(bucket_start(first, m_bucket_ms));
  for (WallMillis start = bucket_start(first, m_bucket_ms); start <= last; start += m_bucket_ms) {
    std::uint64_t count = 0;
    if (it != m_counts.end() && it->first == start) count = (it++)->second;
    out.emplace_back(start, count);
  }
  return out;
}

}  // namespace errscope
