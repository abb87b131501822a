#define BOOST_TEST_MODULE simd_kernels
// Every kernel of simd/ at every Level, against a naive loop: random buffers of every length
// from 0 to 300, searched from every start offset (so every alignment and every tail length of
// the vector steps is met). On an AVX2 machine this is what runs the lower levels' paths.

#include <boost/test/unit_test.hpp>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "simd/cpu.hpp"
#include "simd/find_either.hpp"
#include "simd/newlines.hpp"
#include "simd/pair_scan.hpp"
#include "simd/stop_bytes.hpp"

using namespace errscope;

namespace {

constexpr simd::Level k_levels[] = {simd::Level::best, simd::Level::sse2, simd::Level::scalar};
constexpr std::size_t k_max_length = 300;

const char* level_name(simd::Level level) {
  switch (level) {
    case simd::Level::best:
      return "best";
    case simd::Level::sse2:
      return "sse2";
    case simd::Level::scalar:
      return "scalar";
  }
  return "?";
}

// A buffer of `length` bytes: mostly `filler`, each byte with a chance `1 / sparsity` of being
// one of `specials` (the bytes a kernel looks for and its near misses), so that both long runs
// without a hit and runs of close hits occur.
std::string random_buffer(std::mt19937& rng, std::size_t length, std::string_view specials,
                          unsigned sparsity) {
  std::string text(length, 'x');
  for (auto& c : text) {
    if (rng() % sparsity == 0) {
      c = specials[rng() % specials.size()];
    } else {
      c = static_cast<char>('a' + rng() % 26);
    }
  }
  return text;
}

std::size_t naive_newlines(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) count += c == '\n' ? 1 : 0;
  return count;
}

std::size_t naive_stop(std::string_view text, std::size_t from, const StopBytes& stops) {
  for (std::size_t i = from; i < text.size(); ++i) {
    const auto value = static_cast<unsigned char>(text[i]);
    const bool control = value < 0x20 || value == 0x7F;
    const bool extra = text[i] == stops.extra[0] || text[i] == stops.extra[1];
    if (control || extra || (stops.non_ascii && value >= 0x80)) return i;
  }
  return text.size();
}

std::size_t naive_either(std::string_view text, std::size_t from, char first, char second) {
  for (std::size_t i = from; i < text.size(); ++i) {
    if (text[i] == first || text[i] == second) return i;
  }
  return text.size();
}

// (position, bits, newlines before it) for each position of `text` where a pair sits; the byte
// after the text reads as 0.
using PairHit = std::tuple<std::size_t, std::uint32_t, std::size_t>;
std::vector<PairHit> naive_pairs(std::string_view text, const std::vector<simd::BytePair>& pairs) {
  const auto fold = [](unsigned char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c + ('a' - 'A')) : c;
  };
  std::vector<PairHit> hits;
  std::size_t line = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto a = static_cast<unsigned char>(text[i]);
    const auto b = static_cast<unsigned char>(i + 1 < text.size() ? text[i + 1] : '\0');
    std::uint32_t bits = 0;
    for (const simd::BytePair& pair : pairs) {
      const bool hit = pair.folded ? fold(a) == pair.first && fold(b) == pair.second
                                   : a == pair.first && b == pair.second;
      if (hit) bits |= pair.bits;
    }
    if (bits != 0) hits.emplace_back(i, bits, line);
    line += text[i] == '\n' ? 1 : 0;
  }
  return hits;
}

// Every byte value once, for the kernels' signed/unsigned comparisons.
std::string all_bytes() {
  std::string bytes;
  for (int value = 0; value < 256; ++value) bytes += static_cast<char>(value);
  return bytes;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_level_a_test_asks_for_is_never_above_the_cpu) {
  BOOST_TEST((simd::usable(simd::Level::best) == simd::detected()));
  BOOST_TEST((simd::usable(simd::Level::sse2) == simd::Level::sse2));
  BOOST_TEST((simd::usable(simd::Level::scalar) == simd::Level::scalar));
}

BOOST_AUTO_TEST_CASE(count_newlines_counts_as_a_plain_loop) {
  std::mt19937 rng(11);
  for (const unsigned sparsity : {2u, 9u, 97u}) {
    for (std::size_t length = 0; length <= k_max_length; ++length) {
      const std::string text = random_buffer(rng, length, "\n\n\r\x0b\x8a\xff", sparsity);
      for (std::size_t from = 0; from <= length; ++from) {
        const std::string_view rest = std::string_view(text).substr(from);
        const std::size_t expected = naive_newlines(rest);
        for (const simd::Level level : k_levels) {
          BOOST_TEST_REQUIRE(count_newlines(rest, level) == expected,
                             level_name(level) << " length " << length << " from " << from);
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(find_stop_byte_stops_where_a_plain_loop_does) {
  // The stops of the JSON writer, of append_visible before and in valid UTF-8, and one with an
  // extra byte from 0x80 (compared signed by SSE2).
  const StopBytes stop_sets[] = {{{'"', '\\'}, true},
                                 {{'"', '\\'}, false},
                                 {{0x7F, 0x7F}, true},
                                 {{'\xC2', 0x7F}, false},
                                 {{'\xFF', '\x80'}, false}};
  const std::string specials = "\"\\\x01\x1f\x20\x7f\x7e\x80\xc2\xe9\xff\t\n" + all_bytes();
  std::mt19937 rng(12);
  for (const unsigned sparsity : {3u, 40u}) {
    for (std::size_t length = 0; length <= k_max_length; ++length) {
      const std::string text = random_buffer(rng, length, specials, sparsity);
      for (const StopBytes& stops : stop_sets) {
        for (std::size_t from = 0; from <= length; ++from) {
          const std::size_t expected = naive_stop(text, from, stops);
          for (const simd::Level level : k_levels) {
            BOOST_TEST_REQUIRE(find_stop_byte(text, from, stops, level) == expected,
                               level_name(level) << " length " << length << " from " << from);
          }
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(find_either_finds_the_first_of_two_bytes_as_a_plain_loop_does) {
  struct Pair {
    char first;
    char second;
  };
  const Pair pairs[] = {{'-', '/'}, {'/', '/'}, {'\x80', '\xFF'}, {'\0', 'a'}};
  const std::string specials = "-/-/\x80\xff\x7f" + std::string(1, '\0') + all_bytes();
  std::mt19937 rng(13);
  for (const unsigned sparsity : {3u, 40u}) {
    for (std::size_t length = 0; length <= k_max_length; ++length) {
      const std::string text = random_buffer(rng, length, specials, sparsity);
      for (const Pair& pair : pairs) {
        for (std::size_t from = 0; from <= length; ++from) {
          const std::size_t expected = naive_either(text, from, pair.first, pair.second);
          for (const simd::Level level : k_levels) {
            BOOST_TEST_REQUIRE(find_either(text, from, pair.first, pair.second, level) == expected,
                               level_name(level) << " length " << length << " from " << from);
          }
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(a_lone_stop_byte_is_found_at_every_offset) {
  // Each stop byte alone in a run of plain bytes, at every offset of the 16-byte steps.
  const StopBytes quotes{{'"', '\\'}, false};
  const StopBytes non_ascii{{0x7F, 0x7F}, true};
  for (const simd::Level level : k_levels) {
    for (std::size_t size = 1; size < 50; ++size) {
      for (std::size_t at = 0; at < size; ++at) {
        for (const char stop : {'"', '\\', '\x01', '\x7f', '\x1f'}) {
          std::string text(size, 'x');
          text[at] = stop;
          BOOST_TEST_REQUIRE(find_stop_byte(text, 0, quotes, level) == at);
          BOOST_TEST_REQUIRE(find_stop_byte(text, at + 1, quotes, level) == size);
        }
        std::string text(size, 'x');
        text[at] = '\xE9';
        BOOST_TEST_REQUIRE(find_stop_byte(text, 0, non_ascii, level) == at);
        BOOST_TEST_REQUIRE(find_stop_byte(text, 0, quotes, level) == size);
        BOOST_TEST_REQUIRE(find_non_ascii(text) == at);
        BOOST_TEST_REQUIRE(find_non_ascii(std::string(size, '\x7f')) == size);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(scan_pairs_meets_the_pairs_a_plain_loop_meets) {
  // One to three pairs (the AVX2 loops for a fixed count), five and the most (the general
  // loops): pairs compared without case, with bytes from 0x80, a newline, a 0 (met at the end,
  // where the byte after the text reads as 0) and one pair twice, with and without case.
  using simd::BytePair;
  std::vector<BytePair> most;
  for (std::uint32_t i = 0; i < simd::k_max_pairs; ++i) {
    most.push_back({static_cast<unsigned char>('a' + i % 26),
                    static_cast<unsigned char>(i < 26 ? 'z' - i : '_'), i < 26, 1u << i});
  }
  // The fixed loops fold the input once for the folded pairs, which must come first: every
  // count of folded ones, and a set with a folded pair after a raw one (the general loop). Those
  // sets (after the first five) are tried on dense text only.
  const std::vector<std::vector<BytePair>> pair_sets{
      {{'m', 's', true, 1}},
      {{'m', 's', true, 1}, {'_', '\n', false, 2}},
      {{'m', 's', true, 1}, {'r', 'c', true, 2}, {0xC3, 0xA9, false, 4}},
      {{'m', 's', true, 1},
       {'r', 'c', true, 2},
       {0xC3, 0xA9, false, 4},
       {'"', '\0', false, 8},
       {'M', 's', false, 16}},
      most,
      {{'_', '\n', false, 1}},
      {{'m', 's', true, 1}, {'r', 'c', true, 2}},
      {{'_', '\n', false, 1}, {0xC3, 0xA9, false, 2}},
      {{'_', '\n', false, 1}, {'m', 's', true, 2}},
      {{'m', 's', true, 1}, {0xC3, 0xA9, false, 2}, {'@', '[', false, 4}},
      {{'m', 's', true, 1}, {'r', 'c', true, 2}, {'m', 's', true, 4}},
      {{'M', 's', false, 1}, {0xC3, 0xA9, false, 2}, {'@', '[', false, 4}}};
  const std::string specials = "mMsSrRcC_\n\n\xc3\xa9\"@`[{\xcd\xed" + std::string(1, '\0');
  std::mt19937 rng(14);
  for (const auto& pairs : pair_sets) {
    for (const unsigned sparsity : {2u, 30u}) {
      if (sparsity != 2 && &pairs - pair_sets.data() >= 5) continue;
      for (std::size_t length = 0; length <= k_max_length; ++length) {
        const std::string text = random_buffer(rng, length, specials, sparsity);
        const std::vector<PairHit> all = naive_pairs(text, pairs);
        const std::size_t lines_in_text = naive_newlines(text);
        std::size_t first = 0;  // the first of `all` at or after `from`
        for (std::size_t from = 0; from <= length; ++from) {
          while (first < all.size() && std::get<0>(all[first]) < from) ++first;
          const std::size_t lines_before = naive_newlines(std::string_view(text).substr(0, from));
          // What scan_pairs tells from `from` (no lines), and scan_pairs_and_lines on the rest.
          std::vector<PairHit> unlined;
          std::vector<PairHit> in_rest;
          for (std::size_t i = first; i < all.size(); ++i) {
            const auto [position, bits, line] = all[i];
            unlined.emplace_back(position, bits, 0);
            in_rest.emplace_back(position - from, bits, line - lines_before);
          }
          for (const simd::Level wanted : k_levels) {
            const simd::Level level = simd::usable(wanted);
            // Every position, when the visitor never stops the scan.
            std::vector<PairHit> got;
            std::size_t at = from;
            const bool stopped = simd::scan_pairs(text, at, pairs, level,
                                                  [&](std::size_t position, std::uint32_t bits) {
                                                    got.emplace_back(position, bits, 0);
                                                    return false;
                                                  });
            BOOST_TEST_REQUIRE((!stopped && at == length && got == unlined),
                               level_name(wanted) << " pairs " << pairs.size() << " length "
                                                  << length << " from " << from);
            // Stopped at the first position, which `at` then holds.
            at = from;
            const bool found = simd::scan_pairs(text, at, pairs, level,
                                                [](std::size_t, std::uint32_t) { return true; });
            BOOST_TEST_REQUIRE((found == !unlined.empty() &&
                                at == (found ? std::get<0>(unlined.front()) : length)),
                               level_name(wanted) << " pairs " << pairs.size() << " length "
                                                  << length << " from " << from);
            // With the lines, on the text from `from` (so every alignment is met).
            got.clear();
            const std::string_view rest = std::string_view(text).substr(from);
            bool starts_right = true;  // each line_start is just past the last '\n' before
            const std::size_t newlines = simd::scan_pairs_and_lines(
                rest, pairs, level,
                [&](std::size_t position, std::uint32_t bits, std::size_t line,
                    std::size_t line_start) {
                  got.emplace_back(position, bits, line);
                  const std::size_t newline = rest.substr(0, position).rfind('\n');
                  const std::size_t start = newline == std::string_view::npos ? 0 : newline + 1;
                  starts_right = starts_right && line_start == start;
                });
            BOOST_TEST_REQUIRE((newlines == lines_in_text - lines_before && got == in_rest &&
                                starts_right),
                               level_name(wanted) << " pairs " << pairs.size() << " length "
                                                  << length << " from " << from);
          }
        }
      }
    }
  }
}
