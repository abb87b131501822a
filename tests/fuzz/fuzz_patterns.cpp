// The pattern-file loader on arbitrary JSON: parsing, shape checks, regex compilation, samples.
//
// Oracles: a refused file comes back as a Diagnostic with a reason, and a position inside the
// text when it names one; parsing alone (SampleCheck::skip) accepts whatever the full load
// accepts; an accepted file's samples pass check_samples, and give the same codes again through
// the scanner (prefilter, marks, the catalog's matcher) as through the vendor's own matcher.

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"
#include "loader/sample_check.hpp"
#include "scan/scanner.hpp"

namespace {

using namespace errscope;
using errscope::fuzz::check;

/// Collects the codes of each line the scanner hands over.
class CodeCollector final : public ScanSink {
 public:
  void on_plain(std::string_view, std::size_t, std::size_t count) override {
    for (std::size_t i = 0; i < count; ++i) m_lines.emplace_back();
  }
  void on_line(std::string_view, const LineView&, std::span<const Match> matches) override {
    auto& codes = m_lines.emplace_back();
    for (const Match& match : matches) codes.emplace_back(match.code);
  }
  const std::vector<std::vector<std::string>>& lines() const noexcept { return m_lines; }

 private:
  std::vector<std::vector<std::string>> m_lines;
};

void check_diagnostic(const Diagnostic& error, std::string_view text) {
  check(!error.reason.empty(), "a refused pattern file has no reason");
  const std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
  check(error.where.line <= lines, "a diagnostic points past the file's last line", error.reason);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<Diagnostic> warnings;
  auto parsed = load_pattern_text("fuzz.json", text, SampleCheck::skip, warnings);
  warnings.clear();
  auto loaded = load_pattern_text("fuzz.json", text, SampleCheck::run, warnings);
  if (!loaded.ok()) {
    check_diagnostic(loaded.error(), text);
    if (!parsed.ok()) check_diagnostic(parsed.error(), text);
    return 0;
  }
  check(parsed.ok(), "the shape check refuses a file the full load accepts");
  const VendorSpec& vendor = *loaded;
  check(check_samples(vendor).ok(), "an accepted file's samples fail check_samples");

  Catalog catalog;
  if (!catalog.add(vendor).ok()) return 0;
  auto matcher = Matcher::compile(catalog);
  check(matcher.ok(), "an accepted vendor does not compile in a catalog",
        matcher.ok() ? "" : matcher.error().reason);
  auto alone = Matcher::compile_vendor(catalog.vendors().front());
  check(alone.ok(), "an accepted vendor does not compile alone");

  for (const SampleSpec& sample : catalog.vendors().front().samples) {
    if (sample.line.find_first_of("\r\n") != std::string::npos) continue;
    std::vector<Match> direct;
    alone->find(sample.line, direct);
    CodeCollector collector;
    Scanner scanner(*matcher, collector);
    scanner.scan_text("sample", sample.line);
    check(collector.lines().size() == 1, "a sample line scans as another number of lines");
    std::vector<std::string> expected;
    for (const Match& match : direct) expected.emplace_back(match.code);
    check(collector.lines().front() == expected,
          "the scanner finds other codes in a sample than the vendor's matcher", sample.line);
    check(expected == sample.codes, "a checked sample yields other codes than it lists",
          sample.line);
  }
  return 0;
}
