#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "report/report.hpp"

namespace errscope {

/// One code whose count moved between the baseline and now.
struct CodeChange {
  std::string vendor;
  std::string code;
  std::uint64_t count = 0;           ///< now (0 for a code that disappeared)
  std::uint64_t baseline_count = 0;  ///< then (0 for a new code)
  /// What the code means: as this report has it, or as the baseline had it for a code that
  /// disappeared (unknown codes are errors).
  Outcome outcome = Outcome::error;
  /// count ÷ baseline_count; meaningless for new codes (baseline_count 0).
  double ratio() const noexcept {
    return baseline_count == 0 ? 0.0
                               : static_cast<double>(count) / static_cast<double>(baseline_count);
  }
};

/// What changed against an earlier report: codes that are new, codes that disappeared, and codes
/// whose count changed, each list sorted by count (highest first).
struct BaselineDiff {
  std::string file;
  std::vector<CodeChange> new_codes;
  std::vector<CodeChange> gone_codes;
  std::vector<CodeChange> changed_codes;
};

/// Compares a report with its baseline.
BaselineDiff compare_with_baseline(const Report& now, const Report& baseline, std::string file);

}  // namespace errscope
