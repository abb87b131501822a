#define BOOST_TEST_MODULE decoder
#include "source/decoder.hpp"

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "compress.hpp"
#include "lines/line_reader.hpp"
#include "source/file_source.hpp"
#include "temp_file.hpp"

using namespace errscope;
using test::gzip;
using test::GzipEnd;
using test::zstd;

namespace {

std::string numbered_lines(int count) {
  std::string text;
  for (int i = 1; i <= count; ++i) text += std::to_string(i) + " BackMsg_16 a line of the log\n";
  return text;
}

// What a read of the whole file gives: its bytes, and the failure at the end if any.
struct Decoded {
  std::string bytes;
  std::optional<Diagnostic> failure;
};

Decoded decode_file(const std::string& compressed, std::size_t read_size = 1 << 20) {
  const test::TempFile file(compressed);
  auto source = FileSource::open(file.path());
  if (!source.ok()) throw std::runtime_error(source.error().reason);
  Decoded decoded;
  std::vector<char> buffer(read_size);
  while (true) {
    auto got = source->read(buffer.data(), buffer.size());
    if (!got.ok()) {
      decoded.failure = got.error();
      break;
    }
    if (*got == 0) break;
    decoded.bytes.append(buffer.data(), *got);
  }
  return decoded;
}

bool mentions(const std::optional<Diagnostic>& failure, const std::string& words) {
  return failure && failure->reason.find(words) != std::string::npos;
}

}  // namespace

// The bytes of a complete member come out even when garbage follows it in the same read: before,
// the failure on the garbage dropped everything decoded in that read (all of a small file).
BOOST_AUTO_TEST_CASE(garbage_after_a_gzip_member_keeps_every_decoded_byte) {
  const std::string text = numbered_lines(20);
  for (const std::string& garbage : {std::string("GARBAGE"), std::string("\x1f\x8c", 2),
                                     std::string("\0\0\0x", 4), std::string("\x1f", 1) + "junk"}) {
    const Decoded decoded = decode_file(gzip(text) + gzip(text) + garbage);
    BOOST_TEST(decoded.bytes == text + text);
    BOOST_TEST(mentions(decoded.failure, "trailing garbage ignored"));
    const std::string offset = std::to_string(2 * gzip(text).size());
    BOOST_TEST(mentions(decoded.failure, "offset " + offset), decoded.failure->reason);
  }
}

// Zero padding after the last member (a crash's leftover) is ignored, as gzip does.
BOOST_AUTO_TEST_CASE(zero_padding_after_a_gzip_member_is_ignored) {
  const std::string text = numbered_lines(50);
  for (const std::size_t zeros : {std::size_t{1}, std::size_t{4096}, std::size_t{300000}}) {
    const Decoded decoded = decode_file(gzip(text) + std::string(zeros, '\0'));
    BOOST_TEST(decoded.bytes == text);
    BOOST_TEST(!decoded.failure.has_value(), zeros << " zeros");
  }
}

// A large file whose trailing garbage comes in a later read: every line is kept (the 20 MB file of
// the report lost its last 1,858 lines).
BOOST_AUTO_TEST_CASE(garbage_after_a_large_gzip_file_keeps_its_end) {
  const std::string text = numbered_lines(200000);
  for (const std::size_t read_size : {std::size_t{4096}, std::size_t{1} << 20}) {
    const Decoded decoded = decode_file(gzip(text) + "GARBAGE", read_size);
    BOOST_TEST(decoded.bytes.size() == text.size());
    BOOST_TEST((decoded.bytes == text));
    BOOST_TEST(mentions(decoded.failure, "trailing garbage ignored"));
  }
}

// Damage inside the data (here the member's CRC) fails after every byte decoded before it.
BOOST_AUTO_TEST_CASE(a_corrupt_gzip_trailer_fails_after_the_data) {
  const std::string text = numbered_lines(20);
  std::string compressed = gzip(text);
  compressed[compressed.size() - 6] ^= 0x55;  // inside the CRC-32
  const Decoded decoded = decode_file(compressed);
  BOOST_TEST(decoded.bytes == text);
  BOOST_TEST(mentions(decoded.failure, "corrupt gzip data"));
}

// A file cut short: everything before the cut comes out, the last partial line included (through
// the line reader), then the failure.
BOOST_AUTO_TEST_CASE(a_truncated_gzip_file_gives_every_line_before_the_cut) {
  const std::string text = numbered_lines(3) + "4 BackMsg_17[cut";
  const Decoded decoded = decode_file(gzip(text, GzipEnd::sync_only));
  BOOST_TEST(decoded.bytes == text);
  BOOST_TEST(mentions(decoded.failure, "truncated gzip file"));

  const test::TempFile file(gzip(text, GzipEnd::sync_only));
  auto source = FileSource::open(file.path());
  BOOST_TEST_REQUIRE(source.ok());
  LineReader reader(*source);
  std::string lines;
  bool failed = false;
  while (true) {
    auto block = reader.next_block();
    if (!block.ok()) {
      failed = true;
      break;
    }
    if (!block->has_value()) break;
    lines += (*block)->text;
  }
  BOOST_TEST(lines == text);
  BOOST_TEST(failed);
}

BOOST_AUTO_TEST_CASE(garbage_or_zeros_after_a_zstd_frame_keep_every_frame) {
  const std::string text = numbered_lines(20);
  for (const std::string& garbage :
       {std::string("GARBAGE"), std::string(4096, '\0'), std::string("GA")}) {
    const Decoded decoded = decode_file(zstd(text) + zstd(text) + garbage);
    BOOST_TEST(decoded.bytes == text + text);
    BOOST_TEST(mentions(decoded.failure, "trailing garbage ignored"), garbage.size());
  }
  // A skippable frame between frames is no garbage.
  const std::string skippable = std::string("\x50\x2A\x4D\x18\x03\x00\x00\x00", 8) + "abc";
  const Decoded decoded = decode_file(zstd(text) + skippable + zstd(text));
  BOOST_TEST(decoded.bytes == text + text);
  BOOST_TEST(!decoded.failure.has_value());
}

BOOST_AUTO_TEST_CASE(a_corrupt_zstd_frame_fails_after_the_frames_before_it) {
  const std::string text = numbered_lines(20);
  std::string second = zstd(text);
  second[second.size() - 2] ^= 0x55;  // inside the checksum
  const Decoded decoded = decode_file(zstd(text) + second);
  BOOST_TEST(decoded.bytes.substr(0, text.size()) == text);  // zstd holds the damaged block back
  BOOST_TEST(mentions(decoded.failure, "corrupt zstd data"));
}
