#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/result.hpp"

namespace errscope {

/// Which shards of one job a report covers (`report --shard K/N`; merged reports hold the union),
/// so that the final merge can tell a missing shard (a host or worker that failed) from a whole.
/// Kept as ranges: memory grows with the gaps, not with N.
class ShardSet {
 public:
  /// The most shards a job may have.
  static constexpr std::uint64_t k_max_shards = 1'000'000'000;

  /// Shard `index` (1-based) of `of`; both already checked (1 <= index <= of <= k_max_shards).
  static ShardSet one(std::uint64_t index, std::uint64_t of);
  /// Reads `K/N` as given to --shard.
  static Result<ShardSet> parse(std::string_view text);
  /// A set read back from a report: `ranges` of [first, last], sorted, disjoint, within 1..of.
  /// Nullopt when they are not.
  static std::optional<ShardSet> from_ranges(std::uint64_t of,
                                             std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges);

  /// The job's number of shards.
  std::uint64_t of() const noexcept { return m_of; }
  /// The shards held, as sorted, disjoint [first, last] ranges.
  const std::vector<std::pair<std::uint64_t, std::uint64_t>>& ranges() const noexcept {
    return m_ranges;
  }
  /// Whether every shard 1..of() is held.
  bool complete() const noexcept;
  /// The first shard both sets hold, if any (sets of the same job).
  std::optional<std::uint64_t> overlap(const ShardSet& other) const noexcept;
  /// Adds `other`'s shards (a set of the same job).
  ShardSet& operator+=(const ShardSet& other);
  /// The shards missing, as ranges.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> missing() const;
  /// "3", "1-3, 5": ranges as text, at most `max_ranges` of them then "…".
  static std::string ranges_text(const std::vector<std::pair<std::uint64_t, std::uint64_t>>& ranges,
                                 std::size_t max_ranges = 8);

  bool operator==(const ShardSet&) const = default;

 private:
  std::uint64_t m_of = 0;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> m_ranges;
};

}  // namespace errscope
