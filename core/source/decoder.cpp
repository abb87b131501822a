#include "source/decoder.hpp"

#include <zlib.h>
#include <zstd.h>

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

Diagnostic corrupt(std::string_view format, std::string_view detail) {
  return Diagnostic{{},
                    "corrupt " + std::string(format) + " data: " + std::string(detail),
                    "check the file (e.g. `" +
                        std::string(format == "gzip" ? "gzip -t" : "zstd -t") +
                        " FILE`); the lines decoded before this point were scanned"};
}

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
    if (!m_ok) return corrupt("gzip", "zlib could not start");
    m_stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    m_stream.avail_in = static_cast<uInt>(in.size());
    m_stream.next_out = reinterpret_cast<Bytef*>(out);
    m_stream.avail_out = static_cast<uInt>(capacity);
    while (m_stream.avail_out > 0) {
      if (m_ended) {
        if (m_stream.avail_in == 0) break;
        inflateReset(&m_stream);  // another gzip member follows
        m_ended = false;
      }
      const int result = inflate(&m_stream, Z_NO_FLUSH);
      if (result == Z_STREAM_END) {
        m_ended = true;
        continue;
      }
      if (result == Z_BUF_ERROR) break;  // needs more input (or more room)
      if (result != Z_OK)
        return corrupt("gzip", m_stream.msg != nullptr ? m_stream.msg : "inflate failed");
      if (m_stream.avail_in == 0) break;
    }
    consumed = in.size() - m_stream.avail_in;
    produced = capacity - m_stream.avail_out;
    m_pending = m_stream.avail_out == 0;
    return ok_status();
  }

  bool complete() const noexcept override { return m_ended; }
  bool has_pending_output() const noexcept override { return m_pending; }

 private:
  z_stream m_stream{};
  bool m_ok = false;
  bool m_ended = false;
  bool m_pending = false;
};

class ZstdDecoder final : public Decoder {
 public:
  ZstdDecoder() : m_stream(ZSTD_createDStream()) {}
  ~ZstdDecoder() override { ZSTD_freeDStream(m_stream); }

  Status decode(std::string_view in, char* out, std::size_t capacity, std::size_t& consumed,
                std::size_t& produced) override {
    if (m_stream == nullptr) return corrupt("zstd", "could not start");
    ZSTD_inBuffer input{in.data(), in.size(), 0};
    ZSTD_outBuffer output{out, capacity, 0};
    while (output.pos < output.size && (input.pos < input.size || m_pending)) {
      const std::size_t hint = ZSTD_decompressStream(m_stream, &output, &input);
      if (ZSTD_isError(hint)) return corrupt("zstd", ZSTD_getErrorName(hint));
      m_frame_done = hint == 0;
      m_pending = output.pos == output.size;
      if (!m_pending && input.pos == input.size) break;
    }
    consumed = input.pos;
    produced = output.pos;
    m_pending = output.pos == output.size;
    return ok_status();
  }

  bool complete() const noexcept override { return m_frame_done; }
  bool has_pending_output() const noexcept override { return m_pending; }

 private:
  ZSTD_DStream* m_stream;
  bool m_frame_done = true;
  bool m_pending = false;
};

}  // namespace

std::unique_ptr<Decoder> make_gzip_decoder() {
  return std::make_unique<GzipDecoder>();
}
std::unique_ptr<Decoder> make_zstd_decoder() {
  return std::make_unique<ZstdDecoder>();
}

}  // namespace errscope
