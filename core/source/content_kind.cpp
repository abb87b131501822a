#include "source/content_kind.hpp"

#include <sys/stat.h>

#include <array>
#include <memory>

#include "source/file_source.hpp"

namespace errscope {

namespace {

constexpr std::size_t k_padding_run = 16;
// Fewer stray control bytes than this never make an input binary (a short line with a NUL).
constexpr std::size_t k_min_binary_bytes = 8;

bool starts_with_binary_signature(std::string_view head) noexcept {
  static constexpr std::array<std::string_view, 7> k_signatures = {
      std::string_view("\x7f" "ELF", 4),               // ELF executables and libraries
      std::string_view("MZ", 2),                       // PE (Windows executables)
      std::string_view("\xcf\xfa\xed\xfe", 4),         // Mach-O 64-bit
      std::string_view("\x89PNG\r\n\x1a\n", 8),        // PNG
      std::string_view("\xff\xd8\xff", 3),             // JPEG
      std::string_view("GIF8", 4),                     // GIF
      std::string_view("PK\x03\x04", 4),               // ZIP, JAR, docx
  };
  for (const std::string_view signature : k_signatures) {
    // "MZ" is also how text can start: require a control byte soon after.
    if (head.substr(0, signature.size()) != signature) continue;
    if (signature.size() >= 4) return true;
    for (const char c : head.substr(signature.size(), 16)) {
      const auto byte = static_cast<unsigned char>(c);
      if (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') return true;
    }
  }
  return false;
}

bool is_binary_byte(unsigned char byte) noexcept {
  if (byte >= 0x20) return false;
  return byte != '\t' && byte != '\n' && byte != '\v' && byte != '\f' && byte != '\r' &&
         byte != 0x1b;
}

}  // namespace

ContentKind sniff_content(std::string_view head) noexcept {
  head = head.substr(0, k_sniff_bytes);
  if (starts_with_binary_signature(head)) return ContentKind::binary;
  std::size_t counted = 0;
  std::size_t binary = 0;
  for (std::size_t i = 0; i < head.size();) {
    if (head[i] == '\0') {
      std::size_t run = 1;
      while (i + run < head.size() && head[i + run] == '\0') ++run;
      if (run < k_padding_run) {
        counted += run;
        binary += run;
      }
      i += run;
      continue;
    }
    ++counted;
    if (is_binary_byte(static_cast<unsigned char>(head[i]))) ++binary;
    ++i;
  }
  return binary >= k_min_binary_bytes && binary * 16 > counted ? ContentKind::binary
                                                                : ContentKind::text;
}

ContentKind sniff_file(const std::string& path) {
  if (path == "-") return sniff_content(FileSource::peek_standard_input(k_sniff_bytes));
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
    return ContentKind::text;
  }
  auto source = FileSource::open(path);
  if (!source.ok()) return ContentKind::text;
  const auto head = std::make_unique<char[]>(k_sniff_bytes);
  std::size_t size = 0;
  while (size < k_sniff_bytes) {
    auto got = source->read(head.get() + size, k_sniff_bytes - size);
    if (!got.ok() || *got == 0) break;
    size += *got;
  }
  return sniff_content(std::string_view(head.get(), size));
}

}  // namespace errscope
