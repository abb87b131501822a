#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "simd/cpu.hpp"
#include "simd/pair_scan.hpp"
#include "util/literal_word.hpp"

namespace errscope {

/// Finds a set of literal strings (the vendors' anchors) in text, in one pass: each literal is
/// found through its rarest pair of adjacent bytes (letters compared without case), searched with
/// simd::scan_pairs, and every hit is confirmed byte for byte. Used on whole blocks, so that only
/// the lines around a hit reach the regexes, and on a candidate line, to tell which vendors'
/// anchors it holds.
class LiteralPrefilter {
 public:
  /// Up to this many distinct literals are searched; past it the prefilter is empty.
  static constexpr std::size_t k_max_literals = 32;

  LiteralPrefilter() = default;
  /// Searches for `literals` with the instructions of `level` (a test may ask for a lower one),
  /// lowered to what the CPU runs.
  explicit LiteralPrefilter(std::vector<std::string> literals,
                            simd::Level level = simd::Level::best);

  /// True when there is nothing to search for: every line must be matched.
  bool empty() const noexcept { return m_literals.empty(); }
  /// The literals searched (duplicates and literals containing another one removed).
  const std::vector<std::string>& literals() const noexcept { return m_literals; }

  /// The offset in `text` of the first occurrence of a literal starting at or after `from`,
  /// or npos. (When several literals are on one line, any of theirs may be returned: they share
  /// the line.)
  std::size_t find_first(std::string_view text, std::size_t from) const noexcept;
  /// A bit per literal (in literals() order) that occurs in `text`.
  std::uint32_t present(std::string_view text) const noexcept;

  /// One place a literal occurs.
  struct Occurrence {
    std::uint32_t literal = 0;  ///< index in literals()
    std::uint32_t start = 0;    ///< byte offset in the text
    std::uint32_t line = 0;     ///< from scan_block: how many '\n' come before it
    std::uint32_t line_start = 0;  ///< from scan_block: where its line starts in the text
  };
  /// Writes the occurrences of every literal in `text`, in order, into `out` (at most
  /// `capacity`). Returns how many there are, which may exceed `capacity` (then only the first
  /// `capacity` were written).
  std::size_t occurrences(std::string_view text, Occurrence* out,
                          std::size_t capacity) const noexcept;

  /// Hears of each occurrence scan_block finds, while its bytes are still in the cache.
  class OccurrenceVisitor {
   public:
    virtual void on(std::string_view text, const Occurrence& occurrence) = 0;

   protected:
    ~OccurrenceVisitor() = default;
  };
  /// Hands `visitor` every occurrence in `text` (at most 4 GiB), each with its line, in the
  /// order of the pairs found: sorted by start but for neighbours a few bytes apart. Returns how
  /// many '\n' the text holds: with AVX2 the one pass that finds the literals counts the lines.
  std::size_t scan_block(std::string_view text, OccurrenceVisitor& visitor) const;

 private:
  /// Where literal `index`, whose pair sits at `pair_at`, starts in `text` if it is really
  /// there and starts at or after `from`; npos otherwise.
  std::size_t confirmed_start(std::string_view text, std::size_t pair_at, std::size_t index,
                              std::size_t from) const noexcept;
  /// Calls visit(pair_position, literal_bits) for each pair hit from `from` on, until it returns
  /// true.
  template <typename Visit>
  void scan(std::string_view text, std::size_t from, Visit&& visit) const noexcept;

  std::vector<std::string> m_literals;
  std::vector<std::size_t> m_offsets;   ///< where each literal's pair sits in it
  std::vector<LiteralWord> m_confirms;  ///< each literal, to confirm a pair hit
  std::vector<simd::BytePair> m_pairs;  ///< bit i of a pair's bits: literal i has it at its offset
  simd::Level m_level = simd::Level::scalar;
};

}  // namespace errscope
