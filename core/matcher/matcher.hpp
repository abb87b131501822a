#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "matcher/match.hpp"
#include "util/result.hpp"

namespace errscope {

/// Limits on user regexes: RE2 runs in linear time; these bound its memory and the pattern size.
inline constexpr std::size_t k_max_regex_length = 4096;
inline constexpr std::int64_t k_max_regex_memory = 8 << 20;

struct MatcherPlan;

/// A line of a block worth matching: a vendor's anchor is in it and some regex may match there.
/// The fields but `line` and `line_start` are the matcher's own.
struct Candidate {
  std::uint32_t line = 0;        ///< the line's index in the block (the '\n' before it)
  std::uint32_t line_start = 0;  ///< the line's offset in the block
  std::uint32_t start = 0;       ///< the anchor literal's offset in the line
  std::uint32_t literal = 0;     ///< which of the prefilter's literals
  /// Which regexes may match here (all bits set: not known, everything is checked).
  std::uint32_t regex_bits = ~std::uint32_t{0};
};

/// Finds vendor codes in lines. Built once from a catalog (which must outlive it); `find` is
/// const, allocates nothing once `out` has capacity, and may be called from several threads.
class Matcher {
 public:
  /// Compiles every regex of the given vendors (all when `vendor_ids` is empty). A regex RE2
  /// rejects comes back with its position in the file and what to write instead.
  static Result<Matcher> compile(const Catalog& catalog,
                                 const std::vector<std::string>& vendor_ids = {});
  /// Compiles one vendor alone (for checking its samples).
  static Result<Matcher> compile_vendor(const VendorSpec& vendor);

  Matcher(Matcher&& other) noexcept;
  Matcher& operator=(Matcher&& other) noexcept;
  ~Matcher();

  /// True when some vendor has no anchors: every line must then be matched, there are no
  /// candidates to find.
  bool matches_every_line() const noexcept;

  /// Appends to `out` the candidates of `block` (whole lines, at most 4 GiB): the places where
  /// a vendor's anchor is and some regex may match at it, in order, so a line without one has
  /// no code. A candidate is dropped when no lead position can start the regex (its first byte,
  /// a leading \b) or a substring every match holds (found by RE2's FilteredRE2) is missing
  /// from the rest of its line: a `"code":200` without a `msg` is no candidate. Returns how
  /// many '\n' the block holds. Needs matches_every_line() false.
  std::size_t find_candidates(std::string_view block, std::vector<Candidate>& out) const;
  /// Where in `text` the first anchor at or after `from` starts (npos when none), for a block
  /// too large for find_candidates. Needs matches_every_line() false.
  std::size_t next_candidate(std::string_view text, std::size_t from) const noexcept;

  /// Appends the codes of `line` to `out` in the order they appear; a code repeated in the line
  /// is reported once. Returns the number appended.
  std::size_t find(std::string_view line, std::vector<Match>& out) const;
  /// The same for a line of a block, given all its candidates from find_candidates (which
  /// spares the search for its anchors and most regex attempts).
  std::size_t find(std::string_view line, std::span<const Candidate> candidates,
                   std::vector<Match>& out) const;

 private:
  explicit Matcher(std::unique_ptr<const MatcherPlan> plan) noexcept;
  static Result<Matcher> compile_vendors(const std::vector<const VendorSpec*>& vendors);

  std::unique_ptr<const MatcherPlan> m_plan;  ///< matcher/plan.hpp: RE2 stays behind it
};

}  // namespace errscope
