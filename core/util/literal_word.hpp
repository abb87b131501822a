#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace errscope {

/// A literal to test at a position of a text. One of up to 8 bytes is kept as a word with the
/// mask of the bytes it has, so the test is one load and a masked compare instead of a memcmp
/// call (the prefilter confirms every pair hit this way, the matcher every anchor).
class LiteralWord {
 public:
  LiteralWord() = default;
  explicit LiteralWord(std::string literal)
      : m_size(static_cast<std::uint32_t>(literal.size())), m_literal(std::move(literal)) {
    std::memcpy(&m_word, m_literal.data(), m_literal.size() < 8 ? m_literal.size() : 8);
    m_mask = m_literal.size() >= 8 ? ~std::uint64_t{0}
                                   : (std::uint64_t{1} << (8 * m_literal.size())) - 1;
  }

  /// Whether `text` holds the literal at `at`.
  bool occurs_at(std::string_view text, std::size_t at) const noexcept {
    if (m_size <= 8 && at + 8 <= text.size()) {
      std::uint64_t word = 0;
      std::memcpy(&word, text.data() + at, 8);
      return (word & m_mask) == m_word;
    }
    return at <= text.size() && text.size() - at >= m_literal.size() &&
           std::memcmp(text.data() + at, m_literal.data(), m_literal.size()) == 0;
  }

 private:
  std::uint64_t m_word = 0;
  std::uint64_t m_mask = 0;
  std::uint32_t m_size = 0;  ///< the literal's size, at hand without the string
  std::string m_literal;
};

}  // namespace errscope
