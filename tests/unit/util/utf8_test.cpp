#define BOOST_TEST_MODULE utf8
#include "util/utf8.hpp"

#include <boost/test/unit_test.hpp>
#include <random>
#include <string>
#include <vector>

using namespace errscope;

namespace {

std::string visible(std::string_view text) {
  std::string out;
  append_visible(out, text);
  return out;
}

// The rule written out byte by byte: what append_visible must produce.
std::string reference(std::string_view text) {
  static constexpr char k_hex[] = "0123456789abcdef";
  std::string out;
  const auto escape = [&out](unsigned char byte) {
    out.append("\\x").append(1, k_hex[byte >> 4]).append(1, k_hex[byte & 0xF]);
  };
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      if ((byte < 0x20 && byte != '\t') || byte == 0x7F) {
        escape(byte);
      } else {
        out.append(1, static_cast<char>(byte));
      }
      ++i;
      continue;
    }
    const std::size_t length = valid_utf8_sequence_length(text.substr(i));
    if (length == 0) {
      escape(byte);
      ++i;
    } else if (length == 2 && byte == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      escape(byte);
      escape(static_cast<unsigned char>(text[i + 1]));
      i += 2;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(controls_c1_and_invalid_bytes_become_visible) {
  BOOST_TEST(visible("plain\ttext") == "plain\ttext");
  BOOST_TEST(visible("\x1b[31mred\x07") == "\\x1b[31mred\\x07");
  BOOST_TEST(visible("del\x7f") == "del\\x7f");
  BOOST_TEST(visible("csi \xC2\x9B"
                     "2J") == "csi \\xc2\\x9b2J");  // U+009B, a C1 control
  BOOST_TEST(visible("nbsp \xC2\xA0 é 错误") == "nbsp \xC2\xA0 é 错误");
  BOOST_TEST(visible("bad \xFF\xC0\xAF end") == "bad \\xff\\xc0\\xaf end");
}

BOOST_AUTO_TEST_CASE(random_text_matches_the_byte_by_byte_rule) {
  const std::vector<std::string> pieces{"a",
                                        "plain words here ",
                                        "\t",
                                        "\n",
                                        "\x1b",
                                        "\x7f",
                                        std::string(1, '\0'),
                                        "错误码",
                                        "\xC2\x9B",
                                        "\xC2\x80",
                                        "\xC2\xA0",
                                        "\xC3\xA9",
                                        "\xF0\x9F\x93\x9E",
                                        "\x80",
                                        "\xFF",
                                        "\xE7\x94",
                                        "\xED\xA0\x80",
                                        "\xC0\xAF",
                                        "\xC2"};
  std::mt19937 rng(17);
  for (int round = 0; round < 30000; ++round) {
    std::string text;
    const int count = static_cast<int>(rng() % 24);
    for (int i = 0; i < count; ++i) text += pieces[rng() % pieces.size()];
    BOOST_TEST_REQUIRE(visible(text) == reference(text), "input " << round);
  }
}

// Same length, every byte of a valid sequence kept, every other byte substituted.
BOOST_AUTO_TEST_CASE(invalid_utf8_is_replaced_byte_for_byte) {
  std::string out;
  copy_replacing_invalid_utf8(
      "a\xFF\xC3\xA9\xE5\x91\xBC\xE5\x91 z\x80\xF0\x9F\x98\x80\xED\xA0\x80\x01", '?', out);
  BOOST_TEST(out == "a?\xC3\xA9\xE5\x91\xBC?? z?\xF0\x9F\x98\x80???\x01");
  std::mt19937 rng(3);
  for (int round = 0; round < 200; ++round) {
    std::string text(rng() % 100, ' ');
    for (auto& c : text) c = static_cast<char>(rng());
    copy_replacing_invalid_utf8(text, '\x1A', out);
    BOOST_TEST(out.size() == text.size());
    BOOST_TEST(valid_utf8(out));
  }
}

// An invalid byte is found wherever it sits, after an ASCII run of any length (the ASCII pass)
// and inside a valid sequence cut short.
BOOST_AUTO_TEST_CASE(valid_utf8_finds_an_invalid_byte_after_any_ascii_run) {
  for (std::size_t run = 0; run < 70; ++run) {
    const std::string ascii(run, 'a');
    BOOST_TEST(valid_utf8(ascii), run);
    BOOST_TEST(valid_utf8(ascii + "\xE6\x9C\x8D" + ascii), run);
    BOOST_TEST(!valid_utf8(ascii + "\xFF" + ascii), run);
    BOOST_TEST(!valid_utf8(ascii + "\xE6\x9C" + ascii), run);
    BOOST_TEST(!valid_utf8(ascii + "\xE6\x9C\x8D\x80"), run);
  }
}

// Cutting where utf8_cut_before says and handling the pieces gives what handling the whole gives.
BOOST_AUTO_TEST_CASE(pieces_cut_between_sequences_are_made_visible_as_the_whole) {
  std::mt19937 rng(8);
  const std::vector<std::string> atoms{"a",    "\xE5\x91\xBC", "\xF0\x9F\x98\x80", "\xC2\x9B",
                                       "\xFF", "\x80",         "\xE5\x91",         "\x1B"};
  for (int round = 0; round < 300; ++round) {
    std::string text;
    while (text.size() < 40) text += atoms[rng() % atoms.size()];
    const std::size_t at = 1 + rng() % (text.size() - 1);
    const std::size_t cut = utf8_cut_before(text, at);
    BOOST_TEST(cut <= at);
    BOOST_TEST(cut + 3 >= at);
    std::string pieces;
    append_visible(pieces, text.substr(0, cut));
    append_visible(pieces, text.substr(cut));
    BOOST_TEST(pieces == visible(text));
  }
}
