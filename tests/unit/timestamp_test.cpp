#define BOOST_TEST_MODULE timestamp
#include "time/timestamp.hpp"

#include <boost/test/unit_test.hpp>
#include <string>

using namespace errscope;

namespace {

struct Case {
  const char* line;
  const char* expected;  // nullptr: no timestamp
};

const Case k_cases[] = {
    {"2026-11-01 09:41:07,123 ERROR cti - x", "2026-11-01T09:41:07.123"},
    {"2026-11-01T09:41:07.123456+08:00 level=info", "2026-11-01T09:41:07.123456+08:00"},
    {"2026-11-01T09:41:07Z boot", "2026-11-01T09:41:07Z"},
    {"2026-11-01 09:41:07.5 +0800 x", "2026-11-01T09:41:07.5+08:00"},
    {"[2026-11-01 09:41:18] production.ERROR: x", "2026-11-01T09:41:18"},
    {"I, [2026-11-01T11:22:04.118331 #2871]  INFO -- : x", "2026-11-01T11:22:04.118331"},
    {"2026/11/01 09:00:01 dingtalk: &{ErrCode:88}", "2026-11-01T09:00:01"},
    {"10.0.0.7 - - [01/Nov/2026:09:41:07 +0800] \"GET / HTTP/1.1\" 200",
     "2026-11-01T09:41:07+08:00"},
    {"{\"level\":\"error\",\"ts\":1793526067.204,\"msg\":\"x\"}", "2026-11-01T09:41:07.204Z"},
    {"{\"time\": 1793526067204, \"msg\":\"x\"}", "2026-11-01T09:41:07.204Z"},
    {"{\"@timestamp\":1793526067}", "2026-11-01T09:41:07Z"},
    {"time=\"2026-11-01T09:41:21+08:00\" level=error", "2026-11-01T09:41:21+08:00"},
    {"createDate=20261101094115 order 105107", nullptr},
    {"version 2026-13-01 10:00:00 is not a date", nullptr},
    {"12026-11-01 09:41:07 has a fifth digit before", nullptr},
    {"2026-11-01 only a date", nullptr},
    {"no time here at all", nullptr},
    {"{\"ts\":12345}", nullptr},
};

}  // namespace

// Table-driven (a plain loop: Boost's data test cases trip a GCC 12 -Wrestrict false positive).
BOOST_AUTO_TEST_CASE(finds_the_common_forms) {
  for (const Case& sample : k_cases) {
    BOOST_TEST_CONTEXT(sample.line) {
      const auto found = find_timestamp(sample.line);
      if (sample.expected == nullptr) {
        BOOST_TEST(!found.has_value(), "found " << (found ? found->text() : std::string_view()));
      } else {
        BOOST_TEST_REQUIRE(found.has_value());
        BOOST_TEST(found->text() == sample.expected);
      }
    }
  }
}
