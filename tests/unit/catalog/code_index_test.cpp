#define BOOST_TEST_MODULE code_index
#include "catalog/code_index.hpp"

#include <boost/test/unit_test.hpp>
#include <map>
#include <random>
#include <string>
#include <vector>

using namespace errscope;

namespace {

std::vector<std::string_view> views(const std::vector<std::string>& codes) {
  return {codes.begin(), codes.end()};
}

}  // namespace

// The index answers what a map from code to first position answers, for codes of every length
// around the 8- and 16-byte words it keeps inline, codes that differ only past byte 16, prefixes
// of each other, and zero bytes (a zero-padded key must not equal a shorter code).
BOOST_AUTO_TEST_CASE(finds_what_a_map_finds) {
  std::mt19937 rng(7);
  const std::string alphabet = std::string("0123456789_BackMsg", 18) + std::string(1, '\0');
  for (int round = 0; round < 50; ++round) {
    std::vector<std::string> codes;
    const std::size_t count = rng() % 300;
    for (std::size_t i = 0; i < count; ++i) {
      std::string code(rng() % 24, ' ');
      for (auto& c : code) c = alphabet[rng() % alphabet.size()];
      codes.push_back(code);
      if (rng() % 4 == 0) codes.push_back(code);                                // a repeat
      if (rng() % 4 == 0 && !code.empty()) codes.push_back(code + "x");         // a longer twin
      if (code.size() > 17) codes.push_back(code.substr(0, 16) + "diff-late");  // same first 16
    }
    std::map<std::string, std::size_t> expected;
    for (std::size_t i = 0; i < codes.size(); ++i) expected.emplace(codes[i], i);
    const CodeIndex index(views(codes));
    for (const auto& [code, position] : expected) {
      BOOST_TEST(index.find(code).value_or(SIZE_MAX) == position, code);
      const std::string absent = code + std::string(1, '\0');
      if (!expected.contains(absent)) BOOST_TEST(!index.find(absent).has_value(), code);
      if (!code.empty() && !expected.contains(code.substr(1))) {
        BOOST_TEST(!index.find(code.substr(1)).has_value(), code);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(an_empty_index_finds_nothing) {
  BOOST_TEST(!CodeIndex().find("40014").has_value());
  BOOST_TEST(!CodeIndex(std::vector<std::string_view>{}).find("").has_value());
  const std::vector<std::string> one{""};
  BOOST_TEST(CodeIndex(views(one)).find("").value_or(SIZE_MAX) == 0u);
}
