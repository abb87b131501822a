#define BOOST_TEST_MODULE scanner
#include "scan/scanner.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <string>
#include <vector>

#include "loader/pattern_loader.hpp"
#include "test_support.hpp"

using namespace errscope;

namespace {

// Writes down every call a scan makes, one string each.
class Recorder final : public ScanSink {
 public:
  void begin_input(const InputInfo& input) override {
    calls.push_back("begin " + std::string(input.name) + (input.modified ? " timed" : ""));
    modified = input.modified;
  }
  void on_plain(std::string_view lines, std::size_t first_line, std::size_t count) override {
    calls.push_back("plain " + std::to_string(first_line) + "+" + std::to_string(count) + " " +
                    std::string(lines));
  }
  void on_line(std::string_view file, const LineView& line,
               std::span<const Match> matches) override {
    std::string call = "line " + std::to_string(line.number) + " " + std::string(file) + " " +
                       std::string(line.text) + " =";
    for (const Match& match : matches) call += " " + match.vendor->id + ":" + std::string(match.code);
    calls.push_back(call);
  }
  void end_block() override { calls.push_back("end"); }

  std::vector<std::string> calls;
  std::optional<std::time_t> modified;
};

using Calls = std::vector<std::string>;

Calls scan_text(std::string_view text) {
  Recorder sink;
  Scanner scanner(test::builtin_matcher(), sink);
  scanner.scan_text("f", text);
  return sink.calls;
}

// 云客 counts a code of its table only when the msg beside it is the code's text: this line holds
// its anchor, a table code and a match of its regex (a candidate), but no code.
const std::string k_no_code = R"({"code":500,"msg":"OK"})";
const std::string k_code = R"(x {"errcode":40014})";

}  // namespace

BOOST_AUTO_TEST_CASE(the_no_code_line_is_a_candidate) {
  std::vector<Candidate> candidates;
  test::builtin_matcher().find_candidates(k_no_code, candidates);
  BOOST_TEST(!candidates.empty());
  std::vector<Match> matches;
  BOOST_TEST(test::builtin_matcher().find(k_no_code, candidates, matches) == 0u);
}

BOOST_AUTO_TEST_CASE(a_line_with_an_anchor_but_no_code_joins_the_plain_run) {
  const std::string text = "a\n" + k_no_code + "\nb\n" + k_code + "\nc";
  BOOST_TEST(scan_text(text) == (Calls{"begin f", "plain 1+3 a\n" + k_no_code + "\nb\n",
                                       "line 4 f " + k_code + " = dingtalk:40014", "plain 5+1 c",
                                       "end"}),
             boost::test_tools::per_element());
  // Alone, or at the block's end, it is a plain line too.
  BOOST_TEST(scan_text(k_no_code) == (Calls{"begin f", "plain 1+1 " + k_no_code, "end"}),
             boost::test_tools::per_element());
  BOOST_TEST(scan_text("a\n" + k_no_code + "\n") ==
                 (Calls{"begin f", "plain 1+2 a\n" + k_no_code + "\n", "end"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(lines_with_codes_come_alone_with_their_numbers) {
  // At the block's start and end (without a line ending), and one after another.
  BOOST_TEST(scan_text(k_code + "\n" + k_code + "\r\n" + k_no_code + "\n" + k_code) ==
                 (Calls{"begin f", "line 1 f " + k_code + " = dingtalk:40014",
                        "line 2 f " + k_code + " = dingtalk:40014",
                        "plain 3+1 " + k_no_code + "\n",
                        "line 4 f " + k_code + " = dingtalk:40014", "end"}),
             boost::test_tools::per_element());
  BOOST_TEST(scan_text("") == (Calls{"begin f", "end"}), boost::test_tools::per_element());
  BOOST_TEST(scan_text("plain\n") == (Calls{"begin f", "plain 1+1 plain\n", "end"}),
             boost::test_tools::per_element());
}

// A file read in 1 MiB blocks: no plain run crosses a block's end, the numbers run on across
// blocks, every line is handed over once, and begin_input has the file's time.
BOOST_AUTO_TEST_CASE(runs_end_at_block_ends_and_numbers_run_on) {
  char name[] = "/tmp/errscope_scanner_XXXXXX";
  const int fd = ::mkstemp(name);
  BOOST_TEST_REQUIRE(fd >= 0);
  std::string text;
  std::size_t lines = 0;
  std::vector<std::size_t> code_lines;
  while (text.size() < (std::size_t{3} << 19)) {  // 1.5 MiB
    ++lines;
    if (lines % 5000 == 0) {
      text += k_code + "\n";
      code_lines.push_back(lines);
    } else if (lines % 700 == 0) {
      text += k_no_code + "\n";
    } else {
      text += "filler line " + std::to_string(lines) + "\n";
    }
  }
  BOOST_TEST_REQUIRE(::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  ::close(fd);
  struct stat info {};
  BOOST_TEST_REQUIRE(::stat(name, &info) == 0);

  Recorder sink;
  Scanner scanner(test::builtin_matcher(), sink);
  auto source = FileSource::open(name);
  BOOST_TEST_REQUIRE(source.ok());
  BOOST_TEST_REQUIRE(scanner.scan(*source).ok());
  ::unlink(name);
  BOOST_TEST_REQUIRE(sink.modified.has_value());
  BOOST_TEST(*sink.modified == info.st_mtime);
  BOOST_TEST(scanner.next_line() == lines + 1);

  std::size_t next = 1;  // the line the next call must start at
  std::size_t blocks = 0;
  std::vector<std::size_t> seen_codes;
  std::string last = "end";
  for (const std::string& call : sink.calls) {
    if (call.starts_with("plain ")) {
      BOOST_TEST(std::stoul(call.substr(6)) == next, call.substr(0, 40));
      BOOST_TEST(!last.starts_with("plain"));  // runs are folded into one until a code or an end
      next += std::stoul(call.substr(call.find('+') + 1));
    } else if (call.starts_with("line ")) {
      BOOST_TEST(std::stoul(call.substr(5)) == next);
      BOOST_TEST(call.ends_with("= dingtalk:40014"));
      seen_codes.push_back(next++);
    } else if (call == "end") {
      ++blocks;
    }
    last = call;
  }
  BOOST_TEST(next == lines + 1);
  BOOST_TEST(blocks >= 2u);  // the file is read in more than one block
  BOOST_TEST(seen_codes == code_lines, boost::test_tools::per_element());
}

// A block is searched for candidates a part at a time (about 64 KiB of whole lines): code lines
// on either side of a part's end, and a line longer than a part, keep their numbers, and the
// plain runs between them cover every other line once.
BOOST_AUTO_TEST_CASE(lines_at_the_ends_of_a_blocks_parts_keep_their_numbers) {
  std::string text;
  std::vector<std::size_t> code_lines;
  std::size_t lines = 0;
  for (std::size_t i = 0; text.size() < 300 * 1024; ++i) {
    ++lines;
    if (i % 7 == 3 || i % 11 == 0) {
      text += k_code + "\n";
      code_lines.push_back(lines);
    } else if (i == 500) {
      text += std::string(100 * 1024, 'x') + k_code + "\n";  // longer than a part
      code_lines.push_back(lines);
    } else {
      text += std::string(i * 37 % 113, 'p') + "\n";  // lengths vary, so parts end anywhere
    }
  }
  text += "last";
  ++lines;
  std::size_t next = 1;
  std::vector<std::size_t> seen_codes;
  for (const std::string& call : scan_text(text)) {
    if (call.starts_with("plain ")) {
      BOOST_TEST_REQUIRE(std::stoul(call.substr(6)) == next, call.substr(0, 40));
      next += std::stoul(call.substr(call.find('+') + 1));
    } else if (call.starts_with("line ")) {
      BOOST_TEST_REQUIRE(std::stoul(call.substr(5)) == next);
      BOOST_TEST(call.ends_with("= dingtalk:40014"));
      seen_codes.push_back(next++);
    }
  }
  BOOST_TEST(next == lines + 1);
  BOOST_TEST(seen_codes == code_lines, boost::test_tools::per_element());
}

// A vendor without anchors has every line matched: the lines without a code still come as runs.
BOOST_AUTO_TEST_CASE(without_anchors_every_line_is_matched_and_plain_lines_still_run) {
  const std::string text = R"j({"vendor": "bare", "name": "x", "source": "test",
    "regexes": [{"name": "f", "regex": "code=(?P<code>[0-9]+)"}],
    "samples": [{"line": "code=7", "codes": ["7"]}],
    "codes": [{"code": "7", "message": "m", "outcome": "error"}]})j";
  std::vector<Diagnostic> warnings;
  const auto vendor = load_pattern_text("bare.json", text, SampleCheck::run, warnings);
  BOOST_TEST_REQUIRE(vendor.ok(), (vendor.ok() ? "" : vendor.error().reason));
  const auto matcher = Matcher::compile_vendor(*vendor);
  BOOST_TEST_REQUIRE(matcher.ok());
  BOOST_TEST_REQUIRE(matcher->matches_every_line());
  Recorder sink;
  Scanner scanner(*matcher, sink);
  BOOST_TEST(scanner.scan_text("f", "a\nx code=7\ncode=x\nb") == 4u);
  BOOST_TEST(sink.calls == (Calls{"begin f", "plain 1+1 a\n", "line 2 f x code=7 = bare:7",
                                  "plain 3+2 code=x\nb", "end"}),
             boost::test_tools::per_element());
}
