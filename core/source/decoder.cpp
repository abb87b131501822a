#include "source/decoder.hpp"

#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

#include <algorithm>
#include <climits>
#include <optional>
#include <string>

namespace errscope {

Compression detect_compression(std::string_view head) noexcept {
  if (head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1F &&
      static_cast<unsigned char>(head[1]) == 0x8B) {
    return Compression::gzip;
  }
  if (head.size() >= 4 && head.substr(0, 4) == std::string_view("\x28\xB5\x2F\xFD", 4)) {
    return Compression::zstd;
  }
  return Compression::none;
}

namespace {

std::string_view checker(std::string_view format) {
  return format == "gzip" ? "gzip -t" : "zstd -t";
}

Diagnostic corrupt(std::string_view format, std::string_view detail) {
  return Diagnostic{{},
                    "corrupt " + std::string(format) + " data: " + std::string(detail),
                    "check the file (e.g. `" + std::string(checker(format)) +
                        " FILE`); the lines decoded before this point were scanned"};
}

// Bytes after the last complete member or frame that do not start another one, at `offset` of
// the compressed file (gzip's words for it).
Diagnostic trailing_garbage(std::string_view format, std::uint64_t offset) {
  const std::string at = std::to_string(offset);
  return Diagnostic{{},
                    "decompression OK, trailing garbage ignored: the bytes from offset " + at +
                        " on are not " + std::string(format) + " data",
                    "every line before them was scanned; `head -c " + at +
                        " FILE` keeps only the complete " +
                        (format == "gzip" ? "members" : "frames")};
}

// What a decoder tells its caller once the bytes before a failure have been produced.
class PendingFailure {
 public:
  void set(Diagnostic failure) { m_failure = std::move(failure); }
  bool has_value() const noexcept { return m_failure.has_value(); }
  const Diagnostic& value() const { return *m_failure; }

 private:
  std::optional<Diagnostic> m_failure;
};

class GzipDecoder final : public Decoder {
 public:
  GzipDecoder() {
    m_stream.zalloc = Z_NULL;
    m_stream.zfree = Z_NULL;
    m_stream.opaque = Z_NULL;
    m_ok = inflateInit2(&m_stream, 16 + MAX_WBITS) == Z_OK;
  }
  ~GzipDecoder() override { inflateEnd(&m_stream); }

  Status decode(std::string_view in, char* out, std::size_t capacity, std::size_t& consumed,
                std::size_t& produced) override {
    consumed = 0;
    produced = 0;
    if (m_failure.has_value()) return m_failure.value();
    if (!m_ok) return corrupt("gzip", "zlib could not start");
    m_call_in = reinterpret_cast<const Bytef*>(in.data());
    m_stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    m_stream.avail_in = static_cast<uInt>(in.size());
    m_stream.next_out = reinterpret_cast<Bytef*>(out);
    // zlib counts in uInt: a buffer of 4 GiB or more (one huge line) is filled in several calls.
    capacity = std::min<std::size_t>(capacity, UINT_MAX);
    m_stream.avail_out = static_cast<uInt>(capacity);
    while (m_stream.avail_out > 0) {
      if (m_ended && !next_member()) break;
      const int result = inflate(&m_stream, Z_NO_FLUSH);
      if (result == Z_STREAM_END) {
        m_ended = true;
        continue;
      }
      if (result == Z_BUF_ERROR) break;  // needs more input (or more room)
      if (result != Z_OK) {
        m_failure.set(corrupt("gzip", m_stream.msg != nullptr ? m_stream.msg : "inflate failed"));
        break;
      }
      if (m_stream.avail_in == 0) break;
    }
    consumed = in.size() - m_stream.avail_in;
    produced = capacity - m_stream.avail_out;
    m_offset += consumed;
    m_pending = m_stream.avail_out == 0;
    if (m_failure.has_value() && produced == 0) return m_failure.value();
    return ok_status();
  }

  bool complete() const noexcept override { return m_ended; }
  bool has_pending_output() const noexcept override { return m_pending || m_failure.has_value(); }

 private:
  // After a member's end: starts the next member, skips zero padding, or fails on other bytes,
  // as gzip does. False when decoding must stop for now (more input needed, or a failure).
  bool next_member() {
    while (m_stream.avail_in > 0) {
      const Bytef* next = m_stream.next_in;
      if (m_zeros || next[0] == 0) {
        // Padding only if nothing but zeros follows: a block of zeros from a crash is common.
        if (!m_zeros) m_zeros_from = offset_of(next);
        m_zeros = true;
        const auto* end = next + m_stream.avail_in;
        if (std::find_if(next, end, [](Bytef byte) { return byte != 0; }) != end) {
          m_failure.set(trailing_garbage("gzip", m_zeros_from));
          return false;
        }
        m_stream.next_in += m_stream.avail_in;
        m_stream.avail_in = 0;
        return false;
      }
      if (next[0] != 0x1F || (m_stream.avail_in > 1 && next[1] != 0x8B)) {
        m_failure.set(trailing_garbage("gzip", offset_of(next)));
        return false;
      }
      if (m_stream.avail_in == 1) return false;  // the second magic byte comes with more input
      inflateReset(&m_stream);                   // another gzip member follows
      m_ended = false;
      return true;
    }
    return false;
  }

  // The offset in the compressed input of a byte of the current call's input.
  std::uint64_t offset_of(const Bytef* byte) const noexcept {
    return m_offset + static_cast<std::uint64_t>(byte - m_call_in);
  }

  z_stream m_stream{};
  bool m_ok = false;
  bool m_ended = false;
  bool m_zeros = false;            ///< only zeros followed the last member so far
  std::uint64_t m_zeros_from = 0;  ///< where they start in the compressed input
  bool m_pending = false;
  std::uint64_t m_offset = 0;        ///< compressed bytes consumed before this call
  const Bytef* m_call_in = nullptr;  ///< the first byte of this call's input
  PendingFailure m_failure;
};

class ZstdDecoder final : public Decoder {
 public:
  ZstdDecoder() : m_stream(ZSTD_createDStream()) {}
  ~ZstdDecoder() override { ZSTD_freeDStream(m_stream); }

  Status decode(std::string_view in, char* out, std::size_t capacity, std::size_t& consumed,
                std::size_t& produced) override {
    consumed = 0;
    produced = 0;
    if (m_failure.has_value()) return m_failure.value();
    if (m_stream == nullptr) return corrupt("zstd", "could not start");
    ZSTD_inBuffer input{in.data(), in.size(), 0};
    ZSTD_outBuffer output{out, capacity, 0};
    while (output.pos < output.size && (input.pos < input.size || m_pending)) {
      const std::size_t hint = ZSTD_decompressStream(m_stream, &output, &input);
      if (ZSTD_isError(hint)) {
        // A wrong magic number can only be where a frame should start: after the last complete
        // frame, bytes that start none are trailing garbage. Anything else is a damaged frame.
        m_failure.set(ZSTD_getErrorCode(hint) == ZSTD_error_prefix_unknown
                          ? trailing_garbage("zstd", m_frame_end)
                          : corrupt("zstd", ZSTD_getErrorName(hint)));
        break;
      }
      m_frame_done = hint == 0;
      if (m_frame_done) m_frame_end = m_offset + input.pos;
      m_pending = output.pos == output.size;
      if (!m_pending && input.pos == input.size) break;
    }
    consumed = input.pos;
    produced = output.pos;
    m_offset += consumed;
    m_pending = output.pos == output.size;
    if (m_failure.has_value() && produced == 0) return m_failure.value();
    return ok_status();
  }

  bool complete() const noexcept override { return m_frame_done; }
  bool has_pending_output() const noexcept override { return m_pending || m_failure.has_value(); }

 private:
  ZSTD_DStream* m_stream;
  bool m_frame_done = true;
  bool m_pending = false;
  std::uint64_t m_offset = 0;     ///< compressed bytes consumed before this call
  std::uint64_t m_frame_end = 0;  ///< where the last complete frame ends in the compressed input
  PendingFailure m_failure;
};

}  // namespace

std::unique_ptr<Decoder> make_gzip_decoder() {
  return std::make_unique<GzipDecoder>();
}
std::unique_ptr<Decoder> make_zstd_decoder() {
  return std::make_unique<ZstdDecoder>();
}

}  // namespace errscope
