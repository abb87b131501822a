#define BOOST_TEST_MODULE decoder
#include "source/decoder.hpp"

#include <unistd.h>

#include <lzma.h>

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <fstream>
#include <iterator>
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

// What `decoder` hands out when fed `in` in pieces of `piece` bytes with `room` bytes of output a
// call, as FileSource drives it (a piece is widened while the decoder takes none of it).
Decoded decode_in_pieces(Decoder& decoder, const std::string& in, std::size_t piece,
                         std::size_t room) {
  Decoded decoded;
  std::vector<char> buffer(room);
  std::size_t at = 0;
  std::size_t feed = piece;
  while (true) {
    const std::string_view window = std::string_view(in).substr(at, feed);
    std::size_t consumed = 0;
    std::size_t produced = 0;
    auto status = decoder.decode(window, buffer.data(), room, consumed, produced);
    if (!status.ok()) {
      decoded.failure = status.error();
      return decoded;
    }
    at += consumed;
    decoded.bytes.append(buffer.data(), produced);
    if (consumed == 0 && produced == 0) {
      if (at + feed < in.size()) {
        feed *= 2;
        continue;
      }
      if (!decoder.has_pending_output()) {
        if (at != in.size() || !decoder.complete()) decoded.failure = Diagnostic{{}, "truncated", ""};
        return decoded;
      }
    }
    feed = piece;
  }
}

// liblzma's own decode of `in` (LZMA_CONCATENATED: several streams and their padding), given
// `piece` bytes of input and `room` bytes of output a call, until its first error.
std::string liblzma_decode(const std::string& in, std::size_t piece, std::size_t room) {
  lzma_stream stream = LZMA_STREAM_INIT;
  if (lzma_stream_decoder(&stream, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK)
    throw std::runtime_error("lzma_stream_decoder");
  std::string out;
  std::vector<std::uint8_t> buffer(room);
  std::size_t at = 0;
  lzma_ret result = LZMA_OK;
  while (result == LZMA_OK) {
    const std::size_t size = std::min(piece, in.size() - at);
    stream.next_in = reinterpret_cast<const std::uint8_t*>(in.data()) + at;
    stream.avail_in = size;
    const lzma_action action = at + size == in.size() ? LZMA_FINISH : LZMA_RUN;
    do {
      stream.next_out = buffer.data();
      stream.avail_out = room;
      result = lzma_code(&stream, action);
      out.append(reinterpret_cast<const char*>(buffer.data()), room - stream.avail_out);
    } while (result == LZMA_OK && (stream.avail_out == 0 || stream.avail_in > 0));
    at += size;
  }
  lzma_end(&stream);
  return out;
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

// The fuzz finding tests/fuzz/seeds/decode/xz_damaged_second_stream.xz: the second stream's LZMA2
// chunk header says 10 compressed bytes, its data goes on for 184. liblzma checks a chunk's size
// only after each call, so the bytes it decodes past the chunk's end before failing depend on how
// much input and output room a call has: 522 bytes when given the whole file at once, 337 in pieces
// of 65 bytes. The Decoder hands out every byte the good part decodes to, and exactly what liblzma
// itself gives for the same pieces: nothing is lost on the way.
BOOST_AUTO_TEST_CASE(an_xz_stream_with_a_damaged_chunk_size_gives_what_liblzma_gives) {
  std::ifstream seed(std::string(ERRSCOPE_TESTDATA_DIR) +
                         "/../tests/fuzz/seeds/decode/xz_damaged_second_stream.xz",
                     std::ios::binary);
  BOOST_TEST_REQUIRE(seed.good());
  const std::string fuzz_input{std::istreambuf_iterator<char>(seed), {}};
  const std::string file = fuzz_input.substr(2);  // after the fuzz target's two option bytes

  const std::string first = numbered_lines(40);
  const std::string second_text = numbered_lines(30);
  std::string second = xz(second_text);
  // The chunk header after the stream header (12 bytes) and the block header: control byte,
  // uncompressed size, then the compressed size less one (big-endian), here made 10.
  const std::size_t chunk = 12 + (static_cast<unsigned char>(second[12]) + 1) * 4;
  BOOST_TEST_REQUIRE(static_cast<unsigned char>(second[chunk]) >= 0xE0);
  second[chunk + 3] = 0;
  second[chunk + 4] = 9;
  const std::string made = xz(first) + second;
  // Cut where the damaged chunk says it ends: what the good part of the file decodes to.
  const std::string good_part = made.substr(0, xz(first).size() + chunk + 6 + 10);

  for (const auto& [compressed, good_prefix] :
       {std::pair{file, liblzma_decode(file.substr(0, 260 + 12 + 12 + 6 + 10), 1 << 20, 1 << 20)},
        std::pair{made, liblzma_decode(good_part, 1 << 20, 1 << 20)}}) {
    BOOST_TEST_REQUIRE(good_prefix.size() > 300);
    const std::string whole = liblzma_decode(compressed, compressed.size(), 1 << 20);
    for (const std::size_t piece : {std::size_t{1}, std::size_t{7}, std::size_t{65}, std::size_t{1000}}) {
      for (const std::size_t room : {std::size_t{1}, std::size_t{17}, std::size_t{1025}}) {
        auto decoder = make_xz_decoder();
        const Decoded decoded = decode_in_pieces(*decoder, compressed, piece, room);
        const std::string context = "piece " + std::to_string(piece) + ", room " +
                                    std::to_string(room) + ": " +
                                    std::to_string(decoded.bytes.size()) + " bytes";
        BOOST_TEST(mentions(decoded.failure, "corrupt xz data"), context);
        BOOST_TEST((whole.compare(0, decoded.bytes.size(), decoded.bytes) == 0), context);
        BOOST_TEST(decoded.bytes.size() >= good_prefix.size(), context);
        BOOST_TEST(decoded.bytes.size() == liblzma_decode(compressed, piece, room).size(), context);
      }
    }
  }
}

// A damaged second stream fed in small pieces: every byte of the stream before it comes out,
// then the failure, in each format.
BOOST_AUTO_TEST_CASE(a_damaged_second_stream_in_pieces_keeps_the_first) {
  const std::string text = numbered_lines(60);
  const std::vector<std::pair<std::string, std::string>> formats{
      {"gzip", gzip(text)}, {"zstd", zstd(text)}, {"xz", xz(text)}, {"bzip2", bzip2(text)}};
  for (const auto& [format, compressed] : formats) {
    std::string damaged = compressed;
    damaged[damaged.size() / 2] ^= 0x55;
    for (const std::size_t piece : {std::size_t{1}, std::size_t{13}, std::size_t{4096}}) {
      auto decoder = format == "gzip"   ? make_gzip_decoder()
                     : format == "zstd" ? make_zstd_decoder()
                     : format == "xz"   ? make_xz_decoder()
                                        : make_bzip2_decoder();
      // zstd needs a block's room to finish a frame (see fuzz_decode.cpp).
      const Decoded decoded =
          decode_in_pieces(*decoder, compressed + damaged, piece, format == "zstd" ? 1 << 17 : 100);
      BOOST_TEST((decoded.bytes.substr(0, text.size()) == text), format << " piece " << piece);
      BOOST_TEST(decoded.failure.has_value(), format << " piece " << piece);
    }
  }
}

// A member header with every optional field (extra, name, comment, header CRC), split over calls
// at every byte: ISA-L 2.30's isal_inflate loses such a header's flags between calls (and read
// the name as deflate data), so the decoder reads the header itself. Damage to the header CRC
// fails as zlib words it.
BOOST_AUTO_TEST_CASE(a_member_header_with_every_field_decodes_when_split_anywhere) {
  const std::string text = numbered_lines(200);
  const std::string member = test::gzip_with_full_header(text);
  // FHCRC | FEXTRA | FNAME | FCOMMENT
  BOOST_TEST_REQUIRE(static_cast<unsigned char>(member[3]) == 0x1Eu);
  const std::string members = member + gzip(text) + member;
  for (const std::size_t piece : {1, 2, 3, 7, 11, 13, 29, 4096}) {
    for (const std::size_t room : {1, 100, 70000}) {
      auto decoder = make_gzip_decoder();
      const Decoded decoded = decode_in_pieces(*decoder, members, piece, room);
      BOOST_TEST(!decoded.failure.has_value(), "piece " << piece << " room " << room);
      BOOST_TEST((decoded.bytes == text + text + text), "piece " << piece << " room " << room);
    }
  }
  std::string bad_crc = member;
  const std::size_t crc_at = member.find("rotated by logrotate") + 21;  // after the comment's NUL
  bad_crc[crc_at] ^= 0x01;
  for (const std::size_t piece : {1, 5, 4096}) {
    auto decoder = make_gzip_decoder();
    const Decoded decoded = decode_in_pieces(*decoder, gzip(text) + bad_crc, piece, 1000);
    BOOST_TEST((decoded.bytes == text), "piece " << piece);
    BOOST_TEST_REQUIRE(decoded.failure.has_value(), "piece " << piece);
    BOOST_TEST(decoded.failure->reason == "corrupt gzip data: header crc mismatch");
  }
}

// Members back to back fed in pieces of every shape (ISA-L reads ahead, and gives bytes back at
// a member's end): each member comes out whole, and a damaged one fails after the members before
// it, however little room a call has.
BOOST_AUTO_TEST_CASE(members_fed_in_small_pieces_decode_whole) {
  const std::string first = numbered_lines(3);
  const std::string second = numbered_lines(4000);  // more than ISA-L decodes ahead (64 KiB)
  const std::string third = numbered_lines(17);
  const std::string members = gzip(first) + gzip(second) + gzip(third) + gzip(first);
  const std::string text = first + second + third + first;
  std::string damaged = gzip(second);
  damaged[damaged.size() / 2] ^= 0x55;
  for (const std::size_t piece : {1, 2, 5, 9, 17, 64, 1000}) {
    for (const std::size_t room : {1, 7, 100, 70000}) {
      auto decoder = make_gzip_decoder();
      const Decoded decoded = decode_in_pieces(*decoder, members, piece, room);
      BOOST_TEST(!decoded.failure.has_value(), "piece " << piece << " room " << room);
      BOOST_TEST((decoded.bytes == text), "piece " << piece << " room " << room);
      auto again = make_gzip_decoder();
      const Decoded cut = decode_in_pieces(*again, gzip(first) + gzip(third) + damaged, piece, room);
      BOOST_TEST((cut.bytes.substr(0, first.size() + third.size()) == first + third),
                 "piece " << piece << " room " << room);
      BOOST_TEST(cut.failure.has_value(), "piece " << piece << " room " << room);
    }
  }
}
