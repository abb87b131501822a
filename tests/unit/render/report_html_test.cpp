// The HTML report: errors charted before successes, each code's row opening onto its hint, the
// footer's facts, and log-derived text that can never become markup or escape sequences.
#define BOOST_TEST_MODULE report_html
// g++ 12 reports a false -Wrestrict on `"literal" + std::string` chains at -O2 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"
#include "render/report_html.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cctype>
#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <string>
#include <string_view>

#include "report/baseline.hpp"
#include "test_support.hpp"
#include "util/utf8.hpp"

using namespace errscope;

namespace {

// A code of `vendor` seen `count` times, as a report read back from JSON holds it.
CodeStats code_of(std::string vendor, std::string code, Outcome outcome, std::uint64_t count,
                  std::string message = "a message", std::string hint = "") {
  CodeStats stats;
  stats.vendor = std::move(vendor);
  stats.code = std::move(code);
  stats.known = true;
  stats.outcome = outcome;
  stats.message = std::move(message);
  stats.hint = std::move(hint);
  stats.count = count;
  return stats;
}

// A report of `codes`, with totals that add them up, over 09:00-09:30 of 2026-11-01.
Report report_of(std::initializer_list<CodeStats> codes) {
  Report report(BucketMode::fixed, 60'000);
  std::uint64_t matches = 0;
  std::uint64_t errors = 0;
  for (const CodeStats& code : codes) {
    matches += code.count;
    if (!code.known || code.outcome == Outcome::error) errors += code.count;
    VendorStats vendor;
    vendor.matched_lines = code.count;
    vendor.matches = code.count;
    vendor.errors = code.outcome == Outcome::error ? code.count : 0;
    report.set_vendor(code.vendor, vendor);
    report.add_code(code);
  }
  report.set_totals(matches * 10, matches, matches, errors, test::at("2026-11-01T09:00:00"),
                    test::at("2026-11-01T09:30:00"));
  return report;
}

// The text from `start` (which must be in `html`) to the end of the element it opens, found as
// the next `close` after it.
std::string_view element(std::string_view html, std::string_view start, std::string_view close) {
  const std::size_t from = html.find(start);
  BOOST_REQUIRE(from != std::string_view::npos);
  const std::size_t to = html.find(close, from);
  BOOST_REQUIRE(to != std::string_view::npos);
  return html.substr(from, to + close.size() - from);
}

std::size_t count_of(std::string_view text, std::string_view needle) {
  std::size_t count = 0;
  for (std::size_t at = text.find(needle); at != std::string_view::npos;
       at = text.find(needle, at + needle.size())) {
    ++count;
  }
  return count;
}

// The <details> element of the code shown as `code` in the codes list.
std::string_view details_of(std::string_view html, std::string_view code) {
  const std::size_t at = html.find("<span class=\"mono\">" + std::string(code) + "</span>");
  BOOST_REQUIRE(at != std::string_view::npos);
  const std::size_t from = html.rfind("<details", at);
  const std::size_t to = html.find("</details>", at);
  BOOST_REQUIRE(from != std::string_view::npos);
  BOOST_REQUIRE(to != std::string_view::npos);
  return html.substr(from, to - from);
}

}  // namespace

BOOST_AUTO_TEST_CASE(errors_are_charted_before_successes_each_code_in_its_own_chart) {
  CodeStats unknown = code_of("dingtalk", "777", Outcome::error, 2);
  unknown.known = false;
  const Report report = report_of({code_of("dingtalk", "40014", Outcome::error, 5),
                                   code_of("dingtalk", "0", Outcome::success, 9), unknown,
                                   code_of("ucpaas", "000000", Outcome::success, 4),
                                   code_of("ucpaas", "105107", Outcome::error, 1)});
  const std::string html = render_report_html(report, ReportExtras{});
  const std::size_t errors_at = html.find("<h2>Top error codes</h2>");
  const std::size_t successes_at = html.find("<h2>Top success codes</h2>");
  BOOST_REQUIRE(errors_at != std::string::npos);
  BOOST_REQUIRE(successes_at != std::string::npos);
  BOOST_TEST(errors_at < successes_at);

  const std::string_view errors = element(html, "<section id=\"top-errors\"", "</section>");
  const std::string_view successes = element(html, "<section id=\"top-successes\"", "</section>");
  BOOST_TEST(count_of(errors, "<rect class=\"bar\"") == 3u);
  BOOST_TEST(count_of(successes, "<rect class=\"bar\"") == 2u);
  // Highest first within a chart; the unknown code is an error, with its own colour explained.
  BOOST_TEST(errors.find("dingtalk 40014") < errors.find("dingtalk 777"));
  BOOST_TEST(errors.find("dingtalk 777") < errors.find("ucpaas 105107"));
  BOOST_TEST(errors.find("unknown code") != std::string_view::npos);
  BOOST_TEST(successes.find("dingtalk 0:") < successes.find("ucpaas 000000"));
  BOOST_TEST(successes.find("40014") == std::string_view::npos);
  BOOST_TEST(successes.find("unknown code") == std::string_view::npos);
}

BOOST_AUTO_TEST_CASE(a_kind_missing_from_the_codes_shown_is_said_not_charted) {
  const Report report = report_of({code_of("dingtalk", "40014", Outcome::error, 5),
                                   code_of("dingtalk", "0", Outcome::success, 3)});
  ReportExtras extras;
  extras.top = 1;
  const std::string html = render_report_html(report, extras);
  const std::string_view successes = element(html, "<section id=\"top-successes\"", "</section>");
  BOOST_TEST(count_of(successes, "class=\"bar\"") == 0u);
  BOOST_TEST(successes.find("None among the 1 codes shown (--top).") != std::string_view::npos);
  BOOST_TEST(count_of(element(html, "<section id=\"top-errors\"", "</section>"), "class=\"bar\"") ==
             1u);

  const Report errors_only = report_of({code_of("dingtalk", "40014", Outcome::error, 5)});
  const std::string all = render_report_html(errors_only, ReportExtras{});
  BOOST_TEST(
      element(all, "<section id=\"top-successes\"", "</section>").find("No success codes.") !=
      std::string_view::npos);
}

BOOST_AUTO_TEST_CASE(each_code_opens_onto_its_hint) {
  CodeStats unknown = code_of("dingtalk", "777", Outcome::error, 2);
  unknown.known = false;
  const Report report =
      report_of({code_of("dingtalk", "40014", Outcome::error, 5, "不合法的access_token",
                         "Check that the access_token is right."),
                 code_of("dingtalk", "0", Outcome::success, 9), unknown});
  const std::string html = render_report_html(report, ReportExtras{});
  BOOST_TEST(count_of(html, "<details") == 3u);
  BOOST_TEST(count_of(html, "<summary") == 3u);

  const std::string_view hinted = details_of(html, "40014");
  const std::size_t summary_end = hinted.find("</summary>");
  BOOST_REQUIRE(summary_end != std::string_view::npos);
  // The row (summary) holds the message; the body holds the hint.
  BOOST_TEST(hinted.substr(0, summary_end).find("不合法的access_token") != std::string_view::npos);
  BOOST_TEST(hinted.substr(summary_end)
                 .find("<dt>Hint</dt><dd>Check that the access_token is right.</dd>") !=
             std::string_view::npos);
  BOOST_TEST(details_of(html, "0").find("none in the table") != std::string_view::npos);
  BOOST_TEST(details_of(html, "777").find("not in the table") != std::string_view::npos);
}

BOOST_AUTO_TEST_CASE(the_footer_says_what_the_page_was_made_of) {
  Report report = report_of({code_of("dingtalk", "40014", Outcome::error, 5),
                             code_of("dingtalk", "0", Outcome::success, 7)});
  report.set_sources({SourceStats{"web-1", 120, 12, 12, 5}},
                     {InputStats{"web-1", "/var/log/app.log", 4096, 120}});
  ReportExtras extras;
  extras.provenance = Provenance{"errscope 9.9.9", 1793577600};
  const std::string html = render_report_html(report, extras);
  const std::string_view footer = element(html, "<footer>", "</footer>");
  BOOST_TEST(footer.find("Read /var/log/app.log: 4,096 bytes, 120 lines") != std::string_view::npos,
             footer);
  BOOST_TEST(footer.find("Made by errscope 9.9.9, 2026-11-02T00:00:00Z") != std::string_view::npos,
             footer);
  BOOST_TEST(footer.find("report id " + report_id(report)) != std::string_view::npos, footer);
  BOOST_TEST(footer.find("12 codes in 12 lines") != std::string_view::npos, footer);
  BOOST_TEST(
      footer.find("2026-11-01T09:00:00 \xE2\x86\x92 2026-11-01T09:30:00") != std::string_view::npos,
      footer);

  Report untimed;
  untimed.set_totals(3, 0, 0, 0, std::nullopt, std::nullopt);
  const std::string plain = render_report_html(untimed, ReportExtras{});
  BOOST_TEST(element(plain, "<footer>", "</footer>").find("\xE2\x86\x92") ==
             std::string_view::npos);
}

BOOST_AUTO_TEST_CASE(log_text_never_becomes_markup_or_escape_sequences) {
  const std::string script = "<script>alert('x')</script>";
  const std::string quotes = "\"quoted\" & 'single' <b>";
  const std::string ansi = "\x1b[31mred\x1b[0m \x1b]0;title\x07";
  const std::string invalid = "bad \xff\xfe utf-8 \xc3";
  CodeStats unknown = code_of("v" + script, script + invalid, Outcome::error, 3, "", "");
  unknown.known = false;
  const Report report = report_of(
      {code_of("dingtalk", script + quotes, Outcome::error, 5, script + ansi + invalid,
               quotes + script + ansi + invalid),
       code_of(quotes, ansi, Outcome::success, 4, quotes + invalid, ansi + script), unknown});
  const Report empty;
  const BaselineDiff diff = compare_with_baseline(report, empty, script + quotes + ansi);
  ReportExtras extras;
  extras.baseline = &diff;
  extras.alerts.push_back("alert " + script + ansi + invalid);
  const std::string html = render_report_html(report, extras);

  BOOST_TEST(html.find("<script") == std::string::npos);
  BOOST_TEST(html.find('\x1b') == std::string::npos);
  BOOST_TEST(html.find('\x07') == std::string::npos);
  BOOST_TEST(valid_utf8(html));
  BOOST_TEST(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") != std::string::npos);
  BOOST_TEST(html.find("&quot;quoted&quot; &amp; &#39;single&#39; &lt;b&gt;") != std::string::npos);
  BOOST_TEST(html.find("\\x1b[31mred") != std::string::npos);
  BOOST_TEST(html.find("bad \\xff\\xfe utf-8") != std::string::npos);
  // The hint reaches the details body escaped, like the rest.
  BOOST_TEST(html.find("<dd>&quot;quoted&quot; &amp; &#39;single&#39; &lt;b&gt;&lt;script&gt;") !=
             std::string::npos);
  // Every element the page opens is one of the renderer's own.
  for (std::size_t at = html.find('<'); at != std::string::npos; at = html.find('<', at + 1)) {
    std::size_t end = at + 1;
    if (end < html.size() && html[end] == '/') ++end;
    std::size_t name_end = end;
    while (name_end < html.size() &&
           (std::isalnum(static_cast<unsigned char>(html[name_end])) || html[name_end] == '!')) {
      ++name_end;
    }
    const std::string name = html.substr(end, name_end - end);
    static const std::string_view k_ours[] = {
        "!DOCTYPE", "html",    "head",    "meta", "title", "style", "body",  "main", "h1",
        "h2",       "div",     "section", "span", "b",     "ul",    "li",    "p",    "table",
        "tr",       "th",      "td",      "i",    "svg",   "line",  "text",  "rect", "g",
        "details",  "summary", "dl",      "br",   "dt",    "dd",    "footer"};
    BOOST_TEST((std::find(std::begin(k_ours), std::end(k_ours), name) != std::end(k_ours)), name);
  }
}
