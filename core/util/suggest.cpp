#include "suggest.hpp"

#include <algorithm>
#include <limits>

namespace errscope {

namespace {

char folded(char c, LetterCase letters) {
  return letters == LetterCase::ignored && c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a')
                                                                 : c;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b, LetterCase letters) {
  const auto same = [letters](char x, char y) { return folded(x, letters) == folded(y, letters); };
  // Optimal string alignment over three rows; names are short, so the rows are small.
  std::vector<std::size_t> before(b.size() + 1);
  std::vector<std::size_t> previous(b.size() + 1);
  std::vector<std::size_t> current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = same(a[i - 1], b[j - 1]) ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1]))
        current[j] = std::min(current[j], before[j - 2] + 1);
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::optional<std::string> closest_word(std::string_view word,
                                        const std::vector<std::string>& candidates) {
  if (word.empty()) return std::nullopt;
  const std::size_t allowed = std::clamp<std::size_t>(word.size() / 3, 1, 3);
  std::optional<std::string> best;
  std::size_t best_distance = std::numeric_limits<std::size_t>::max();
  for (const std::string& candidate : candidates) {
    if (candidate == word) continue;
    std::size_t distance = edit_distance(word, candidate);
    // A prefix long enough to mean something (`--for` for `--format`) counts as close.
    const bool prefix = word.size() >= 3 && candidate.size() > word.size() &&
                        candidate.compare(0, word.size(), word) == 0;
    if (prefix) distance = std::min(distance, allowed);
    if (distance <= allowed && distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace errscope
