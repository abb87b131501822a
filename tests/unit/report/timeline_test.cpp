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
