#define BOOST_TEST_MODULE output_buffer
#include "sink/output_buffer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "slow_pipe.hpp"
#include "temp_file.hpp"

using namespace errscope;

namespace {

// Bytes written to a descriptor, read back from the temporary file behind it.
std::string written_through_fd(const std::vector<const OutputPart*>& parts) {
  const test::TempFile file;
  const int fd = ::open(file.path().c_str(), O_RDWR);
  BOOST_TEST_REQUIRE(fd >= 0);
  {
    OutputBuffer out(fd);
    out.write("head ");
    for (const OutputPart* part : parts) out.write(*part);
    out.write(" tail");
  }
  std::string got;
  ::lseek(fd, 0, SEEK_SET);
  char chunk[65536];
  for (ssize_t n = 0; (n = ::read(fd, chunk, sizeof chunk)) > 0;) got.append(chunk, n);
  ::close(fd);
  return got;
}

// Bytes written through a non-blocking pipe drained slowly by another thread: writev and write
// end short and hit EAGAIN again and again.
std::string written_through_full_pipe(const std::vector<const OutputPart*>& parts) {
  test::SlowlyDrainedPipe pipe;
  {
    OutputBuffer out(pipe.write_end());
    out.write(std::string(300000, '<'));
    for (const OutputPart* part : parts) out.write(*part);
    out.write(" tail");
    out.flush();
    BOOST_TEST((out.state() == OutputState::open));
  }
  return pipe.received();
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_part_keeps_order_whether_it_refers_or_copies) {
  // Runs of every size around the reference threshold, with made bytes between them: a part
  // that refers and a part that copies hold the same bytes, and written to a descriptor (writev
  // in batches, here of thousands of pieces) or a string they come out as one sequence.
  std::mt19937 rng(7);
  std::vector<std::string> runs;
  for (int i = 0; i < 3000; ++i) {
    runs.push_back(std::string(rng() % 3 == 0 ? 4096 + rng() % 3000 : rng() % 5000,
                               static_cast<char>('a' + i % 26)));
  }
  std::string expected;
  OutputPart referring;
  OutputPart copying;
  {
    OutputBuffer refer(referring, KeptBytes::refer);
    OutputBuffer copy(copying, KeptBytes::copy);
    for (std::size_t i = 0; i < runs.size(); ++i) {
      std::string made = "<";
      made.append(std::to_string(i)).append(">");
      for (OutputBuffer* out : {&refer, &copy}) {
        out->buffer() += made;
        out->commit();
        out->write_kept(runs[i]);
        if (i % 7 == 0) out->write(std::string_view("|"));
      }
      expected.append(made).append(runs[i]).append(i % 7 == 0 ? "|" : "");
    }
  }
  BOOST_TEST(referring.refers());
  BOOST_TEST(!copying.refers());

  for (const OutputPart* part : {&referring, &copying}) {
    std::string joined;
    part->for_each_piece(0, [&joined](std::string_view piece) { joined += piece; });
    BOOST_TEST((joined == expected));
    BOOST_TEST((to_string(*part) == expected));
    // Written into another part, a part is copied: the copy no longer refers to the runs.
    OutputPart collected;
    {
      OutputBuffer out(collected, KeptBytes::refer);
      out.write(*part);
    }
    BOOST_TEST(!collected.refers());
    BOOST_TEST((to_string(collected) == expected));
  }
  const std::string through_fd = written_through_fd({&referring, &copying});
  std::string twice = "head ";
  twice.append(expected).append(expected).append(" tail");
  BOOST_TEST((through_fd == twice));
  std::string through_pipe(300000, '<');
  through_pipe.append(expected).append(" tail");
  BOOST_TEST((written_through_full_pipe({&referring}) == through_pipe));
}

BOOST_AUTO_TEST_CASE(a_part_written_to_a_closed_pipe_closes_the_output) {
  int ends[2];
  BOOST_TEST_REQUIRE(::pipe(ends) == 0);
  ::close(ends[0]);
  std::signal(SIGPIPE, SIG_IGN);
  const std::string run(10000, 'x');
  OutputPart part;
  {
    OutputBuffer make(part, KeptBytes::refer);
    make.write_kept(run);
  }
  OutputBuffer out(ends[1]);
  out.write(part);
  BOOST_TEST((out.state() == OutputState::closed));
  ::close(ends[1]);
}

BOOST_AUTO_TEST_CASE(line_numbers_in_a_part_are_raised_when_it_is_written) {
  // Numbers between made bytes and kept runs, in a part that refers (writev) and one that does
  // not (copied); written directly, a number is final.
  const std::string run(5000, 'r');
  OutputPart referring;
  OutputPart copying;
  {
    OutputBuffer refer(referring, KeptBytes::refer);
    OutputBuffer copy(copying, KeptBytes::copy);
    for (OutputBuffer* out : {&refer, &copy}) {
      for (std::size_t line = 1; line <= 700; ++line) {
        out->buffer() += "{\"line\":";
        out->write_line_number(line);
        out->buffer() += "}\n";
        if (line % 100 == 0) out->write_kept(run);
      }
    }
  }
  const auto expected = [&run](std::size_t offset) {
    std::string text;
    for (std::size_t line = 1; line <= 700; ++line) {
      text.append("{\"line\":").append(std::to_string(line + offset)).append("}\n");
      if (line % 100 == 0) text.append(run);
    }
    return text;
  };
  for (const OutputPart* part : {&referring, &copying}) {
    BOOST_TEST((to_string(*part, 99999) == expected(99999)));
    // Written into another part, the numbers are final there, and a new one counts from its
    // start.
    OutputPart collected;
    {
      OutputBuffer out(collected, KeptBytes::copy);
      out.write(*part, 99999);
      out.write_line_number(7);
    }
    BOOST_TEST((to_string(collected, 10) == expected(99999) + "17"));
  }
  std::string twice = "head ";
  twice.append(expected(0)).append(expected(0)).append(" tail");
  BOOST_TEST((written_through_fd({&referring, &copying}) == twice));
}

BOOST_AUTO_TEST_CASE(a_file_opened_to_append_or_at_an_offset_gets_the_output_there) {
  // Writes to a regular file are cut to end at multiples of 32 KiB of the file: counted from
  // the file's end for O_APPEND (`>>`) and from the descriptor's offset otherwise. The bytes
  // land after what is there either way, through block writes and a referring part.
  std::string run;
  for (int i = 0; i < 200000; ++i) run.push_back(static_cast<char>('a' + i % 23));
  OutputPart part;
  {
    OutputBuffer made(part, KeptBytes::refer);
    for (int i = 0; i < 5; ++i) {
      made.write(std::string_view("<made>"));
      made.write_kept(std::string_view(run).substr(static_cast<std::size_t>(i) * 1000));
    }
  }
  BOOST_TEST(part.refers());
  std::string output = std::string(300000, 'b');
  part.for_each_piece(0, [&output](std::string_view piece) { output.append(piece); });
  output.append(" end");

  for (const bool append : {true, false}) {
    const std::string before(1000, 'x');
    const test::TempFile file(before);
    const char* name = file.path().c_str();
    int fd = ::open(name, append ? O_WRONLY | O_APPEND : O_WRONLY);
    BOOST_TEST_REQUIRE(fd >= 0);
    if (!append) ::lseek(fd, 100, SEEK_SET);
    {
      OutputBuffer out(fd);
      out.write(std::string(300000, 'b'));
      out.write(part);
      out.write(std::string_view(" end"));
    }
    ::close(fd);
    std::string got;
    fd = ::open(name, O_RDONLY);
    char chunk[65536];
    for (ssize_t n = 0; (n = ::read(fd, chunk, sizeof chunk)) > 0;) got.append(chunk, n);
    ::close(fd);
    const std::string expected = before.substr(0, append ? 1000 : 100) + output;
    BOOST_TEST((got == expected), (append ? "appended" : "from offset 100"));
  }
}

// A write error other than a closed pipe (a full disk here) fails the output with its errno, so
// the caller reports it, whether the bytes went through write or, for a part, writev; a closed
// pipe stays a quiet close with no errno.
BOOST_AUTO_TEST_CASE(a_full_device_fails_the_output_with_its_errno) {
  const int full = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
  BOOST_TEST_REQUIRE(full >= 0);
  {
    OutputBuffer out(full);
    out.write("a line\n");
    BOOST_TEST((out.state() == OutputState::open));  // buffered: nothing written yet
    out.flush();
    BOOST_TEST((out.state() == OutputState::failed));
    BOOST_TEST(out.error() == ENOSPC);
    out.write(std::string(1 << 20, 'x'));  // dropped, the failure kept
    BOOST_TEST(out.error() == ENOSPC);
  }
  const std::string run(10000, 'x');
  OutputPart part;
  {
    OutputBuffer make(part, KeptBytes::refer);
    make.write_kept(run);
  }
  BOOST_TEST_REQUIRE(part.refers());
  {
    OutputBuffer out(full);
    out.write(part);
    BOOST_TEST((out.state() == OutputState::failed));
    BOOST_TEST(out.error() == ENOSPC);
  }
  ::close(full);

  int ends[2];
  BOOST_TEST_REQUIRE(::pipe(ends) == 0);
  ::close(ends[0]);
  std::signal(SIGPIPE, SIG_IGN);
  OutputBuffer out(ends[1]);
  out.write(run);
  out.flush();
  BOOST_TEST((out.state() == OutputState::closed));
  BOOST_TEST(out.error() == 0);
  ::close(ends[1]);
}

// A descriptor open for reading only (what a closed stdout is held by) fails with EBADF.
BOOST_AUTO_TEST_CASE(a_descriptor_not_open_for_writing_fails_the_output) {
  const int fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  BOOST_TEST_REQUIRE(fd >= 0);
  OutputBuffer out(fd);
  out.write("x\n");
  out.flush();
  BOOST_TEST((out.state() == OutputState::failed));
  BOOST_TEST(out.error() == EBADF);
  ::close(fd);
}
