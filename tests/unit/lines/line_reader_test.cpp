#define BOOST_TEST_MODULE line_reader
#include "lines/line_reader.hpp"

#include <boost/test/unit_test.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "temp_file.hpp"

using namespace errscope;

BOOST_AUTO_TEST_CASE(splits_lines_keeping_their_endings) {
  LineView line = split_first_line("abc\r\nnext");
  BOOST_TEST(line.text == "abc");
  BOOST_TEST(line.ending == "\r\n");
  line = split_first_line("lone\rcr\n");
  BOOST_TEST(line.text == "lone\rcr");
  BOOST_TEST(line.ending == "\n");
  line = split_first_line("no newline");
  BOOST_TEST(line.text == "no newline");
  BOOST_TEST(line.ending.empty());
  line = split_first_line("\n");
  BOOST_TEST(line.text.empty());
  BOOST_TEST(line.ending == "\n");
}

namespace {

// Every line a reader hands out, with its ending, joined back.
std::string read_all(const std::string& path, ReadBuffer& buffer, std::size_t block) {
  auto source = FileSource::open(path);
  if (!source.ok()) throw std::runtime_error(source.error().reason);
  LineReader reader(*source, buffer, {}, block);
  std::string out;
  for (;;) {
    auto next = reader.next_block();
    if (!next.ok() || !next->has_value()) break;
    out += (*next)->text;
  }
  return out;
}

}  // namespace

// A buffer lent to several readers in turn (the scanner's, across inputs and parts) gives each
// its own bytes: nothing of an earlier input leaks in, a long line grows it, and a buffer grown
// past four blocks is given back to one block by the next reader.
BOOST_AUTO_TEST_CASE(a_lent_buffer_serves_input_after_input) {
  constexpr std::size_t k_block = 64;
  const std::string first = "one\ntwo three four five six seven\nlast without newline";
  const std::string huge = "start " + std::string(10 * k_block, 'h') + " end\nshort\n";
  const std::string second = "x\ny\n";
  const test::TempFiles files({first, huge, second});
  const auto& paths = files.paths();
  ReadBuffer buffer;
  BOOST_TEST(read_all(paths[0], buffer, k_block) == first);
  BOOST_TEST(buffer.size() == k_block);
  BOOST_TEST(read_all(paths[1], buffer, k_block) == huge);
  BOOST_TEST(buffer.size() > 4 * k_block);  // grown for the long line
  BOOST_TEST(read_all(paths[2], buffer, k_block) == second);
  BOOST_TEST(buffer.size() == k_block);  // given back
}
