#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace errscope {

/// What an input's first bytes say it is: text to scan, or a binary file (an executable, an
/// image, an archive) that scanning would only fill with noise.
enum class ContentKind { text, binary };

/// How many bytes of an input's (decoded) start sniff_content looks at.
inline constexpr std::size_t k_sniff_bytes = 64 << 10;

/// Tells text from binary by the start of an input, as `grep` and `git` do, but tolerant of what
/// logs really hold: runs of 16 or more NUL bytes (the zero padding a crash or `copytruncate`
/// leaves) are ignored, and a few stray NUL or control bytes in text lines keep it text. Binary
/// means a known binary signature (ELF, PE, Mach-O, PNG, JPEG, GIF, ZIP) or more than
/// 1/16 of the remaining bytes (and at least 8) being NUL or C0 controls other than tab, line
/// feed, vertical tab, form feed, carriage return and escape.
ContentKind sniff_content(std::string_view head) noexcept;

/// Sniffs the start of an input, decompressed when it is gzip, zstd, xz or bzip2: a regular file,
/// or standard input ("-") on what it holds at first, kept for its reader (see
/// FileSource::peek_standard_input). Other pipes and devices would lose what is read, so they
/// count as text, and so does a file that cannot be opened (the scan reports that).
ContentKind sniff_file(const std::string& path);

}  // namespace errscope
