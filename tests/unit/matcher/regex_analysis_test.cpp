#define BOOST_TEST_MODULE regex_analysis
#include "matcher/regex_analysis.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

using namespace errscope;

namespace {

std::vector<std::string> sorted(std::vector<std::string> strings) {
  std::sort(strings.begin(), strings.end());
  return strings;
}

using Strings = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_CASE(leading_keys_expands_a_factored_group) {
  const auto found = leading_keys(
      R"(\b(?:r(?:esp(?:Code|code))|R(?:espCode|ESPCODE))(?:\\*["']|\])?\s*(?::|=>?)(?P<code>[0-9]{6}))");
  BOOST_TEST_REQUIRE(found.has_value());
  BOOST_TEST(sorted(found->keys) == (Strings{"RESPCODE", "RespCode", "respCode", "respcode"}),
             boost::test_tools::per_element());
  BOOST_TEST(found->word_boundary);
  BOOST_TEST(found->tail == R"((?:\\*["']|\])?\s*(?::|=>?)(?P<code>[0-9]{6}))");

  const auto plain = leading_keys("(?:sub_code|subCode)=(?P<code>[0-9]+)");
  BOOST_TEST_REQUIRE(plain.has_value());
  BOOST_TEST(!plain->word_boundary);
  BOOST_TEST(sorted(plain->keys) == (Strings{"subCode", "sub_code"}),
             boost::test_tools::per_element());
  BOOST_TEST(plain->tail == "=(?P<code>[0-9]+)");
}

BOOST_AUTO_TEST_CASE(leading_keys_refuses_what_is_not_one_literal_key_each_match_starts_with) {
  for (const char* pattern : {
           R"(\b(?:code|Code)?=(?P<code>[0-9]+))",     // the group may be absent
           R"(\b(?:code|Code)+=(?P<code>[0-9]+))",     // or repeated
           R"(\b(?:code|Code){1}=(?P<code>[0-9]+))",   // or counted
           R"(\b(?:code|Code)=(?P<code>[0-9]+)|x=1)",  // a branch without it
           R"(\b(?:code|codes)=(?P<code>[0-9]+))",     // one key a prefix of another
           R"(\b(?:code|code)=(?P<code>[0-9]+))",      // a key twice
           R"(\b(?:co.e)=(?P<code>[0-9]+))",           // not a literal
           R"(\b(?:c[o]de)=(?P<code>[0-9]+))",         // nor a class
           R"(\b(?:(?i)code)=(?P<code>[0-9]+))",       // nor flags
           R"(\b(code|Code)=(?P<code>[0-9]+))",        // a capturing group
           R"(\b(?:code|)=(?P<code>[0-9]+))",          // an empty key
           R"(\b(?:code=(?P<code>[0-9]+)))",           // the code inside the group
           R"(\b(?:code)=\Q)|\E(?P<code>[0-9]+))",     // \Q...\E is not followed
           R"(\bcode=(?P<code>[0-9]+))",               // no group (not worth a tail)
           R"((?:(?:a|b)(?:c|d)(?:e|f)(?:g|h)(?:i|j))=(?P<code>[0-9]+))",  // 32 keys
       }) {
    BOOST_TEST(!leading_keys(pattern).has_value(), pattern);
  }
}

BOOST_AUTO_TEST_CASE(starts_with_word_boundary_needs_a_boundary_on_every_branch) {
  BOOST_TEST(starts_with_word_boundary(R"(\b(?:a|b)c)"));
  BOOST_TEST(!starts_with_word_boundary(R"(\ba|b)"));
  BOOST_TEST(starts_with_word_boundary(R"(\ba[|]b)"));
  BOOST_TEST(!starts_with_word_boundary(R"(a\b)"));
}
