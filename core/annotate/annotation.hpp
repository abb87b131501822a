#pragma once

#include <span>
#include <string>

#include "matcher/match.hpp"
#include "util/ansi.hpp"

namespace errscope {

/// Appends the annotation of a line's matches: ` ⟨vendor code message⟩` per match (with
/// `[param]` after the code, `unknown code` for a code not in the table, `; sub_code C meaning`
/// when the code defers to a sub-code), coloured by outcome when colour is on. Catalog and log text
/// in it is shown with control characters made visible.
void append_annotation(std::string& out, std::span<const Match> matches, ColorMode color);

}  // namespace errscope
