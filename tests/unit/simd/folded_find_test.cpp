#define BOOST_TEST_MODULE simd_folded_find
#include "simd/folded_find.hpp"

#include <boost/test/unit_test.hpp>
#include <random>
#include <string>
#include <string_view>
#include <vector>

using namespace errscope;

namespace {

constexpr simd::Level k_levels[] = {simd::Level::best, simd::Level::sse2, simd::Level::scalar};

char fold(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c;
}

// The contract, byte by byte: `needle` at some start before the first newline, letters compared
// without case.
bool naive_contains_folded(std::string_view haystack, std::string_view needle) {
  const std::string_view line = haystack.substr(0, haystack.find('\n'));
  for (std::size_t at = 0; at + needle.size() <= line.size(); ++at) {
    std::size_t i = 0;
    while (i < needle.size() && fold(line[at + i]) == needle[i]) ++i;
    if (i == needle.size()) return true;
  }
  return false;
}

// A lower-case needle from a small alphabet, with bytes whose 0x20 bit is no case ('`', '{'),
// so the vector paths' 0x20 trick meets its false hits.
std::string random_needle(std::mt19937& rng, std::size_t size) {
  static constexpr std::string_view k_bytes = "abcab`{0";
  std::uniform_int_distribution<std::size_t> pick(0, k_bytes.size() - 1);
  std::string needle;
  for (std::size_t i = 0; i < size; ++i) needle += k_bytes[pick(rng)];
  return needle;
}

// A haystack of the needle's bytes in either case, their 0x20 twins ('@', '['), other bytes and
// a rare newline; the needle itself, in random case, is planted at a random place half the time.
std::string random_haystack(std::mt19937& rng, std::size_t size, std::string_view needle) {
  static constexpr std::string_view k_bytes = "aAbBcCaAbB`@{[0p \x80";
  std::uniform_int_distribution<std::size_t> pick(0, k_bytes.size() - 1);
  std::uniform_int_distribution<int> percent(0, 99);
  std::string haystack;
  for (std::size_t i = 0; i < size; ++i) {
    haystack += percent(rng) < 2 ? '\n' : k_bytes[pick(rng)];
  }
  if (size >= needle.size() && percent(rng) < 50) {
    std::uniform_int_distribution<std::size_t> where(0, size - needle.size());
    const std::size_t at = where(rng);
    for (std::size_t i = 0; i < needle.size(); ++i) {
      const char c = needle[i];
      haystack[at + i] = c >= 'a' && c <= 'z' && percent(rng) < 50 ? static_cast<char>(c & ~0x20)
                                                                    : c;
    }
  }
  return haystack;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_level_agrees_with_a_naive_loop_on_random_input) {
  std::mt19937 rng(13);
  for (std::size_t length = 0; length <= 300; ++length) {
    for (std::size_t needle_size = 1; needle_size <= 8; ++needle_size) {
      for (int round = 0; round < 8; ++round) {
        const std::string needle = random_needle(rng, needle_size);
        // Its own allocation of exactly `length` bytes, so a read past the end shows under ASan.
        const std::string haystack = random_haystack(rng, length, needle);
        const bool expected = naive_contains_folded(haystack, needle);
        for (const simd::Level level : k_levels) {
          BOOST_TEST_CONTEXT("level " << static_cast<int>(level) << ", needle " << needle
                                      << ", haystack " << haystack) {
            BOOST_TEST(simd::contains_folded(haystack, needle, simd::usable(level)) == expected);
          }
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(a_match_at_every_distance_is_found_and_none_past_the_newline) {
  for (const simd::Level level : k_levels) {
    for (std::size_t gap = 0; gap < 100; ++gap) {
      const std::string pad(gap, ' ');
      BOOST_TEST(simd::contains_folded(pad + "MsG", "msg", simd::usable(level)), gap);
      BOOST_TEST(!simd::contains_folded(pad + "\nmsg", "msg", simd::usable(level)), gap);
      BOOST_TEST(!simd::contains_folded(pad + "ms\ng", "msg", simd::usable(level)), gap);
      BOOST_TEST(!simd::contains_folded(pad + "m@g", "m`g", simd::usable(level)), gap);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_needle_set_agrees_with_a_naive_loop_on_random_input) {
  std::mt19937 rng(29);
  std::uniform_int_distribution<std::size_t> count_of(1, 9);  // past 8: one search per needle
  std::uniform_int_distribution<std::size_t> size_of(2, 40);  // under 3 bytes: likewise
  for (std::size_t length = 0; length <= 160; ++length) {
    for (int round = 0; round < 24; ++round) {
      std::vector<std::string> needles(count_of(rng));
      for (auto& needle : needles) needle = random_needle(rng, size_of(rng));
      std::uniform_int_distribution<std::size_t> which(0, needles.size() - 1);
      const std::string haystack = random_haystack(rng, length, needles[which(rng)]);
      bool expected = false;
      for (const auto& needle : needles) {
        expected = expected || naive_contains_folded(haystack, needle);
      }
      const simd::FoldedNeedleSet set(needles);
      for (const simd::Level level : k_levels) {
        BOOST_TEST_CONTEXT("level " << static_cast<int>(level) << ", " << needles.size()
                                    << " needles, haystack " << haystack) {
          BOOST_TEST(set.found_in(haystack, simd::usable(level)) == expected);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(a_needle_set_finds_each_needle_at_every_distance_in_either_case) {
  const simd::FoldedNeedleSet set({"weixin.qq.com", "wxerror", "rid: ", "hint: ["});
  for (const simd::Level level : k_levels) {
    for (std::size_t gap = 0; gap < 100; ++gap) {
      const std::string pad(gap, '.');
      for (const std::string needle : {"WEIXIN.qq.com", "WxError", "rid: ", "HINT: ["}) {
        BOOST_TEST(set.found_in(pad + needle + pad, simd::usable(level)), gap << " " << needle);
        BOOST_TEST(!set.found_in(pad + "\n" + needle, simd::usable(level)), gap << " " << needle);
        BOOST_TEST(!set.found_in(pad + needle.substr(1), simd::usable(level)),
                   gap << " " << needle);
      }
      BOOST_TEST(!set.found_in(std::string(gap, 'w') + "{int: [", simd::usable(level)), gap);
    }
  }
}
