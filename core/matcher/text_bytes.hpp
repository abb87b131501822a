#pragma once

// Internal to matcher/: the byte classes its hand-written scans share.

namespace errscope {

/// True for a byte of a word as RE2's `\b` sees one, and of a code token: [0-9A-Za-z_].
constexpr bool is_word_byte(char c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/// The value of a hex digit, or -1.
constexpr int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace errscope
