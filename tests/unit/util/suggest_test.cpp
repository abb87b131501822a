#define BOOST_TEST_MODULE suggest
#include "util/suggest.hpp"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

using namespace errscope;

BOOST_AUTO_TEST_CASE(edit_distance_counts_each_kind_of_edit_once) {
  BOOST_TEST(edit_distance("report", "report") == 0u);
  BOOST_TEST(edit_distance("reprot", "report") == 1u);   // a swap
  BOOST_TEST(edit_distance("repor", "report") == 1u);    // an insertion
  BOOST_TEST(edit_distance("reports", "report") == 1u);  // a deletion
  BOOST_TEST(edit_distance("repart", "report") == 1u);   // a substitution
  BOOST_TEST(edit_distance("", "scan") == 4u);
  BOOST_TEST(edit_distance("kitten", "sitting") == 3u);
  BOOST_TEST(edit_distance("ab", "ba") == edit_distance("ba", "ab"));
}

BOOST_AUTO_TEST_CASE(closest_word_suggests_only_what_is_near) {
  const std::vector<std::string> commands{"scan", "report", "merge", "explain", "patterns"};
  BOOST_TEST(closest_word("reprot", commands).value_or("") == "report");
  BOOST_TEST(closest_word("merg", commands).value_or("") == "merge");
  BOOST_TEST(closest_word("explian", commands).value_or("") == "explain");
  BOOST_TEST(!closest_word("app.log", commands).has_value());
  BOOST_TEST(!closest_word("x", commands).has_value());
  BOOST_TEST(!closest_word("", commands).has_value());
  BOOST_TEST(!closest_word("report", commands).has_value());  // the word itself is no suggestion
}

BOOST_AUTO_TEST_CASE(closest_word_takes_prefixes_and_the_nearest) {
  const std::vector<std::string> flags{"--format", "--follow", "--top", "--tz"};
  BOOST_TEST(closest_word("--form", flags).value_or("") == "--format");
  BOOST_TEST(closest_word("--fromat", flags).value_or("") == "--format");
  BOOST_TEST(closest_word("--to", flags).value_or("") == "--top");  // a tie: the earlier
  const std::vector<std::string> formats{"text", "json", "csv", "markdown", "html"};
  BOOST_TEST(closest_word("htm", formats).value_or("") == "html");
  BOOST_TEST(closest_word("jsno", formats).value_or("") == "json");
  BOOST_TEST(!closest_word("yaml", formats).has_value());
}

BOOST_AUTO_TEST_CASE(edit_distance_can_ignore_letter_case) {
  BOOST_TEST(edit_distance("europe/berlin", "Europe/Berlin") == 2u);
  BOOST_TEST(edit_distance("europe/berlin", "Europe/Berlin", LetterCase::ignored) == 0u);
  BOOST_TEST(edit_distance("Asia/Shangai", "asia/shanghai", LetterCase::ignored) == 1u);
}
