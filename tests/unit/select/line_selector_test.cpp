#define BOOST_TEST_MODULE line_selector
#include "select/line_selector.hpp"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "scan/scanner.hpp"
#include "source/file_source.hpp"
#include "temp_file.hpp"
#include "test_support.hpp"

using namespace errscope;

namespace {

// What a scan of `inputs` (file contents, in order) writes through a selector, and whether it
// selected a line.
struct Selected {
  std::string text;
  bool any = false;
};

Selected select_in(const std::vector<std::string>& inputs, const SelectOptions& select,
                   PrinterOptions printer_options = {}) {
  printer_options.selection = LineSelection::matches_only;
  OutputPart part;
  Selected result;
  {
    OutputBuffer out(part, KeptBytes::copy);
    LinePrinter printer(printer_options, out);
    LineSelector selector(select, printer);
    Scanner scanner(test::builtin_matcher(), selector);
    for (const std::string& input : inputs) {
      const test::TempFile file(input);
      auto source = FileSource::open(file.path());
      BOOST_REQUIRE(source.ok());
      BOOST_REQUIRE(scanner.scan(*source).ok());
      selector.end_input();
    }
    result.any = selector.any_selected();
  }
  result.text = to_string(part);
  return result;
}

// Each line of `text` as the selector writes it: its text up to the annotation.
std::vector<std::string> heads_of(const std::string& text) {
  std::vector<std::string> heads;
  for (const std::string& line : test::lines_of(text)) {
    heads.push_back(line.substr(0, line.find(" \xE2\x9F\xA8")));
  }
  return heads;
}

const std::string k_code = " BackMsg_16";  // an error code (BackMsg_04 is a success)

// Lines numbered 1..n, those in `codes` with an error code.
std::string numbered(std::size_t n, const std::vector<std::size_t>& codes) {
  std::string text;
  for (std::size_t i = 1; i <= n; ++i) {
    text += 'l';
    text += std::to_string(i);
    for (std::size_t code : codes) {
      if (code == i) text += k_code;
    }
    text += '\n';
  }
  return text;
}

using Lines = std::vector<std::string>;

}  // namespace

BOOST_AUTO_TEST_CASE(context_groups_are_separated_only_when_they_do_not_touch) {
  SelectOptions options;
  options.before = 1;
  options.after = 1;
  options.separators = GroupSeparators::dashes;
  // 3 and 5 share line 4; 9 is apart; 11 is left out between 10 and 12; 13 is the last line.
  const auto got = select_in({numbered(13, {3, 5, 9, 13})}, options);
  BOOST_TEST(heads_of(got.text) == (Lines{"l2", "l3" + k_code, "l4", "l5" + k_code, "l6", "--",
                                          "l8", "l9" + k_code, "l10", "--", "l12", "l13" + k_code}),
             boost::test_tools::per_element());
  BOOST_TEST(got.any);
}

BOOST_AUTO_TEST_CASE(before_context_is_bounded_and_spans_blocks_of_plain_lines) {
  SelectOptions options;
  options.before = 3;
  // 100 000 plain lines before the code line: only the last three are written.
  const auto got = select_in({numbered(100001, {100001})}, options);
  BOOST_TEST(heads_of(got.text) == (Lines{"l99998", "l99999", "l100000", "l100001" + k_code}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(context_with_line_numbers_uses_colon_for_selected_and_dash_for_context) {
  SelectOptions options;
  options.after = 2;
  PrinterOptions printer;
  printer.line_numbers = LineNumbers::shown;
  printer.file_names = FileNames::shown;
  const auto got = select_in({numbered(4, {2})}, options, printer);
  const auto lines = heads_of(got.text);
  BOOST_REQUIRE(lines.size() == 3U);
  BOOST_TEST(lines[0].ends_with(":2:l2" + k_code));
  BOOST_TEST(lines[1].ends_with("-3-l3"));
  BOOST_TEST(lines[2].ends_with("-4-l4"));
}

BOOST_AUTO_TEST_CASE(a_group_in_another_input_is_separated) {
  SelectOptions options;
  options.before = 1;
  options.separators = GroupSeparators::dashes;
  const auto got = select_in({numbered(2, {2}), numbered(2, {1})}, options);
  BOOST_TEST(heads_of(got.text) == (Lines{"l1", "l2" + k_code, "--", "l1" + k_code}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(errors_only_keeps_lines_with_an_error_code) {
  SelectOptions options;
  options.codes = CodeFilter::error_lines;
  const auto got =
      select_in({"ok resp=|Retuen|1|Retuen|BackMsg_04\nbad" + k_code + "\nplain\n"}, options);
  BOOST_TEST(heads_of(got.text) == (Lines{"bad" + k_code}), boost::test_tools::per_element());
  const auto none = select_in({"ok resp=|Retuen|1|Retuen|BackMsg_04\nplain\n"}, options);
  BOOST_TEST(none.text.empty());
  BOOST_TEST(!none.any);
}

BOOST_AUTO_TEST_CASE(count_writes_every_input_count_and_list_names_once) {
  SelectOptions options;
  options.output = SelectOutput::count;
  PrinterOptions printer;
  printer.file_names = FileNames::hidden;
  auto got = select_in({numbered(5, {1, 3}), numbered(2, {})}, options, printer);
  BOOST_TEST(got.text == "2\n0\n");
  options.output = SelectOutput::files_with_matches;
  got = select_in({numbered(5, {1, 3}), numbered(2, {}), numbered(3, {3})}, options, printer);
  BOOST_TEST(test::lines_of(got.text).size() == 2U);
}

BOOST_AUTO_TEST_CASE(a_window_takes_inherited_times_and_leaves_out_lines_before_any) {
  SelectOptions options;
  options.codes = CodeFilter::any_line;
  options.since = test::at("2026-11-01T09:00:00");
  options.until = test::at("2026-11-01T10:00:00");
  const std::string log = "boot, no clock" + k_code +
                          "\n"
                          "2026-11-01 08:59:59 INFO early\n"
                          "\tcontinuation of early\n"
                          "2026-11-01 09:00:00 INFO in\n"
                          "\tcontinuation of in" +
                          k_code +
                          "\n"
                          "2026-11-01 10:00:00 INFO out\n"
                          "\tcontinuation of out\n";
  auto got = select_in({log}, options);
  BOOST_TEST(
      heads_of(got.text) == (Lines{"2026-11-01 09:00:00 INFO in", "\tcontinuation of in" + k_code}),
      boost::test_tools::per_element());
  options.codes = CodeFilter::code_lines;
  got = select_in({log}, options);
  BOOST_TEST(heads_of(got.text) == (Lines{"\tcontinuation of in" + k_code}),
             boost::test_tools::per_element());
  options.since = test::at("2026-11-01T11:00:00");
  options.until.reset();
  got = select_in({log}, options);
  BOOST_TEST(got.text.empty());
  BOOST_TEST(!got.any);
}

BOOST_AUTO_TEST_CASE(without_context_nothing_of_plain_lines_is_kept) {
  SelectOptions options;
  const auto got = select_in({numbered(6, {3, 6})}, options);
  BOOST_TEST(heads_of(got.text) == (Lines{"l3" + k_code, "l6" + k_code}),
             boost::test_tools::per_element());
  // -A 0: no line of context, but groups still parted, as grep does.
  options.separators = GroupSeparators::dashes;
  const auto parted = select_in({numbered(6, {3, 4, 6})}, options);
  BOOST_TEST(heads_of(parted.text) == (Lines{"l3" + k_code, "l4" + k_code, "--", "l6" + k_code}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_huge_before_context_costs_only_the_lines_there_are) {
  SelectOptions options;
  options.before = std::size_t{1} << 40;  // slots are made as lines come, not up front
  options.separators = GroupSeparators::dashes;
  const auto got = select_in({numbered(3, {3}), numbered(2, {2})}, options);
  BOOST_TEST(heads_of(got.text) == (Lines{"l1", "l2", "l3" + k_code, "--", "l1", "l2" + k_code}),
             boost::test_tools::per_element());
}
