#pragma once
// Shared by the unit tests: gzip and zstd streams made in memory.

#include <zlib.h>
#include <zstd.h>

#include <stdexcept>
#include <string>

namespace errscope::test {

/// How a gzip member made by gzip() ends.
enum class GzipEnd {
  finish,     ///< the member's end and trailer
  sync_only,  ///< a sync flush only: a file cut where every byte before the cut decodes
};

/// `text` as one gzip member.
inline std::string gzip(const std::string& text, GzipEnd end = GzipEnd::finish) {
  z_stream stream{};
  if (deflateInit2(&stream, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2");
  std::string out(deflateBound(&stream, text.size()) + 64, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, end == GzipEnd::sync_only ? Z_SYNC_FLUSH : Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

/// `text` as one zstd frame, with its content checksum.
inline std::string zstd(const std::string& text) {
  std::string out(ZSTD_compressBound(text.size()), '\0');
  ZSTD_CCtx* context = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1);
  const std::size_t size = ZSTD_compress2(context, out.data(), out.size(), text.data(), text.size());
  ZSTD_freeCCtx(context);
  if (ZSTD_isError(size)) throw std::runtime_error("ZSTD_compress2");
  out.resize(size);
  return out;
}

}  // namespace errscope::test
