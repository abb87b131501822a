#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "simd/stop_bytes.hpp"

namespace errscope {

/// U+FFFD, what an invalid UTF-8 byte becomes where valid UTF-8 is required.
inline constexpr std::string_view k_utf8_replacement_character = "\xEF\xBF\xBD";

/// The length (2 to 4) of the valid multi-byte UTF-8 sequence at the start of `text`, or 0 when
/// the bytes there are not one (overlong forms, surrogates and code points past U+10FFFF are not).
std::size_t valid_utf8_sequence_length(std::string_view text) noexcept;

/// Whether `text` is valid UTF-8 as a whole (simdjson's SIMD check).
bool valid_utf8(std::string_view text) noexcept;

/// Copies `text` to `out` with each byte that is not part of a valid UTF-8 sequence replaced by
/// `substitute` (an ASCII byte): the same length, so an offset into one is an offset into the
/// other.
void copy_replacing_invalid_utf8(std::string_view text, char substitute, std::string& out);

/// Where to cut `text` near `at` (at <= text.size()) without cutting a valid UTF-8 sequence in
/// two: `at`, or up to 3 bytes before it (so past 0 when `at` is past 3). Text handled in pieces
/// cut there (escaped, made visible) comes out as it would whole.
std::size_t utf8_cut_before(std::string_view text, std::size_t at) noexcept;

/// Appends `text` to `out` run by run: the bytes between stop bytes are copied whole, and each
/// stop goes to `at_stop(position)`, which appends what the bytes there stand for and returns how
/// many it took. Stops are `before_non_ascii` up to the first non-ASCII stop; there the rest is
/// checked once and, when it is valid UTF-8 (the usual case), stops are `in_valid_utf8` from then
/// on, so text in any script is copied in long runs too.
template <typename AtStop>
void append_in_runs(std::string& out, std::string_view text, const StopBytes& before_non_ascii,
                    const StopBytes& in_valid_utf8, AtStop&& at_stop) {
  const StopBytes* stops = &before_non_ascii;
  bool checked = false;  // the rest was validated (once: the check is never repeated)
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t stop = find_stop_byte(text, i, *stops);
    out.append(text.data() + i, stop - i);
    if (stop == text.size()) break;
    if (!checked && static_cast<unsigned char>(text[stop]) >= 0x80) {
      checked = true;
      if (valid_utf8(text.substr(stop))) stops = &in_valid_utf8;
    }
    i = stop + at_stop(stop);
  }
}

/// Appends `text` with every control character (C0, DEL, C1) and invalid UTF-8 byte shown as a
/// visible `\xNN` escape, so text from a log or a file can never drive the terminal. Tab is kept.
void append_visible(std::string& out, std::string_view text);

/// How many terminal columns `text` takes: East Asian wide characters count two, others one.
std::size_t display_width(std::string_view text) noexcept;

}  // namespace errscope
