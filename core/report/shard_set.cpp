#include "report/shard_set.hpp"

#include <algorithm>
#include <charconv>

namespace errscope {

namespace {

// Reads a whole number into `value`; false when `text` is not one.
bool whole_number(std::string_view text, std::uint64_t& value) {
  const auto [end, failure] = std::from_chars(text.data(), text.data() + text.size(), value);
  return failure == std::errc() && end == text.data() + text.size() && !text.empty();
}

}  // namespace

ShardSet ShardSet::one(std::uint64_t index, std::uint64_t of) {
  ShardSet set;
  set.m_of = of;
  set.m_ranges.emplace_back(index, index);
  return set;
}

Result<ShardSet> ShardSet::parse(std::string_view text) {
  const std::size_t slash = text.find('/');
  std::uint64_t index = 0;
  std::uint64_t of = 0;
  if (slash != std::string_view::npos && whole_number(text.substr(0, slash), index) &&
      whole_number(text.substr(slash + 1), of) && index >= 1 && index <= of &&
      of <= k_max_shards) {
    return one(index, of);
  }
  Diagnostic error;
  error.reason = "not a shard: '" + std::string(text) + "'";
  error.fix = "give K/N, this report's shard K of the job's N (1 <= K <= N), e.g. 3/8";
  return error;
}

std::optional<ShardSet> ShardSet::from_ranges(
    std::uint64_t of, std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges) {
  if (of < 1 || of > k_max_shards || ranges.empty()) return std::nullopt;
  std::uint64_t next = 1;  // the least shard the next range may start at
  for (const auto& [first, last] : ranges) {
    if (first < next || last < first || last > of) return std::nullopt;
    next = last + 1;
  }
  ShardSet set;
  set.m_of = of;
  set.m_ranges = std::move(ranges);
  return set;
}

bool ShardSet::complete() const noexcept {
  return m_ranges.size() == 1 && m_ranges.front().first == 1 && m_ranges.front().second == m_of;
}

std::optional<std::uint64_t> ShardSet::overlap(const ShardSet& other) const noexcept {
  auto mine = m_ranges.begin();
  auto theirs = other.m_ranges.begin();
  while (mine != m_ranges.end() && theirs != other.m_ranges.end()) {
    const std::uint64_t first = std::max(mine->first, theirs->first);
    if (first <= std::min(mine->second, theirs->second)) return first;
    if (mine->second < theirs->second) {
      ++mine;
    } else {
      ++theirs;
    }
  }
  return std::nullopt;
}

ShardSet& ShardSet::operator+=(const ShardSet& other) {
  if (m_of == 0) m_of = other.m_of;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> all;
  all.reserve(m_ranges.size() + other.m_ranges.size());
  std::merge(m_ranges.begin(), m_ranges.end(), other.m_ranges.begin(), other.m_ranges.end(),
             std::back_inserter(all));
  m_ranges.clear();
  for (const auto& range : all) {
    if (!m_ranges.empty() && range.first <= m_ranges.back().second + 1) {
      m_ranges.back().second = std::max(m_ranges.back().second, range.second);
    } else {
      m_ranges.push_back(range);
    }
  }
  return *this;
}

std::vector<std::pair<std::uint64_t, std::uint64_t>> ShardSet::missing() const {
  std::vector<std::pair<std::uint64_t, std::uint64_t>> gaps;
  std::uint64_t next = 1;
  for (const auto& [first, last] : m_ranges) {
    if (first > next) gaps.emplace_back(next, first - 1);
    next = last + 1;
  }
  if (next <= m_of) gaps.emplace_back(next, m_of);
  return gaps;
}

std::string ShardSet::ranges_text(
    const std::vector<std::pair<std::uint64_t, std::uint64_t>>& ranges, std::size_t max_ranges) {
  std::string text;
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    if (i > 0) text += ", ";
    if (i == max_ranges) return text + "…";
    text += std::to_string(ranges[i].first);
    if (ranges[i].second != ranges[i].first) text += '-' + std::to_string(ranges[i].second);
  }
  return text;
}

}  // namespace errscope
