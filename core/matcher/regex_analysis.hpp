#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace re2 {
class RE2;
}

// Internal to matcher/: what the plan learns from a regex's text and from RE2 before the scan,
// so the hot path can skip attempts that cannot match.

namespace errscope {

/// A lower-case ASCII string every match of a regex contains (compared without case), as RE2's
/// FilteredRE2 finds it. Bit a of `implied_by` is set when the vendor's anchor a contains it, so
/// an attempt at that anchor need not look for it.
struct RequiredString {
  std::string text;
  std::uint32_t implied_by = 0;
};

/// The index of the ']' that closes the character class opened at pattern[open] (a ']' right
/// after '[' or '[^' is a member; escapes are skipped), or pattern.size() when none does.
std::size_t class_end(std::string_view pattern, std::size_t open) noexcept;

/// `pattern` with each wide counted repetition X{m,n} (n - m > 8, or no n) written X* or X+: a
/// regex for a superset of the strings, with the same required substrings, that compiles
/// without hundreds of copies of X. Escapes, character classes and \Q...\E are left alone.
std::string loosen_repetitions(const std::string& pattern);

/// The strings (of three bytes or more, ASCII) every match of `pattern` contains, each with the
/// anchors (of the first 32) that contain it. Empty when RE2 rejects the pattern.
std::vector<RequiredString> required_of(const std::string& pattern,
                                        const std::vector<std::string>& anchors);

/// The atoms of `pattern` when no match is possible without at least one of them; empty when a
/// match may hold none, or an atom is not ASCII.
std::vector<std::string> some_atoms(const std::string& pattern);

/// The range [low, high] the first byte of every match of `regex` lies in ({0, 255} when RE2
/// cannot tell).
std::pair<unsigned char, unsigned char> first_bytes(const re2::RE2& regex);

/// Whether `pattern` begins with a \b every match must pass: the first item, with no `|` outside
/// groups that could offer a branch without it.
bool starts_with_word_boundary(std::string_view pattern);

/// A regex whose every match starts with one of a few literal keys: `\b(?:key|key|...)tail`, the
/// group made of letters, digits, `_`, `|` and nested `(?:...)` only, no key a prefix of another,
/// no `|` outside groups. A match at p is a key at p (after a \b when `word_boundary`) and a match
/// of `tail` anchored right after it, with the same capture groups.
struct LeadingKeys {
  std::vector<std::string> keys;  ///< each string the group matches, in no particular order
  std::string tail;               ///< the pattern past the group
  bool word_boundary = false;     ///< the group follows a \b
};

/// The most keys leading_keys() finds in a group.
inline constexpr std::size_t k_max_leading_keys = 16;

/// The leading keys of `pattern`, or nothing when it does not begin with such a group (its
/// group is optional or repeated, holds anything but literal words, or has more than
/// k_max_leading_keys strings).
std::optional<LeadingKeys> leading_keys(std::string_view pattern);

}  // namespace errscope
