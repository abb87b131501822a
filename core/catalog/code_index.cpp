#include "catalog/code_index.hpp"

#include <algorithm>
#include <cstring>

namespace errscope {

namespace {

std::uint64_t load8(const char* bytes) noexcept {
  std::uint64_t word = 0;
  std::memcpy(&word, bytes, 8);
  return word;
}

std::uint64_t load4(const char* bytes) noexcept {
  std::uint32_t word = 0;
  std::memcpy(&word, bytes, 4);
  return word;
}

}  // namespace

// With the size beside it, the key determines a code of up to 16 bytes: two fixed-size loads
// from its two ends cover every byte (overlapping when shorter than the words), and no load
// reaches past the code's own bytes.
CodeIndex::Key CodeIndex::key_of(std::string_view code) noexcept {
  const char* bytes = code.data();
  const std::size_t size = code.size();
  Key key;
  if (size >= 8) {
    key.low = load8(bytes);
    key.high = load8(bytes + std::min<std::size_t>(size, 16) - 8);
  } else if (size >= 4) {
    key.low = load4(bytes) | load4(bytes + size - 4) << 32;
  } else {
    for (std::size_t i = 0; i < size; ++i) {
      key.low |= std::uint64_t{static_cast<unsigned char>(bytes[i])} << (8 * i);
    }
  }
  return key;
}

std::size_t CodeIndex::home_of(const Key& key, std::size_t size) const noexcept {
  // A product's top bits depend on every bit of its factor (its low bits only on the factor's
  // low bits: codes differing in their last digit would share a home), so the home is taken
  // from the top.
  const std::uint64_t hash =
      (key.low ^ (key.high * 0xc2b2ae3d27d4eb4fu) ^ static_cast<std::uint64_t>(size)) *
      0x9e3779b97f4a7c15u;
  return static_cast<std::size_t>(hash >> m_shift);
}

bool CodeIndex::holds(const Slot& slot, const Key& key, std::string_view code) const noexcept {
  return slot.size == code.size() && slot.key.low == key.low && slot.key.high == key.high &&
         (code.size() <= 16 || m_codes[slot.position] == code);
}

CodeIndex::CodeIndex(const std::vector<std::string_view>& codes) {
  std::size_t capacity = 16;
  m_shift = 60;
  while (capacity < codes.size() * 2) {
    capacity *= 2;
    --m_shift;
  }
  m_slots.assign(capacity, Slot{});
  m_codes.assign(codes.begin(), codes.end());
  for (std::size_t position = 0; position < codes.size(); ++position) {
    const std::string_view code = codes[position];
    const Key key = key_of(code);
    std::size_t at = home_of(key, code.size());
    while (m_slots[at].size != k_empty && !holds(m_slots[at], key, code)) {
      at = (at + 1) & (m_slots.size() - 1);
    }
    if (m_slots[at].size != k_empty) continue;  // a repeat: the first stays
    m_slots[at] =
        Slot{key, static_cast<std::uint32_t>(code.size()), static_cast<std::uint32_t>(position)};
  }
}

std::optional<std::size_t> CodeIndex::find(std::string_view code) const noexcept {
  if (m_slots.empty() || code.size() >= k_empty) return std::nullopt;
  const Key key = key_of(code);
  for (std::size_t at = home_of(key, code.size());; at = (at + 1) & (m_slots.size() - 1)) {
    const Slot& slot = m_slots[at];
    if (slot.size == k_empty) return std::nullopt;
    if (holds(slot, key, code)) return slot.position;
  }
}

}  // namespace errscope
