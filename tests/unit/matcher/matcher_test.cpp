#define BOOST_TEST_MODULE matcher
#include "matcher/matcher.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <boost/test/unit_test.hpp>
#include <random>
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
  BOOST_TEST(find_all(R"({"code":40001,"msg":"分机号只能包含数字和字母"})") == (Codes{"yunke:40001"}),
             boost::test_tools::per_element());
  BOOST_TEST(find_all(R"({"errcode":40001,"errmsg":"x"})") == (Codes{"dingtalk:40001"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(yunke_counts_a_table_code_only_when_its_message_agrees) {
  // The issue's borrowed codes: other APIs' {"code","msg"} envelopes.
  BOOST_TEST(find_all(R"({"code":500,"msg":"Internal Server Error"})").empty());
  BOOST_TEST(find_all(R"({"code":0,"msg":"success"})").empty());
  BOOST_TEST(find_all(R"(feishu.auth -> {"code":0,"msg":"ok","tenant_access_token":"t-g10"})")
                 .empty());
  BOOST_TEST(find_all(R"({"code":200,"msg":"OK"})").empty());
  BOOST_TEST(find_all(R"({"level":"info","msg":"ok","code":0})").empty());
  // "成功" only ends 请求处理成功: every API's success message is no proof.
  BOOST_TEST(find_all(R"({"code":0,"msg":"成功"})").empty());
  // A message that is the table's, starts it, or holds it; \u escapes and full-width commas.
  for (const std::string line :
       {R"({"code":500,"msg":"服务端错误,请联系客服"})", R"({"code":500,"msg":"服务端错误"})",
        R"({"code":500,"msg":"服务端错误，请联系客服"})",
        R"({"code":500,"msg":"\u670d\u52a1\u7aef\u9519\u8bef"})",
        R"j(yunke: {"code": 500, "msg": "服务端错误,请联系客服 (trace 9f2)"})j"}) {
    BOOST_TEST(find_all(line) == (Codes{"yunke:500"}), boost::test_tools::per_element());
  }
  // Another code's message confirms nothing.
  BOOST_TEST(find_all(R"({"code":30004,"msg":"数据过多,最多只能导入3万条"})").empty());
}

BOOST_AUTO_TEST_CASE(yunke_keys_in_any_order_inside_one_object) {
  // fastjson sorts keys: data comes between code and msg, an object or an array.
  BOOST_TEST(find_all(R"({"code":30005,"data":[],"msg":"数据过多,最多只能导入3万条"})") ==
                 (Codes{"yunke:30005"}),
             boost::test_tools::per_element());
  BOOST_TEST(find_all(R"({"code":0,"data":{"total":30004,"list":[]},"msg":"请求处理成功"})") ==
                 (Codes{"yunke:0"}),
             boost::test_tools::per_element());
  // The message first (Gson keeps declaration order; PHP arrays their insertion order).
  BOOST_TEST(find_all(R"({"msg":"服务端错误","data":{"a":1},"code":500})") == (Codes{"yunke:500"}),
             boost::test_tools::per_element());
  // A message in another object says nothing of this code.
  BOOST_TEST(find_all(R"({"a":{"msg":"服务端错误"},"b":{"code":500}})").empty());
  BOOST_TEST(find_all(R"({"b":{"code":500},"a":{"msg":"服务端错误"}})").empty());
}

// Whether find_candidates keeps some candidate in `line`: some anchor where a match could start.
bool any_may_match(std::string_view line) {
  std::vector<Candidate> candidates;
  test::builtin_matcher().find_candidates(line, candidates);
  return !candidates.empty();
}

BOOST_AUTO_TEST_CASE(find_candidates_drops_only_occurrences_no_regex_can_use) {
  // 云客's regexes need a msg in the code's object (FilteredRE2 finds "msg" required), and an
  // anchor must be there.
  BOOST_TEST(!any_may_match("the barcode scanner"));  // "code", no msg
  BOOST_TEST(!any_may_match("code=5\nmsg: the msg is on the next line"));
  BOOST_TEST(!any_may_match(R"({"msg":"x"} {"code":5})"));  // the msg is in another object
  // With the message as proof a 云客 code must be in its table: a zap line's own msg and code
  // 200 is no candidate, one with a table code is (until its message says otherwise).
  BOOST_TEST(!any_may_match(R"({"level":"info","msg":"request done","code":200,"latency":3})"));
  BOOST_TEST(any_may_match(R"({"level":"info","msg":"request done","code":500,"latency":3})"));
  BOOST_TEST(find_all(R"({"level":"info","msg":"request done","code":500,"latency":3})").empty());
  BOOST_TEST(find_all("barcode=5,msg=scanned").empty());
  // Whatever matches passes, case variants of the required strings included.
  for (const std::string line : {R"({"code":0,"msg":"ok"})", R"({'CODE': 30004, 'MSG': 'x'})",
                                 R"({"errcode":40014})", "BackMsg_16", R"("respCode":"105107")",
                                 "<respCode>105107</RESPCODE>", R"(Code=40001&Msg=bad)"}) {
    BOOST_TEST(any_may_match(line), line);
  }
  // Every line the matcher finds a code in is a candidate (the corpus and samples check
  // this at scale through the scanner).
  for (const std::string line :
       {R"({"code":0,"msg":"请求处理成功"})", R"(x "errcode":88,"sub_code":"40035")",
        "%7CBackMsg_16"}) {
    BOOST_TEST(!find_all(line).empty(), line);
    BOOST_TEST(any_may_match(line), line);
  }
}

// The required-string search runs 32 or 16 positions at a time with a byte-by-byte tail: a msg
// at any distance after the code is found, in any case, and never past the line's end.
BOOST_AUTO_TEST_CASE(required_strings_are_found_at_every_distance) {
  for (std::size_t gap = 0; gap < 100; ++gap) {
    const std::string pad(gap, ' ');
    for (const char* msg : {"msg", "MSG", "Msg"}) {
      std::string line = "{\"code\":30004,";
      line.append(pad).append("\"").append(msg).append("\":\"待呼叫数据过多\"}");
      BOOST_TEST(any_may_match(line), line);
      BOOST_TEST(!find_all(line).empty(), line);
      std::string split = "{\"code\":30004,";  // the msg on the next line
      split.append(pad).append("\n\"").append(msg).append("\":\"x\"}\n");
      BOOST_TEST(!any_may_match(split), split);
    }
    // A near miss ("ms" then the wrong byte, "mg") is no msg.
    std::string near_miss = "{\"code\":1,";
    near_miss.append(pad).append("\"msx\":1,\"mgs\":2}");
    BOOST_TEST(!any_may_match(near_miss), near_miss);
  }
}

BOOST_AUTO_TEST_CASE(wechat_hosts_are_not_dingtalk) {
  BOOST_TEST(find_all(R"(GET https://api.weixin.qq.com/sns/x {"errcode":40014})").empty());
  BOOST_TEST(
      find_all(R"(GET https://oapi.dingtalk.com/x {"errcode":40014})") == (Codes{"dingtalk:40014"}),
      boost::test_tools::per_element());
  // Any *.weixin.qq.com host and the marks of WeChat's and WeCom's SDKs and servers.
  for (const std::string line : {
           R"(GET https://api2.weixin.qq.com/sns/x {"errcode":40029})",
           R"({"errcode":60020,"errmsg":"not allow, more info at https://open.work.weixin.qq.com/devtool/query?e=60020"})",
           R"(WxErrorException: 错误代码：40001, 错误信息：AppSecret错误，微信原始报文：{"errcode":40001})",
           R"(me.chanjar.weixin.common.error.WxError: {"errcode":40001})",
           R"(微信原始报文：{"errcode":40001,"errmsg":"invalid credential"})",
           R"({"errcode":45008,"errmsg":"article size out of limit hint: [jAmrGa00033929]"})",
           R"({"errcode":43101,"errmsg":"user refuse to accept the msg rid: 69b2c72e-1223c316-5aaab7f9"})",
           "11-01 09:00:01.204  2871  2871 D WXPayEntryActivity: onPayFinish, errCode = -2"}) {
    BOOST_TEST(find_all(line).empty(), line);
  }
}

BOOST_AUTO_TEST_CASE(a_line_naming_dingtalk_and_wechat_keeps_dingtalks_own_objects) {
  // With DingTalk's host in the line too, a WeChat mark speaks only for its own object and the
  // objects inside it, in either order.
  const std::string dingtalk = R"({"url":"https://oapi.dingtalk.com/gettoken","resp":{"errcode":40089}})";
  const std::string wecom = R"({"url":"https://qyapi.weixin.qq.com/cgi-bin/gettoken","resp":{"errcode":40013}})";
  BOOST_TEST(find_all("dingtalk=" + dingtalk + " wecom=" + wecom) == (Codes{"dingtalk:40089"}),
             boost::test_tools::per_element());
  BOOST_TEST(find_all("wecom=" + wecom + " dingtalk=" + dingtalk) == (Codes{"dingtalk:40089"}),
             boost::test_tools::per_element());
  // A WeChat mark outside every object (a URL before the body) speaks for the whole line.
  BOOST_TEST(find_all("https://qyapi.weixin.qq.com/x " + dingtalk).empty());
  // In the code's own object, it is WeChat's.
  BOOST_TEST(
      find_all(R"({"url":"https://oapi.dingtalk.com/x","errcode":40001,"errmsg":"x hint: [ab12]"})")
          .empty());
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

namespace {

// The built-in regex named `name` of `vendor`.
std::string builtin_regex(std::string_view vendor, std::string_view name) {
  for (const auto& spec : builtin().vendors()) {
    if (spec.id != vendor) continue;
    for (const auto& regex : spec.regexes) {
      if (regex.name == name) return regex.pattern;
    }
  }
  throw std::runtime_error("no such regex");
}

// Compares two regexes on random strings built slot by slot from near-miss pieces: same match,
// same span, same `code` group, everywhere.
void expect_same_language(const std::string& readable, const std::string& fast,
                          const std::vector<std::vector<std::string>>& slots) {
  const RE2 a(readable);
  const RE2 b(fast);
  BOOST_TEST_REQUIRE(a.ok());
  BOOST_TEST_REQUIRE(b.ok());
  std::mt19937_64 rng(20261122);
  std::size_t matched = 0;
  for (int round = 0; round < 200000; ++round) {
    std::string text;
    for (const auto& slot : slots) text += slot[rng() % slot.size()];
    std::array<re2::StringPiece, 2> ga;
    std::array<re2::StringPiece, 2> gb;
    const bool ma = a.Match(text, 0, text.size(), RE2::UNANCHORED, ga.data(), 2);
    const bool mb = b.Match(text, 0, text.size(), RE2::UNANCHORED, gb.data(), 2);
    BOOST_TEST_REQUIRE(ma == mb, text);
    if (!ma) continue;
    ++matched;
    BOOST_TEST_REQUIRE(ga[0] == gb[0], text);
    BOOST_TEST_REQUIRE(ga[1] == gb[1], text);
  }
  BOOST_TEST(matched > 1000u);  // the generator does reach the interesting cases
}

const std::vector<std::string> k_quotes{"", "\"", "'", "\\\"", "\\\\\"", "]"};
const std::vector<std::string> k_spaces{"", " ", "  ", "\t"};

}  // namespace

// The 云客 and UCPaaS field regexes are written factored (alternatives split at their first
// differing byte, the optional quote after the code folded into the separator) so RE2 can
// extract groups in one pass, about three times faster. They must match exactly what the plain
// forms below match.
BOOST_AUTO_TEST_CASE(factored_regexes_match_what_their_plain_forms_match) {
  expect_same_language(
      R"(\b(?:code|Code|CODE)(?:\\*["']|\])?\s*(?::|=>|=)\s*(?:\\*["'])?(?P<code>-?[0-9]+))"
      R"((?:\\*["'])?\s*[,;&]?\s*(?:\\*["'])?(?:msg|Msg|MSG)(?:\\*["']|\])?\s*(?::|=>|=)\s*)"
      R"((?:\\*["'])?(?P<msg>))",
      builtin_regex("yunke", "code-then-msg"),
      {{"", "x", "_", "{"},
       {"code", "Code", "CODE", "cODE"},
       k_quotes,
       k_spaces,
       {":", "=", "=>", ">", ""},
       k_spaces,
       k_quotes,
       {"0", "30004", "-1", ""},
       k_quotes,
       k_spaces,
       {",", ";", "&", "", ",,"},
       k_spaces,
       k_quotes,
       {"msg", "Msg", "MSG", "mSG"},
       k_quotes,
       k_spaces,
       {":", "=", "=>", ""},
       k_spaces,
       {"\"x\"", "1", ""}});
  expect_same_language(R"(\b(?:respCode|RespCode|respcode|RESPCODE)(?:\\*["']|\])?\s*(?::|=>|=)\s*)"
                       R"((?:\\*["'])?(?P<code>[0-9]{6})\b)",
                       builtin_regex("ucpaas", "field"),
                       {{"", "x", "_", "\""},
                        {"respCode", "RespCode", "respcode", "RESPCODE", "Respcode", "resp"},
                        k_quotes,
                        k_spaces,
                        {":", "=", "=>", ">", ""},
                        k_spaces,
                        k_quotes,
                        {"105107", "000000", "1051070", "10510"},
                        k_quotes,
                        {"", "x", ",", "1"}});
}

namespace {

// A pattern file for a user vendor whose anchor shares the built-in "code" literal.
std::string user_vendor(const std::string& id, const std::string& lead) {
  std::string text = "{\"vendor\": \"" + id + "\", \"name\": \"x\", \"source\": \"test\",\n";
  text += "\"anchors\": [\"" + id + "code\"]," + lead + "\n";
  text += R"j("regexes": [{"name": "f", "regex": ")j" + id + R"j(code=(?P<code>[0-9]+)"},)j";
  text += R"j({"name": "g", "regex": ")j" + id + R"j(code:(?P<code>[0-9]+);msg"}],)j";
  text += R"j("samples": [{"line": ")j" + id + R"j(code=1", "codes": ["1"]}],)j";
  text += R"j("codes": [{"code": "1", "message": "m", "outcome": "error"}]})j";
  return text;
}

}  // namespace

// The scanner marks each occurrence with the regexes worth attempting and find() attempts only
// those; finding from the marks must give what finding from unmarked occurrences (every anchor
// and required string checked again) gives, with vendors that search whole lines (no
// anchor_lead) sharing a literal with vendors that try anchors.
BOOST_AUTO_TEST_CASE(marked_occurrences_find_what_unmarked_ones_do) {
  Catalog catalog = builtin();
  for (const auto& [id, lead] :
       {std::pair<std::string, std::string>{"led", " \"anchor_lead\": 0,"}, {"unled", ""}}) {
    std::vector<Diagnostic> warnings;
    auto vendor =
        load_pattern_text(id + ".json", user_vendor(id, lead), SampleCheck::run, warnings);
    BOOST_TEST_REQUIRE(vendor.ok(), (vendor.ok() ? "" : vendor.error().reason));
    BOOST_TEST_REQUIRE(catalog.add(std::move(vendor).value()).ok());
  }
  {
    // More regexes on one literal than an occurrence's marks have bits: such occurrences go
    // unmarked, and the 34th regex still finds its code.
    std::string text = R"j({"vendor": "many", "name": "x", "source": "test",
      "anchors": ["manycode"], "anchor_lead": 0, "regexes": [)j";
    for (int i = 0; i < 34; ++i) {
      const std::string number = std::to_string(i);
      text.append(i == 0 ? "" : ",").append(R"j({"name": "r)j").append(number);
      text.append(R"j(", "regex": "manycode=(?P<code>[0-9]+)-tail)j").append(number).append("\"}");
    }
    text.append(R"j(], "samples": [{"line": "manycode=1-tail33", "codes": ["1"]}],
      "codes": [{"code": "1", "message": "m", "outcome": "error"}]})j");
    std::vector<Diagnostic> warnings;
    auto vendor = load_pattern_text("many.json", text, SampleCheck::run, warnings);
    BOOST_TEST_REQUIRE(vendor.ok(), (vendor.ok() ? "" : vendor.error().reason));
    BOOST_TEST_REQUIRE(catalog.add(std::move(vendor).value()).ok());
  }
  for (const bool with_users : {false, true}) {
    auto matcher = with_users ? Matcher::compile(catalog) : Matcher::compile(builtin());
    BOOST_TEST_REQUIRE(matcher.ok());
    for (const std::string line :
         {R"({"code":30004,"msg":"x","errcode":40014,"respCode":"105107"} BackMsg_16)",
          R"(ledcode=1 unledcode=1 ledcode:1;msg {"Code":1,"Msg":2})",
          R"({"level":"info","msg":"done","code":200} errcode=88 sub_code=40035)",
          R"(GET https://api.weixin.qq.com/x {"errcode":40014} respCode=105107)",
          R"(unledcode=1 "code":0,"msg":"" ledcode=1 errcode=1 unledcode:1;msg)", "barcode",
          "x ledcode:7;msg and ledcode=1", "manycode=1-tail33 manycode=2-tail3",
          "%7CBackMsg_16 BackMsg_16[x] <respCode>105107</respCode>"}) {
      std::vector<Match> expected;
      matcher->find(line, expected);
      std::vector<Candidate> candidates;
      matcher->find_candidates(line, candidates);
      std::vector<Match> found;
      if (!candidates.empty()) matcher->find(line, candidates, found);
      BOOST_TEST_CONTEXT(line) {
        BOOST_TEST_REQUIRE(found.size() == expected.size());
        for (std::size_t i = 0; i < found.size(); ++i) {
          BOOST_TEST(found[i].vendor->id == expected[i].vendor->id);
          BOOST_TEST(found[i].code == expected[i].code);
          BOOST_TEST(found[i].offset == expected[i].offset);
          BOOST_TEST(found[i].sub_code == expected[i].sub_code);
        }
      }
      if (with_users && line.starts_with("manycode")) BOOST_TEST(expected.size() == 2u);
      if (with_users && line.starts_with("ledcode")) {  // both user vendors are in play
        const auto has = [&expected](const char* id) {
          return std::any_of(expected.begin(), expected.end(),
                             [id](const Match& m) { return m.vendor->id == id; });
        };
        BOOST_TEST((has("led") && has("unled")));
      }
    }
  }
}

namespace {

// A DingTalk-like vendor whose field and sub-code regexes start with their keys, written as
// `\b(?:keys)` (searched past the key) or as `\b(?:keys){1}` (the same language, tried whole).
std::string keyed_vendor(const std::string& repeat) {
  const std::string keys = R"(\\b(?:errcode|errCode|ERRCODE))" + repeat;
  const std::string sub_keys = R"(\\b(?:sub_code|subCode|sub_errcode))" + repeat;
  const std::string value = R"((?:\\\\*[\"'])?\\s*(?::|=>|=)\\s*(?:\\\\*[\"'])?)";
  return R"j({"vendor": "keyed", "name": "x", "source": "test", "anchor_lead": 0,
    "anchors": ["errcode", "errCode", "ERRCODE"],
    "regexes": [{"name": "field", "regex": ")j" + keys + value + R"j((?P<code>-?[0-9]+)\\b"}],
    "sub_codes": {"parents": ["88"], "regexes": [{"name": "sub", "regex": ")j" + sub_keys +
         value + R"j((?P<code>-?[0-9A-Za-z_.]+)"}]},
    "samples": [{"line": "errcode=88 sub_code=1", "codes": ["88"]}],
    "codes": [{"code": "88", "message": "m", "outcome": "error"}]})j";
}

}  // namespace

// A regex that starts with its keys is tried past the key at each anchor (and a sub-code regex
// at each key along the line); that must find what trying the whole regex finds.
BOOST_AUTO_TEST_CASE(regexes_tried_past_their_keys_find_what_whole_regexes_find) {
  std::vector<Matcher> matchers;
  std::vector<VendorSpec> specs;
  specs.reserve(2);
  for (const std::string repeat : {"", "{1}"}) {
    std::vector<Diagnostic> warnings;
    auto vendor =
        load_pattern_text("keyed.json", keyed_vendor(repeat), SampleCheck::run, warnings);
    BOOST_TEST_REQUIRE(vendor.ok(), (vendor.ok() ? "" : vendor.error().reason));
    specs.push_back(std::move(vendor).value());
    auto matcher = Matcher::compile_vendor(specs.back());
    BOOST_TEST_REQUIRE(matcher.ok());
    matchers.push_back(std::move(matcher).value());
  }
  const std::vector<std::vector<std::string>> slots{
      {"", "x", "_", "{\"", " ", "sub"},
      {"errcode", "errCode", "ERRCODE", "Errcode", "xerrcode", "errcodes"},
      k_quotes,
      k_spaces,
      {":", "=", "=>", ">", ""},
      k_spaces,
      k_quotes,
      {"88", "40014", "-1", "", "88a"},
      {",", " ", "x", "", ",errcode=88 "},
      {"sub_code", "subCode", "xsub_code", "sub_errcode", "subcode", ""},
      k_quotes,
      {":", "=", ""},
      k_quotes,
      {"40035", "a.b", "", "-"},
      {"", " sub_code=7", " subCode:x"}};
  std::mt19937_64 rng(20261201);
  std::size_t with_sub_code = 0;
  for (int round = 0; round < 100000; ++round) {
    std::string line;
    for (const auto& slot : slots) line += slot[rng() % slot.size()];
    std::vector<Match> keyed;
    std::vector<Match> whole;
    matchers[0].find(line, keyed);
    matchers[1].find(line, whole);
    BOOST_TEST_CONTEXT(line) {
      BOOST_TEST_REQUIRE(keyed.size() == whole.size());
      for (std::size_t i = 0; i < keyed.size(); ++i) {
        BOOST_TEST_REQUIRE(keyed[i].code == whole[i].code);
        BOOST_TEST_REQUIRE(keyed[i].offset == whole[i].offset);
        BOOST_TEST_REQUIRE(keyed[i].sub_code.data() == whole[i].sub_code.data());
        BOOST_TEST_REQUIRE(keyed[i].sub_code.size() == whole[i].sub_code.size());
        with_sub_code += keyed[i].sub_code.empty() ? 0 : 1;
      }
    }
  }
  BOOST_TEST(with_sub_code > 1000u);  // the generator does reach sub-codes
}
