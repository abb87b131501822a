// Checks the matcher against testdata/fixtures/corpus/realistic.log, a corpus of log lines as real
// services write them (Java, PHP, Python, Ruby, Go, nginx, escaped JSON, XML, stack traces,
// traps), and realistic.truth, the expected codes of each line written by hand from SPEC.md's
// rules.
//
// realistic.truth has one line per corpus line: `-` for no match, or the matches in order of
// appearance as space-separated `vendor:code`, with `?` appended for a code not in its vendor's
// table (e.g. `ucpaas:105107 dingtalk:9999999?`).
#define BOOST_TEST_MODULE corpus_truth
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cstddef>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "loader/pattern_loader.hpp"
#include "matcher/matcher.hpp"
#include "test_support.hpp"

using namespace errscope;

namespace {

const std::string k_corpus = std::string(ERRSCOPE_TESTDATA_DIR) + "/fixtures/corpus/realistic.log";
const std::string k_truth = std::string(ERRSCOPE_TESTDATA_DIR) + "/fixtures/corpus/realistic.truth";

constexpr std::size_t k_min_lines = 120;
constexpr std::size_t k_min_lines_per_vendor = 15;
constexpr std::size_t k_min_lines_without_match = 30;

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

const Matcher& matcher() { return test::builtin_matcher(); }

// The matches of a line rendered as the truth file writes them.
std::string render(const std::vector<Match>& matches) {
  if (matches.empty()) return "-";
  std::string out;
  for (const auto& match : matches) {
    if (!out.empty()) out += ' ';
    out += match.vendor->id;
    out += ':';
    out += match.code;
    if (match.entry == nullptr) out += '?';
  }
  return out;
}

// The vendors named in a truth line.
std::set<std::string> vendors_of(const std::string& truth) {
  std::set<std::string> vendors;
  if (truth == "-") return vendors;
  std::istringstream items(truth);
  std::string item;
  while (items >> item) vendors.insert(item.substr(0, item.find(':')));
  return vendors;
}

struct Corpus {
  std::vector<std::string> lines = read_lines(k_corpus);
  std::vector<std::string> truth = read_lines(k_truth);
};

const Corpus& corpus() {
  static const Corpus loaded;
  return loaded;
}

}  // namespace

BOOST_AUTO_TEST_CASE(corpus_and_truth_have_the_same_lines) {
  const auto& data = corpus();
  BOOST_TEST(data.lines.size() == data.truth.size(), k_corpus << " has " << data.lines.size()
                                                              << " lines but " << k_truth << " has "
                                                              << data.truth.size());
  BOOST_TEST(data.lines.size() >= k_min_lines,
             "the corpus has " << data.lines.size() << " lines, fewer than " << k_min_lines);
}

BOOST_AUTO_TEST_CASE(the_corpus_covers_every_vendor_and_many_traps) {
  const auto& data = corpus();
  std::map<std::string, std::size_t> per_vendor;
  for (const auto& vendor : test::builtin_catalog().vendors()) per_vendor[vendor.id] = 0;
  std::size_t without_match = 0;
  for (const auto& truth : data.truth) {
    const auto vendors = vendors_of(truth);
    if (vendors.empty()) ++without_match;
    for (const auto& vendor : vendors) ++per_vendor[vendor];
  }
  for (const char* id : {"backmsg", "yunke", "ucpaas", "dingtalk"}) {
    BOOST_TEST(per_vendor.count(id) == 1u, "built-in vendor " << id << " is not in the catalog");
    BOOST_TEST(per_vendor[id] >= k_min_lines_per_vendor,
               "only " << per_vendor[id] << " corpus lines expect a " << id << " code, fewer than "
                       << k_min_lines_per_vendor);
  }
  BOOST_TEST(without_match >= k_min_lines_without_match,
             "only " << without_match << " corpus lines expect no match, fewer than "
                     << k_min_lines_without_match);
}

BOOST_AUTO_TEST_CASE(every_line_yields_exactly_its_expected_codes) {
  const auto& data = corpus();
  const std::size_t count = std::min(data.lines.size(), data.truth.size());
  std::vector<Match> matches;
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < count; ++i) {
    matches.clear();
    matcher().find(data.lines[i], matches);
    const std::string actual = render(matches);
    const std::string& expected = data.truth[i];
    if (actual != expected) ++mismatches;
    BOOST_TEST(actual == expected, "realistic.log:" << (i + 1) << ": " << data.lines[i]
                                                    << "\n  expected: " << expected
                                                    << "\n  actual:   " << actual);
  }
  BOOST_TEST_MESSAGE(mismatches << " of " << count << " corpus lines disagree with the truth");
}
