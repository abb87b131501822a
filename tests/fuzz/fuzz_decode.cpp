// The gzip, zstd, xz and bzip2 decoders, fed in pieces of fuzzed sizes, and FileSource over an in-memory file.
//
// Input: two option bytes, then the compressed bytes. Byte 0: the size of the pieces fed to the
// decoder (1 + byte); byte 1: the room given for output (1 + 16 × byte).
//
// Oracles: a reference decode with zlib/libzstd/liblzma/libbz2 directly (members, frames and
// streams back to back, stopping at the first error; for xz, liblzma's LZMA_CONCATENATED) gives the bytes the stream holds before any damage. The Decoder and FileSource
// agree with it on every byte they hand out; hand out all of it for a whole stream; fail on a damaged
// or truncated stream instead of ending quietly; and hand out every byte decoded before the damage
// (for zstd, whose damaged block comes out or not depending on the buffers, every byte of the whole
// frames before it; for xz, at least what liblzma gives for the same pieces). Without a magic number
// FileSource hands the bytes out unchanged.

#include <bzlib.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"
#include "source/decoder.hpp"
#include "source/file_source.hpp"

namespace {

using namespace errscope;
using errscope::fuzz::check;

/// Output beyond this is not compared (a small input can inflate to gigabytes).
constexpr std::size_t k_max_output = 8 << 20;

struct Decoded {
  std::string bytes;
  bool damaged = false;  ///< corrupt or truncated before the end of the input
  bool capped = false;   ///< stopped at k_max_output
  bool truncated = false;  ///< (gzip) the damage is the input's end: no corrupt byte before it
  /// Bytes of the whole members or frames before the damage: these decode the same whatever the
  /// buffer sizes (how much of a damaged zstd block comes out depends on them).
  std::size_t whole = 0;
};

Decoded reference_gzip(std::string_view in) {
  Decoded out;
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) fuzz::fail("inflateInit2");
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  stream.avail_in = static_cast<uInt>(in.size());
  std::vector<char> buffer(1 << 16);
  while (true) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer.data());
    stream.avail_out = static_cast<uInt>(buffer.size());
    const int result = inflate(&stream, Z_NO_FLUSH);
    out.bytes.append(buffer.data(), buffer.size() - stream.avail_out);
    if (out.bytes.size() >= k_max_output) {
      out.capped = true;
      break;
    }
    if (result == Z_STREAM_END) {
      out.whole = out.bytes.size();
      if (stream.avail_in == 0) break;
      // Zero bytes after a whole member are padding, as gzip takes them (no error).
      const std::string_view rest(reinterpret_cast<const char*>(stream.next_in), stream.avail_in);
      if (rest.find_first_not_of('\0') == std::string_view::npos) break;
      inflateReset(&stream);
      continue;
    }
    if (result == Z_OK) continue;
    out.damaged = true;  // Z_BUF_ERROR with no input left: truncated; anything else: corrupt
    out.truncated = result == Z_BUF_ERROR && stream.avail_in == 0;
    break;
  }
  inflateEnd(&stream);
  return out;
}

Decoded reference_zstd(std::string_view in) {
  Decoded out;
  if (in.empty()) return out;  // no frame at all: nothing is cut short
  ZSTD_DStream* stream = ZSTD_createDStream();
  ZSTD_inBuffer input{in.data(), in.size(), 0};
  std::vector<char> buffer(ZSTD_DStreamOutSize());
  std::size_t hint = 0;
  while (true) {
    ZSTD_outBuffer output{buffer.data(), buffer.size(), 0};
    hint = ZSTD_decompressStream(stream, &output, &input);
    if (ZSTD_isError(hint)) {
      out.damaged = true;
      break;
    }
    out.bytes.append(buffer.data(), output.pos);
    if (hint == 0) out.whole = out.bytes.size();
    if (out.bytes.size() >= k_max_output) {
      out.capped = true;
      break;
    }
    if (input.pos == input.size && output.pos < output.size) {
      out.damaged = hint != 0;  // the input ended inside a frame
      break;
    }
  }
  ZSTD_freeDStream(stream);
  return out;
}

// liblzma's own reading of concatenated streams and their padding, told the input ends with it,
// given `piece` bytes of input and `room` bytes of output a call (all of it and 64 KiB by default).
Decoded reference_xz(std::string_view in, std::size_t piece = SIZE_MAX,
                     std::size_t room = 1 << 16) {
  Decoded out;
  lzma_stream stream = LZMA_STREAM_INIT;
  if (lzma_stream_decoder(&stream, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK) {
    fuzz::fail("lzma_stream_decoder");
  }
  std::vector<char> buffer(room);
  std::size_t at = 0;
  while (true) {
    const std::size_t size = std::min(piece, in.size() - at);
    stream.next_in = reinterpret_cast<const std::uint8_t*>(in.data()) + at;
    stream.avail_in = size;
    at += size;
    const lzma_action action = at == in.size() ? LZMA_FINISH : LZMA_RUN;
    lzma_ret result = LZMA_OK;
    do {
      stream.next_out = reinterpret_cast<std::uint8_t*>(buffer.data());
      stream.avail_out = buffer.size();
      result = lzma_code(&stream, action);
      out.bytes.append(buffer.data(), buffer.size() - stream.avail_out);
    } while (result == LZMA_OK && out.bytes.size() < k_max_output &&
             (stream.avail_out == 0 || stream.avail_in > 0 || action == LZMA_FINISH));
    if (out.bytes.size() >= k_max_output) {
      out.capped = true;
      break;
    }
    if (result == LZMA_STREAM_END) {
      out.whole = out.bytes.size();
      break;
    }
    if (result == LZMA_OK) continue;
    out.damaged = true;  // LZMA_BUF_ERROR: truncated; anything else: corrupt or garbage
    break;
  }
  lzma_end(&stream);
  return out;
}

// libbz2's streams one after the other; bytes after a stream that start none are damage (errscope
// reports them as trailing garbage).
Decoded reference_bzip2(std::string_view in) {
  Decoded out;
  bz_stream stream{};
  if (BZ2_bzDecompressInit(&stream, 0, 0) != BZ_OK) fuzz::fail("BZ2_bzDecompressInit");
  stream.next_in = const_cast<char*>(in.data());
  stream.avail_in = static_cast<unsigned int>(in.size());
  std::vector<char> buffer(1 << 16);
  while (true) {
    stream.next_out = buffer.data();
    stream.avail_out = static_cast<unsigned int>(buffer.size());
    const unsigned int offered = stream.avail_in;
    const int result = BZ2_bzDecompress(&stream);
    const bool progress = stream.avail_in != offered || stream.avail_out != buffer.size();
    out.bytes.append(buffer.data(), buffer.size() - stream.avail_out);
    if (out.bytes.size() >= k_max_output) {
      out.capped = true;
      break;
    }
    if (result == BZ_STREAM_END) {
      out.whole = out.bytes.size();
      if (stream.avail_in == 0) break;
      char* rest = stream.next_in;
      const unsigned int rest_size = stream.avail_in;
      BZ2_bzDecompressEnd(&stream);
      stream = bz_stream{};
      if (BZ2_bzDecompressInit(&stream, 0, 0) != BZ_OK) fuzz::fail("BZ2_bzDecompressInit");
      stream.next_in = rest;
      stream.avail_in = rest_size;
      continue;
    }
    if (result == BZ_OK && progress) continue;
    out.damaged = true;  // BZ_OK without progress: truncated; anything else: corrupt
    break;
  }
  BZ2_bzDecompressEnd(&stream);
  return out;
}

/// Drives a Decoder as a reader would: pieces of at most `piece` input bytes (more when it makes
/// no progress), `room` bytes of output a call.
Decoded drive(Decoder& decoder, std::string_view in, std::size_t piece, std::size_t room) {
  Decoded out;
  std::vector<char> buffer(room);
  std::size_t at = 0;
  std::size_t feed = piece;
  while (true) {
    const std::string_view window = in.substr(at, std::min(feed, in.size() - at));
    std::size_t consumed = 0;
    std::size_t produced = 0;
    if (!decoder.decode(window, buffer.data(), room, consumed, produced).ok()) {
      out.damaged = true;
      break;
    }
    check(consumed <= window.size() && produced <= room, "a decoder reports more than it had");
    at += consumed;
    out.bytes.append(buffer.data(), produced);
    if (out.bytes.size() >= k_max_output) {
      out.capped = true;
      break;
    }
    if (consumed == 0 && produced == 0) {
      if (at + feed < in.size()) {
        feed *= 2;  // needs more input at once
        continue;
      }
      if (at == in.size() && !decoder.has_pending_output()) {
        out.damaged = !decoder.complete();
        break;
      }
      if (window.size() == in.size() - at && !decoder.has_pending_output()) {
        out.damaged = true;  // all the input offered, nothing taken
        break;
      }
    }
    feed = piece;
  }
  return out;
}

Decoded read_source(const std::string& path, std::size_t room) {
  Decoded out;
  auto source = FileSource::open(path);
  check(source.ok(), "a memfd does not open");
  std::vector<char> buffer(room);
  while (true) {
    auto got = source->read(buffer.data(), room);
    if (!got.ok()) {
      out.damaged = true;
      break;
    }
    if (*got == 0) break;
    out.bytes.append(buffer.data(), *got);
    if (out.bytes.size() >= k_max_output) {
      out.capped = true;
      break;
    }
  }
  return out;
}

/// Whether `in` holds the magic number of a legacy zstd frame (formats v0.1 to v0.7, before
/// zstd 1.0). libzstd decodes one of those only when it gets its header whole: fed in small pieces
/// it reports an error. errscope detects only the zstd 1.x magic, so the zstd oracles do not
/// apply (reproducer: tests/fuzz/seeds/decode/zstd_legacy_magic_pieces.zst, found by this target).
bool holds_legacy_zstd_magic(std::string_view in) {
  for (std::size_t at = in.find("\xB5\x2F\xFD", 1); at != std::string_view::npos;
       at = in.find("\xB5\x2F\xFD", at + 1)) {
    const auto version = static_cast<unsigned char>(in[at - 1]);
    if (version == 0x1E || (version >= 0x22 && version <= 0x27)) return true;
  }
  return false;
}

/// Whether how much of a damaged member or frame decodes is fixed (zlib decodes symbol by symbol
/// into its window) or depends on the buffers (libzstd decodes a block at once; libbz2 finds some
/// damage in a block while handing its bytes out; liblzma checks an LZMA2 chunk's size after a call).
/// last_literals: fixed, but ISA-L looks up to 3 literals up at once, so at a cut the last one or
/// two whose bits are all there stay undecoded when the lookup's bits are not. lenient_codes:
/// varies, and a stream zlib refuses for a Huffman code set it checks more strictly (an incomplete
/// distance code) may decode whole with ISA-L, which then has checked its CRC-32 and length.
enum class PartialDamage { fixed, last_literals, varies, lenient_codes };
/// How many bytes short of zlib ISA-L may stop at a cut (see PartialDamage::last_literals).
constexpr std::size_t k_isal_cut_literals = 2;

/// `got` is what a reader of `expected`'s stream handed out.
void compare(const Decoded& got, const Decoded& expected, const char* name, PartialDamage partial) {
  const std::string who = std::string(name) + ": handed out " + std::to_string(got.bytes.size()) +
                          (got.damaged ? " bytes, then an error" : " bytes") + "; the stream holds " +
                          std::to_string(expected.bytes.size()) +
                          (expected.damaged ? " bytes before damage" : " bytes");
  const std::size_t shown = std::min(got.bytes.size(), expected.bytes.size());
  check(got.bytes.compare(0, shown, expected.bytes, 0, shown) == 0,
        "a decoder hands out bytes the stream does not hold", who);
  if (got.capped || expected.capped) return;
  if (partial == PartialDamage::lenient_codes && expected.damaged && !got.damaged) return;
  if (partial == PartialDamage::fixed || partial == PartialDamage::last_literals ||
      !expected.damaged) {
    check(got.bytes.size() <= expected.bytes.size(),
          "a decoder hands out more bytes than the stream holds", who);
  }
  if (!expected.damaged) {
    check(!got.damaged, "a whole stream fails to decode", who);
    check(got.bytes.size() == expected.bytes.size(), "a whole stream decodes short", who);
    return;
  }
  check(got.damaged, "a damaged or truncated stream decodes without an error", who);
  check(got.bytes.size() >= expected.whole,
        "bytes of whole members or frames before the damage are not handed out", who);
  if (partial == PartialDamage::fixed) {
    check(got.bytes.size() == expected.bytes.size(),
          "bytes decoded before the damage are not handed out", who);
  }
  if (partial == PartialDamage::last_literals) {
    check(got.bytes.size() + k_isal_cut_literals >= expected.bytes.size(),
          "bytes decoded before the cut are not handed out", who);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const std::size_t piece = 1 + data[0];
  const std::size_t room = 1 + 16 * static_cast<std::size_t>(data[1]);
  const std::string_view in(reinterpret_cast<const char*>(data) + 2, size - 2);

  const Decoded gzip = reference_gzip(in);
  const Decoded zstd = reference_zstd(in);
  // ISA-L decodes several literals at once and checks a block's codes less than zlib: of a
  // corrupt member it may give a few bytes more or fewer than zlib (or all of it, its checksum
  // right, when only a code set zlib refuses was wrong), of a cut one at most
  // k_isal_cut_literals fewer.
  const PartialDamage gzip_partial = gzip_library() == GzipLibrary::zlib ? PartialDamage::fixed
                                     : gzip.truncated ? PartialDamage::last_literals
                                                      : PartialDamage::lenient_codes;
  compare(drive(*make_gzip_decoder(), in, piece, room), gzip, "gzip Decoder", gzip_partial);
  // libzstd 1.5.4 can stop short of a frame's end (an RLE last block, a window descriptor of
  // 1 KiB) when each call has only a few bytes of output room, and never says the frame is
  // complete: errscope reads with 1 MiB buffers, so zstd is driven with at least a block's room
  // (reproducer: tests/fuzz/seeds/decode/zstd_rle_small_room.zst, found by this target).
  const std::size_t zstd_room = std::max<std::size_t>(room, ZSTD_BLOCKSIZE_MAX);
  const bool zstd_applies = !holds_legacy_zstd_magic(in);
  if (zstd_applies) {
    compare(drive(*make_zstd_decoder(), in, piece, zstd_room), zstd, "zstd Decoder",
            PartialDamage::varies);
  }

  // liblzma checks an LZMA2 chunk's compressed size only after each call: past a damaged size,
  // how much it decodes before failing depends on the input and room a call has (522 bytes at
  // once, 337 in pieces of 65: tests/fuzz/seeds/decode/xz_damaged_second_stream.xz, found by this
  // target). The Decoder hands out at most what liblzma gives at once, at least what it gives for
  // the same pieces.
  const Decoded xz = reference_xz(in);
  const Decoded xz_decoded = drive(*make_xz_decoder(), in, piece, room);
  compare(xz_decoded, xz, "xz Decoder", PartialDamage::varies);
  check(xz_decoded.capped || xz_decoded.bytes.size() <= xz.bytes.size(),
        "the xz Decoder hands out more than liblzma decodes at once");
  const Decoded xz_in_pieces = reference_xz(in, piece, room);
  check(xz_decoded.capped || xz_in_pieces.capped ||
            xz_decoded.bytes.size() >= xz_in_pieces.bytes.size(),
        "the xz Decoder hands out less than liblzma does for the same pieces");
  const Decoded bzip2 = reference_bzip2(in);
  // libbz2 finds some damage inside a block (an index past the block) at a point that depends on
  // the output room, after handing out a varying part of that block's bytes (reproducer:
  // tests/fuzz/seeds/decode/bzip2_damage_point_varies.bz2, found by this target).
  compare(drive(*make_bzip2_decoder(), in, piece, room), bzip2, "bzip2 Decoder",
          PartialDamage::varies);

  fuzz::MemoryFile file(in);
  const Decoded read =
      read_source(file.path(), detect_compression(in) == Compression::zstd ? zstd_room : room);
  switch (detect_compression(in)) {
    case Compression::gzip:
      compare(read, gzip, "FileSource (gzip)", gzip_partial);
      break;
    case Compression::zstd:
      if (zstd_applies) compare(read, zstd, "FileSource (zstd)", PartialDamage::varies);
      break;
    case Compression::xz:
      compare(read, xz, "FileSource (xz)", PartialDamage::varies);
      check(read.capped || read.bytes.size() >= reference_xz(in, 1 << 17, room).bytes.size(),
            "FileSource (xz) hands out less than liblzma does for its reads");
      break;
    case Compression::bzip2:
      compare(read, bzip2, "FileSource (bzip2)", PartialDamage::varies);
      break;
    case Compression::none:
      check(!read.damaged && read.bytes == in, "FileSource changes uncompressed bytes");
      break;
  }
  return 0;
}
