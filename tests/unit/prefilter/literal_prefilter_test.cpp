#define BOOST_TEST_MODULE literal_prefilter
#include "prefilter/literal_prefilter.hpp"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <random>
#include <string>
#include <utility>
#include <vector>

using namespace errscope;

namespace {

const std::vector<std::string> k_anchors{"BackMsg_", "errcode",  "errCode", "ErrCode", "ERRCODE",
                                         "respCode", "RespCode", "msg",     "Msg",     "MSG"};

// The earliest start of any literal at or after `from`, by plain search.
std::size_t naive_first(const std::vector<std::string>& literals, std::string_view text,
                        std::size_t from) {
  std::size_t first = std::string_view::npos;
  for (const auto& literal : literals) first = std::min(first, text.find(literal, from));
  return first;
}

// Random text built from pieces of the anchors, near misses, newlines and filler, so that hits,
// partial hits and case variants are common.
std::string random_text(std::mt19937& rng, std::size_t pieces) {
  static const std::vector<std::string> parts{
      "BackMsg_", "BackMsg",  "ackMsg_",  "errcode",  "errCOde", "ERRCODE", "errco",
      "rrcode",   "respCode", "respcode", "RespCode", "pCode",   "msg",     "ms",
      "sg",       "MSG",      "mSg",      "Msg",      "\n",      " ",       "x",
      "\"",       ":",        "0123",     "g_",       "rc",      "RC",      "pC",
      "code",     "Code",     "CODE",     "cod",      "oD"};
  std::string text;
  std::uniform_int_distribution<std::size_t> pick(0, parts.size() - 1);
  for (std::size_t i = 0; i < pieces; ++i) text += parts[pick(rng)];
  return text;
}

}  // namespace

const simd::Level k_levels[] = {simd::Level::best, simd::Level::sse2, simd::Level::scalar};

BOOST_AUTO_TEST_CASE(finds_what_a_plain_search_finds_on_the_same_line) {
  for (const auto level : k_levels) {
    const LiteralPrefilter prefilter(k_anchors, level);
    BOOST_TEST_REQUIRE(!prefilter.empty());
    std::mt19937 rng(20261101);
    for (int round = 0; round < 3000; ++round) {
      const std::string text = random_text(rng, 1 + round % 60);
      for (std::size_t from = 0; from <= text.size(); from += 1 + text.size() / 7) {
        const std::size_t expected = naive_first(prefilter.literals(), text, from);
        const std::size_t got = prefilter.find_first(text, from);
        if (expected == std::string_view::npos) {
          BOOST_TEST_REQUIRE(got == std::string_view::npos, "text " << text << " from " << from);
          continue;
        }
        BOOST_TEST_REQUIRE(got != std::string_view::npos, "text " << text << " from " << from);
        // A real occurrence, not before the earliest, and on the earliest one's line.
        BOOST_TEST_REQUIRE(got >= expected);
        BOOST_TEST_REQUIRE(text.find('\n', expected) >= got, "text " << text << " from " << from);
        bool real = false;
        for (const auto& literal : prefilter.literals())
          real = real || text.compare(got, literal.size(), literal) == 0;
        BOOST_TEST_REQUIRE(real);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(present_reports_exactly_the_literals_in_the_text) {
  for (const auto level : k_levels) {
    const LiteralPrefilter prefilter(k_anchors, level);
    std::mt19937 rng(7);
    for (int round = 0; round < 3000; ++round) {
      const std::string text = random_text(rng, 1 + round % 80);
      std::uint32_t expected = 0;
      for (std::size_t i = 0; i < prefilter.literals().size(); ++i) {
        if (text.find(prefilter.literals()[i]) != std::string::npos) expected |= 1u << i;
      }
      BOOST_TEST_REQUIRE(prefilter.present(text) == expected, "text " << text);
    }
  }
}

BOOST_AUTO_TEST_CASE(redundant_and_unusable_literal_sets) {
  const LiteralPrefilter pruned({"msg", "xmsgx", "msg"});
  BOOST_TEST(pruned.literals() == (std::vector<std::string>{"msg"}),
             boost::test_tools::per_element());
  BOOST_TEST(LiteralPrefilter({"x"}).empty());  // a one-byte literal: every line is a candidate
  BOOST_TEST(LiteralPrefilter(std::vector<std::string>{}).empty());
  std::vector<std::string> many;
  for (int i = 0; i < 40; ++i) many.push_back("lit" + std::to_string(i) + "_");
  BOOST_TEST(LiteralPrefilter(many).empty());
}

BOOST_AUTO_TEST_CASE(hits_at_block_edges_and_in_long_text) {
  const LiteralPrefilter prefilter(k_anchors);
  std::string text(100000, 'x');
  text += "errcode";
  BOOST_TEST(prefilter.find_first(text, 0) == 100000u);
  BOOST_TEST(prefilter.find_first("msg", 0) == 0u);
  BOOST_TEST(prefilter.find_first("xmsg", 2) == std::string_view::npos);
  BOOST_TEST(prefilter.find_first("ms", 0) == std::string_view::npos);
}

// Every occurrence of every literal, by plain search, in order of start.
std::vector<std::pair<std::uint32_t, std::uint32_t>> naive_all(
    const std::vector<std::string>& literals, std::string_view text) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
  for (std::size_t i = 0; i < literals.size(); ++i) {
    for (std::size_t at = text.find(literals[i]); at != std::string_view::npos;
         at = text.find(literals[i], at + 1)) {
      out.emplace_back(static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(i));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Collects what scan_block hands over.
struct Collect final : LiteralPrefilter::OccurrenceVisitor {
  std::vector<LiteralPrefilter::Occurrence> seen;
  void on(std::string_view /*text*/, const LiteralPrefilter::Occurrence& occurrence) override {
    seen.push_back(occurrence);
  }
};

// The block search has its own loops for one to three byte pairs (64 positions a step, counting
// lines as it goes) and a general one; each must hand over exactly the occurrences a plain search
// finds, once each, on the right line, nearly in order, at every level.
BOOST_AUTO_TEST_CASE(scan_block_matches_a_plain_search_for_every_pair_count) {
  const std::vector<std::vector<std::string>> sets{{"BackMsg_"},
                                                   {"BackMsg_", "code", "Code", "CODE"},
                                                   {"BackMsg_", "errcode", "respCode", "msg"},
                                                   k_anchors};
  for (const auto& set : sets) {
    for (const auto level : k_levels) {
      const LiteralPrefilter prefilter(set, level);
      BOOST_TEST_REQUIRE(!prefilter.empty());
      std::mt19937 rng(7);
      for (int round = 0; round < 400; ++round) {
        const std::string text = random_text(rng, 1 + round % 300) + "code";
        Collect collect;
        const std::size_t newlines = prefilter.scan_block(text, collect);
        BOOST_TEST_REQUIRE(newlines ==
                           static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')));
        auto& got = collect.seen;
        // Met in the order of their pairs: a literal starts before its pair by its own offset,
        // so a later one never starts more than a literal's length earlier.
        for (std::size_t i = 1; i < got.size(); ++i) {
          BOOST_TEST_REQUIRE(got[i].start + 8 >= got[i - 1].start, "text " << text);
        }
        std::sort(got.begin(), got.end(), [](const auto& a, const auto& b) {
          return std::pair(a.start, a.literal) < std::pair(b.start, b.literal);
        });
        const auto expected = naive_all(prefilter.literals(), text);
        BOOST_TEST_REQUIRE(got.size() == expected.size(), "text " << text);
        for (std::size_t i = 0; i < got.size(); ++i) {
          BOOST_TEST_REQUIRE(got[i].start == expected[i].first, "text " << text);
          BOOST_TEST_REQUIRE(got[i].literal == expected[i].second, "text " << text);
          // Its line: the newlines before it.
          BOOST_TEST_REQUIRE(got[i].line == static_cast<std::uint32_t>(std::count(
                                                text.begin(), text.begin() + got[i].start, '\n')),
                             "text " << text);
        }
      }
    }
  }
}
