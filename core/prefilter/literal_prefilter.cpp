#include "prefilter/literal_prefilter.hpp"

#include <algorithm>
#include <cstring>

namespace errscope {

LiteralPrefilter::LiteralPrefilter(std::vector<std::string> literals)
    : m_literals(std::move(literals)) {
  std::sort(m_literals.begin(), m_literals.end());
  m_literals.erase(std::unique(m_literals.begin(), m_literals.end()), m_literals.end());
  // A literal that contains another is redundant: the shorter one is found first.
  std::vector<std::string> kept;
  for (const auto& literal : m_literals) {
    const bool covered =
        std::any_of(m_literals.begin(), m_literals.end(), [&](const std::string& other) {
          return other != literal && literal.find(other) != std::string::npos;
        });
    if (!covered && !literal.empty()) kept.push_back(literal);
  }
  m_literals = std::move(kept);
  m_next.assign(m_literals.size(), std::string_view::npos);
}

namespace {

// A literal whose next occurrence has not been searched for yet in this block.
constexpr std::size_t k_unsearched = std::string_view::npos - 1;

}  // namespace

void LiteralPrefilter::reset(std::string_view block) noexcept {
  m_block = block;
  std::fill(m_next.begin(), m_next.end(), k_unsearched);
}

std::size_t LiteralPrefilter::find_first(std::size_t from) noexcept {
  std::size_t first = std::string_view::npos;
  for (std::size_t i = 0; i < m_literals.size(); ++i) {
    std::size_t& next = m_next[i];
    if (next == k_unsearched || (next != std::string_view::npos && next < from)) {
      // Each literal's search only moves forward, so a block costs one pass per literal (glibc's
      // memmem is vectorised), however many candidates it holds.
      const void* found = from >= m_block.size()
                              ? nullptr
                              : ::memmem(m_block.data() + from, m_block.size() - from,
                                         m_literals[i].data(), m_literals[i].size());
      next = found == nullptr
                 ? std::string_view::npos
                 : static_cast<std::size_t>(static_cast<const char*>(found) - m_block.data());
    }
    first = std::min(first, next);
  }
  return first;
}

}  // namespace errscope
