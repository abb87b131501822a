#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "util/result.hpp"

namespace errscope {

/// The compression of an input, told by its first bytes.
enum class Compression { none, gzip, zstd, xz, bzip2 };

/// How many first bytes of an input detect_compression needs at most (bzip2's header and the
/// magic of its first block).
inline constexpr std::size_t k_compression_head = 10;

/// What the first bytes of an input (all of it when it is shorter than k_compression_head) say
/// about its compression. An input that ends inside a signature of at least 4 bytes (an xz or
/// bzip2 file cut there) counts as compressed, so that it is reported as truncated.
Compression detect_compression(std::string_view head) noexcept;
/// Whether more bytes after `head` could change what detect_compression says: `head` is shorter
/// than k_compression_head and agrees with a signature so far.
bool compression_undecided(std::string_view head) noexcept;

/// Turns a compressed byte stream into the original bytes, piece by piece.
class Decoder {
 public:
  virtual ~Decoder() = default;

  /// Decodes from `in` into `out`. `consumed` is how much of `in` was used, `produced` how much
  /// of `out` was filled. Damage (corrupt data, bytes after the last member or frame that are
  /// not another one) fails, but only after every byte decoded before it has been produced: a
  /// call that produced bytes succeeds, and the next one fails.
  virtual Status decode(std::string_view in, char* out, std::size_t capacity, std::size_t& consumed,
                        std::size_t& produced) = 0;
  /// Whether the compressed stream ended at a frame boundary (a truncated file did not).
  virtual bool complete() const noexcept = 0;
  /// Whether a call without more input still has something to give: output pending inside the
  /// decoder, or the failure that follows the bytes already produced.
  virtual bool has_pending_output() const noexcept = 0;
};

/// The library that decodes gzip in this build: ISA-L's inflate, or zlib where ISA-L was not
/// found at build time (or the build is static).
enum class GzipLibrary { isal, zlib };
GzipLibrary gzip_library() noexcept;

/// A decoder for gzip (several members back to back, as `cat a.gz b.gz`, included). As `gzip -d`
/// does, zero bytes after the last member (padding) are ignored, and other bytes there fail with
/// "decompression OK, trailing garbage ignored". A truncated member gives every byte before the
/// cut; of a corrupt one, zlib gives every byte before the damage, ISA-L (which decodes several
/// symbols at once and checks the codes of a block less) may give a few bytes more or fewer.
std::unique_ptr<Decoder> make_gzip_decoder();
/// A decoder for zstd (several frames back to back, skippable frames included). As `zstd -d`
/// does, bytes after the last frame that do not start a frame (zero padding too) fail.
std::unique_ptr<Decoder> make_zstd_decoder();
/// A decoder for xz (several streams back to back, as `cat a.xz b.xz`, included). As `xz -d`
/// does, NUL bytes after a stream are padding when they come in multiples of 4, and other bytes
/// there fail as trailing garbage.
std::unique_ptr<Decoder> make_xz_decoder();
/// A decoder for bzip2 (several streams back to back, as `cat a.bz2 b.bz2` and pbzip2 or lbzip2
/// write, included). As `bzip2 -d` does, bytes after the last stream that do not start another
/// one (zero padding too) fail as trailing garbage; a stream's data is decoded a block (100 to
/// 900 kB of text) at a time, so a cut or damaged block gives none of its bytes.
std::unique_ptr<Decoder> make_bzip2_decoder();

}  // namespace errscope
