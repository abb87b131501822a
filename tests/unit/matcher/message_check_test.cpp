#define BOOST_TEST_MODULE message_check
#include "matcher/message_check.hpp"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

using namespace errscope;

BOOST_AUTO_TEST_CASE(equal_prefix_and_containing_agree) {
  BOOST_TEST(message_agrees("服务端错误,请联系客服", "服务端错误,请联系客服"));
  BOOST_TEST(message_agrees("服务端错误", "服务端错误,请联系客服"));  // cut short
  BOOST_TEST(message_agrees("服务端错误,请联系客服 trace=9f2", "服务端错误,请联系客服"));
  BOOST_TEST(message_agrees("调用失败: 服务端错误,请联系客服", "服务端错误,请联系客服"));
}

BOOST_AUTO_TEST_CASE(other_messages_do_not_agree) {
  BOOST_TEST(!message_agrees("Internal Server Error", "服务端错误,请联系客服"));
  BOOST_TEST(!message_agrees("success", "请求处理成功"));
  BOOST_TEST(!message_agrees("ok", "请求处理成功"));
  BOOST_TEST(!message_agrees("成功", "请求处理成功"));  // only its end
  BOOST_TEST(!message_agrees("", "请求处理成功"));
  BOOST_TEST(!message_agrees("  \\n ", "请求处理成功"));
  BOOST_TEST(!message_agrees("请求处理成功", ""));
}

BOOST_AUTO_TEST_CASE(escapes_are_undone) {
  // \uXXXX as Java's and Python's JSON encoders write Chinese (ensure_ascii).
  BOOST_TEST(message_agrees(R"(\u670d\u52a1\u7aef\u9519\u8bef)", "服务端错误,请联系客服"));
  BOOST_TEST(message_agrees(R"(\u670D\u52A1\u7AEF)", "服务端错误,请联系客服"));  // upper-case hex
  // Escaped again inside a JSON string: a run of backslashes counts as one.
  BOOST_TEST(message_agrees(R"(\\u670d\\u52a1)", "服务端错误,请联系客服"));
  // nginx's escape=default writes every byte from 0x7F up as \xHH.
  BOOST_TEST(message_agrees(R"(\xE6\x9C\x8D\xE5\x8A\xA1\xE7\xAB\xAF)", "服务端错误,请联系客服"));
  BOOST_TEST(message_agrees(R"(api_key\u9a8c\u8bc1\u5931\u8d25)", "api_key验证失败"));
  // A surrogate pair is one code point; a broken escape stays text.
  BOOST_TEST(message_agrees(R"(ok \ud83d\ude00 x)", "ok 😀"));
  BOOST_TEST(!message_agrees(R"(\u67)", "服务端错误"));
  // A message cut in the middle of an escape (the last line of a truncated file) is its start.
  BOOST_TEST(message_agrees(R"(\u670d\u52a1\u7a)", "服务端错误,请联系客服"));
  BOOST_TEST(message_agrees(R"(\xE6\x9C\x8D\xE5\x8A)", "服务端错误,请联系客服"));
}

BOOST_AUTO_TEST_CASE(punctuation_width_spacing_and_case_are_folded) {
  BOOST_TEST(message_agrees("服务端错误，请联系客服", "服务端错误,请联系客服"));
  BOOST_TEST(message_agrees("用户名已被使用，请重新输入！", "用户名已被使用,请重新输入!"));
  BOOST_TEST(message_agrees("导入文件格式错误, 只支持 xlsx、xls", "导入文件格式错误,只支持xlsx、xls"));
  BOOST_TEST(message_agrees("AI数分配数超限", "Ai数分配数超限"));
  BOOST_TEST(message_agrees("ＡＰＩ＿ＫＥＹ验证失败", "api_key验证失败"));  // full-width letters
  BOOST_TEST(message_agrees("数据过多,最多只能导入3万条。", "数据过多,最多只能导入3万条"));
}

BOOST_AUTO_TEST_CASE(any_of_several_folded_texts_confirms) {
  // A code's message and its alt_messages, folded once when the matcher is built.
  const std::vector<std::string> texts{folded_message("First wording"),
                                       folded_message("第二种，说法")};
  BOOST_TEST(texts[0] == "firstwording");
  BOOST_TEST(texts[1] == "第二种,说法");
  BOOST_TEST(folded_messages_agree("first wording", texts));
  BOOST_TEST(folded_messages_agree("第二种, 说法 (详见文档)", texts));
  BOOST_TEST(!folded_messages_agree("third wording", texts));
  BOOST_TEST(!folded_messages_agree("", texts));
  BOOST_TEST(!folded_messages_agree("x", std::vector<std::string>{""}));
}

BOOST_AUTO_TEST_CASE(a_table_text_has_its_raw_and_json_escaped_forms) {
  const auto forms = literal_forms("服务端错误,请联系客服");
  BOOST_TEST_REQUIRE(forms.size() == 3u);
  BOOST_TEST(forms[0] == "服务端错误,请联系客服");
  BOOST_TEST(forms[1] == R"(\u670d\u52a1\u7aef\u9519\u8bef,\u8bf7\u8054\u7cfb\u5ba2\u670d)");
  BOOST_TEST(forms[2] == R"(\u670D\u52A1\u7AEF\u9519\u8BEF,\u8BF7\u8054\u7CFB\u5BA2\u670D)");
  BOOST_TEST(literal_forms("ok").size() == 1u);
  BOOST_TEST(literal_forms("").empty());
}

BOOST_AUTO_TEST_CASE(a_literal_form_agrees_as_the_full_check_does) {
  const std::string table = "服务端错误,请联系客服";
  const auto forms = literal_forms(table);
  const std::vector<std::string> folded = {folded_message(table)};
  // Each a logged text holding a form somewhere, or holding none; the quick look may only say
  // yes where the full check does.
  const std::vector<std::string> logged = {
      forms[0], forms[1], forms[2], "调用失败: " + forms[1] + " trace=9f2",
      "x" + forms[0] + "y", R"(\)" + forms[1], R"(\\)" + forms[1], "服务端错误",
      R"(\u670d\u52a1)", "Internal Server Error", ""};
  for (const auto& text : logged) {
    const bool quick = holds_literal_form(text, forms);
    BOOST_TEST((!quick || folded_messages_agree(text, folded)), text);
  }
  BOOST_TEST(holds_literal_form(forms[1], forms));
  BOOST_TEST(holds_literal_form("调用失败: " + forms[2], forms));
  BOOST_TEST(!holds_literal_form("\\" + forms[0], forms));  // its first byte escaped
  BOOST_TEST(!holds_literal_form("服务端错误", forms));     // cut short: the full check's case
}
