#include "report/alerts.hpp"

#include "render/numbers.hpp"

namespace errscope {

namespace {

constexpr std::size_t k_new_codes_named = 5;

}  // namespace

bool alerts_when_new(const CodeChange& change) noexcept {
  return change.outcome == Outcome::error;
}

std::vector<std::string> check_alerts(const Report& report, const BaselineDiff* diff,
                                      std::string_view baseline_path,
                                      const AlertThresholds& thresholds) {
  std::vector<std::string> alerts;
  if (thresholds.fail_on_new && diff != nullptr) {
    std::size_t added = 0;
    std::string codes;
    for (const CodeChange& change : diff->new_codes) {
      if (!alerts_when_new(change)) continue;
      if (added < k_new_codes_named) {
        codes += (added == 0 ? "" : ", ") + change.vendor + " " + change.code;
      }
      ++added;
    }
    if (added > k_new_codes_named) codes += ", …";
    if (added > 0) {
      alerts.push_back(std::to_string(added) + " new error code" + (added == 1 ? "" : "s") +
                       " since " + std::string(baseline_path) + ": " + codes + " (--fail-on-new)");
    }
  }
  if (thresholds.max_errors && report.errors() > *thresholds.max_errors) {
    alerts.push_back(std::to_string(report.errors()) + " errors, more than --max-errors " +
                     std::to_string(*thresholds.max_errors));
  }
  if (thresholds.max_error_rate && report.matches() > 0) {
    const double rate =
        static_cast<double>(report.errors()) / static_cast<double>(report.matches());
    if (rate > *thresholds.max_error_rate) {
      alerts.push_back("error rate " + format_ratio(rate) + " (" + std::to_string(report.errors()) +
                       " errors / " + std::to_string(report.matches()) +
                       " codes), more than --max-error-rate " +
                       format_ratio(*thresholds.max_error_rate));
    }
  }
  return alerts;
}

}  // namespace errscope
