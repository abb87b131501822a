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
#include "prefilter/literal_prefilter.hpp"
#include "util/result.hpp"

namespace errscope {

/// Limits on user regexes: RE2 runs in linear time; these bound its memory and the pattern size.
inline constexpr std::size_t k_max_regex_length = 4096;
inline constexpr std::int64_t k_max_regex_memory = 8 << 20;

struct MatcherPlan;

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

  /// The search for the vendors' anchors: a line without any of them has no code. Empty when
  /// some vendor has no anchors, so every line must be matched.
  const LiteralPrefilter& prefilter() const noexcept;

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

 private:
  explicit Matcher(std::unique_ptr<const MatcherPlan> plan) noexcept;
  static Result<Matcher> compile_vendors(const std::vector<const VendorSpec*>& vendors);

  std::unique_ptr<const MatcherPlan> m_plan;  ///< matcher/plan.hpp: RE2 stays behind it
};

}  // namespace errscope
