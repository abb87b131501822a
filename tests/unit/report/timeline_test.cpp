#define BOOST_TEST_MODULE timeline
#include "report/timeline.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cstdint>
#include <limits>
#include <map>
#include <random>
#include <vector>

#include "report/count.hpp"
#include "time/civil.hpp"
#include "time/time_input.hpp"

using namespace errscope;

namespace {

WallMillis at(const char* text) {
  return parse_iso_time(text)->wall;
}

constexpr std::int64_t k_minute = k_bucket_sizes[0];
constexpr std::int64_t k_day = 86'400'000;
constexpr std::int64_t k_week = 7 * k_day;

std::uint64_t total(const Timeline& timeline) {
  std::uint64_t sum = 0;
  for (const auto& [start, count] : timeline.counts()) sum += count;
  return sum;
}

}  // namespace

BOOST_AUTO_TEST_CASE(week_buckets_start_on_monday_and_hold_whole_days) {
  BOOST_TEST(parse_bucket("7d").value_or(0) == k_week);
  BOOST_TEST(bucket_name(k_week) == "7d");
  BOOST_TEST(bucket_names() == "1m, 5m, 15m, 1h, 1d or 7d");
  // 2026-11-04 is a Wednesday; its week starts on Monday 2026-11-02.
  BOOST_TEST(format_wall_time(bucket_start(at("2026-11-04T13:00:00"), k_week)) ==
             "2026-11-02T00:00:00");
  BOOST_TEST(format_wall_time(bucket_start(at("2026-11-02T00:00:00"), k_week)) ==
             "2026-11-02T00:00:00");
  BOOST_TEST(format_wall_time(bucket_start(at("2026-11-01T23:59:59"), k_week)) ==
             "2026-10-26T00:00:00");
  BOOST_TEST(format_wall_time(bucket_start(at("1969-12-31T12:00:00"), k_week)) ==
             "1969-12-29T00:00:00");
  // The finer sizes still start at midnight and on the hour.
  BOOST_TEST(format_wall_time(bucket_start(at("2026-11-04T13:47:00"), k_day)) ==
             "2026-11-04T00:00:00");
  BOOST_TEST(format_wall_time(bucket_start(at("2026-11-04T13:47:00"), 900'000)) ==
             "2026-11-04T13:45:00");
  // Each size divides the next: days re-bucketed into weeks equal weeks counted directly.
  std::mt19937 rng(11);
  Timeline days(k_day);
  std::map<WallMillis, std::uint64_t> weeks;
  for (int i = 0; i < 5000; ++i) {
    const WallMillis time = at("2024-01-01T00:00:00") +
                            static_cast<WallMillis>(rng() % 900) * k_day +
                            static_cast<WallMillis>(rng() % k_day);
    days.add(time);
    ++weeks[bucket_start(time, k_week)];
  }
  days.rebucket(k_week);
  BOOST_TEST((days.counts() == std::vector<Timeline::Bucket>(weeks.begin(), weeks.end())));
}

BOOST_AUTO_TEST_CASE(bucket_count_is_exact_and_never_overflows) {
  BOOST_TEST(bucket_count(at("2026-01-01T00:00:00"), at("2026-03-01T00:00:00"), k_minute) ==
             84'961u);
  BOOST_TEST(bucket_count(at("2026-01-01T00:00:00"), at("2026-01-01T00:00:59"), k_minute) == 1u);
  BOOST_TEST(bucket_count(at("2026-01-02T00:00:00"), at("2026-01-01T00:00:00"), k_minute) == 0u);
  constexpr WallMillis lowest = std::numeric_limits<WallMillis>::min();
  constexpr WallMillis highest = std::numeric_limits<WallMillis>::max();
  BOOST_TEST(bucket_count(lowest / 2, highest / 2, k_minute) == 153'722'867'280'914u);
  BOOST_TEST(bucket_count(highest - 5, highest, k_minute) == 1u);
}

BOOST_AUTO_TEST_CASE(fitting_and_auto_buckets_stay_within_the_cap) {
  const WallMillis jan = at("2026-01-01T00:00:00");
  const WallMillis mar = at("2026-03-01T00:00:00");
  // 84,961 minutes, 16,993 five minutes, 5,665 quarter hours: 15m is the finest that fits.
  BOOST_TEST(bucket_name(fitting_bucket(jan, mar, k_minute).value_or(0)) == "15m");
  BOOST_TEST(bucket_name(fitting_bucket(jan, mar, k_day).value_or(0)) == "1d");
  // 56 years of days are 20,454 buckets: weeks.
  BOOST_TEST(bucket_name(
                 fitting_bucket(at("1970-01-01"), at("2026-01-01"), k_minute).value_or(0)) == "7d");
  BOOST_TEST(!fitting_bucket(at("0001-01-01"), at("9999-12-31"), k_minute).has_value());
  // auto: the finest size with at most 120 buckets, else weeks.
  BOOST_TEST(bucket_name(auto_bucket(jan, jan + 100 * k_day)) == "1d");
  BOOST_TEST(bucket_name(auto_bucket(jan, jan + 121 * k_day)) == "7d");
  BOOST_TEST(bucket_name(auto_bucket(at("1970-01-01"), at("9999-01-01"))) == "7d");
}

BOOST_AUTO_TEST_CASE(dense_never_makes_more_than_the_cap_whatever_the_span) {
  Timeline timeline(k_minute);
  timeline.add(at("2026-11-01T09:00:00"));
  timeline.add(at("9999-01-01T00:00:00"));
  const auto all = timeline.dense(at("2026-11-01T09:00:00"), at("9999-01-01T00:00:00"));
  BOOST_TEST(all.size() == k_max_buckets);
  BOOST_TEST(all.front().second == 1u);
  BOOST_TEST(timeline.dense(at("2026-11-02"), at("2026-11-01")).empty());
  // The extremes of WallMillis: no overflow, no endless loop.
  constexpr WallMillis lowest = std::numeric_limits<WallMillis>::min();
  constexpr WallMillis highest = std::numeric_limits<WallMillis>::max();
  BOOST_TEST(timeline.dense(lowest, highest).size() == k_max_buckets);
  BOOST_TEST(timeline.dense(highest - 1, highest).size() == 1u);
  Timeline edges(k_minute);
  edges.add(highest);
  edges.add(lowest);
  edges.add(highest - 1);
  BOOST_TEST(total(edges) == 3u);
}

BOOST_AUTO_TEST_CASE(a_timeline_with_more_buckets_than_the_cap_moves_to_a_coarser_size) {
  // A million times over 25 years at 1m: without the cap, a bucket each.
  std::mt19937_64 rng(7);
  const WallMillis from = at("2001-01-01T00:00:00");
  const WallMillis span = at("2026-01-01T00:00:00") - from;
  Timeline in_order(k_minute);
  Timeline shuffled(k_minute);
  std::vector<WallMillis> times;
  for (int i = 0; i < 1'000'000; ++i) times.push_back(from + static_cast<WallMillis>(rng() % span));
  std::sort(times.begin(), times.end());
  for (const WallMillis time : times) in_order.add(time);
  std::shuffle(times.begin(), times.end(), rng);
  for (const WallMillis time : times) shuffled.add(time);
  for (const Timeline* timeline : {&in_order, &shuffled}) {
    BOOST_TEST(timeline->counts().size() <= k_max_buckets);
    // 5m, 15m and 1h buckets each held more than 10,000; 25 years of days are 9,131.
    BOOST_TEST(bucket_name(timeline->bucket_ms()) == "1d");
    BOOST_TEST(total(*timeline) == times.size());
  }
  // Moving early loses nothing: the same counts as counting days directly.
  std::map<WallMillis, std::uint64_t> days;
  for (const WallMillis time : times) ++days[bucket_start(time, k_day)];
  BOOST_TEST((in_order.counts() == std::vector<Timeline::Bucket>(days.begin(), days.end())));
  BOOST_TEST((shuffled.counts() == in_order.counts()));
  // Merging two such timelines keeps within the cap too.
  Timeline merged(k_minute);
  merged += in_order;
  merged += shuffled;
  BOOST_TEST(merged.counts().size() <= k_max_buckets);
  BOOST_TEST(total(merged) == 2 * times.size());
}

BOOST_AUTO_TEST_CASE(counts_saturate_instead_of_wrapping) {
  BOOST_TEST(saturating_add(k_max_count, 1) == k_max_count);
  BOOST_TEST(saturating_add(k_max_count - 1, 1) == k_max_count);
  BOOST_TEST(saturating_add(k_max_count, k_max_count) == k_max_count);
  BOOST_TEST(saturating_add(20, 22) == 42u);
  const WallMillis time = at("2026-11-01T09:00:00");
  Timeline timeline(k_minute);
  timeline.add(time, k_max_count);
  timeline.add(time + 1000, 20);
  BOOST_TEST(timeline.counts().front().second == k_max_count);
  Timeline other(k_minute);
  other.add(time, k_max_count);
  timeline += other;
  BOOST_TEST(timeline.counts().size() == 1u);
  BOOST_TEST(timeline.counts().front().second == k_max_count);
  timeline.rebucket(k_day);
  BOOST_TEST(timeline.counts().front().second == k_max_count);
}

BOOST_AUTO_TEST_CASE(auto_buckets_aim_at_60_to_120) {
  const WallMillis start = parse_iso_time("2026-11-01T00:00:00")->wall;
  BOOST_TEST(bucket_name(auto_bucket(start, start + 2 * 3600'000 - 1)) == "1m");  // 120 minutes
  BOOST_TEST(bucket_name(auto_bucket(start, start + 6 * 3600'000)) == "5m");      // 73 buckets
  BOOST_TEST(bucket_name(auto_bucket(start, start + 24 * 3600'000)) == "15m");    // 97 buckets
  BOOST_TEST(bucket_name(auto_bucket(start, start + 4 * 86400'000LL)) == "1h");   // 97 buckets
  BOOST_TEST(bucket_name(auto_bucket(start, start + 60 * 86400'000LL)) == "1d");
  Timeline timeline(k_bucket_sizes[0]);
  timeline.add(start + 61'000);
  timeline.add(start + 299'000);
  timeline.add(start + 301'000);
  timeline.rebucket(k_bucket_sizes[1]);
  BOOST_TEST(timeline.counts().size() == 2u);
  const auto dense = timeline.dense(start, start + 20 * 60'000);
  BOOST_TEST(dense.size() == 5u);  // 0-5-10-15-20 minutes, zeros included
  BOOST_TEST(dense[0].second == 2u);
  BOOST_TEST(dense[1].second == 1u);
  BOOST_TEST(dense[4].second == 0u);
}

BOOST_AUTO_TEST_CASE(timelines_count_like_a_map_whatever_the_order_of_times) {
  // In order, reversed, shuffled and in runs that go back (concatenated hosts): counts, merges
  // of two halves and re-bucketing all agree with a std::map of bucket starts.
  const WallMillis start = parse_iso_time("2026-11-01T00:00:00")->wall;
  std::mt19937 rng(5);
  std::vector<WallMillis> times;
  for (int i = 0; i < 20000; ++i) times.push_back(start + static_cast<WallMillis>(i) * 7'919);
  const auto reference = [&](const std::vector<WallMillis>& added, std::int64_t bucket_ms) {
    std::map<WallMillis, std::uint64_t> counts;
    for (const WallMillis time : added) ++counts[bucket_start(time, bucket_ms)];
    return std::vector<Timeline::Bucket>(counts.begin(), counts.end());
  };
  for (int order = 0; order < 4; ++order) {
    std::vector<WallMillis> added = times;
    if (order == 1) std::reverse(added.begin(), added.end());
    if (order == 2) std::shuffle(added.begin(), added.end(), rng);
    if (order == 3) {
      for (std::size_t from = 0; from < added.size(); from += 3000)
        std::rotate(
            added.begin() + static_cast<std::ptrdiff_t>(from),
            added.begin() +
                static_cast<std::ptrdiff_t>(from + 1000 < added.size() ? from + 1000 : from),
            added.begin() + static_cast<std::ptrdiff_t>(std::min(from + 3000, added.size())));
    }
    Timeline whole(k_bucket_sizes[0]);
    Timeline first(k_bucket_sizes[0]);
    Timeline second(k_bucket_sizes[0]);
    for (std::size_t i = 0; i < added.size(); ++i) {
      whole.add(added[i]);
      (i % 2 == 0 ? first : second).add(added[i]);
    }
    BOOST_TEST((whole.counts() == reference(added, k_bucket_sizes[0])), "order " << order);
    first += second;
    BOOST_TEST((first.counts() == whole.counts()), "order " << order);
    whole.rebucket(k_bucket_sizes[2]);
    BOOST_TEST((whole.counts() == reference(added, k_bucket_sizes[2])), "order " << order);
    Timeline coarse(k_bucket_sizes[3]);
    coarse += second;  // a finer timeline added to a coarser one
    BOOST_TEST(coarse.bucket_ms() == k_bucket_sizes[3]);
    std::uint64_t total = 0;
    for (const auto& [bucket, count] : coarse.counts()) total += count;
    BOOST_TEST(total == added.size() / 2);
  }
}
