#pragma once
// Shared by the unit tests: gzip, zstd, xz and bzip2 streams made in memory.

#include <bzlib.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include <cstdint>
#include <stdexcept>
#include <string>

namespace errscope::test {

/// How a gzip member made by gzip() ends.
enum class GzipEnd {
  finish,     ///< the member's end and trailer
  sync_only,  ///< a sync flush only: a file cut where every byte before the cut decodes
};

/// `text` as one gzip member; `header`, when given, sets its header's optional fields (zlib's
/// deflateSetHeader).
inline std::string gzip(const std::string& text, GzipEnd end = GzipEnd::finish,
                        gz_header* header = nullptr) {
  z_stream stream{};
  if (deflateInit2(&stream, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2");
  if (header != nullptr && deflateSetHeader(&stream, header) != Z_OK)
    throw std::runtime_error("deflateSetHeader");
  std::string out(deflateBound(&stream, text.size()) + 128, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = static_cast<uInt>(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  deflate(&stream, end == GzipEnd::sync_only ? Z_SYNC_FLUSH : Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

/// `text` as one gzip member whose header carries every optional field: an extra field, the file
/// name, a comment and the header's CRC.
inline std::string gzip_with_full_header(const std::string& text) {
  std::string extra("AP\x04\x00" "abcd", 8);  // one subfield: id "AP", 4 bytes of data
  std::string name = "app-2026-11-01.log";
  std::string comment = "rotated by logrotate";
  gz_header header{};
  header.extra = reinterpret_cast<Bytef*>(extra.data());
  header.extra_len = static_cast<uInt>(extra.size());
  header.name = reinterpret_cast<Bytef*>(name.data());
  header.comment = reinterpret_cast<Bytef*>(comment.data());
  header.hcrc = 1;
  header.os = 3;
  return gzip(text, GzipEnd::finish, &header);
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

/// `text` as one xz stream (CRC64 check, preset 6).
inline std::string xz(const std::string& text) {
  std::string out(lzma_stream_buffer_bound(text.size()), '\0');
  std::size_t size = 0;
  if (lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, nullptr,
                              reinterpret_cast<const std::uint8_t*>(text.data()), text.size(),
                              reinterpret_cast<std::uint8_t*>(out.data()), &size,
                              out.size()) != LZMA_OK)
    throw std::runtime_error("lzma_easy_buffer_encode");
  out.resize(size);
  return out;
}

/// `text` as one bzip2 stream of blocks of `block_100k` × 100 kB.
inline std::string bzip2(const std::string& text, int block_100k = 9) {
  std::string out(text.size() + text.size() / 100 + 600, '\0');
  auto size = static_cast<unsigned int>(out.size());
  if (BZ2_bzBuffToBuffCompress(out.data(), &size, const_cast<char*>(text.data()),
                               static_cast<unsigned int>(text.size()), block_100k, 0,
                               0) != BZ_OK)
    throw std::runtime_error("BZ2_bzBuffToBuffCompress");
  out.resize(size);
  return out;
}

}  // namespace errscope::test
