#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace errscope {

/// Finds a code's position in a vendor's table. Open addressing over a power-of-two array of
/// slots that hold each code's bytes (up to 16) inline, so a look-up (once per code found in a
/// log) hashes two words and compares one slot, without a node or a string to chase.
class CodeIndex {
 public:
  CodeIndex() = default;
  /// Indexes `codes`; where a code appears twice, the first position wins.
  explicit CodeIndex(const std::vector<std::string_view>& codes);

  /// The position of `code` in the indexed list, if there.
  std::optional<std::size_t> find(std::string_view code) const noexcept;

 private:
  /// A code's bytes as two words (see key_of); with the size, equal keys mean equal codes up
  /// to 16 bytes.
  struct Key {
    std::uint64_t low = 0;
    std::uint64_t high = 0;
  };
  struct Slot {
    Key key;
    std::uint32_t size = k_empty;
    std::uint32_t position = 0;
  };
  static constexpr std::uint32_t k_empty = UINT32_MAX;
  static Key key_of(std::string_view code) noexcept;
  std::size_t home_of(const Key& key, std::size_t size) const noexcept;
  bool holds(const Slot& slot, const Key& key, std::string_view code) const noexcept;

  std::vector<Slot> m_slots;
  unsigned m_shift = 60;  ///< 64 - log2(the slot count): a hash's top bits pick the home slot
  std::vector<std::string> m_codes;  ///< for codes over 16 bytes, compared in full
};

}  // namespace errscope
