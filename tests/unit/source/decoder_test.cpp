#define BOOST_TEST_MODULE decoder
#include "source/decoder.hpp"

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "compress.hpp"
#include "lines/line_reader.hpp"
#include "source/file_source.hpp"
#include "temp_file.hpp"

using namespace errscope;
using test::gzip;
using test::bzip2;
using test::GzipEnd;
using test::xz;
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

// The signatures: xz's six bytes, bzip2's "BZh" with its block size and the magic after it (so a
// line starting "BZh9" is text); a file cut inside a signature counts as compressed.
BOOST_AUTO_TEST_CASE(xz_and_bzip2_are_told_by_their_magic_bytes) {
  const std::string text = numbered_lines(3);
  BOOST_TEST((detect_compression(xz(text)) == Compression::xz));
  BOOST_TEST((detect_compression(bzip2(text)) == Compression::bzip2));
  BOOST_TEST((detect_compression(bzip2("")) == Compression::bzip2));  // the end-of-stream magic
  BOOST_TEST((detect_compression("BZh9 is a line of text\n") == Compression::none));
  BOOST_TEST((detect_compression("BZh0\x31\x41\x59\x26\x53\x59") == Compression::none));
  BOOST_TEST((detect_compression(std::string("\xFD" "7zXZ\x01", 6)) == Compression::none));
  BOOST_TEST((detect_compression(xz(text).substr(0, 5)) == Compression::xz));
  BOOST_TEST((detect_compression(bzip2(text).substr(0, 6)) == Compression::bzip2));
  BOOST_TEST(compression_undecided(bzip2(text).substr(0, 9)));
  BOOST_TEST(!compression_undecided(bzip2(text).substr(0, 10)));
  BOOST_TEST(!compression_undecided("ok\n"));  // a short first line on a pipe is not held back
  BOOST_TEST(compression_undecided(""));
}

BOOST_AUTO_TEST_CASE(whole_and_concatenated_xz_and_bzip2_files_decode) {
  const std::string first = numbered_lines(500);
  const std::string second = numbered_lines(7);
  const std::vector<std::pair<std::string, std::string>> files{
      {xz(first), first},
      {xz(first) + xz(second), first + second},
      {xz(first) + std::string(8, '\0') + xz(second), first + second},  // stream padding
      {bzip2(first), first},
      {bzip2(first) + bzip2(second) + bzip2(""), first + second},
  };
  for (const std::size_t read_size : {std::size_t{5}, std::size_t{1} << 20}) {
    for (const auto& [compressed, text] : files) {
      const Decoded decoded = decode_file(compressed, read_size);
      BOOST_TEST(!decoded.failure.has_value());
      BOOST_TEST((decoded.bytes == text), "read size " << read_size);
    }
  }
}

// A cut xz file gives every byte before the cut (the partial last line too); a cut bzip2 file
// every block before the cut's block (here: the streams before it, as pbzip2 writes them).
BOOST_AUTO_TEST_CASE(truncated_xz_and_bzip2_files_give_what_precedes_the_cut) {
  const std::string text = numbered_lines(3000);
  const std::string whole = xz(text);
  const Decoded xz_cut = decode_file(whole.substr(0, whole.size() / 2));
  BOOST_TEST(xz_cut.bytes.size() > text.size() / 4);
  BOOST_TEST((xz_cut.bytes == text.substr(0, xz_cut.bytes.size())));
  BOOST_TEST(mentions(xz_cut.failure, "truncated xz file"));

  const std::string second = numbered_lines(40);
  const std::string both = bzip2(text) + bzip2(second);
  const Decoded bzip2_cut = decode_file(both.substr(0, both.size() - 20));
  BOOST_TEST((bzip2_cut.bytes == text));
  BOOST_TEST(mentions(bzip2_cut.failure, "truncated bzip2 file"));
  // Cut inside the header of the second stream.
  const Decoded header_cut = decode_file(bzip2(text) + "BZh");
  BOOST_TEST((header_cut.bytes == text));
  BOOST_TEST(mentions(header_cut.failure, "truncated bzip2 file"));
}

BOOST_AUTO_TEST_CASE(corrupt_xz_and_bzip2_data_fail_after_the_streams_before_it) {
  const std::string text = numbered_lines(20);
  std::string damaged_xz = xz(text);
  damaged_xz[damaged_xz.size() / 2] ^= 0x55;
  const Decoded from_xz = decode_file(xz(text) + damaged_xz);
  BOOST_TEST(from_xz.bytes.substr(0, text.size()) == text);
  BOOST_TEST(mentions(from_xz.failure, "corrupt xz data"), from_xz.failure->reason);

  std::string damaged_bzip2 = bzip2(text);
  damaged_bzip2[damaged_bzip2.size() / 2] ^= 0x55;
  const Decoded from_bzip2 = decode_file(bzip2(text) + damaged_bzip2);
  BOOST_TEST(from_bzip2.bytes.substr(0, text.size()) == text);
  BOOST_TEST(mentions(from_bzip2.failure, "corrupt bzip2 data"), from_bzip2.failure->reason);
}

// After the last stream: xz takes NUL padding in multiples of 4; anything else, and for bzip2
// anything at all, is trailing garbage at the end of the last complete stream.
BOOST_AUTO_TEST_CASE(garbage_after_xz_and_bzip2_streams_keeps_every_stream) {
  const std::string text = numbered_lines(20);
  const Decoded padded = decode_file(xz(text) + std::string(4096, '\0'));
  BOOST_TEST((padded.bytes == text));
  BOOST_TEST(!padded.failure.has_value());
  for (const std::string& garbage :
       {std::string("GARBAGE"), std::string("\0\0\0\0GARBAGE", 11), std::string("\0\0x", 3),
        std::string("\xFD" "7zXY", 5)}) {
    const Decoded decoded = decode_file(xz(text) + xz(text) + garbage);
    BOOST_TEST((decoded.bytes == text + text));
    const std::string offset = std::to_string(2 * xz(text).size());
    BOOST_TEST(mentions(decoded.failure, "trailing garbage ignored: the bytes from offset " +
                                             offset + " on are not xz data"),
               garbage.size());
  }
  for (const std::string& garbage :
       {std::string("GARBAGE"), std::string(4096, '\0'), std::string("BZh0")}) {
    const Decoded decoded = decode_file(bzip2(text) + bzip2(text) + garbage);
    BOOST_TEST((decoded.bytes == text + text));
    const std::string offset = std::to_string(2 * bzip2(text).size());
    BOOST_TEST(mentions(decoded.failure, "trailing garbage ignored: the bytes from offset " +
                                             offset + " on are not bzip2 data"),
               garbage.size());
  }
}
