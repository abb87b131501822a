#define BOOST_TEST_MODULE escapings
// The codes of lines a log pipeline escaped once more, through the Matcher on the built-in
// catalog: every escaping the folded view undoes, by both paths find() takes (a line alone, and
// a line of a block with its candidates).
#include <boost/test/unit_test.hpp>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "loader/pattern_loader.hpp"
#include "matcher/matcher.hpp"
#include "test_support.hpp"

using namespace errscope;

namespace {

using Codes = std::vector<std::string>;

// Whether `part` lies in `text`.
bool inside(std::string_view part, std::string_view text) {
  return part.data() >= text.data() && part.data() + part.size() <= text.data() + text.size();
}

// Whether the match's views point into the line or its catalog entries, never elsewhere.
bool views_are_safe(const Match& match, std::string_view line) {
  const bool code_ok = inside(match.code, line) ||
                       (match.entry != nullptr && match.code.data() == match.entry->code.data());
  const bool sub_ok =
      match.sub_code.empty() || inside(match.sub_code, line) ||
      (match.sub_entry != nullptr && match.sub_code.data() == match.sub_entry->code.data());
  return code_ok && sub_ok && (match.param.empty() || inside(match.param, line));
}

// "vendor:code[param]" for each match of find(line).
Codes describe(const std::vector<Match>& matches) {
  Codes out;
  for (const auto& match : matches) {
    std::string item = match.vendor->id;
    item += ':';
    item += match.code;
    if (!match.param.empty()) {
      item += '[';
      item += match.param;
      item += ']';
    }
    if (!match.sub_code.empty()) {
      item += '/';
      item += match.sub_code;
    }
    out.push_back(item);
  }
  return out;
}

// The codes of `line`, checked to be the same by the block path and to point at the line.
Codes codes_of(const std::string& line) {
  const Matcher& matcher = test::builtin_matcher();
  std::vector<Match> alone;
  matcher.find(line, alone);
  std::vector<Candidate> candidates;
  matcher.find_candidates(line, candidates);
  std::vector<Match> in_block;
  if (!candidates.empty()) matcher.find(line, candidates, in_block);
  BOOST_TEST(describe(in_block) == describe(alone), boost::test_tools::per_element());
  for (const auto& match : alone) {
    BOOST_TEST(views_are_safe(match, line), match.vendor->id << ":" << match.code);
    BOOST_TEST(match.offset < line.size());
  }
  return describe(alone);
}

}  // namespace

BOOST_AUTO_TEST_CASE(url_encoded_json_in_a_callback_query) {
  // An access log of a callback that carries the vendor's JSON as a query parameter, encoded
  // as encodeURIComponent / URLEncoder write it (%XX, no '+' for these bytes).
  BOOST_TEST(
      codes_of("GET /cb?body=%7B%22errcode%22%3A40078%2C%22errmsg%22%3A%22x%22%7D HTTP/1.1") ==
          (Codes{"dingtalk:40078"}),
      boost::test_tools::per_element());
  BOOST_TEST(
      codes_of("POST /sms/notify?data=%7B%22resp%22%3A%7B%22respCode%22%3A%22105122%22%7D%7D") ==
          (Codes{"ucpaas:105122"}),
      boost::test_tools::per_element());
  // BackMsg's [param] escaped in a query: the param is the line's own span between %5B and %5D.
  BOOST_TEST(codes_of("GET /cti/notify?result=BackMsg_120%5B10.0.0.7%5D&id=9 200") ==
                 (Codes{"backmsg:BackMsg_120[10.0.0.7]"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(nginx_x_escaped_request_bodies) {
  // nginx's log_format escape=default writes '"', '\' and bytes outside 0x20-0x7E as \xXX
  // (CHANGES 0.7.0 and 1.1.6); $request_body in an access log comes out like this.
  BOOST_TEST(
      codes_of(
          R"(10.0.0.5 - - [01/Nov/2026:09:15:02 +0800] "POST /sms HTTP/1.1" 200 "{\x22resp\x22:{\x22respCode\x22:\x22105122\x22}}")") ==
          (Codes{"ucpaas:105122"}),
      boost::test_tools::per_element());
  BOOST_TEST(
      codes_of(
          R"(10.0.0.5 - - [01/Nov/2026:09:15:02 +0800] "POST /robot/send HTTP/1.1" 200 "{\x22errcode\x22:40035,\x22errmsg\x22:\x22\xE7\xBC\xBA\xE5\xB0\x91\x22}")") ==
          (Codes{"dingtalk:40035"}),
      boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(html_escaped_json) {
  // A JSON body shown in an HTML page or a Java web log through an HTML escaper (&quot;).
  BOOST_TEST(codes_of("<td>{&quot;errcode&quot;:40014,&quot;errmsg&quot;:&quot;x&quot;}</td>") ==
                 (Codes{"dingtalk:40014"}),
             boost::test_tools::per_element());
  BOOST_TEST(codes_of("resp=&lt;respCode&gt;105122&lt;/respCode&gt;") == (Codes{"ucpaas:105122"}),
             boost::test_tools::per_element());
  BOOST_TEST(codes_of("{&#34;errcode&#34;:60011}") == (Codes{"dingtalk:60011"}),
             boost::test_tools::per_element());
  // Escaped twice: &amp;quot;
  BOOST_TEST(codes_of("body={&amp;quot;errcode&amp;quot;:40014}") == (Codes{"dingtalk:40014"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(csv_exported_json_with_doubled_quotes) {
  // RFC 4180: a field holding quotes is quoted and each quote doubled, as a spreadsheet or a
  // database's CSV export writes a JSON column.
  BOOST_TEST(codes_of(R"(2026-11-01,sms,"{""resp"":{""respCode"":""105122""}}")") ==
                 (Codes{"ucpaas:105122"}),
             boost::test_tools::per_element());
  BOOST_TEST(codes_of(R"(2026-11-01,robot,"{""errcode"":40014,""errmsg"":""""}")") ==
                 (Codes{"dingtalk:40014"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(docker_json_file_unicode_escapes) {
  // Docker's json-file driver: {"log":"…\n","stream":"stdout","time":"…"}, the line encoded by
  // Go's encoding/json, which writes <, > and & as \u003c, \u003e, \u0026 (moby's jsonfilelog).
  BOOST_TEST(
      codes_of(
          R"({"log":"\u003crespCode\u003e105122\u003c/respCode\u003e\n","stream":"stdout","time":"2026-11-01T01:15:02.1Z"})") ==
          (Codes{"ucpaas:105122"}),
      boost::test_tools::per_element());
  BOOST_TEST(codes_of(R"({"log":"{\u0022errcode\u0022:40014}"})") == (Codes{"dingtalk:40014"}),
             boost::test_tools::per_element());
  // A coloured line inside json-file: ESC is \u001b there (moby#52073 shows such lines).
  BOOST_TEST(
      codes_of(
          R"({"log":"\u001b[36merrcode\u001b[0m=\u001b[35m40014\u001b[0m\n","stream":"stdout"})") ==
          (Codes{"dingtalk:40014"}),
      boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(ansi_colours_between_key_and_value) {
  // structlog's ConsoleRenderer (structlog/dev.py) writes each pair as
  // kv_key + key + reset + "=" + kv_value + repr(value) + reset, with colorama's CYAN (ESC[36m),
  // MAGENTA (ESC[35m) and RESET_ALL (ESC[0m): captured to a file, the codes stay in the text.
  BOOST_TEST(
      codes_of("2026-11-01 09:15.02 [\x1b[31m\x1b[1merror    \x1b[0m] \x1b[1mdingtalk "
               "call failed \x1b[0m \x1b[36merrcode\x1b[0m=\x1b[35m40014\x1b[0m "
               "\x1b[36merrmsg\x1b[0m=\x1b[35m'illegal'\x1b[0m") == (Codes{"dingtalk:40014"}),
      boost::test_tools::per_element());
  BOOST_TEST(
      codes_of("\x1b[36mrespCode\x1b[0m=\x1b[35m'105122'\x1b[0m") == (Codes{"ucpaas:105122"}),
      boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(full_width_colon_and_equals) {
  // A Chinese input method's ：and ＝ typed into a log message template.
  BOOST_TEST(codes_of("短信发送失败 respCode：105122，请检查") == (Codes{"ucpaas:105122"}),
             boost::test_tools::per_element());
  BOOST_TEST(codes_of("钉钉接口返回 errcode＝40014") == (Codes{"dingtalk:40014"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_code_found_in_the_view_points_into_the_line) {
  const std::string line = "body=%7B%22errcode%22%3A40078%7D";
  std::vector<Match> matches;
  test::builtin_matcher().find(line, matches);
  BOOST_TEST_REQUIRE(matches.size() == 1u);
  BOOST_TEST(matches[0].offset == line.find("40078"));
  BOOST_TEST(matches[0].code.data() == line.data() + line.find("40078"));
  BOOST_TEST(matches[0].code == "40078");
  // A code whose own bytes were escaped: the table's code, at the escaping's place.
  const std::string escaped_digit = "errcode%3D%340014";
  matches.clear();
  test::builtin_matcher().find(escaped_digit, matches);
  BOOST_TEST_REQUIRE(matches.size() == 1u);
  BOOST_TEST(matches[0].code == "40014");
  BOOST_TEST(matches[0].code.data() == matches[0].entry->code.data());
  BOOST_TEST(matches[0].offset == escaped_digit.find("%34"));
  // ... and none when the table does not know it: there is nothing in the line to show.
  BOOST_TEST(codes_of("errcode%3D%3999999").empty());
}

BOOST_AUTO_TEST_CASE(a_code_in_the_line_and_in_its_view_is_reported_once) {
  BOOST_TEST(
      codes_of(R"({"errcode":40014} raw=%7B%22errcode%22%3A40014%7D)") == (Codes{"dingtalk:40014"}),
      boost::test_tools::per_element());
  BOOST_TEST(codes_of(R"({"errcode":40014} then {&quot;errcode&quot;:60011})") ==
                 (Codes{"dingtalk:40014", "dingtalk:60011"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_escaped_wechat_host_still_excludes_dingtalk) {
  BOOST_TEST(
      codes_of(
          "GET /proxy?u=https%3A%2F%2Fapi.weixin.qq.com%2Fcgi-bin&r=%7B%22errcode%22%3A40001%7D")
          .empty());
}

BOOST_AUTO_TEST_CASE(the_view_makes_no_code_the_line_does_not_hold) {
  // JSON empty strings next to a code-like value, percent signs in text, & in URLs.
  BOOST_TEST(codes_of(R"({"errcode":"","errmsg":"","note":"40014 at 50%20off"})").empty());
  BOOST_TEST(codes_of(R"({"code":"","msg":"","respCode":"","v":"105122"})").empty());
  BOOST_TEST(codes_of("promo errcode 50%OFF 100% respCode 105122%").empty());
  BOOST_TEST(codes_of("GET /a?errcode=&respCode=&x=40014&y=105122 200").empty());
  BOOST_TEST(codes_of("https://oapi.dingtalk.com/x?a=1&amp;errcode&amp;b=40014").empty());
  BOOST_TEST(codes_of(R"(2026-11-01,"{""errcode"":"""",""n"":""40014""}")").empty());
  BOOST_TEST(codes_of("\x1b[36merrcode\x1b[0m \x1b[35m40014\x1b[0m").empty());
}

BOOST_AUTO_TEST_CASE(a_regex_needing_a_quoted_key_still_sees_an_escaped_one_in_a_block) {
  // A user vendor whose regex holds `"retcode":`, a string the candidate search requires: an
  // escaped key hides it, yet the occurrence stays a candidate, for the folded view to match.
  const std::string text = R"j({"vendor": "acme", "name": "x", "source": "test",
    "anchors": ["retcode"], "anchor_lead": 1,
    "regexes": [{"name": "f", "regex": "\"retcode\":\\s*(?P<code>[0-9]+)"}],
    "samples": [{"line": "{\"retcode\": 7}", "codes": ["7"]}],
    "codes": [{"code": "7", "message": "m", "outcome": "error"}]})j";
  std::vector<Diagnostic> warnings;
  auto vendor = load_pattern_text("acme.json", text, SampleCheck::run, warnings);
  BOOST_TEST_REQUIRE(vendor.ok(), (vendor.ok() ? "" : vendor.error().reason));
  auto matcher = Matcher::compile_vendor(*vendor);
  BOOST_TEST_REQUIRE(matcher.ok());
  for (const std::string line : {R"(body="{\x22retcode\x22:7}")", "r=%7B%22retcode%22%3A7%7D",
                                 R"(2026-11-01,"{""retcode"":7}")"}) {
    std::vector<Candidate> candidates;
    matcher->find_candidates(line, candidates);
    BOOST_TEST_REQUIRE(!candidates.empty(), line);
    std::vector<Match> matches;
    matcher->find(line, candidates, matches);
    BOOST_TEST(describe(matches) == (Codes{"acme:7"}), boost::test_tools::per_element());
  }
  // With no escaping by the key, a line that lacks the string stays no candidate.
  std::vector<Candidate> candidates;
  matcher->find_candidates("retcode 7 " + std::string(100, '.') + " %22 past a field's reach",
                           candidates);
  BOOST_TEST(candidates.empty());
}

BOOST_AUTO_TEST_CASE(lines_of_mixed_escapings_give_views_into_the_line_by_both_paths) {
  // Keys, values and escapings thrown together, cut anywhere: whatever is found points into the
  // line (or the table), inside it, the same by find(line) and by the block's candidates.
  static const char* const k_pieces[] = {
      "errcode", "respCode", "BackMsg_120", "sub_code", "\"", "\\", ":", "=", "40014", "88",
      "105122", "[", "]", "%22", "%3A", "%5B", "%5D", "%25", "%2", "\\x22", "\\x5C", "\\x",
      "\\u0022", "\\u003c", "\\u00", "&quot;", "&amp;", "&#34;", "&#x5B;", "&", "\"\"",
      "\x1b[35m", "\x1b[0m", "\x1b", "\xef\xbc\x9a", "\xef\xbc", " ", ",", "{", "}", "\n"};
  std::mt19937 random(14);
  std::uniform_int_distribution<std::size_t> piece(0, std::size(k_pieces) - 1);
  std::uniform_int_distribution<int> length(1, 24);
  std::size_t found = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string line;
    for (int i = length(random); i > 0; --i) line += k_pieces[piece(random)];
    if (const auto newline = line.find('\n'); newline != std::string::npos) line.resize(newline);
    found += codes_of(line).size();
  }
  BOOST_TEST(found > 100u);  // the mix does find codes, so the checks above ran on some
}
