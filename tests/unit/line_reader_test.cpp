#define BOOST_TEST_MODULE line_reader
#include "lines/line_reader.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <random>
#include <string>

using namespace errscope;

BOOST_AUTO_TEST_CASE(counts_newlines_like_a_plain_count) {
  std::mt19937 rng(11);
  for (std::size_t size = 0; size < 300; ++size) {
    std::string text(size, 'x');
    for (auto& c : text) c = "ab\n\r\x8a\xff"[rng() % 6];
    BOOST_TEST(count_newlines(text) ==
                   static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')),
               "size " << size);
  }
}

BOOST_AUTO_TEST_CASE(splits_lines_keeping_their_endings) {
  LineView line = split_first_line("abc\r\nnext");
  BOOST_TEST(line.text == "abc");
  BOOST_TEST(line.ending == "\r\n");
  line = split_first_line("lone\rcr\n");
  BOOST_TEST(line.text == "lone\rcr");
  BOOST_TEST(line.ending == "\n");
  line = split_first_line("no newline");
  BOOST_TEST(line.text == "no newline");
  BOOST_TEST(line.ending.empty());
  line = split_first_line("\n");
  BOOST_TEST(line.text.empty());
  BOOST_TEST(line.ending == "\n");
}
