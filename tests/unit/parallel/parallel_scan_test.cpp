#define BOOST_TEST_MODULE parallel_scan
#include "parallel/parallel_scan.hpp"

#include <unistd.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "scan/scanner.hpp"
#include "source/file_source.hpp"
#include "temp_file.hpp"
#include "test_support.hpp"

using namespace errscope;

namespace {

const Matcher& matcher() {
  return test::builtin_matcher();
}

// A log of `lines` random lines; with `plain_runs`, only about one line in 300 carries a code,
// so most lines come in runs long enough to be written from the read buffer.
test::TempFile write_log(unsigned seed, int lines, bool plain_runs = false) {
  std::mt19937 rng(seed);
  const std::vector<std::string> shapes{
      "2026-11-01 09:00:01,123 INFO plain line with numbers 105107 13800105107",
      "2026-11-01 09:00:02 ERROR cti resp=|Retuen|2|Retuen|BackMsg_16",
      "{\"level\":\"error\",\"ts\":1793526067.2,\"body\":\"{\\\"errcode\\\":40014,\\\"errmsg\\\":"
      "\\\"x\\\"}\"}",
      "\tat com.acme.Client.call(Client.java:42)",
      "{\"resp\":{\"respCode\":\"105107\"}} and {\"code\":30004,\"msg\":\"x\"}\r",
      "{\"level\":\"info\",\"msg\":\"done\",\"code\":200}"};
  std::string text;
  for (int i = 0; i < lines; ++i) {
    const bool plain = plain_runs && rng() % 300 != 0;
    text += (plain ? shapes[i % 2 == 0 ? 0 : 3] : shapes[rng() % shapes.size()]) + "\n";
  }
  text += "last line without a newline errcode=-1";
  return test::TempFile(text);
}

// What `write` writes to an OutputBuffer, collected into a part and flattened.
template <typename Write>
std::string collected(Write&& write) {
  OutputPart part;
  {
    OutputBuffer out(part, KeptBytes::copy);
    write(out);
  }
  return to_string(part);
}

// What one thread writes for `paths`, scanned in order with one printer.
std::string sequential(const std::vector<std::string>& paths, const PrinterOptions& options) {
  return collected([&](OutputBuffer& out) {
    LinePrinter printer(options, out);
    Scanner scanner(matcher(), printer);
    for (const std::string& path : paths) {
      auto source = FileSource::open(path);
      if (!source.ok() || !scanner.scan(*source).ok()) throw std::runtime_error("scan");
    }
  });
}

}  // namespace

BOOST_AUTO_TEST_CASE(output_is_the_single_threaded_output_in_order) {
  const test::TempFile path_file = write_log(9, 20000);
  const std::string& path = path_file.path();
  for (const auto format : {OutputFormat::text, OutputFormat::json}) {
    PrinterOptions options;
    options.format = format;
    const std::string expected = sequential({path, path}, options);
    for (const std::size_t chunk : {std::size_t{1} << 12, std::size_t{1} << 16}) {
      const auto parts = plan_parts({path, path}, chunk);
      BOOST_TEST(parts.size() > 8u);
      for (const std::size_t threads : {1u, 2u, 4u}) {
        const std::string got = collected([&](OutputBuffer& out) {
          std::vector<Diagnostic> errors;
          parallel_scan(matcher(), parts, options, out, threads,
                        [&errors](const Diagnostic& error) { errors.push_back(error); });
          BOOST_TEST(errors.empty());
        });
        BOOST_TEST((got == expected), "format " << static_cast<int>(format) << " chunk " << chunk
                                                << " threads " << threads);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(long_plain_runs_written_from_the_read_buffer_keep_their_place) {
  const test::TempFile path_file = write_log(11, 60000, true);
  const std::string& path = path_file.path();
  for (const auto selection : {LineSelection::all, LineSelection::matches_only}) {
    PrinterOptions options;
    options.selection = selection;
    const std::string expected = sequential({path, path}, options);
    for (const std::size_t chunk :
         {std::size_t{1} << 14, std::size_t{1} << 18, std::size_t{1} << 22}) {
      const auto parts = plan_parts({path, path}, chunk);
      for (const std::size_t threads : {1u, 2u, 3u}) {
        const std::string got = collected([&](OutputBuffer& out) {
          parallel_scan(matcher(), parts, options, out, threads, [](const Diagnostic&) {});
        });
        BOOST_TEST((got == expected), "chunk " << chunk << " threads " << threads);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(an_unreadable_input_is_reported_once_in_its_place) {
  const test::TempFile path_file = write_log(10, 100);
  const std::string& path = path_file.path();
  std::vector<InputPart> parts{
      {path, 0, true, 0, 0}, {"/no/such/file.log", 1, true, 0, 0}, {path, 2, true, 0, 0}};
  PrinterOptions options;
  options.selection = LineSelection::matches_only;
  OutputPart part;
  std::vector<std::string> events;
  {
    OutputBuffer out(part, KeptBytes::copy);
    parallel_scan(matcher(), parts, options, out, 2, [&](const Diagnostic& error) {
      events.push_back(error.where.file + " after " + std::to_string(to_string(part).size()) +
                       " bytes");
    });
  }
  const std::string got = to_string(part);
  const std::string one = sequential({path}, options);
  BOOST_TEST(got == one + one);
  BOOST_TEST_REQUIRE(events.size() == 1u);
  BOOST_TEST(events[0] == "/no/such/file.log after " + std::to_string(one.size()) + " bytes");
}

// The logs end without a final newline: a part cut from the end of one input is followed by the
// next input's first part on a line of its own, as on one thread, whichever thread scanned what
// (before, the two lines were written as one).
BOOST_AUTO_TEST_CASE(inputs_without_a_final_newline_do_not_merge_across_parts) {
  const test::TempFile first_file = write_log(12, 3000);
  const std::string& first = first_file.path();
  const test::TempFile second_file = write_log(13, 3000);
  const std::string& second = second_file.path();
  for (const auto selection : {LineSelection::all, LineSelection::matches_only}) {
    PrinterOptions options;
    options.selection = selection;
    const std::string expected = sequential({first, second, first}, options);
    if (selection == LineSelection::all) {
      // 3000 lines and one without a newline per input: only the very last stays without.
      BOOST_TEST(std::count(expected.begin(), expected.end(), '\n') == 3 * 3001 - 1);
    }
    for (const std::size_t chunk : {std::size_t{1} << 12, std::size_t{1} << 20}) {
      const auto parts = plan_parts({first, second, first}, chunk);
      for (const std::size_t threads : {1u, 2u, 3u}) {
        const std::string got = collected([&](OutputBuffer& out) {
          parallel_scan(matcher(), parts, options, out, threads, [](const Diagnostic&) {});
        });
        BOOST_TEST((got == expected), "chunk " << chunk << " threads " << threads);
      }
    }
  }
}

// A part holding a line of more than 64 MiB is scanned straight to the output when its turn
// comes, not made in memory: the output is still the single-threaded one, line numbers, line
// endings between inputs and all. Not in sanitizer builds: 65 MiB through instrumented code takes
// minutes there (the release run covers it).
BOOST_AUTO_TEST_CASE(a_part_with_a_huge_line_is_streamed_in_its_place) {
#if defined(ERRSCOPE_SANITIZED)
  BOOST_TEST_MESSAGE("skipped in a sanitizer build");
  return;
#endif
  std::string text;
  for (int i = 0; i < 2000; ++i)
    text += "2026-11-01 09:00:02 ERROR cti resp=|Retuen|2|BackMsg_16\n";
  text += std::string(65 << 20, '"') + " errcode=40014\n";
  for (int i = 0; i < 2000; ++i) text += "plain line " + std::to_string(i) + " errcode=-1\n";
  text += "last line without a newline BackMsg_16";
  const test::TempFile huge(text);
  const std::string& name = huge.path();
  const test::TempFile small_file = write_log(14, 500);
  const std::string& small = small_file.path();
  for (const auto format : {OutputFormat::json, OutputFormat::text}) {
    PrinterOptions options;
    options.format = format;
    const std::string expected = sequential({name, small, name}, options);
    const auto parts = plan_parts({name, small, name}, std::size_t{1} << 20);
    BOOST_TEST_REQUIRE(std::any_of(parts.begin(), parts.end(), [](const InputPart& part) {
      return part.end - part.begin > (std::uint64_t{64} << 20);
    }));
    for (const std::size_t threads : {2u}) {
      const std::string got = collected([&](OutputBuffer& out) {
        parallel_scan(matcher(), parts, options, out, threads, [](const Diagnostic&) {});
      });
      BOOST_TEST((got == expected),
                 "format " << static_cast<int>(format) << " threads " << threads);
    }
  }
}
