#define BOOST_TEST_MODULE json_writer
#include "util/json_writer.hpp"

#include <simdjson.h>

#include <boost/test/unit_test.hpp>
#include <random>
#include <string>
#include <vector>

#include "util/utf8.hpp"

using namespace errscope;

namespace {

std::string as_json(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

// The escaping rule written out byte by byte: what append_json_string must produce.
std::string reference(std::string_view text) {
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x80) {
      const std::size_t length = valid_utf8_sequence_length(text.substr(i));
      out.append(length == 0 ? std::string_view("\xEF\xBF\xBD") : text.substr(i, length));
      i += length == 0 ? 1 : length;
      continue;
    }
    ++i;
    if (byte == '"' || byte == '\\') {
      out.append(1, '\\').append(1, static_cast<char>(byte));
    } else if (byte == '\n') {
      out.append("\\n");
    } else if (byte == '\r') {
      out.append("\\r");
    } else if (byte == '\t') {
      out.append("\\t");
    } else if (byte == '\b') {
      out.append("\\b");
    } else if (byte == '\f') {
      out.append("\\f");
    } else if (byte < 0x20 || byte == 0x7F) {
      out.append("\\u00").append(1, k_hex[byte >> 4]).append(1, k_hex[byte & 0xF]);
    } else {
      out.append(1, static_cast<char>(byte));
    }
  }
  return out.append("\"");
}

}  // namespace

BOOST_AUTO_TEST_CASE(escapes_what_json_requires_and_replaces_invalid_bytes) {
  BOOST_TEST(as_json("") == "\"\"");
  BOOST_TEST(as_json("a\"b\\c") == "\"a\\\"b\\\\c\"");
  BOOST_TEST(as_json(std::string_view("\n\r\t\b\f\x01\x1f\x7f\0", 9)) ==
             "\"\\n\\r\\t\\b\\f\\u0001\\u001f\\u007f\\u0000\"");
  BOOST_TEST(as_json("用户余额不足 \"x\"") == "\"用户余额不足 \\\"x\\\"\"");
  // A lone continuation byte, a surrogate and a truncated sequence: one U+FFFD per bad byte.
  BOOST_TEST(as_json("a\x80z") == "\"a\xEF\xBF\xBDz\"");
  BOOST_TEST(as_json("\xED\xA0\x80") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
  BOOST_TEST(as_json("\xE7\x94") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

BOOST_AUTO_TEST_CASE(random_text_matches_the_byte_by_byte_rule_and_parses_back) {
  // Pieces that exercise every branch, placed at every offset of the 16-byte steps.
  const std::vector<std::string> pieces{"a",
                                        "quite plain text ",
                                        "\"",
                                        "\\",
                                        "\n",
                                        std::string(1, '\0'),
                                        "\x1b",
                                        "\x7f",
                                        "\x1f",
                                        " ",
                                        "~",
                                        "错误码",
                                        "\xF0\x9F\x93\x9E",
                                        "\xC3\xA9",
                                        "\x80",
                                        "\xFF",
                                        "\xE7\x94",
                                        "\xED\xA0\x80",
                                        "\xC0\xAF"};
  std::mt19937 rng(42);
  simdjson::dom::parser parser;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const int count = static_cast<int>(rng() % 24);
    for (int i = 0; i < count; ++i) text += pieces[rng() % pieces.size()];
    const std::string got = as_json(text);
    BOOST_TEST_REQUIRE(got == reference(text), "input " << round);
    // Always valid JSON; valid UTF-8 input comes back unchanged.
    const simdjson::padded_string json(got);
    std::string_view back;
    BOOST_TEST_REQUIRE(parser.parse(json).get_string().get(back) == simdjson::SUCCESS);
    if (simdjson::validate_utf8(text.data(), text.size())) BOOST_TEST_REQUIRE(back == text);
  }
}

// A text is written as it is exactly when its JSON literal is the text quoted.
BOOST_AUTO_TEST_CASE(as_is_means_the_literal_is_the_text_in_quotes) {
  std::mt19937 rng(4);
  const std::vector<std::string> atoms{"a",    "\xE5\x91\xBC", "\"",       "\\",       "\x1F",
                                       "\x7F", "\xFF",         "\xC3\xA9", "\xE5\x91", " "};
  for (int round = 0; round < 500; ++round) {
    std::string text;
    const std::size_t atoms_in = rng() % 40;
    for (std::size_t i = 0; i < atoms_in; ++i) {
      text += atoms[rng() % (round % 2 == 0 ? 2 : atoms.size())];
    }
    std::string literal;
    append_json_string(literal, text);
    BOOST_TEST(json_string_as_is(text) == (literal == "\"" + text + "\""), text);
    std::string content;
    append_json_string_content(content, text);
    BOOST_TEST("\"" + content + "\"" == literal);
  }
}

BOOST_AUTO_TEST_CASE(named_fields_write_a_key_and_its_value_with_the_commas) {
  std::string out;
  JsonWriter json(out);
  json.begin_object();
  json.str("s", "a\"b");
  json.str("literal", "true");  // a string literal stays a string
  json.str_or_null("empty", "");
  json.str_or_null("full", "x");
  json.num("size", std::size_t{18446744073709551615u});
  json.num("negative", std::int64_t{-42});
  json.num("int", 7);
  json.flag("yes", true);
  json.flag("no", false);
  json.null("nothing");
  json.strings("none", {});
  const std::vector<std::string> two{"a", "\n"};
  json.strings("two", two);
  json.key("nested");
  json.begin_object();
  json.str("k", "v");
  json.end_object();
  json.num("after", 0);
  json.end_object();
  BOOST_TEST(out ==
             R"({"s":"a\"b","literal":"true","empty":null,"full":"x","size":18446744073709551615,)"
             R"("negative":-42,"int":7,"yes":true,"no":false,"nothing":null,"none":[],)"
             R"("two":["a","\n"],"nested":{"k":"v"},"after":0})");
}

BOOST_AUTO_TEST_CASE(named_fields_write_what_key_and_value_calls_write) {
  std::string helpers;
  JsonWriter a(helpers);
  a.begin_array();
  a.begin_object();
  a.str("x", "1");
  a.num("y", 2);
  a.flag("z", true);
  a.null("w");
  a.end_object();
  a.end_array();
  std::string calls;
  JsonWriter b(calls);
  b.begin_array();
  b.begin_object();
  b.key("x");
  b.string("1");
  b.key("y");
  b.number(2);
  b.key("z");
  b.boolean(true);
  b.key("w");
  b.null();
  b.end_object();
  b.end_array();
  BOOST_TEST(helpers == calls);
}
