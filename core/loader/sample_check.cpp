#include "loader/sample_check.hpp"

#include <string>
#include <vector>

#include "matcher/matcher.hpp"

namespace errscope {

namespace {

std::string join_codes(const std::vector<std::string>& codes) {
  std::string out = "[";
  for (const auto& code : codes) {
    if (out.size() > 1) out += ", ";
    out += code;
  }
  return out + "]";
}

}  // namespace

Status check_samples(const VendorSpec& vendor) {
  auto matcher = Matcher::compile_vendor(vendor);
  if (!matcher.ok()) return std::move(matcher).error();
  std::vector<Match> matches;
  std::vector<std::string> got;
  for (const auto& sample : vendor.samples) {
    matches.clear();
    matcher->find(sample.line, matches);
    got.clear();
    for (const auto& match : matches) got.emplace_back(match.code);
    if (got != sample.codes) {
      return Diagnostic{
          sample.where,
          "sample line yields " + join_codes(got) + " but expects " + join_codes(sample.codes),
          got.empty() ? "fix the regexes (or the anchors) so they match this line, or "
                        "correct the sample's \"codes\""
                      : "fix the regexes or correct the sample's \"codes\""};
    }
  }
  return ok_status();
}

}  // namespace errscope
