#define BOOST_TEST_MODULE folded_view
#include "matcher/folded_view.hpp"

#include <boost/test/unit_test.hpp>
#include <string>
#include <string_view>

using namespace errscope;

namespace {

// The folded text of `line`.
std::string folded(std::string_view line) {
  FoldedView view;
  view.fold(line);
  return std::string(view.text());
}

// The line's span for the view's bytes [from, from + size).
std::string_view span(const FoldedView& view, std::string_view line, std::size_t from,
                      std::size_t size) {
  const std::size_t start = view.original_offset(from);
  return line.substr(start, view.original_end(from + size) - start);
}

}  // namespace

BOOST_AUTO_TEST_CASE(nginx_hex_escapes_are_undone_and_control_bytes_become_spaces) {
  // nginx escapes '"', '\' and bytes below 0x20 or above 0x7E as \xXX (escape=default).
  const std::string line =
      R"(body="{\x22errcode\x22:40014,\x22m\x22:\x22a\x0Ab\x5C\xE9\x94\x99\x22}")";
  FoldedView view;
  view.fold(line);
  BOOST_TEST(view.text() == "body=\"{\"errcode\":40014,\"m\":\"a b\\\xE9\x94\x99\"}\"");
  const std::size_t quote = view.text().find("\"errcode");
  BOOST_TEST(span(view, line, quote, 1) == R"(\x22)");
  const std::size_t code = view.text().find("40014");
  BOOST_TEST(view.original_offset(code) == line.find("40014"));
  BOOST_TEST(span(view, line, code, 5) == "40014");
  BOOST_TEST(view.original_offset(view.text().size()) == line.size());
  BOOST_TEST(view.original_end(view.text().size()) == line.size());
}

BOOST_AUTO_TEST_CASE(json_unicode_escapes_of_ascii_are_undone_keeping_the_backslash_before) {
  BOOST_TEST(folded(R"({"log":"\u003crespCode\u003e105122\u003c/respCode\u003e\n"})") ==
             R"({"log":"<respCode>105122</respCode>\n"})");
  BOOST_TEST(folded(R"({"log":"{\u0022errcode\u0022:40014}"})") ==
             R"({"log":"{"errcode":40014}"})");
  // Twice-encoded JSON: \\u0022 is an escaped \u0022, so it reads as \", which the regexes take.
  BOOST_TEST(folded(R"({"m":"{\\u0022errcode\\u0022:1}"})") == R"({"m":"{\"errcode\":1}"})");
  BOOST_TEST(folded(R"(\u4e2d \u00e9 \u0026)") == R"(\u4e2d \u00e9 &)");  // ASCII only
  const std::string line = R"(x\u003cy)";
  FoldedView view;
  view.fold(line);
  BOOST_TEST(view.text() == "x<y");
  BOOST_TEST(view.original_offset(1) == 1u);
  BOOST_TEST(view.original_end(2) == 7u);
  BOOST_TEST(view.original_offset(2) == 7u);
}

BOOST_AUTO_TEST_CASE(html_entities_of_ascii_are_undone) {
  BOOST_TEST(folded("{&quot;errcode&quot;:40014}") == R"({"errcode":40014})");
  BOOST_TEST(folded("&#34;a&#x22;b&#X22;&apos;&#39;&lt;&gt;&amp;&#48;") == R"("a"b"''<>&0)");
  // Not entities: a bare & in a URL, names it does not know, numbers past ASCII or unended.
  BOOST_TEST(folded("a=1&b=2&nbsp;&#20013;&#34 &;") == "a=1&b=2&nbsp;&#20013;&#34 &;");
  const std::string line = "&lt;code&gt;";
  FoldedView view;
  view.fold(line);
  BOOST_TEST(span(view, line, 1, 4) == "code");
  BOOST_TEST(span(view, line, 0, 1) == "&lt;");
}

BOOST_AUTO_TEST_CASE(url_percent_escapes_are_undone_but_not_plus) {
  const std::string line = "GET /cb?body=%7B%22errcode%22%3A40078%2C%22errmsg%22%3A%22a+b%22%7D";
  FoldedView view;
  view.fold(line);
  BOOST_TEST(view.text() == R"(GET /cb?body={"errcode":40078,"errmsg":"a+b"})");
  const std::size_t code = view.text().find("40078");
  BOOST_TEST(span(view, line, code, 5) == "40078");
  BOOST_TEST(span(view, line, code - 1, 1) == "%3A");
  // A percent sign in text stays.
  BOOST_TEST(folded("50%OFF 100% 7%") == "50%OFF 100% 7%");
}

BOOST_AUTO_TEST_CASE(csv_doubled_quotes_are_halved) {
  const std::string line = R"(2026-11-01,"{""resp"":{""respCode"":""105122"",""x"":""""}}")";
  FoldedView view;
  view.fold(line);
  BOOST_TEST(view.text() == R"(2026-11-01,"{"resp":{"respCode":"105122","x":""}}")");
  const std::size_t code = view.text().find("105122");
  BOOST_TEST(span(view, line, code, 6) == "105122");
  BOOST_TEST(view.original_offset(code) == line.find("105122"));
}

BOOST_AUTO_TEST_CASE(ansi_sequences_are_removed) {
  // structlog's ConsoleRenderer: kv_key + key + reset + "=" + kv_value + repr(value) + reset.
  const std::string line = "\x1b[36merrcode\x1b[0m=\x1b[35m40014\x1b[0m \x1b(Bdone\x1b";
  FoldedView view;
  view.fold(line);
  BOOST_TEST(view.text() == "errcode=40014 done");
  const std::size_t code = view.text().find("40014");
  BOOST_TEST(span(view, line, code, 5) == "40014");
  BOOST_TEST(span(view, line, 0, 7) == "errcode");
  BOOST_TEST(view.original_offset(view.text().size()) == line.size());
}

BOOST_AUTO_TEST_CASE(full_width_colon_equals_and_comma_are_folded) {
  const std::string line = "respCode：105122，errcode＝40014";
  FoldedView view;
  view.fold(line);
  BOOST_TEST(view.text() == "respCode:105122,errcode=40014");
  const std::size_t code = view.text().find("40014");
  BOOST_TEST(view.original_offset(code) == line.find("40014"));
  BOOST_TEST(span(view, line, 8, 1) == "：");
}

BOOST_AUTO_TEST_CASE(a_double_escaping_is_undone_in_a_second_pass) {
  BOOST_TEST(folded("{&amp;quot;errcode&amp;quot;:1}") == R"({"errcode":1})");
  const std::string line = "m=%7B%255C%2522errcode%255C%2522%3A40014%7D";
  FoldedView view;
  view.fold(line);
  BOOST_TEST(view.text() == R"(m={\"errcode\":40014})");
  const std::size_t quote = view.text().find('"');
  BOOST_TEST(span(view, line, quote - 1, 2) == "%255C%2522");
  const std::size_t code = view.text().find("40014");
  BOOST_TEST(span(view, line, code, 5) == "40014");
  // Docker's json-file keeps a colour sequence as \u001b[..m: ESC comes back, then goes.
  BOOST_TEST(folded(R"({"log":"errcode\u001b[0m=\u001b[35m40014\u001b[0m"})") ==
             R"({"log":"errcode=40014"})");
  // Never a third pass.
  BOOST_TEST(folded("%252522") == "%22");
}

BOOST_AUTO_TEST_CASE(worth_folding_sees_only_the_escapings_it_undoes) {
  BOOST_TEST(FoldedView::worth_folding(R"(a\x22b)"));
  BOOST_TEST(FoldedView::worth_folding(R"(a\u003cb)"));
  BOOST_TEST(FoldedView::worth_folding("a&quot;b"));
  BOOST_TEST(FoldedView::worth_folding("a&#34;b"));
  BOOST_TEST(FoldedView::worth_folding("a%22b"));
  BOOST_TEST(FoldedView::worth_folding(R"(,"{""resp"":1}")"));
  BOOST_TEST(FoldedView::worth_folding("a\x1b[0mb"));
  BOOST_TEST(FoldedView::worth_folding("respCode：1"));
  BOOST_TEST(FoldedView::worth_folding("a＝1"));
  BOOST_TEST(FoldedView::worth_folding("a，b"));
  // What plain lines hold: JSON empty strings and escapes, percent signs, & in URLs, CJK text.
  BOOST_TEST(!FoldedView::worth_folding(R"({"errcode":0,"errmsg":"","x":""})"));
  BOOST_TEST(!FoldedView::worth_folding(R"({"a":"\"q\"\n\t\\","b":"\u4e2d"})"));
  BOOST_TEST(!FoldedView::worth_folding("50%OFF 100% done ?a=1&b=2 &nbsp x\\y"));
  BOOST_TEST(!FoldedView::worth_folding("微信原始报文（errcode）。"));
}

BOOST_AUTO_TEST_CASE(an_escaping_is_seen_wherever_it_sits_in_lines_of_every_length) {
  // Lines shorter than a vector, of one, of several, with the escaping at each place: before,
  // across and after each 16- and 32-byte step (a CSV pair split between two steps included).
  for (const std::string escaping : {"%22", "\\x22", "&quot;", "a\"\"b", "\x1b[0m", "："}) {
    for (std::size_t size = escaping.size(); size <= 80; ++size) {
      for (std::size_t at = 0; at + escaping.size() <= size; ++at) {
        std::string line(size, '.');
        line.replace(at, escaping.size(), escaping);
        BOOST_TEST_REQUIRE(FoldedView::worth_folding(line),
                           escaping << " at " << at << " of " << size);
        const std::string plain = std::string(size, '.');
        BOOST_TEST_REQUIRE(!FoldedView::worth_folding(plain));
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(with_candidates_only_an_escaping_within_a_fields_reach_counts) {
  const std::string far = "GET /a%20b?x=1 " + std::string(80, '.') + R"( {"errcode":40014})";
  const std::string near = std::string(80, '.') + " body=%7B%22errcode%22%3A40014%7D";
  const auto at = [](const std::string& line) {
    return Candidate{0, 0, static_cast<std::uint32_t>(line.find("errcode")), 0};
  };
  const Candidate far_key[] = {at(far)};
  const Candidate near_key[] = {at(near)};
  BOOST_TEST(FoldedView::worth_folding(far));
  BOOST_TEST(!FoldedView::worth_folding(far, far_key));
  BOOST_TEST(FoldedView::worth_folding(near, near_key));
  // A colour right before the value, a full-width colon after the key.
  for (const std::string line : {"x errcode=\x1b[35m40014", "x respCode：105122"}) {
    const Candidate key[] = {Candidate{0, 0, 2, 0}};
    BOOST_TEST(FoldedView::worth_folding(line, key), line);
  }
}
