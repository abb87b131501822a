#include "report/baseline.hpp"

#include <algorithm>

namespace errscope {

BaselineDiff compare_with_baseline(const Report& now, const Report& baseline, std::string file) {
  BaselineDiff diff;
  diff.file = std::move(file);
  for (const CodeStats* code : now.codes_by_count()) {
    const CodeStats* before = baseline.find(code->vendor, code->code);
    CodeChange change{code->vendor, code->code, code->count, before == nullptr ? 0 : before->count,
                      code->outcome};
    if (before == nullptr) {
      diff.new_codes.push_back(change);
    } else if (before->count != code->count) {
      diff.changed_codes.push_back(change);
    }
  }
  for (const CodeStats* code : baseline.codes_by_count()) {
    if (now.find(code->vendor, code->code) == nullptr) {
      diff.gone_codes.push_back(
          CodeChange{code->vendor, code->code, 0, code->count, code->outcome});
    }
  }
  // Biggest movers first: by the larger of the two counts.
  std::stable_sort(diff.changed_codes.begin(), diff.changed_codes.end(),
                   [](const CodeChange& a, const CodeChange& b) {
                     return std::max(a.count, a.baseline_count) >
                            std::max(b.count, b.baseline_count);
                   });
  return diff;
}

}  // namespace errscope
