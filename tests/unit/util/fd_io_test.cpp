#define BOOST_TEST_MODULE fd_io
#include "util/fd_io.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <limits>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "slow_pipe.hpp"
#include "temp_file.hpp"

using namespace errscope;

namespace {

std::string read_file(const std::string& name) {
  std::string got;
  const int fd = ::open(name.c_str(), O_RDONLY);
  char chunk[65536];
  for (ssize_t n = 0; (n = ::read(fd, chunk, sizeof chunk)) > 0;) got.append(chunk, n);
  ::close(fd);
  return got;
}

// Pieces of random sizes (empty ones among them) and what they make in order.
std::vector<std::string> random_pieces(unsigned seed, std::size_t count) {
  std::mt19937 rng(seed);
  std::vector<std::string> pieces;
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t size = rng() % 5 == 0   ? 0
                             : rng() % 3 == 0 ? 40000 + rng() % 9000
                                              : rng() % 700;
    pieces.emplace_back(size, static_cast<char>('a' + i % 26));
  }
  return pieces;
}

std::vector<std::string_view> views_of(const std::vector<std::string>& pieces) {
  return std::vector<std::string_view>(pieces.begin(), pieces.end());
}

std::string joined(const std::vector<std::string>& pieces) {
  std::string text;
  for (const std::string& piece : pieces) text += piece;
  return text;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_regular_file_is_written_in_pieces_ending_on_32_kib_boundaries) {
  // Counted from the descriptor's offset, or from the file's end when it is open to append; a
  // pipe takes any size.
  const test::TempFile file(std::string(1000, 'x'));
  const std::string& name = file.path();
  const int at = ::open(name.c_str(), O_WRONLY);
  ::lseek(at, 100, SEEK_SET);
  WriteAlignment from_offset = WriteAlignment::for_descriptor(at);
  BOOST_TEST(from_offset.limit() == 32768u - 100);
  from_offset.advance(32768 - 100);
  BOOST_TEST(from_offset.limit() == 32768u);
  from_offset.advance(5);
  BOOST_TEST(from_offset.limit() == 32768u - 5);
  ::close(at);
  const int appending = ::open(name.c_str(), O_WRONLY | O_APPEND);
  BOOST_TEST(WriteAlignment::for_descriptor(appending).limit() == 32768u - 1000);
  ::close(appending);

  int ends[2];
  BOOST_TEST_REQUIRE(::pipe(ends) == 0);
  BOOST_TEST(WriteAlignment::for_descriptor(ends[1]).limit() ==
             std::numeric_limits<std::size_t>::max());
  BOOST_TEST(WriteAlignment().limit() == std::numeric_limits<std::size_t>::max());
  ::close(ends[0]);
  ::close(ends[1]);
}

BOOST_AUTO_TEST_CASE(every_byte_lands_in_order_with_write_and_writev) {
  // Thousands of pieces (more than one writev call takes), empty ones among them, after bytes
  // written with write, into a file opened at an offset.
  const std::vector<std::string> pieces = random_pieces(3, 3000);
  const test::TempFile file(std::string(1000, 'x'));
  const std::string& name = file.path();
  const int fd = ::open(name.c_str(), O_WRONLY);
  ::lseek(fd, 100, SEEK_SET);
  WriteAlignment alignment = WriteAlignment::for_descriptor(fd);
  const std::string head(70000, 'h');
  BOOST_TEST(write_all(fd, head, alignment).ok());
  const std::vector<std::string_view> views = views_of(pieces);
  BOOST_TEST(writev_all(fd, views, alignment).ok());
  BOOST_TEST(writev_all(fd, {}, alignment).ok());
  BOOST_TEST(write_all(fd, "", alignment).ok());
  ::close(fd);
  BOOST_TEST((read_file(name) == std::string(100, 'x') + head + joined(pieces)));
}

BOOST_AUTO_TEST_CASE(a_full_non_blocking_pipe_is_waited_for) {
  // Drained slowly by another thread: writes and writev calls end short and hit EAGAIN again
  // and again, and every byte still arrives once, in order.
  const std::vector<std::string> pieces = random_pieces(4, 2000);
  test::SlowlyDrainedPipe pipe;
  const std::string head(300000, '<');
  BOOST_TEST(write_all(pipe.write_end(), head).ok());
  WriteAlignment any_size;
  const std::vector<std::string_view> views = views_of(pieces);
  BOOST_TEST(writev_all(pipe.write_end(), views, any_size).ok());
  BOOST_TEST((pipe.received() == head + joined(pieces)));
}

BOOST_AUTO_TEST_CASE(a_closed_pipe_ends_quietly_and_other_errors_carry_their_errno) {
  std::signal(SIGPIPE, SIG_IGN);
  const std::vector<std::string> pieces = random_pieces(5, 50);
  const std::vector<std::string_view> views = views_of(pieces);
  WriteAlignment any_size;

  int ends[2];
  BOOST_TEST_REQUIRE(::pipe(ends) == 0);
  ::close(ends[0]);
  for (const WriteStatus status :
       {write_all(ends[1], std::string(10000, 'x')), writev_all(ends[1], views, any_size)}) {
    BOOST_TEST(!status.ok());
    BOOST_TEST(status.closed());
    BOOST_TEST(status.error == EPIPE);
  }
  ::close(ends[1]);

  // A full disk.
  const int full = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
  BOOST_TEST_REQUIRE(full >= 0);
  for (const WriteStatus status :
       {write_all(full, "a line\n"), writev_all(full, views, any_size)}) {
    BOOST_TEST(!status.closed());
    BOOST_TEST(status.error == ENOSPC);
  }
  ::close(full);

  // A descriptor open for reading only (what a closed stdout is held by).
  const int read_only = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  BOOST_TEST_REQUIRE(read_only >= 0);
  const WriteStatus status = write_all(read_only, "x\n");
  BOOST_TEST(!status.closed());
  BOOST_TEST(status.error == EBADF);
  ::close(read_only);
}
