#pragma once

#include <re2/re2.h>

#include <array>
#include <bitset>
#include <cstdint>
#include <memory>
#include <vector>

#include "catalog/catalog.hpp"
#include "matcher/regex_analysis.hpp"
#include "prefilter/literal_prefilter.hpp"
#include "simd/cpu.hpp"
#include "simd/folded_find.hpp"
#include "util/literal_word.hpp"
#include "util/result.hpp"

// Internal to matcher/: the compiled form of the vendors a Matcher searches for.

namespace errscope {

/// Capture groups read per match: `code`, `param` and the message group must be among the first
/// k_max_groups - 1.
inline constexpr int k_max_groups = 16;

/// One compiled regex, with what the hot path knows of its matches before it runs it.
struct CompiledRegex {
  std::unique_ptr<RE2> regex;
  int code_group = 0;
  int param_group = -1;
  int message_group = -1;  ///< the vendor's message_group, or -1 when messages are not checked
  RegexStart start = RegexStart::anchor;
  /// What every match contains: a match starting at p needs each at or after p in the line.
  std::vector<RequiredString> required;
  /// The bytes a match can start with lie in [first_low, first_high], so most of the lead
  /// positions before an anchor need no attempt.
  unsigned char first_low = 0;
  unsigned char first_high = 255;
  /// The regex begins with \b (outside any alternation): no match starts between two word
  /// characters.
  bool starts_at_word_boundary = false;
  /// For sub-code regexes: every match holds one of these (lower case, compared without
  /// case); empty when there is no such list.
  std::vector<std::string> some_of;
  /// When every match starts with one of a few literal keys (leading_keys()): the regex past
  /// them, so an attempt at a key need not match the key again; null otherwise.
  std::unique_ptr<RE2> tail;
  LeadingKeys keys;  ///< the keys `tail` follows (its `tail` text unused)
  /// For a vendor's regex with a tail: the anchors (of the first 32) that are its keys, where
  /// the tail is tried instead of the regex. Set only when every key is an anchor.
  std::uint32_t tail_anchors = 0;
};

/// One vendor's regexes and how its anchors relate to the prefilter's literals.
struct CompiledVendor {
  const VendorSpec* vendor = nullptr;
  std::vector<CompiledRegex> regexes;
  std::vector<CompiledRegex> excludes;  ///< only `regex` and `required` are set
  std::vector<CompiledRegex> claims;    ///< likewise
  /// A string of each exclude that its every match holds (its longest required string), so one
  /// pass over a line tells that none may match; empty when an exclude has none.
  simd::FoldedNeedleSet exclude_gate;
  std::vector<CompiledRegex> sub_code_regexes;
  bool has_param = false;  ///< one of `regexes` has a param group
  std::uint32_t anchor_bits = 0;  ///< the prefilter literals that stand for its anchors
  /// Where each prefilter literal sits in the vendor's anchors: an occurrence of `literal` at p
  /// means anchor `anchor` may start at p - `delta`.
  struct AnchorLink {
    std::uint32_t literal = 0;
    std::uint32_t delta = 0;
    std::uint32_t anchor = 0;
  };
  std::vector<AnchorLink> links;
  std::vector<LiteralWord> anchor_words;  ///< each anchor, to check a hit with one compare
  /// For a vendor with a message_group (its codes count only when in its table): what a table
  /// code looks like as a token, so an object holding none is passed over before any regex.
  struct TableTokens {
    bool usable = false;  ///< every code is a token: [-]?[0-9A-Za-z_]+
    /// A bit per (size, first byte, last byte) of a table code, hashed: a token whose bit is
    /// clear is no code of the table, told without a look-up.
    std::bitset<4096> shapes;
    static std::size_t shape_of(std::string_view token) noexcept {
      const auto key = static_cast<std::uint32_t>(token.size() << 16 |
                                                  static_cast<unsigned char>(token.front()) << 8 |
                                                  static_cast<unsigned char>(token.back()));
      return (key * 0x9E3779B1u) >> 20;
    }
    /// False when `token` is surely no code of the table.
    bool may_hold(std::string_view token) const noexcept {
      return !token.empty() && shapes[shape_of(token)];
    }
  };
  TableTokens table_tokens;
  /// For a vendor with a message_group: each code entry's message and alt_messages, folded once
  /// (message_check.hpp), in the order of the vendor's codes.
  std::vector<std::vector<std::string>> folded_messages;
  /// For a vendor with a message_group: each code entry's literal_forms() of its message and
  /// alt_messages, compared first (message_check.hpp).
  std::vector<std::vector<std::string>> literal_messages;
};

/// One anchor (of a vendor with an anchor_lead) a prefilter literal stands for.
struct LiteralUse {
  std::uint32_t vendor = 0;  ///< index in MatcherPlan::vendors
  CompiledVendor::AnchorLink link;
  LiteralWord anchor;  ///< a copy of the vendor's anchor_words entry, at hand in the hot loop
  /// Bit first_bit + r of a candidate's regex_bits stands for the vendor's regex r at this use;
  /// k_no_mark_bit when the literal's uses have more regexes than regex_bits has bits.
  std::uint32_t first_bit = 0;
  std::uint32_t all_regexes = 0;  ///< a bit for each of the vendor's regexes (up to 32)
  /// The regexes with a required string the anchor does not hold (searched for by mark()).
  std::uint32_t searched_regexes = 0;
  /// The regexes whose matches start anywhere in the anchor's object (RegexStart::object).
  std::uint32_t object_regexes = 0;
  std::uint32_t lead = 0;  ///< the vendor's anchor_lead
};

/// What a Matcher searches with: the vendors' compiled regexes, the prefilter for their anchors,
/// and for each prefilter literal the anchors it stands for.
struct MatcherPlan {
  static constexpr std::uint32_t k_no_mark_bit = 32;

  std::vector<CompiledVendor> vendors;
  LiteralPrefilter prefilter;
  /// For each prefilter literal, the anchors (of vendors with an anchor_lead) it stands for.
  std::vector<std::vector<LiteralUse>> uses_of_literal;
  /// Literals some vendor without anchor_lead uses: their occurrences always may match.
  std::uint32_t unled_literals = 0;
  /// The level the required-string search runs at.
  simd::Level level = simd::detected();

  /// Compiles the vendor's regexes and adds it.
  Status add_vendor(const VendorSpec& vendor);
  /// Builds the prefilter for the vendors added and the literal→anchor tables.
  void build_prefilter();
  /// Whether one of the regexes of `vendor` (one of vendors) has a param group.
  bool has_param(const VendorSpec& vendor) const noexcept {
    for (const auto& compiled : vendors) {
      if (compiled.vendor == &vendor) return compiled.has_param;
    }
    return true;
  }
};

/// An anchor's or a regex's bit in a 32-bit set (none past the 32nd).
inline std::uint32_t bit_of(std::size_t index) {
  return index < 32 ? 1u << index : 0;
}

}  // namespace errscope
