#include "source/decoder.hpp"

#include <bzlib.h>
#include <lzma.h>
#if ERRSCOPE_HAVE_ISAL
#include <isa-l/igzip_lib.h>
#else
#include <zlib.h>
#endif
#include <zstd.h>
#include <zstd_errors.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

namespace errscope {

namespace {

constexpr std::string_view k_gzip_magic("\x1F\x8B", 2);
constexpr std::string_view k_zstd_magic("\x28\xB5\x2F\xFD", 4);
constexpr std::string_view k_xz_magic("\xFD" "7zXZ\x00", 6);
constexpr std::string_view k_bzip2_block_magic("\x31\x41\x59\x26\x53\x59", 6);
constexpr std::string_view k_bzip2_end_magic("\x17\x72\x45\x38\x50\x90", 6);

// Whether `head` and `magic` agree on the bytes both have.
bool agrees(std::string_view head, std::string_view magic) noexcept {
  const std::size_t size = std::min(head.size(), magic.size());
  return head.substr(0, size) == magic.substr(0, size);
}

// "BZh", the block size '1' to '9', then the magic of the first block or of the stream's end.
bool bzip2_agrees(std::string_view head) noexcept {
  if (!agrees(head, "BZh")) return false;
  if (head.size() > 3 && (head[3] < '1' || head[3] > '9')) return false;
  if (head.size() <= 4) return true;
  const std::string_view rest = head.substr(4);
  return agrees(rest, k_bzip2_block_magic) || agrees(rest, k_bzip2_end_magic);
}

}  // namespace

Compression detect_compression(std::string_view head) noexcept {
  if (head.size() >= k_gzip_magic.size() && agrees(head, k_gzip_magic)) return Compression::gzip;
  if (head.size() >= k_zstd_magic.size() && agrees(head, k_zstd_magic)) return Compression::zstd;
  if (head.size() >= 4 && agrees(head, k_xz_magic)) return Compression::xz;
  if (head.size() >= 4 && bzip2_agrees(head)) return Compression::bzip2;
  return Compression::none;
}

bool compression_undecided(std::string_view head) noexcept {
  if (head.size() >= k_compression_head) return false;
  return (head.size() < k_gzip_magic.size() && agrees(head, k_gzip_magic)) ||
         (head.size() < k_zstd_magic.size() && agrees(head, k_zstd_magic)) ||
         (head.size() < k_xz_magic.size() && agrees(head, k_xz_magic)) || bzip2_agrees(head);
}

namespace {

// The command that tests a file of `format`, and what its complete parts are called.
std::string checker(std::string_view format) {
  return std::string(format) + " -t";
}
std::string_view parts_of(std::string_view format) {
  if (format == "gzip") return "members";
  if (format == "zstd") return "frames";
  return "streams";
}

Diagnostic corrupt(std::string_view format, std::string_view detail) {
  return Diagnostic{{},
                    "corrupt " + std::string(format) + " data: " + std::string(detail),
                    "check the file (e.g. `" + checker(format) +
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
                        std::string(parts_of(format))};
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

// What every decoder keeps between calls: the compressed bytes consumed before the call, whether
// output waits in the library's buffers, and a failure held back until the bytes before it are out.
class StreamDecoder : public Decoder {
 public:
  bool has_pending_output() const noexcept override { return m_pending || m_failure.has_value(); }

 protected:
  // Ends a decode() call that consumed and produced so many bytes and filled (or not) the output.
  Status end_call(std::size_t consumed, std::size_t produced, bool output_full) {
    m_offset += consumed;
    m_pending = output_full;
    if (m_failure.has_value() && produced == 0) return m_failure.value();
    return ok_status();
  }

  bool m_pending = false;
  std::uint64_t m_offset = 0;  ///< compressed bytes consumed before this call
  PendingFailure m_failure;
};

#if ERRSCOPE_HAVE_ISAL

// Bytes kept before ISA-L's read position: more than it can give back at a member's end (the
// whole bytes of its 64-bit bit buffer).
constexpr std::size_t k_gzip_kept = 16;
// The compressed bytes the ISA-L decoder holds at once.
constexpr std::size_t k_gzip_input = std::size_t{1} << 17;

// gzip through ISA-L's inflate, which stops at the end of a member: the next member's start, the
// zero padding and trailing garbage are told apart here, as for zlib below. At a member's end
// ISA-L gives back the bytes it read ahead by moving its input pointer back: fed the caller's
// buffers directly, that pointer went before a later call's input (found by fuzz_decode with
// pieces of a few bytes). So the input is copied into a buffer of the decoder's own, which
// keeps the last k_gzip_kept bytes read and all unread ones together.
class GzipDecoder final : public StreamDecoder {
 public:
  GzipDecoder() : m_input(k_gzip_kept + k_gzip_input) {
    isal_inflate_init(&m_state);
    m_state.crc_flag = ISAL_GZIP;
    isal_gzip_header_init(&m_header);
  }

  Status decode(std::string_view in, char* out, std::size_t capacity, std::size_t& consumed,
                std::size_t& produced) override {
    consumed = 0;
    produced = 0;
    if (m_held_at < m_held.size()) {  // decoded before the damage: out before the failure
      produced = std::min(capacity, m_held.size() - m_held_at);
      std::memcpy(out, m_held.data() + m_held_at, produced);
      m_held_at += produced;
      return ok_status();
    }
    if (m_failure.has_value()) return m_failure.value();
    consumed = take(in);
    m_state.next_in = m_input.data() + m_begin;
    m_state.avail_in = static_cast<std::uint32_t>(m_end - m_begin);
    // ISA-L counts in uint32_t: a buffer of 4 GiB or more is filled in several calls.
    capacity = std::min<std::size_t>(capacity, UINT32_MAX);
    m_state.next_out = reinterpret_cast<std::uint8_t*>(out);
    m_state.avail_out = static_cast<std::uint32_t>(capacity);
    while (m_state.avail_out > 0) {
      if (m_ended && !next_member()) break;
      if (m_state.wrapper_flag == 0) {
        // isal_inflate reads a member's header into a header record of its own for each call
        // (ISA-L 2.30), and a header split over calls loses its flags and CRC there: the next
        // call then takes a file name for deflate data (found by fuzz_decode). Read here, into
        // a record kept across calls, isal_inflate skips the header.
        const int header = isal_read_gzip_header(&m_state, &m_header);
        if (header < 0) {
          m_failure.set(corrupt("gzip", header == ISAL_INCORRECT_CHECKSUM ? "header crc mismatch"
                                                                          : describe(header)));
          break;
        }
        if (header != ISAL_DECOMP_OK) break;  // the header goes on in the next input
      }
      const std::uint32_t in_before = m_state.avail_in;
      const std::uint32_t out_before = m_state.avail_out;
      const int result = isal_inflate(&m_state);
      if (result < 0) {
        hold_undelivered();
        m_failure.set(corrupt("gzip", describe(result)));
        break;
      }
      if (m_state.block_state == ISAL_BLOCK_FINISH) {
        m_ended = true;
        continue;
      }
      if (m_state.avail_in == 0) break;  // needs more input
      if (m_state.avail_in == in_before && m_state.avail_out == out_before) break;
    }
    if (m_state.next_in < m_input.data()) {  // never read before the buffer
      m_failure.set(corrupt("gzip", "inflate failed"));
      m_state.next_in = m_input.data() + m_begin;
    }
    m_begin = static_cast<std::size_t>(m_state.next_in - m_input.data());
    produced = capacity - m_state.avail_out;
    return end_call(consumed, produced, m_state.avail_out == 0);
  }

  bool complete() const noexcept override { return m_ended && m_begin == m_end; }

 private:
  // Copies what fits of `in` after the unread input, first moving that (and the k_gzip_kept
  // bytes before it) to the front; returns how much of `in` was taken.
  std::size_t take(std::string_view in) {
    const std::size_t keep_from = m_begin - std::min(m_begin, k_gzip_kept);
    if (keep_from > 0) {
      std::memmove(m_input.data(), m_input.data() + keep_from, m_end - keep_from);
      m_input_offset += keep_from;
      m_begin -= keep_from;
      m_end -= keep_from;
    }
    const std::size_t count = std::min(in.size(), m_input.size() - m_end);
    std::memcpy(m_input.data() + m_end, in.data(), count);
    m_end += count;
    return count;
  }

  // zlib's words for the same damage, so that the message does not depend on the build.
  static const char* describe(int result) noexcept {
    switch (result) {
      case ISAL_INVALID_BLOCK: return "invalid block type";
      case ISAL_INVALID_SYMBOL: return "invalid literal/length code";
      case ISAL_INVALID_LOOKBACK: return "invalid distance too far back";
      case ISAL_INVALID_WRAPPER: return "incorrect header check";
      case ISAL_UNSUPPORTED_METHOD: return "unknown compression method";
      case ISAL_INCORRECT_CHECKSUM: return "incorrect data check";
      default: return "inflate failed";
    }
  }

  // After a member's end: starts the next member, skips zero padding, or fails on other bytes,
  // as gzip does. False when decoding must stop for now (more input needed, or a failure).
  bool next_member() {
    while (m_state.avail_in > 0) {
      const std::uint8_t* next = m_state.next_in;
      if (m_zeros || next[0] == 0) {
        // Padding only if nothing but zeros follows: a block of zeros from a crash is common.
        if (!m_zeros) m_zeros_from = offset_of(next);
        m_zeros = true;
        const auto* end = next + m_state.avail_in;
        if (std::find_if(next, end, [](std::uint8_t byte) { return byte != 0; }) != end) {
          m_failure.set(trailing_garbage("gzip", m_zeros_from));
          return false;
        }
        m_state.next_in += m_state.avail_in;
        m_state.avail_in = 0;
        return false;
      }
      if (next[0] != 0x1F || (m_state.avail_in > 1 && next[1] != 0x8B)) {
        m_failure.set(trailing_garbage("gzip", offset_of(next)));
        return false;
      }
      if (m_state.avail_in == 1) return false;  // the second magic byte comes with more input
      // Another member follows: a fresh state, given the rest of this call's buffers.
      std::uint8_t* next_in = m_state.next_in;
      const std::uint32_t avail_in = m_state.avail_in;
      std::uint8_t* next_out = m_state.next_out;
      const std::uint32_t avail_out = m_state.avail_out;
      isal_inflate_reset(&m_state);
      m_state.crc_flag = ISAL_GZIP;
      isal_gzip_header_init(&m_header);
      m_state.next_in = next_in;
      m_state.avail_in = avail_in;
      m_state.next_out = next_out;
      m_state.avail_out = avail_out;
      m_ended = false;
      return true;
    }
    return false;
  }

  // With little output room ISA-L decodes into its own buffer (tmp_out_buffer) and copies out
  // what fits; on damage it returns at once, and the bytes decoded before the damage that did
  // not fit, [tmp_out_processed, tmp_out_valid), would be lost: they are kept to hand out.
  void hold_undelivered() {
    const auto begin = static_cast<std::size_t>(std::max(m_state.tmp_out_processed, 0));
    const auto end = static_cast<std::size_t>(std::max(m_state.tmp_out_valid, 0));
    if (end <= begin || end > sizeof m_state.tmp_out_buffer) return;
    m_held.assign(reinterpret_cast<const char*>(m_state.tmp_out_buffer) + begin, end - begin);
    m_held_at = 0;
  }

  std::uint64_t offset_of(const std::uint8_t* byte) const noexcept {
    return m_input_offset + static_cast<std::uint64_t>(byte - m_input.data());
  }

  inflate_state m_state{};
  isal_gzip_header m_header{};        ///< the member's header as read so far
  std::vector<std::uint8_t> m_input;  ///< compressed bytes: [m_begin, m_end) not read yet
  std::size_t m_begin = 0;
  std::size_t m_end = 0;
  std::uint64_t m_input_offset = 0;   ///< where m_input[0] is in the compressed stream
  std::string m_held;         ///< bytes decoded before the damage, still to hand out
  std::size_t m_held_at = 0;  ///< how many of them were handed out
  bool m_ended = false;
  bool m_zeros = false;            ///< only zeros followed the last member so far
  std::uint64_t m_zeros_from = 0;  ///< where they start in the compressed input
};

#else

// gzip through zlib (a build without ISA-L).
class GzipDecoder final : public StreamDecoder {
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
    return end_call(consumed, produced, m_stream.avail_out == 0);
  }

  bool complete() const noexcept override { return m_ended; }

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
  const Bytef* m_call_in = nullptr;  ///< the first byte of this call's input
};

#endif  // ERRSCOPE_HAVE_ISAL

class ZstdDecoder final : public StreamDecoder {
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
    return end_call(consumed, produced, output.pos == output.size);
  }

  bool complete() const noexcept override { return m_frame_done; }

 private:
  ZSTD_DStream* m_stream;
  bool m_frame_done = true;
  std::uint64_t m_frame_end = 0;  ///< where the last complete frame ends in the compressed input
};

// The xz streams of a file one after the other: liblzma decodes a stream, the padding and the
// next stream's start are checked here, so that trailing garbage is told from corrupt data and
// its offset is known (LZMA_CONCATENATED reports both as a data error).
class XzDecoder final : public StreamDecoder {
 public:
  XzDecoder() { m_ok = start_stream(); }
  ~XzDecoder() override { lzma_end(&m_stream); }

  Status decode(std::string_view in, char* out, std::size_t capacity, std::size_t& consumed,
                std::size_t& produced) override {
    consumed = 0;
    produced = 0;
    if (m_failure.has_value()) return m_failure.value();
    if (!m_ok) return corrupt("xz", "liblzma could not start");
    m_call_in = reinterpret_cast<const std::uint8_t*>(in.data());
    m_stream.next_in = m_call_in;
    m_stream.avail_in = in.size();
    m_stream.next_out = reinterpret_cast<std::uint8_t*>(out);
    m_stream.avail_out = capacity;
    while (m_stream.avail_out > 0) {
      if (m_ended && !next_stream()) break;
      const lzma_ret result = lzma_code(&m_stream, LZMA_RUN);
      if (result == LZMA_STREAM_END) {
        m_ended = true;
        m_padding = 0;
        m_streams_end = offset_of(m_stream.next_in);
        continue;
      }
      if (result == LZMA_BUF_ERROR) break;  // needs more input (or more room)
      if (result != LZMA_OK) {
        m_failure.set(corrupt("xz", describe(result)));
        break;
      }
      if (m_stream.avail_in == 0) break;
    }
    consumed = in.size() - m_stream.avail_in;
    produced = capacity - m_stream.avail_out;
    return end_call(consumed, produced, m_stream.avail_out == 0);
  }

  bool complete() const noexcept override { return m_ended && m_padding % 4 == 0; }

 private:
  bool start_stream() { return lzma_stream_decoder(&m_stream, UINT64_MAX, 0) == LZMA_OK; }

  static const char* describe(lzma_ret result) noexcept {
    switch (result) {
      case LZMA_FORMAT_ERROR: return "not an xz stream";
      case LZMA_OPTIONS_ERROR: return "unsupported options";
      case LZMA_MEM_ERROR: return "out of memory";
      case LZMA_MEMLIMIT_ERROR: return "memory limit reached";
      default: return "compressed data is corrupt";
    }
  }

  // After a stream's end: skips NUL padding, starts the next stream, or fails on other bytes
  // (padding that is not a multiple of 4 bytes included), as xz does. False when decoding must
  // stop for now (more input needed, or a failure).
  bool next_stream() {
    while (m_stream.avail_in > 0 && m_stream.next_in[0] == 0) {
      ++m_padding;
      ++m_stream.next_in;
      --m_stream.avail_in;
    }
    if (m_stream.avail_in == 0) return false;
    const std::string_view rest(reinterpret_cast<const char*>(m_stream.next_in),
                                m_stream.avail_in);
    if (m_padding % 4 != 0 || !agrees(rest, k_xz_magic)) {
      m_failure.set(trailing_garbage("xz", m_streams_end));
      return false;
    }
    if (rest.size() < k_xz_magic.size()) return false;  // the rest of the magic comes later
    if (!start_stream()) {
      m_failure.set(corrupt("xz", "liblzma could not start"));
      return false;
    }
    m_ended = false;
    return true;
  }

  std::uint64_t offset_of(const std::uint8_t* byte) const noexcept {
    return m_offset + static_cast<std::uint64_t>(byte - m_call_in);
  }

  lzma_stream m_stream = LZMA_STREAM_INIT;
  bool m_ok = false;
  bool m_ended = false;
  std::uint64_t m_padding = 0;       ///< NUL bytes after the last stream so far
  std::uint64_t m_streams_end = 0;   ///< where the last complete stream ends
  const std::uint8_t* m_call_in = nullptr;  ///< the first byte of this call's input
};

// The bzip2 streams of a file one after the other (libbz2 decodes one stream per init).
class Bzip2Decoder final : public StreamDecoder {
 public:
  Bzip2Decoder() { m_ok = BZ2_bzDecompressInit(&m_stream, 0, 0) == BZ_OK; }
  ~Bzip2Decoder() override {
    if (m_ok) BZ2_bzDecompressEnd(&m_stream);
  }

  Status decode(std::string_view in, char* out, std::size_t capacity, std::size_t& consumed,
                std::size_t& produced) override {
    consumed = 0;
    produced = 0;
    if (m_failure.has_value()) return m_failure.value();
    if (!m_ok) return corrupt("bzip2", "libbz2 could not start");
    m_call_in = in.data();
    m_stream.next_in = const_cast<char*>(in.data());
    // libbz2 counts in unsigned int: more than 4 GiB at once is taken in several calls.
    const std::size_t offered = std::min<std::size_t>(in.size(), UINT_MAX);
    m_stream.avail_in = static_cast<unsigned int>(offered);
    capacity = std::min<std::size_t>(capacity, UINT_MAX);
    m_stream.next_out = out;
    m_stream.avail_out = static_cast<unsigned int>(capacity);
    while (m_stream.avail_out > 0) {
      if (m_ended && !next_stream()) break;
      const int result = BZ2_bzDecompress(&m_stream);
      if (result == BZ_STREAM_END) {
        m_ended = true;
        m_streams_end = offset_of(m_stream.next_in);
        continue;
      }
      if (result != BZ_OK) {
        m_failure.set(corrupt("bzip2", describe(result)));
        break;
      }
      if (m_stream.avail_in == 0) break;
    }
    consumed = offered - m_stream.avail_in;
    produced = capacity - m_stream.avail_out;
    return end_call(consumed, produced, m_stream.avail_out == 0);
  }

  bool complete() const noexcept override { return m_ended; }

 private:
  static const char* describe(int result) noexcept {
    switch (result) {
      case BZ_DATA_ERROR: return "data integrity error";
      case BZ_DATA_ERROR_MAGIC: return "not a bzip2 stream";
      case BZ_MEM_ERROR: return "out of memory";
      default: return "decompression failed";
    }
  }

  // After a stream's end: starts the next stream ("BZh" and its block size), or fails on other
  // bytes, as bzip2 does. False when decoding must stop for now (more input needed, or a failure).
  bool next_stream() {
    if (m_stream.avail_in == 0) return false;
    const std::string_view rest(m_stream.next_in, m_stream.avail_in);
    if (!bzip2_agrees(rest.substr(0, 4))) {
      m_failure.set(trailing_garbage("bzip2", m_streams_end));
      return false;
    }
    if (rest.size() < 4) return false;  // the rest of the header comes later
    BZ2_bzDecompressEnd(&m_stream);
    char* next_in = m_stream.next_in;
    const unsigned int avail_in = m_stream.avail_in;
    char* next_out = m_stream.next_out;
    const unsigned int avail_out = m_stream.avail_out;
    m_stream = bz_stream{};
    m_ok = BZ2_bzDecompressInit(&m_stream, 0, 0) == BZ_OK;
    m_stream.next_in = next_in;
    m_stream.avail_in = avail_in;
    m_stream.next_out = next_out;
    m_stream.avail_out = avail_out;
    if (!m_ok) {
      m_failure.set(corrupt("bzip2", "libbz2 could not start"));
      return false;
    }
    m_ended = false;
    return true;
  }

  std::uint64_t offset_of(const char* byte) const noexcept {
    return m_offset + static_cast<std::uint64_t>(byte - m_call_in);
  }

  bz_stream m_stream{};
  bool m_ok = false;
  bool m_ended = false;
  std::uint64_t m_streams_end = 0;  ///< where the last complete stream ends
  const char* m_call_in = nullptr;  ///< the first byte of this call's input
};

}  // namespace

GzipLibrary gzip_library() noexcept {
  return ERRSCOPE_HAVE_ISAL ? GzipLibrary::isal : GzipLibrary::zlib;
}

std::unique_ptr<Decoder> make_gzip_decoder() {
  return std::make_unique<GzipDecoder>();
}
std::unique_ptr<Decoder> make_zstd_decoder() {
  return std::make_unique<ZstdDecoder>();
}
std::unique_ptr<Decoder> make_xz_decoder() {
  return std::make_unique<XzDecoder>();
}
std::unique_ptr<Decoder> make_bzip2_decoder() {
  return std::make_unique<Bzip2Decoder>();
}

}  // namespace errscope
