#pragma once

#include <re2/re2.h>

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "prefilter/literal_prefilter.hpp"
#include "util/literal_word.hpp"
#include "util/result.hpp"

namespace errscope {

/// One code found in a line. The views point into the line; `entry` is null for a code that is
/// in the vendor's field but not in its table (known=false).
struct Match {
  const VendorSpec* vendor = nullptr;
  const CodeEntry* entry = nullptr;
  std::string_view code;
  std::string_view param;  ///< the bracketed runtime parameter (`BackMsg_120[10.0.0.7]`), or empty
  std::size_t offset = 0;  ///< byte offset of the code in the line
  /// For a code that defers to a sub-code (DingTalk 88), the sub-code found in the line and its
  /// entry in the same vendor's table (null when the table lacks it); empty when none.
  std::string_view sub_code;
  const CodeEntry* sub_entry = nullptr;
};

/// A lower-case ASCII string every match of a regex contains (compared without case), as RE2's
/// FilteredRE2 finds it. Bit a of `implied_by` is set when the vendor's anchor a contains it, so
/// an attempt at that anchor need not look for it.
struct RequiredString {
  std::string text;
  std::uint32_t implied_by = 0;
};

/// Limits on user regexes: RE2 runs in linear time; these bound its memory and the pattern size.
inline constexpr std::size_t k_max_regex_length = 4096;
inline constexpr std::int64_t k_max_regex_memory = 8 << 20;

/// Compiles one regex of a pattern file with RE2 and checks it has a `code` group. A regex RE2
/// rejects comes back with its position in the file and what to write instead (RE2 has no
/// lookaround or backreferences).
Result<std::unique_ptr<RE2>> compile_pattern_regex(const RegexSpec& spec);

/// Finds vendor codes in lines. Built once from a catalog (which must outlive it); `find` is
/// const, allocates nothing once `out` has capacity, and may be called from several threads.
class Matcher {
 public:
  /// Compiles every regex of the given vendors (all when `vendor_ids` is empty).
  static Result<Matcher> compile(const Catalog& catalog,
                                 const std::vector<std::string>& vendor_ids = {});
  /// Compiles one vendor alone (for checking its samples).
  static Result<Matcher> compile_vendor(const VendorSpec& vendor);

  /// The search for the vendors' anchors: a line without any of them has no code. Empty when
  /// some vendor has no anchors, so every line must be matched.
  const LiteralPrefilter& prefilter() const noexcept { return m_prefilter; }

  /// Appends the codes of `line` to `out` in the order they appear; a code repeated in the line
  /// is reported once. Returns the number appended.
  std::size_t find(std::string_view line, std::vector<Match>& out) const;
  /// The same, given every occurrence of the prefilter's literals in the line (offsets relative
  /// to the line), as the scanner collects them for a whole block at once.
  std::size_t find(std::string_view line, std::span<const LiteralPrefilter::Occurrence> occurrences,
                   std::vector<Match>& out) const;

  /// Marks in `occurrence.marks` which regexes may match at this occurrence of a prefilter
  /// literal in `text` (whole lines; the occurrence's line ends at the next newline), so find()
  /// attempts only those. False when none can: the anchor it belongs to is not there, no lead
  /// position can start the regex (its first byte, a leading \b), or a substring every match
  /// holds (found by RE2's FilteredRE2) is missing from the rest of the line. Lets the scanner
  /// drop a candidate (a `"code":200` without a `msg`) before it is a line.
  bool mark(std::string_view text, LiteralPrefilter::Occurrence& occurrence) const noexcept;
  /// mark() without keeping the marks.
  bool may_match(std::string_view text, LiteralPrefilter::Occurrence occurrence) const noexcept {
    return mark(text, occurrence);
  }

 private:
  struct CompiledRegex {
    std::unique_ptr<RE2> regex;
    int code_group = 0;
    int param_group = -1;
    /// What every match contains: a match starting at p needs each at or after p in the line.
    std::vector<RequiredString> required;
    /// The bytes a match can start with lie in [first_low, first_high] (RE2's
    /// PossibleMatchRange), so most of the lead positions before an anchor need no attempt.
    unsigned char first_low = 0;
    unsigned char first_high = 255;
    /// The regex begins with \b (outside any alternation): no match starts between two word
    /// characters.
    bool starts_at_word_boundary = false;
    /// For sub-code regexes: every match holds one of these (lower case, compared without
    /// case); empty when there is no such list.
    std::vector<std::string> some_of;
  };
  struct CompiledVendor {
    const VendorSpec* vendor = nullptr;
    std::vector<CompiledRegex> regexes;
    std::vector<CompiledRegex> excludes;  ///< only `regex` and `required` are set
    std::vector<CompiledRegex> sub_code_regexes;
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
  };

  Status add_vendor(const VendorSpec& vendor);
  static Result<CompiledRegex> compile_code_regex(const RegexSpec& spec);
  static void find_sub_code(const CompiledVendor& compiled, std::string_view line, Match& match);
  /// Records the match in `groups` (unless its code is unknown to a vendor that ignores those)
  /// and returns where the next search may start.
  static std::size_t record(const CompiledVendor& compiled, const CompiledRegex& regex,
                            const re2::StringPiece* groups, std::string_view line,
                            std::vector<Match>& out);
  /// Searches the whole line with each regex.
  static void find_along(const CompiledVendor& compiled, std::string_view line,
                         std::vector<Match>& out);
  /// Tries each regex anchored at each anchor occurrence (and up to anchor_lead bytes before it),
  /// finding the anchors with memmem.
  static void find_near_anchors(const CompiledVendor& compiled, std::string_view line,
                                std::vector<Match>& out);
  /// Whether try_at_anchor must look for each regex's required strings first (mark() has not).
  enum class Required { check, known_present };
  /// Tries each regex in `regex_bits` anchored at `start` (and up to anchor_lead bytes before it).
  static void try_at_anchor(const CompiledVendor& compiled, std::string_view line,
                            std::size_t start, std::size_t anchor, std::uint32_t regex_bits,
                            Required required, std::vector<Match>& out);
  /// find() from the literal occurrences the prefilter found in the line (marked or not): each
  /// occurrence is tried for the vendors' anchors it stands for, in one pass over them.
  void find_at_occurrences(std::string_view line,
                           std::span<const LiteralPrefilter::Occurrence> occurrences,
                           std::vector<Match>& out) const;
  /// Drops the matches in out[first..] of each vendor whose exclude regexes match the line.
  void drop_excluded(std::string_view line, std::vector<Match>& out, std::size_t first) const;
  /// Orders out[first..] by offset, then by vendor (catalog order), keeping the found order
  /// otherwise, and drops repeats of a vendor's code.
  void order_and_dedupe(std::vector<Match>& out, std::size_t first) const;
  /// False when no match of `regex` can start at text[start]: its first byte is out of the
  /// regex's range, or it begins with \b and start lies between two word characters.
  static bool may_start_at(const CompiledRegex& regex, std::string_view text,
                           std::size_t start) noexcept;
  /// True when every required string of `regex` is in `window` (without case) before its first
  /// newline, not counting those the anchors in `anchor_bits` already hold.
  static bool has_required(const CompiledRegex& regex, std::string_view window,
                           std::uint32_t anchor_bits = 0) noexcept;
  static void drop_repeats(std::vector<Match>& out, std::size_t first);
  void build_prefilter();
  /// find() with the line's literal occurrences when known (null: search the anchors per vendor).
  std::size_t find_in(std::string_view line,
                      const std::span<const LiteralPrefilter::Occurrence>* occurrences,
                      std::vector<Match>& out) const;
  bool passes_anchors(const CompiledVendor& vendor, std::string_view line,
                      std::uint32_t present) const noexcept;

  std::vector<CompiledVendor> m_vendors;
  LiteralPrefilter m_prefilter;
  /// For each prefilter literal, the anchors (of vendors with an anchor_lead) it stands for.
  struct LiteralUse {
    std::uint32_t vendor = 0;  ///< index in m_vendors
    CompiledVendor::AnchorLink link;
    LiteralWord anchor;  ///< a copy of the vendor's anchor_words entry, at hand in the hot loop
    /// Bit first_bit + r of an occurrence's marks stands for the vendor's regex r at this use;
    /// k_no_mark_bit when the literal's uses have more regexes than a mark has bits.
    std::uint32_t first_bit = 0;
    std::uint32_t all_regexes = 0;  ///< a bit for each of the vendor's regexes (up to 32)
    /// The regexes with a required string the anchor does not hold (searched for by mark()).
    std::uint32_t searched_regexes = 0;
    std::uint32_t lead = 0;  ///< the vendor's anchor_lead
  };
  static constexpr std::uint32_t k_no_mark_bit = 32;
  std::vector<std::vector<LiteralUse>> m_uses_of_literal;
  /// Literals some vendor without anchor_lead uses: their occurrences always may match.
  std::uint32_t m_unled_literals = 0;
};

}  // namespace errscope
