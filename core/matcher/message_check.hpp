#pragma once

#include <string_view>

#include "catalog/catalog.hpp"

// Internal to matcher/: how a message logged beside a code is compared with the code table.

namespace errscope {

/// True when `logged` (a message as a log holds it: possibly `\uXXXX`-, `\"`- or `\xHH`-escaped,
/// with full-width punctuation) agrees with `documented`: after undoing the escapes and folding
/// punctuation width, spacing and ASCII case, the logged text (not empty) contains the documented
/// one or is the start of it.
bool message_agrees(std::string_view logged, std::string_view documented);

/// True when `logged` agrees with the entry's message or one of its alt_messages.
bool message_confirms(std::string_view logged, const CodeEntry& entry);

}  // namespace errscope
