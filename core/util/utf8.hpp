#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace errscope {

/// U+FFFD, what an invalid UTF-8 byte becomes where valid UTF-8 is required.
inline constexpr std::string_view k_utf8_replacement_character = "\xEF\xBF\xBD";

/// The length (2 to 4) of the valid multi-byte UTF-8 sequence at the start of `text`, or 0 when
/// the bytes there are not one (overlong forms, surrogates and code points past U+10FFFF are not).
std::size_t valid_utf8_sequence_length(std::string_view text) noexcept;

/// Appends `text` with every control character (C0, DEL, C1) and invalid UTF-8 byte shown as a
/// visible `\xNN` escape, so text from a log or a file can never drive the terminal. Tab is kept.
void append_visible(std::string& out, std::string_view text);

}  // namespace errscope

namespace errscope {

/// How many terminal columns `text` takes: East Asian wide characters count two, others one.
std::size_t display_width(std::string_view text) noexcept;

}  // namespace errscope
