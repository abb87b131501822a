#define BOOST_TEST_MODULE line_reader
#include "lines/line_reader.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <random>
#include <string>

#include <unistd.h>

#include <cstdint>
#include <cstdlib>

using namespace errscope;

BOOST_AUTO_TEST_CASE(counts_newlines_like_a_plain_count) {
  std::mt19937 rng(11);
  for (std::size_t size = 0; size < 300; ++size) {
    std::string text(size, 'x');
    for (auto& c : text) c = "ab\n\r\x8a\xff"[rng() % 6];
    BOOST_TEST(count_newlines(text) ==
                   static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')),
               "size " << size);
  }
}

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

// A file in the test's temporary folder, removed at the end.
struct TempFile {
  std::string path;
  explicit TempFile(const std::string& content) {
    char name[] = "/tmp/errscope-line-reader-XXXXXX";
    const int fd = ::mkstemp(name);
    BOOST_TEST_REQUIRE(fd >= 0);
    path = name;
    BOOST_TEST_REQUIRE(::write(fd, content.data(), content.size()) ==
                       static_cast<ssize_t>(content.size()));
    ::close(fd);
  }
  ~TempFile() { ::unlink(path.c_str()); }
};

// Every block of `path`, checked to be whole lines, joined back together.
std::string read_back(const std::string& path, LineReader::Access access, std::size_t block_size) {
  auto source = FileSource::open(path);
  BOOST_TEST_REQUIRE(source.ok());
  LineReader reader(*source, {}, block_size, access);
  std::string joined;
  while (true) {
    auto block = reader.next_block();
    BOOST_TEST_REQUIRE(block.ok());
    if (!block->has_value()) break;
    const std::string_view text = (*block)->text;
    BOOST_TEST_REQUIRE(!text.empty());
    // Only the input's last block may end without a newline, and a block holds no partial line.
    joined.append(text);
    if (text.back() != '\n') {
      auto after = reader.next_block();
      BOOST_TEST_REQUIRE(after.ok());
      BOOST_TEST_REQUIRE(!after->has_value());
      break;
    }
  }
  return joined;
}

}  // namespace

BOOST_AUTO_TEST_CASE(mapped_and_read_files_give_the_same_whole_lines) {
  // CRLF, NUL, invalid UTF-8, a line longer than the 16 MiB window, no final newline.
  std::mt19937 rng(5);
  std::string content;
  for (int i = 0; i < 20000; ++i) {
    content += "2026-11-01 09:41:07 line " + std::to_string(rng()) + (i % 7 == 0 ? "\r\n" : "\n");
    if (i == 12000) content += std::string(20 << 20, 'y') + "\n";
    if (i == 500) content += std::string("nul\0byte \xff\xfe\n", 14);
  }
  content += "last line without newline";
  const TempFile file(content);
  for (const std::size_t block : {std::size_t{1} << 12, std::size_t{1} << 20}) {
    BOOST_TEST((read_back(file.path, LineReader::Access::map_files, block) == content));
    BOOST_TEST((read_back(file.path, LineReader::Access::read_only, block) == content));
  }
  const TempFile empty("");
  BOOST_TEST(read_back(empty.path, LineReader::Access::map_files, 1 << 20).empty());
  const TempFile one("x");
  BOOST_TEST(read_back(one.path, LineReader::Access::map_files, 1 << 20) == "x");
}

BOOST_AUTO_TEST_CASE(a_file_cut_short_while_mapped_is_reported_not_a_crash) {
  std::string content;
  while (content.size() < (8u << 20)) content += "2026-11-01 09:41:07 BackMsg_16 a log line\n";
  const TempFile file(content);
  auto source = FileSource::open(file.path);
  BOOST_TEST_REQUIRE(source.ok());
  LineReader reader(*source, {}, 1 << 16, LineReader::Access::map_files);
  auto first = reader.next_block();
  BOOST_TEST_REQUIRE(first.ok());
  BOOST_TEST_REQUIRE(first->has_value());
  BOOST_TEST_REQUIRE(::truncate(file.path.c_str(), 1 << 20) == 0);  // copytruncate, mid-read
  bool reported = false;
  std::uint64_t touched = 0;
  for (int i = 0; i < 1000; ++i) {
    auto block = reader.next_block();
    if (!block.ok()) {
      BOOST_TEST(block.error().reason.find("shrank") != std::string::npos);
      reported = true;
      break;
    }
    if (!block->has_value()) break;
    for (const char c : (*block)->text) touched += static_cast<unsigned char>(c);  // may fault
  }
  BOOST_TEST(reported);
  BOOST_TEST(touched > 0u);
}
