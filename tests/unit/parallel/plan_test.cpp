#define BOOST_TEST_MODULE plan
#include "parallel/plan.hpp"

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "parallel/input_errors.hpp"
#include "temp_file.hpp"

using namespace errscope;

namespace {

// Every byte of `source`.
std::string read_all(FileSource& source) {
  std::string text;
  char chunk[4096];
  while (true) {
    auto got = source.read(chunk, sizeof chunk);
    BOOST_TEST_REQUIRE(got.ok());
    if (*got == 0) return text;
    text.append(chunk, *got);
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(parts_tile_the_file_and_start_at_line_starts_whatever_the_line_lengths) {
  // Lines around the sizes the boundary search reads (512 bytes, then 4 KiB at a time) and far
  // longer, so that a nominal boundary falls inside each kind: every part but the first starts
  // right after a newline, each ends where the next begins, and the last ends at the file's end.
  std::mt19937 rng(5);
  const std::vector<std::size_t> lengths{0, 1, 200, 511, 512, 513, 4095, 4096, 4097, 9000, 70000};
  std::string text;
  while (text.size() < (1u << 20)) {
    text.append(lengths[rng() % lengths.size()], 'x');
    text.push_back('\n');
  }
  text.append(5000, 'y');  // a last line without a newline
  const test::TempFile name_file(text);
  const std::string& name = name_file.path();
  for (const std::size_t chunk : {std::size_t{1000}, std::size_t{4096}, std::size_t{65536}}) {
    const auto parts = plan_parts({name}, chunk);
    BOOST_TEST_REQUIRE(parts.size() > 10u);
    std::uint64_t expected_begin = 0;
    for (const InputPart& part : parts) {
      BOOST_TEST(part.begin == expected_begin);
      BOOST_TEST(part.end > part.begin);
      if (part.begin > 0) BOOST_TEST(text[part.begin - 1] == '\n');
      // No line start between the nominal boundary and the part's end was skipped.
      if (part.end < text.size()) {
        const std::size_t nominal = part.begin + chunk;
        BOOST_TEST(text.find('\n', nominal) + 1 == part.end, "chunk " << chunk);
      }
      expected_begin = part.end;
    }
    BOOST_TEST(expected_begin == text.size());
  }
}

BOOST_AUTO_TEST_CASE(standard_input_small_compressed_and_unreadable_inputs_stay_whole) {
  std::string lines;
  while (lines.size() < 100000) lines += "a log line\n";
  const test::TempFile large_file(lines);
  const std::string& large = large_file.path();
  const test::TempFile small_file("one line\n");
  const std::string& small = small_file.path();
  const test::TempFile gzip_file("\x1f\x8b" + lines);  // a gzip signature: whole
  const std::string& gzip = gzip_file.path();
  const std::vector<std::string> paths{"-", small, gzip, "/no/such/file.log", large};
  const auto parts = plan_parts(paths, 1000);
  BOOST_TEST_REQUIRE(parts.size() > 90u);
  for (std::size_t input = 0; input < 4; ++input) {
    BOOST_TEST(parts[input].whole);
    BOOST_TEST(parts[input].path == paths[input]);
    BOOST_TEST(parts[input].input == input);
    BOOST_TEST(parts[input].starts_input());
  }
  for (std::size_t index = 4; index < parts.size(); ++index) {
    BOOST_TEST(!parts[index].whole);
    BOOST_TEST(parts[index].input == 4u);
    BOOST_TEST(parts[index].starts_input() == (index == 4));
  }
  // A file no larger than the part size stays whole.
  BOOST_TEST(plan_parts({large}, lines.size()).size() == 1u);
  BOOST_TEST(plan_parts({large}, lines.size() / 2).size() == 2u);
}

BOOST_AUTO_TEST_CASE(an_opened_part_reads_its_range_or_its_whole_input) {
  std::string lines;
  for (int i = 0; lines.size() < 50000; ++i) lines += "line " + std::to_string(i) + "\n";
  const test::TempFile path_file(lines);
  const std::string& path = path_file.path();
  std::string again;
  for (const InputPart& part : plan_parts({path}, 4096)) {
    auto source = open_part(part);
    BOOST_TEST_REQUIRE(source.ok());
    const std::string text = read_all(*source);
    BOOST_TEST(text.size() == part.end - part.begin);
    again += text;
  }
  BOOST_TEST((again == lines));
  auto whole = open_part(InputPart{path, 0, true, 0, 0});
  BOOST_TEST_REQUIRE(whole.ok());
  BOOST_TEST((read_all(*whole) == lines));
  BOOST_TEST(!open_part(InputPart{"/no/such/file.log", 0, true, 0, 0}).ok());
}

BOOST_AUTO_TEST_CASE(an_input_whose_parts_fail_is_reported_once) {
  // Inputs 0 (three parts), 1 (whole), 2 and 3 (the same path twice, two parts each).
  const std::vector<InputPart> parts{{"a", 0, false, 0, 10},  {"a", 0, false, 10, 20},
                                     {"a", 0, false, 20, 30}, {"b", 1, true, 0, 0},
                                     {"c", 2, false, 0, 10},  {"c", 2, false, 10, 20},
                                     {"c", 3, false, 0, 10},  {"c", 3, false, 10, 20}};
  const std::vector<bool> failed{true, false, true, true, true, true, true, false};
  // Input 0 fails again after a part that did not: a new error, reported. Inputs 2 and 3 name
  // the same file: two inputs, each reported, or one file, reported once.
  const std::vector<bool> by_input{true, false, true, true, true, false, true, false};
  const std::vector<bool> by_path{true, false, true, true, true, false, false, false};
  for (const SameInput same : {SameInput::input, SameInput::path}) {
    const std::vector<bool>& expected = same == SameInput::input ? by_input : by_path;
    InputErrors errors(parts, same);
    for (std::size_t index = 0; index < parts.size(); ++index) {
      BOOST_TEST(errors.report(index, failed[index]) == expected[index],
                 "part " << index << (same == SameInput::input ? " by input" : " by path"));
    }
  }
}
