#define BOOST_TEST_MODULE line_printer
#include "sink/line_printer.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "scan/scanner.hpp"
#include "source/file_source.hpp"
#include "temp_file.hpp"
#include "test_support.hpp"
#include "util/json_writer.hpp"
#include "util/utf8.hpp"

using namespace errscope;

namespace {

// What the scan of `inputs` (file contents, in order) writes with `options`, on one thread.
std::string scan_inputs(const std::vector<std::string>& inputs, const PrinterOptions& options) {
  OutputPart text;
  {
    OutputBuffer out(text, KeptBytes::copy);
    LinePrinter printer(options, out);
    Scanner scanner(test::builtin_matcher(), printer);
    for (const std::string& input : inputs) {
      const test::TempFile file(input);
      auto source = FileSource::open(file.path());
      if (!source.ok() || !scanner.scan(*source).ok()) throw std::runtime_error("scan");
    }
  }
  return to_string(text);
}

// Text of `size` bytes mixing ASCII, multi-byte UTF-8, invalid bytes, quotes, backslashes and
// control characters, so that pieces are cut next to each kind.
std::string mixed_text(std::size_t size, unsigned seed) {
  std::mt19937 rng(seed);
  const std::vector<std::string> atoms{
      "a",  "word ",    "\xE5\x91\xBC", "\xF0\x9F\x98\x80", "\xC3\xA9", "\xFF", "\x80\x80", "\"",
      "\\", "\x1B[31m", "\t",           "\xC2\x9B",         "\xE5\x91"};
  std::string text;
  while (text.size() < size) text += atoms[rng() % atoms.size()];
  return text;
}

}  // namespace

// Lines from two inputs never merge: a first input without a final newline gets one before the
// second's first line (before, `--matches-only nonl.log good.log` printed the two lines as one).
BOOST_AUTO_TEST_CASE(a_missing_final_newline_never_joins_two_inputs) {
  const std::string no_newline = "x BackMsg_16";
  const std::string good = "1 BackMsg_16\n2 plain\n";
  PrinterOptions options;
  options.selection = LineSelection::matches_only;
  const std::string annotation =
      " \xE2\x9F\xA8"
      "backmsg BackMsg_16 ";
  std::string got = scan_inputs({no_newline, good, no_newline}, options);
  // Each selected line a line of its own, the last one too (as grep writes it).
  BOOST_TEST(std::count(got.begin(), got.end(), '\n') == 3);
  BOOST_TEST(got.starts_with("x BackMsg_16" + annotation));
  BOOST_TEST(got.find("\n1 BackMsg_16" + annotation) != std::string::npos);
  BOOST_TEST(got.back() == '\n');

  // Every line: the input's bytes, a missing final newline kept at the very end only.
  options.selection = LineSelection::all;
  got = scan_inputs({no_newline, "plain without newline", good, no_newline}, options);
  BOOST_TEST(std::count(got.begin(), got.end(), '\n') == 4);
  BOOST_TEST(got.find("\nplain without newline\n1 BackMsg_16") != std::string::npos);
  BOOST_TEST(got.back() != '\n');
  // An empty input between them changes nothing.
  BOOST_TEST(scan_inputs({no_newline, "", good}, options) ==
             scan_inputs({no_newline, good}, options));

  options.format = OutputFormat::json;
  got = scan_inputs({no_newline, good}, options);
  BOOST_TEST(std::count(got.begin(), got.end(), '\n') == 2);
}

// A line longer than a piece is written in pieces (never held whole a second time), byte for byte
// what writing it whole gives: as NDJSON text, to a descriptor's buffer and to an output part.
BOOST_AUTO_TEST_CASE(a_long_line_in_pieces_equals_the_line_whole) {
  for (unsigned seed = 0; seed <= 4; ++seed) {
    // Seed 0: plain ASCII, written as it is (an output part refers to it).
    const std::size_t size = (std::size_t{1} << 18) * 3 + seed * 7;
    const std::string text = seed == 0 ? std::string(size, 'a') : mixed_text(size, seed);
    const std::string line = "2026-11-01 09:00:00 " + text + " errcode=40014";
    PrinterOptions options;
    options.format = OutputFormat::json;
    const std::string got = scan_inputs({line + "\n"}, options);
    std::string expected_text;
    append_json_string(expected_text, line);
    BOOST_TEST_REQUIRE(got.find(",\"text\":") != std::string::npos);
    const std::size_t at = got.find(",\"text\":") + 8;
    BOOST_TEST((got.substr(at, expected_text.size()) == expected_text), "seed " << seed);
    BOOST_TEST(got.substr(at + expected_text.size()).starts_with(",\"matches\":[{"));

    // Into an output part that refers to the line's bytes where they need no escaping, and into
    // one that copies them: the same bytes.
    const std::string input = line + "\n";  // the part refers to it until it is written
    OutputPart part;
    OutputPart copied;
    for (const bool refer : {true, false}) {
      OutputBuffer out(refer ? part : copied, refer ? KeptBytes::refer : KeptBytes::copy);
      LinePrinter printer(options, out);
      Scanner scanner(test::builtin_matcher(), printer);
      scanner.scan_text("f", input);
    }
    BOOST_TEST(part.refers() == (seed == 0));
    BOOST_TEST(!copied.refers());
    const std::string whole = to_string(copied);
    BOOST_TEST((to_string(part) == whole));
    BOOST_TEST(whole.find(expected_text) != std::string::npos);

    // Made visible (a terminal) in pieces, as whole.
    options.format = OutputFormat::text;
    options.safety = TextSafety::visible;
    std::string visible;
    append_visible(visible, line);
    BOOST_TEST((scan_inputs({line + "\n"}, options).starts_with(visible + " \xE2\x9F\xA8")));
  }
}

// RE2 matches no invalid UTF-8 byte: a parameter holding some was lost (`"param": null`). The
// line is matched with them standing for one unknown character each; the parameter keeps the
// line's own bytes (NDJSON writes them as U+FFFD, text as \xNN on a terminal, raw elsewhere).
BOOST_AUTO_TEST_CASE(a_parameter_with_invalid_utf8_is_kept) {
  const std::string line = "a BackMsg_17[\xFF\xFEringing] b BackMsg_120[10.0.\xC3.7]\n";
  struct Collect final : ScanSink {
    std::vector<std::string> params;
    std::vector<std::string> codes;
    void on_plain(std::string_view, std::size_t, std::size_t) override {}
    void on_line(std::string_view, const LineView&, std::span<const Match> matches) override {
      for (const Match& match : matches) {
        params.emplace_back(match.param);
        codes.emplace_back(match.code);
      }
    }
  } sink;
  Scanner scanner(test::builtin_matcher(), sink);
  scanner.scan_text("f", line);
  BOOST_TEST_REQUIRE(sink.params.size() == 2u);
  BOOST_TEST(sink.codes[0] == "BackMsg_17");
  BOOST_TEST(sink.params[0] == "\xFF\xFEringing");
  BOOST_TEST(sink.codes[1] == "BackMsg_120");
  BOOST_TEST(sink.params[1] == "10.0.\xC3.7");

  PrinterOptions options;
  options.format = OutputFormat::json;
  const std::string json = scan_inputs({line}, options);
  BOOST_TEST(json.find("\"param\":\"\xEF\xBF\xBD\xEF\xBF\xBDringing\"") != std::string::npos, json);
  BOOST_TEST(json.find("\"param\":\"10.0.\xEF\xBF\xBD.7\"") != std::string::npos, json);
}
