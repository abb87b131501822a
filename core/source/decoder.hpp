#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "util/result.hpp"

namespace errscope {

/// The compression of an input, told by its first bytes.
enum class Compression { none, gzip, zstd };

/// What the first bytes of an input say about its compression.
Compression detect_compression(std::string_view head) noexcept;

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

/// A decoder for gzip (several members back to back, as `cat a.gz b.gz`, included). As `gzip -d`
/// does, zero bytes after the last member (padding) are ignored, and other bytes there fail with
/// "decompression OK, trailing garbage ignored".
std::unique_ptr<Decoder> make_gzip_decoder();
/// A decoder for zstd (several frames back to back, skippable frames included). As `zstd -d`
/// does, bytes after the last frame that do not start a frame (zero padding too) fail.
std::unique_ptr<Decoder> make_zstd_decoder();

}  // namespace errscope
