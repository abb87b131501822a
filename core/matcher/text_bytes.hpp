#pragma once

// Internal to matcher/: the byte classes its hand-written scans share.

#include <array>
#include <cstddef>
#include <string_view>

namespace errscope {

/// The classes of a byte, as bits of k_byte_classes.
enum ByteClass : unsigned char {
  k_word_class = 1,       ///< [0-9A-Za-z_]
  k_separator_class = 2,  ///< what may stand between a key and its value: " ' \ space tab : = > ]
};

inline constexpr auto k_byte_classes = [] {
  std::array<unsigned char, 256> classes{};
  for (int c = 0; c < 256; ++c) {
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
      classes[static_cast<std::size_t>(c)] |= k_word_class;
    }
  }
  for (const char c : std::string_view("\"'\\ \t:=>]")) {
    classes[static_cast<unsigned char>(c)] |= k_separator_class;
  }
  return classes;
}();

/// True for a byte of a word as RE2's `\b` sees one, and of a code token: [0-9A-Za-z_].
constexpr bool is_word_byte(char c) noexcept {
  return (k_byte_classes[static_cast<unsigned char>(c)] & k_word_class) != 0;
}

/// True for a byte that may stand between a key and its value.
constexpr bool is_separator_byte(char c) noexcept {
  return (k_byte_classes[static_cast<unsigned char>(c)] & k_separator_class) != 0;
}

/// The value of a hex digit, or -1.
constexpr int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace errscope
