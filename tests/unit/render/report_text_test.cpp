#define BOOST_TEST_MODULE report_text
// g++ 12 reports a false -Wrestrict on `"literal" + std::string` chains at -O2 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"
#include "render/report_text.hpp"

#include <boost/test/unit_test.hpp>
#include <string>
#include <string_view>

#include "corpus.hpp"
#include "report/baseline.hpp"
#include "util/utf8.hpp"

using namespace errscope;
using test::Corpus;
using test::lines_file;
using test::make_corpus;
using test::report_of;

BOOST_AUTO_TEST_CASE(text_report_fits_80_columns) {
  const Corpus corpus = make_corpus(5, 20000);
  const test::TempFile path_file = lines_file(corpus.lines, 0, corpus.lines.size());
  const std::string& path = path_file.path();
  const Report report = report_of({path}, BucketMode::automatic, k_bucket_sizes[0]);
  const Report empty;
  const BaselineDiff diff = compare_with_baseline(report, empty, "yesterday.json");
  ReportExtras extras;
  extras.baseline = &diff;
  extras.alerts.push_back("11 errors, more than --max-errors 5");
  const std::string text = render_report_text(report, extras, ColorMode::plain);
  std::size_t start = 0;
  std::size_t lines = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    const std::string_view line = std::string_view(text).substr(start, end - start);
    BOOST_TEST(display_width(line) <= 80u, line);
    ++lines;
    start = end == std::string::npos ? text.size() : end + 1;
  }
  BOOST_TEST(lines > 20u);
}
