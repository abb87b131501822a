#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace errscope {

/// Whether two ASCII letters that differ only in case are the same.
enum class LetterCase { exact, ignored };

/// The edit distance between `a` and `b` (insertions, deletions, substitutions and swaps of two
/// neighbouring bytes, each counting 1), as spelling suggesters measure it.
std::size_t edit_distance(std::string_view a, std::string_view b,
                          LetterCase letters = LetterCase::exact);

/// The candidate closest to `word`, when it is close enough to be what was meant: at most a
/// third of the word's length away (at least 1, at most 3), or `word` is a prefix of it.
/// Ties go to the earlier candidate; nullopt when none is close.
std::optional<std::string> closest_word(std::string_view word,
                                        const std::vector<std::string>& candidates);

}  // namespace errscope
