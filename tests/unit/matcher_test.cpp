#define BOOST_TEST_MODULE matcher
#include "matcher/matcher.hpp"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "loader/pattern_loader.hpp"
#include "test_support.hpp"

using namespace errscope;

namespace {

const Catalog& builtin() {
  return test::builtin_catalog();
}

// "vendor:code[param]" for every match of the line, in order.
std::vector<std::string> find_all(std::string_view line,
                                  const std::vector<std::string>& vendors = {}) {
  auto matcher = Matcher::compile(builtin(), vendors);
  if (!matcher.ok()) throw std::runtime_error(matcher.error().reason);
  std::vector<Match> matches;
  matcher->find(line, matches);
  std::vector<std::string> out;
  for (const auto& match : matches) {
    std::string item = match.vendor->id;
    item += ':';
    item += match.code;
    if (!match.param.empty()) {
      item += '[';
      item += match.param;
      item += ']';
    }
    if (match.entry == nullptr) item += '?';
    out.push_back(item);
  }
  return out;
}

using Codes = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_CASE(codes_come_in_line_order_across_vendors) {
  const Codes got =
      find_all(R"({"resp":{"respCode":"105107"},"dt":{"errcode":40014},"cti":"BackMsg_16"})");
  BOOST_TEST(got == (Codes{"ucpaas:105107", "dingtalk:40014", "backmsg:BackMsg_16"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_repeated_code_is_reported_once_and_different_codes_all) {
  const Codes got = find_all(R"(raw={"errcode":60011} parsed errcode=60011 then errcode=40014)");
  BOOST_TEST(got == (Codes{"dingtalk:60011", "dingtalk:40014"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(parameters_and_whole_tokens) {
  BOOST_TEST(find_all("x BackMsg_120[10.0.0.7] y") == (Codes{"backmsg:BackMsg_120[10.0.0.7]"}),
             boost::test_tools::per_element());
  BOOST_TEST(find_all("BackMsg_1234") == (Codes{"backmsg:BackMsg_1234?"}),
             boost::test_tools::per_element());
  BOOST_TEST(find_all(R"({"respCode":"1051070"})").empty());
  BOOST_TEST(find_all("order 105107 phone 13800105107 ts=1730451667").empty());
}

BOOST_AUTO_TEST_CASE(the_field_decides_the_vendor) {
  BOOST_TEST(find_all(R"({"code":40001,"msg":"x"})") == (Codes{"yunke:40001"}),
             boost::test_tools::per_element());
  BOOST_TEST(find_all(R"({"errcode":40001,"errmsg":"x"})") == (Codes{"dingtalk:40001"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(yunke_counts_only_table_codes_and_only_code_then_msg) {
  BOOST_TEST(find_all(R"({"code":200,"msg":"OK"})").empty());
  BOOST_TEST(find_all(R"({"level":"info","msg":"ok","code":0})").empty());
  BOOST_TEST(find_all(R"({"code":0,"msg":"ok"})") == (Codes{"yunke:0"}),
             boost::test_tools::per_element());
}

// may_match(occurrence) for each prefilter occurrence of `line`: true when some occurrence
// could start a match.
bool any_may_match(std::string_view line) {
  auto matcher = Matcher::compile(builtin());
  if (!matcher.ok()) throw std::runtime_error(matcher.error().reason);
  std::vector<LiteralPrefilter::Occurrence> occurrences;
  matcher->prefilter().all_occurrences(line, occurrences);
  bool any = false;
  for (const auto& occurrence : occurrences) {
    any = any || matcher->may_match(line, occurrence);
  }
  return any;
}

BOOST_AUTO_TEST_CASE(may_match_drops_only_occurrences_no_regex_can_use) {
  // 云客's regex needs a msg after the code (FilteredRE2 finds "msg" required): a zap line's
  // "code" with the msg before it cannot match, and neither can an anchor that is not there.
  BOOST_TEST(!any_may_match(R"({"level":"info","msg":"request done","code":200,"latency":3})"));
  BOOST_TEST(!any_may_match("the barcode scanner"));  // "code", no msg after it
  BOOST_TEST(!any_may_match("code=5\nmsg: the msg is on the next line"));
  // Whatever matches passes, case variants of the required strings included.
  for (const std::string line :
       {R"({"code":0,"msg":"ok"})", R"({'CODE': 30004, 'MSG': 'x'})", R"({"errcode":40014})",
        "BackMsg_16", R"("respCode":"105107")", "<respCode>105107</RESPCODE>",
        R"(Code=40001&Msg=bad)"}) {
    BOOST_TEST(any_may_match(line), line);
  }
  // Every line the matcher finds a code in passes may_match (the corpus and samples check
  // this at scale through the scanner).
  for (const std::string line :
       {R"({"code":0,"msg":"ok"})", R"(x "errcode":88,"sub_code":"40035")", "%7CBackMsg_16"}) {
    BOOST_TEST(!find_all(line).empty(), line);
    BOOST_TEST(any_may_match(line), line);
  }
}

BOOST_AUTO_TEST_CASE(wechat_hosts_are_not_dingtalk) {
  BOOST_TEST(find_all(R"(GET https://api.weixin.qq.com/sns/x {"errcode":40014})").empty());
  BOOST_TEST(
      find_all(R"(GET https://oapi.dingtalk.com/x {"errcode":40014})") == (Codes{"dingtalk:40014"}),
      boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(vendor_filter_restricts_detection) {
  const std::string line = R"({"errcode":40014} BackMsg_16)";
  BOOST_TEST(find_all(line, {"backmsg"}) == (Codes{"backmsg:BackMsg_16"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(find_appends_and_reports_how_many) {
  auto matcher = Matcher::compile(builtin());
  BOOST_TEST_REQUIRE(matcher.ok());
  std::vector<Match> matches;
  BOOST_TEST(matcher->find("BackMsg_16", matches) == 1u);
  BOOST_TEST(matcher->find("nothing here", matches) == 0u);
  BOOST_TEST(matcher->find("BackMsg_16 BackMsg_19", matches) == 2u);
  BOOST_TEST(matches.size() == 3u);
  BOOST_TEST(to_string(matches[2].entry->outcome) == "success");
}

BOOST_AUTO_TEST_CASE(dingtalk_88_carries_its_sub_code_and_meaning) {
  auto matcher = Matcher::compile(builtin());
  BOOST_TEST_REQUIRE(matcher.ok());
  for (const std::string_view line :
       {R"({"errcode":88,"errmsg":"x","sub_code":"40035"})", R"({"errcode":88,"subCode":"40035"})",
        R"(&{ErrCode:88 ErrMsg:ding talk error[subcode=40035 submsg=x]})"}) {
    std::vector<Match> matches;
    matcher->find(line, matches);
    BOOST_TEST_REQUIRE(matches.size() == 1u, line);
    BOOST_TEST(matches[0].code == "88");
    BOOST_TEST(matches[0].sub_code == "40035", line);
    BOOST_TEST_REQUIRE(matches[0].sub_entry != nullptr);
    BOOST_TEST(matches[0].sub_entry->message == "Illegal parameter");
  }
  std::vector<Match> matches;
  matcher->find(R"({"errcode":40014,"sub_code":"40035"})", matches);
  BOOST_TEST_REQUIRE(matches.size() == 1u);
  BOOST_TEST(matches[0].sub_code.empty());  // only 88 defers to a sub-code
}

BOOST_AUTO_TEST_CASE(a_huge_line_with_many_codes_is_deduplicated_in_linear_time) {
  std::string line;
  for (int i = 0; i < 200000; ++i) line += "BackMsg_" + std::to_string(i % 1000) + " ";
  auto matcher = Matcher::compile(builtin(), {"backmsg"});
  BOOST_TEST_REQUIRE(matcher.ok());
  std::vector<Match> matches;
  BOOST_TEST(matcher->find(line, matches) == 1000u);
  BOOST_TEST(matches.front().code == "BackMsg_0");
  BOOST_TEST(matches.back().code == "BackMsg_999");
}
