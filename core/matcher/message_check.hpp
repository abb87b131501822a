#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"

// Internal to matcher/: how a message logged beside a code is compared with the code table.

namespace errscope {

/// True when `logged` (a message as a log holds it: possibly `\uXXXX`-, `\"`- or `\xHH`-escaped,
/// with full-width punctuation) agrees with `documented`: after undoing the escapes and folding
/// punctuation width, spacing and ASCII case, the logged text (not empty) contains the documented
/// one or is the start of it.
bool message_agrees(std::string_view logged, std::string_view documented);

/// The message that starts at line[at] (where a message group that matched empty points): up to
/// the quote that closes the one just before `at` (the same quote with as many backslashes before
/// it, so `\"` closes `\"` at any escaping depth), or, unquoted, up to the next '}', '&', quote or
/// end of line.
std::string_view message_at(std::string_view line, std::size_t at) noexcept;

/// The form messages are compared in: escapes undone, punctuation width, spacing and ASCII case
/// folded.
std::string folded_message(std::string_view text);

/// message_agrees() against table texts already in folded_message() form (a code's message and
/// alt_messages): true when `logged` agrees with one of them. No allocation once warm.
bool folded_messages_agree(std::string_view logged, std::span<const std::string> documented);

/// The forms a table text is most often logged in, to compare before any unescaping: the text
/// itself and, when it has characters past ASCII, with each written `\uxxxx` (JSON encoders:
/// lower-case hex as Python and PHP write it, upper-case as others do).
std::vector<std::string> literal_forms(std::string_view documented);

/// True when `logged` holds one of `forms` (not right after a backslash, which would make its
/// first byte an escape): then it agrees with that table text, as folded_messages_agree would
/// say, without unescaping or folding a byte.
bool holds_literal_form(std::string_view logged, std::span<const std::string> forms) noexcept;

}  // namespace errscope
