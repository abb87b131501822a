#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace errscope {

/// Finds where any of a set of literal strings (the vendors' anchors) occurs in a block of
/// lines, so that only the lines around those places reach the regexes; every other line is
/// passed over in bulk. Empty (no literals) means "every line is a candidate".
class LiteralPrefilter {
 public:
  LiteralPrefilter() = default;
  explicit LiteralPrefilter(std::vector<std::string> literals);

  /// True when there is nothing to search for: every line must be matched.
  bool empty() const noexcept { return m_literals.empty(); }

  /// Starts searching a new block.
  void reset(std::string_view block) noexcept;
  /// The offset of the first occurrence of any literal at or after `from` in the block given
  /// to reset(), or npos. Calls must not go backwards within a block.
  std::size_t find_first(std::size_t from) noexcept;

 private:
  std::vector<std::string> m_literals;
  std::vector<std::size_t> m_next;  ///< each literal's next occurrence (npos: none left)
  std::string_view m_block;
};

}  // namespace errscope
