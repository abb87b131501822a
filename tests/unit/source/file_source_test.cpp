#define BOOST_TEST_MODULE file_source
#include "source/file_source.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "compress.hpp"
#include "temp_file.hpp"

using namespace errscope;
using test::gzip;
using test::bzip2;
using test::GzipEnd;
using test::xz;
using test::zstd;

namespace {

std::string numbered_lines(int from, int to) {
  std::string text;
  for (int i = from; i <= to; ++i) text += std::to_string(i) + " errcode=40014 a line of the log\n";
  return text;
}

// Everything read() hands out, in reads of `read_size` bytes, and the failure that ended it.
struct ReadOut {
  std::string bytes;
  std::optional<Diagnostic> failure;
};

ReadOut read_all(FileSource& source, std::size_t read_size) {
  ReadOut out;
  std::vector<char> buffer(read_size);
  std::size_t largest = 0;
  while (true) {
    auto got = source.read(buffer.data(), buffer.size());
    if (!got.ok()) {
      out.failure = got.error();
      break;
    }
    if (*got == 0) break;
    largest = std::max(largest, *got);
    out.bytes.append(buffer.data(), *got);
  }
  BOOST_TEST(largest <= read_size);
  return out;
}

ReadOut read_path(const std::string& path, std::size_t read_size) {
  auto source = FileSource::open(path);
  BOOST_TEST_REQUIRE(source.ok());
  BOOST_TEST(source->name() == path);
  return read_all(*source, read_size);
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_plain_file_is_read_as_stored) {
  const std::string text = numbered_lines(1, 5000);
  const test::TempFile file(text);
  for (const std::size_t read_size : {std::size_t{1}, std::size_t{7}, std::size_t{1} << 20}) {
    const ReadOut out = read_path(file.path(), read_size);
    BOOST_TEST(!out.failure.has_value());
    BOOST_TEST((out.bytes == text), "read size " << read_size);
  }
  const std::optional<std::uint64_t> size = regular_file_size(file.path());
  BOOST_TEST_REQUIRE(size.has_value());
  BOOST_TEST(*size == text.size());
  BOOST_TEST(!regular_file_size("-").has_value());
}

BOOST_AUTO_TEST_CASE(a_missing_file_fails_naming_it) {
  auto source = FileSource::open("/no/such/dir/app.log");
  BOOST_TEST_REQUIRE(!source.ok());
  BOOST_TEST(source.error().where.file == "/no/such/dir/app.log");
  BOOST_TEST(!regular_file_size("/no/such/dir/app.log").has_value());
}

// `cat a.gz b.gz > both.gz` (and logrotate's appending) makes one file of several members: all of
// them are read, in order, whatever the size of the reads.
BOOST_AUTO_TEST_CASE(every_member_of_a_multi_member_gzip_file_is_read) {
  const std::string first = numbered_lines(1, 3000);
  const std::string second = numbered_lines(3001, 3002);
  const std::string third = numbered_lines(3003, 9000);
  const test::TempFile file(gzip(first) + gzip(second) + gzip(third));
  for (const std::size_t read_size : {std::size_t{3}, std::size_t{4096}, std::size_t{1} << 20}) {
    const ReadOut out = read_path(file.path(), read_size);
    BOOST_TEST(!out.failure.has_value());
    BOOST_TEST((out.bytes == first + second + third), "read size " << read_size);
  }
}

BOOST_AUTO_TEST_CASE(every_frame_of_a_multi_frame_zstd_file_is_read) {
  const std::string first = numbered_lines(1, 4000);
  const std::string second = numbered_lines(4001, 4001);
  const std::string third = numbered_lines(4002, 6000);
  const test::TempFile file(zstd(first) + zstd(second) + zstd(third));
  for (const std::size_t read_size : {std::size_t{5}, std::size_t{1} << 20}) {
    const ReadOut out = read_path(file.path(), read_size);
    BOOST_TEST(!out.failure.has_value());
    BOOST_TEST((out.bytes == first + second + third), "read size " << read_size);
  }
}

// `cat a.xz b.xz`, and pbzip2 or lbzip2 output (a bzip2 stream per piece of the input).
BOOST_AUTO_TEST_CASE(every_stream_of_a_multi_stream_xz_or_bzip2_file_is_read) {
  const std::string first = numbered_lines(1, 3000);
  const std::string second = numbered_lines(3001, 3001);
  const std::string third = numbered_lines(3002, 7000);
  const test::TempFile xz_file(xz(first) + xz(second) + xz(third));
  const test::TempFile bzip2_file(bzip2(first, 1) + bzip2(second, 1) + bzip2(third, 1));
  for (const std::string& path : {xz_file.path(), bzip2_file.path()}) {
    for (const std::size_t read_size : {std::size_t{3}, std::size_t{1} << 20}) {
      const ReadOut out = read_path(path, read_size);
      BOOST_TEST(!out.failure.has_value());
      BOOST_TEST((out.bytes == first + second + third), "read size " << read_size);
    }
  }
}

// A .xz cut short: the lines before the cut, then the failure naming the file.
BOOST_AUTO_TEST_CASE(a_truncated_xz_file_gives_its_lines_before_the_error) {
  const std::string text = numbered_lines(1, 2000);
  const std::string compressed = xz(text);
  const test::TempFile file(compressed.substr(0, compressed.size() - 100));
  const ReadOut out = read_path(file.path(), 4096);
  BOOST_TEST(out.bytes.size() > text.size() / 2);
  BOOST_TEST((out.bytes == text.substr(0, out.bytes.size())));
  BOOST_TEST_REQUIRE(out.failure.has_value());
  BOOST_TEST(out.failure->where.file == file.path());
  BOOST_TEST(out.failure->reason.find("truncated xz file") != std::string::npos,
             out.failure->reason);
}

// A .gz cut short (a copy taken while it was written): the lines before the cut come out, the
// partial last one included, and only then the failure, naming the file.
BOOST_AUTO_TEST_CASE(a_truncated_gzip_file_gives_its_lines_before_the_error) {
  const std::string text = numbered_lines(1, 2000) + "2001 errcode=40";
  const test::TempFile file(gzip(text, GzipEnd::sync_only));
  const ReadOut out = read_path(file.path(), 4096);
  BOOST_TEST((out.bytes == text));
  BOOST_TEST_REQUIRE(out.failure.has_value());
  BOOST_TEST(out.failure->where.file == file.path());
  BOOST_TEST(out.failure->reason.find("truncated") != std::string::npos, out.failure->reason);
  // The same through the line reader: decoder_test.cpp.
}

// A part of a file, as -j reads it: exactly bytes [begin, end), whatever the read size, and
// read_at reads the file as stored without moving read().
BOOST_AUTO_TEST_CASE(a_ranged_read_gives_exactly_its_bytes) {
  const std::string text = numbered_lines(1, 20000);
  const test::TempFile file(text);
  const std::uint64_t size = text.size();
  for (const auto& [begin, end] :
       {std::pair<std::uint64_t, std::uint64_t>{0, size}, {0, 0}, {1000, 1001}, {12345, 400000},
        {size - 10, size}, {size, size}}) {
    for (const std::size_t read_size : {std::size_t{1} << 3, std::size_t{1} << 20}) {
      auto source = FileSource::open_range(file.path(), begin, end);
      BOOST_TEST_REQUIRE(source.ok());
      BOOST_TEST(source->name() == file.path());
      const ReadOut out = read_all(*source, read_size);
      BOOST_TEST(!out.failure.has_value());
      BOOST_TEST((out.bytes == text.substr(begin, end - begin)),
                 "range " << begin << "-" << end << " read size " << read_size);
    }
  }

  auto source = FileSource::open_range(file.path(), 100, 200);
  BOOST_TEST_REQUIRE(source.ok());
  char buffer[64];
  auto at = source->read_at(5000, buffer, sizeof buffer);
  BOOST_TEST_REQUIRE(at.ok());
  BOOST_TEST((std::string(buffer, *at) == text.substr(5000, sizeof buffer)));
  auto past = source->read_at(size, buffer, sizeof buffer);
  BOOST_TEST_REQUIRE(past.ok());
  BOOST_TEST(*past == 0u);
  BOOST_TEST((read_all(*source, 1 << 20).bytes == text.substr(100, 100)));
}

namespace {

// Makes `fd` standard input for the test's lifetime.
class StandardInputFrom {
 public:
  explicit StandardInputFrom(int fd) : m_saved(::dup(STDIN_FILENO)) {
    ::dup2(fd, STDIN_FILENO);
    ::close(fd);
  }
  ~StandardInputFrom() {
    ::dup2(m_saved, STDIN_FILENO);
    ::close(m_saved);
  }
  StandardInputFrom(const StandardInputFrom&) = delete;
  StandardInputFrom& operator=(const StandardInputFrom&) = delete;

 private:
  int m_saved;
};

}  // namespace

// Standard input's start, read ahead to sniff it, is not lost: open("-") hands it out first, the
// rest after it; a compressed one is peeked at decoded.
BOOST_AUTO_TEST_CASE(standard_input_read_ahead_is_handed_out_by_open) {
  const std::string text = numbered_lines(1, 5000);
  for (const std::string& stored : {text, xz(text), gzip(text)}) {
    const test::TempFile file(stored);
    const StandardInputFrom input(::open(file.path().c_str(), O_RDONLY));
    const std::string head = FileSource::peek_standard_input(1000);
    BOOST_TEST(head == text.substr(0, 1000));
    BOOST_TEST(FileSource::peek_standard_input(1000) == head);  // asked again: the same bytes
    auto source = FileSource::open("-");
    BOOST_TEST_REQUIRE(source.ok());
    BOOST_TEST(source->name() == "-");
    const ReadOut out = read_all(*source, 300);
    BOOST_TEST(!out.failure.has_value());
    BOOST_TEST((out.bytes == text));
  }
}

// On a pipe the peek takes the first lines that are there and does not wait for more, so
// `tail -f app.log | errscope` shows them at once.
BOOST_AUTO_TEST_CASE(peeking_at_a_pipe_does_not_wait_for_more_input) {
  int ends[2];
  BOOST_TEST_REQUIRE(::pipe(ends) == 0);
  const StandardInputFrom input(ends[0]);
  const std::string first = "2026-11-01 09:00:00 errcode=40014\n";
  BOOST_TEST_REQUIRE(::write(ends[1], first.data(), first.size()) ==
                     static_cast<ssize_t>(first.size()));
  std::thread writer([&ends] {
    std::this_thread::sleep_for(std::chrono::seconds(2));
    static_cast<void>(::write(ends[1], "later\n", 6));
    ::close(ends[1]);
  });
  const auto started = std::chrono::steady_clock::now();
  const std::string head = FileSource::peek_standard_input(64 << 10);
  const auto waited = std::chrono::steady_clock::now() - started;
  BOOST_TEST(head == first);
  BOOST_TEST(waited < std::chrono::seconds(1));
  auto source = FileSource::open("-");
  BOOST_TEST_REQUIRE(source.ok());
  const ReadOut out = read_all(*source, 4096);
  writer.join();
  BOOST_TEST(out.bytes == first + "later\n");
}

// A read error met while peeking comes after the bytes decoded before it.
BOOST_AUTO_TEST_CASE(a_damaged_standard_input_fails_after_its_peeked_bytes) {
  const std::string text = numbered_lines(1, 20);
  const std::string whole = gzip(text);
  const test::TempFile file(whole + "GARBAGE");
  const StandardInputFrom input(::open(file.path().c_str(), O_RDONLY));
  BOOST_TEST(FileSource::peek_standard_input(64 << 10) == text);
  auto source = FileSource::open("-");
  BOOST_TEST_REQUIRE(source.ok());
  const ReadOut out = read_all(*source, 4096);
  BOOST_TEST(out.bytes == text);
  BOOST_TEST_REQUIRE(out.failure.has_value());
  BOOST_TEST(out.failure->reason.find("trailing garbage") != std::string::npos);
}
