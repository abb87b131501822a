#define BOOST_TEST_MODULE decode_ahead
#include "source/decode_ahead.hpp"

#include <boost/test/unit_test.hpp>
#include <optional>
#include <string>
#include <vector>

#include "compress.hpp"
#include "source/file_source.hpp"
#include "temp_file.hpp"
#include "util/interrupt.hpp"
#include "util/progress.hpp"

using namespace errscope;
using test::GzipEnd;

namespace {

// Lines enough for several of the decoding thread's 1 MiB buffers.
std::string numbered_lines(int first, int last) {
  std::string text;
  for (int i = first; i <= last; ++i) {
    text += "2026-11-01 09:00:00 line " + std::to_string(i) + " BackMsg_16 served\n";
  }
  return text;
}

// Everything a read of `path` gives, `read_size` bytes at a time: its bytes, then the failure.
struct ReadOut {
  std::string bytes;
  std::optional<Diagnostic> failure;
};

ReadOut read_path(const std::string& path, DecodeThread decode, std::size_t read_size) {
  auto source = FileSource::open(path, decode);
  BOOST_TEST_REQUIRE(source.ok());
  ReadOut out;
  std::vector<char> buffer(read_size);
  while (true) {
    auto got = source->read(buffer.data(), buffer.size());
    if (!got.ok()) {
      out.failure = got.error();
      // A failure stays: the next read fails the same way.
      auto again = source->read(buffer.data(), buffer.size());
      BOOST_TEST(!again.ok());
      if (!again.ok()) BOOST_TEST(again.error().reason == out.failure->reason);
      return out;
    }
    if (*got == 0) return out;
    out.bytes.append(buffer.data(), *got);
  }
}

// The file read on a decoding thread of its own equals the file read on the reader's thread,
// byte for byte and failure for failure, for read sizes below, at and above a buffer's.
void check_same_as_reader(const std::string& stored, const std::string& original,
                          bool damaged) {
  const test::TempFile file(stored);
  const ReadOut reader = read_path(file.path(), DecodeThread::reader, 1 << 20);
  if (damaged) {
    BOOST_TEST_REQUIRE(reader.failure.has_value());
    BOOST_TEST(original.compare(0, reader.bytes.size(), reader.bytes) == 0);
  } else {
    BOOST_TEST(!reader.failure.has_value());
    BOOST_TEST((reader.bytes == original));
  }
  for (std::size_t read_size : {std::size_t{4093}, std::size_t{1} << 20, std::size_t{3} << 20}) {
    const ReadOut own = read_path(file.path(), DecodeThread::own, read_size);
    BOOST_TEST(own.bytes.size() == reader.bytes.size(), "read size " << read_size);
    BOOST_TEST((own.bytes == reader.bytes), "read size " << read_size);
    BOOST_TEST_REQUIRE(own.failure.has_value() == reader.failure.has_value());
    if (own.failure) {
      BOOST_TEST(own.failure->reason == reader.failure->reason);
      BOOST_TEST(own.failure->fix == reader.failure->fix);
      BOOST_TEST(own.failure->where.file == file.path());
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_multi_member_gzip_file_decoded_ahead_equals_the_readers_decode) {
  const std::string first = numbered_lines(1, 40000);
  const std::string second = numbered_lines(40001, 90000);
  check_same_as_reader(test::gzip(first) + test::gzip(second) + test::gzip(first),
                       first + second + first, false);
}

BOOST_AUTO_TEST_CASE(a_multi_frame_zstd_file_decoded_ahead_equals_the_readers_decode) {
  const std::string first = numbered_lines(1, 50000);
  const std::string second = numbered_lines(50001, 80000);
  check_same_as_reader(test::zstd(first) + test::zstd(second), first + second, false);
}

BOOST_AUTO_TEST_CASE(a_truncated_file_decoded_ahead_gives_the_same_lines_and_error) {
  const std::string text = numbered_lines(1, 90000) + "90001 errcode=40";
  check_same_as_reader(test::gzip(text) + test::gzip(text, GzipEnd::sync_only), text + text,
                       true);
  const std::string frames = test::zstd(text) + test::zstd(text);
  check_same_as_reader(frames.substr(0, frames.size() - frames.size() / 4), text + text, true);
}

BOOST_AUTO_TEST_CASE(garbage_after_the_last_member_fails_the_same_way_decoded_ahead) {
  const std::string text = numbered_lines(1, 60000);
  check_same_as_reader(test::gzip(text) + "GARBAGE", text, true);
}

// A plain file has nothing to decode: it is read as stored, without a thread.
BOOST_AUTO_TEST_CASE(a_plain_file_is_read_as_stored_with_decode_thread_own) {
  const std::string text = numbered_lines(1, 30000);
  check_same_as_reader(text, text, false);
}

// A reader that stops early (an error in its scan, -l satisfied) ends the thread, which may be
// waiting for a free buffer or in the middle of a fill.
BOOST_AUTO_TEST_CASE(a_source_dropped_early_ends_its_decoding_thread) {
  const std::string text = numbered_lines(1, 120000);
  const test::TempFile file(test::gzip(text));
  for (std::size_t reads : {0, 1, 5}) {
    auto source = FileSource::open(file.path(), DecodeThread::own);
    BOOST_TEST_REQUIRE(source.ok());
    std::vector<char> buffer(1 << 16);
    std::string head;
    for (std::size_t i = 0; i < reads; ++i) {
      auto got = source->read(buffer.data(), buffer.size());
      BOOST_TEST_REQUIRE(got.ok());
      head.append(buffer.data(), *got);
    }
    BOOST_TEST(text.compare(0, head.size(), head) == 0);
  }
}

// Progress counts the compressed bytes the decoding thread reads, all of them at the end.
BOOST_AUTO_TEST_CASE(progress_counts_the_compressed_size_read_by_the_decoding_thread) {
  const std::string text = numbered_lines(1, 90000);
  const std::string stored = test::zstd(text);
  const test::TempFile file(stored);
  ReadProgress progress;
  count_reads_in(&progress);
  const ReadOut own = read_path(file.path(), DecodeThread::own, 1 << 16);
  count_reads_in(nullptr);
  BOOST_TEST((own.bytes == text));
  BOOST_TEST(progress.read() == stored.size());
}

// DecodeAhead alone: a fill that fails after some bytes hands out those bytes, then the failure.
BOOST_AUTO_TEST_CASE(decode_ahead_hands_out_every_byte_then_the_failure) {
  std::size_t calls = 0;
  std::string given;  // what the fills gave (the thread's; read once the failure is out)
  DecodeAhead ahead([&](char* out, std::size_t room) -> Result<std::size_t> {
    if (calls == 5) return Diagnostic{{}, "broken", "fix"};
    const std::size_t count = std::min<std::size_t>(room, 700000);
    for (std::size_t i = 0; i < count; ++i) {
      out[i] = static_cast<char>('a' + (given.size() + i) % 26);
    }
    given.append(out, count);
    ++calls;
    return count;
  });
  std::string got;
  std::vector<char> buffer(100000);
  while (true) {
    auto read = ahead.read(buffer.data(), buffer.size());
    if (!read.ok()) {
      BOOST_TEST(read.error().reason == "broken");
      break;
    }
    BOOST_TEST_REQUIRE(*read > 0);
    got.append(buffer.data(), *read);
  }
  BOOST_TEST(calls == 5u);
  BOOST_TEST(got.size() > 2 * k_decode_ahead_bytes);
  BOOST_TEST((got == given));
}

// DecodeAhead alone, input of every length around a multiple of a buffer, from none to past two
// turns of the ring: the reader, which waits for k_decode_ahead_batch buffers once it runs dry,
// gets every byte and its end also when fewer are left (a wait that missed the end would hang).
BOOST_AUTO_TEST_CASE(decode_ahead_ends_after_every_byte_for_any_count_of_buffers) {
  for (std::size_t buffers = 0; buffers <= 2 * k_decode_ahead_buffers + 1; ++buffers) {
    for (const std::size_t extra : {std::size_t{0}, std::size_t{1}}) {
      const std::size_t total = buffers * k_decode_ahead_bytes + extra;
      std::size_t given = 0;
      DecodeAhead ahead([&](char* out, std::size_t room) -> Result<std::size_t> {
        const std::size_t count = std::min<std::size_t>(room, total - given);
        for (std::size_t i = 0; i < count; ++i) out[i] = static_cast<char>((given + i) % 251);
        given += count;
        return count;
      });
      std::size_t got = 0;
      bool in_order = true;
      std::vector<char> buffer(300000);
      while (true) {
        auto read = ahead.read(buffer.data(), buffer.size());
        BOOST_TEST_REQUIRE(read.ok());
        if (*read == 0) break;
        for (std::size_t i = 0; i < *read; ++i) {
          in_order = in_order && buffer[i] == static_cast<char>((got + i) % 251);
        }
        got += *read;
      }
      BOOST_TEST(got == total, buffers << " buffers and " << extra);
      BOOST_TEST(in_order, buffers << " buffers and " << extra);
    }
  }
}

// Last, since a stop cannot be taken back in this process: after a stop request the thread ends
// the input as its end (no failure), as the reader's own decoding does.
BOOST_AUTO_TEST_CASE(a_stop_request_ends_a_decoded_ahead_input_quietly) {
  const std::string text = numbered_lines(1, 200000);
  const test::TempFile file(test::gzip(text));
  auto source = FileSource::open(file.path(), DecodeThread::own);
  BOOST_TEST_REQUIRE(source.ok());
  std::vector<char> buffer(1 << 16);
  auto first = source->read(buffer.data(), buffer.size());
  BOOST_TEST_REQUIRE(first.ok());
  std::string read(buffer.data(), *first);
  request_stop(2);
  while (true) {
    auto got = source->read(buffer.data(), buffer.size());
    BOOST_TEST_REQUIRE(got.ok());
    if (*got == 0) break;
    read.append(buffer.data(), *got);
  }
  BOOST_TEST(read.size() < text.size());
  BOOST_TEST(text.compare(0, read.size(), read) == 0);
}
