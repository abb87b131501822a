#define BOOST_TEST_MODULE shard_set
#include "report/shard_set.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <numeric>
#include <random>
#include <vector>

using namespace errscope;

BOOST_AUTO_TEST_CASE(k_of_n_is_read_and_anything_else_refused) {
  const auto shard = ShardSet::parse("3/8");
  BOOST_TEST_REQUIRE(shard.ok());
  BOOST_TEST(shard->of() == 8u);
  BOOST_TEST(shard->ranges().size() == 1u);
  BOOST_TEST(shard->ranges()[0].first == 3u);
  BOOST_TEST(shard->ranges()[0].second == 3u);
  BOOST_TEST(!shard->complete());
  BOOST_TEST(ShardSet::parse("1/1")->complete());
  for (const char* bad : {"0/3", "4/3", "3", "3/", "/3", "a/3", "3/8x", "-1/3", "1/0", "",
                          "2/1000000001", "1 /3"}) {
    BOOST_TEST(!ShardSet::parse(bad).ok(), bad);
  }
}

BOOST_AUTO_TEST_CASE(shards_added_in_any_order_make_the_whole_and_say_what_is_missing) {
  constexpr std::uint64_t k_of = 50;
  std::vector<std::uint64_t> order(k_of);
  std::iota(order.begin(), order.end(), 1);
  std::mt19937 random(7);
  for (int round = 0; round < 20; ++round) {
    std::shuffle(order.begin(), order.end(), random);
    ShardSet all = ShardSet::one(order[0], k_of);
    for (std::size_t i = 1; i + 1 < order.size(); ++i) {
      BOOST_TEST(!all.overlap(ShardSet::one(order[i], k_of)).has_value());
      all += ShardSet::one(order[i], k_of);
    }
    const std::uint64_t last = order.back();
    BOOST_TEST(!all.complete());
    const auto missing = all.missing();
    BOOST_TEST_REQUIRE(missing.size() == 1u);
    BOOST_TEST(missing[0].first == last);
    BOOST_TEST(missing[0].second == last);
    all += ShardSet::one(last, k_of);
    BOOST_TEST(all.complete());
    BOOST_TEST(all.ranges().size() == 1u);
  }
}

BOOST_AUTO_TEST_CASE(overlaps_are_found_between_ranges) {
  auto left = ShardSet::from_ranges(20, {{1, 3}, {8, 10}});
  auto right = ShardSet::from_ranges(20, {{4, 7}, {10, 12}});
  BOOST_TEST_REQUIRE(left.has_value());
  BOOST_TEST_REQUIRE(right.has_value());
  BOOST_TEST(left->overlap(*right).value_or(0) == 10u);
  BOOST_TEST(!left->overlap(*ShardSet::from_ranges(20, {{4, 7}, {11, 20}})).has_value());
  *left += *ShardSet::from_ranges(20, {{4, 7}, {11, 20}});
  BOOST_TEST(left->complete());
}

BOOST_AUTO_TEST_CASE(ranges_read_back_must_be_sorted_apart_and_in_bounds) {
  BOOST_TEST(ShardSet::from_ranges(8, {{1, 2}, {4, 8}}).has_value());
  BOOST_TEST(!ShardSet::from_ranges(8, {{4, 8}, {1, 2}}).has_value());
  BOOST_TEST(!ShardSet::from_ranges(8, {{1, 4}, {4, 8}}).has_value());
  BOOST_TEST(!ShardSet::from_ranges(8, {{0, 2}}).has_value());
  BOOST_TEST(!ShardSet::from_ranges(8, {{3, 9}}).has_value());
  BOOST_TEST(!ShardSet::from_ranges(8, {{3, 2}}).has_value());
  BOOST_TEST(!ShardSet::from_ranges(8, {}).has_value());
  BOOST_TEST(!ShardSet::from_ranges(0, {{1, 1}}).has_value());
}

BOOST_AUTO_TEST_CASE(ranges_are_written_short) {
  BOOST_TEST(ShardSet::ranges_text({{3, 3}}) == "3");
  BOOST_TEST(ShardSet::ranges_text({{1, 3}, {5, 5}}) == "1-3, 5");
  BOOST_TEST(ShardSet::ranges_text({{1, 1}, {3, 3}, {5, 5}}, 2) == "1, 3, …");
  BOOST_TEST(ShardSet::ranges_text(ShardSet::from_ranges(9, {{2, 3}, {6, 6}})->missing()) ==
             "1, 4-5, 7-9");
}
