#pragma once

#include <cstddef>
#include <span>

#include "parallel/plan.hpp"

namespace errscope {

/// Which neighbouring parts count as one input for InputErrors: parts of the same input, or
/// parts of the same file, so that a file named twice in a row that fails is told once (what
/// `report` has always done; `scan` tells each input).
enum class SameInput { input, path };

/// One message per input: told each part's outcome in order, says which failures to report. A
/// failed part right after a failed part of the same input failed with the same error (an input
/// that cannot be opened fails in every part), so only the first of such a run is reported.
class InputErrors {
 public:
  InputErrors(std::span<const InputPart> parts, SameInput same) noexcept
      : m_parts(parts), m_same(same) {}

  /// Whether to report the failure of part `index`, when `failed`; call for every part in order.
  bool report(std::size_t index, bool failed) noexcept {
    const bool repeated = m_previous_failed && index > 0 && same_input(index - 1, index);
    m_previous_failed = failed;
    return failed && !repeated;
  }

 private:
  bool same_input(std::size_t first, std::size_t second) const noexcept {
    return m_same == SameInput::input ? m_parts[first].input == m_parts[second].input
                                      : m_parts[first].path == m_parts[second].path;
  }

  std::span<const InputPart> m_parts;
  SameInput m_same;
  bool m_previous_failed = false;
};

}  // namespace errscope
