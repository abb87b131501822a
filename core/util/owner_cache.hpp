#pragma once

#include <utility>

namespace errscope {

/// A member holding pointers into its owner's own node-based containers (std::map,
/// std::unordered_map), as a shortcut for repeated look-ups. Moving the owner keeps it (the
/// nodes move with the containers); copying the owner starts it empty, since a copy's pointers
/// would point into the original.
template <typename T>
class OwnerCache {
 public:
  OwnerCache() = default;
  OwnerCache(const OwnerCache& /*other*/) noexcept {}
  OwnerCache& operator=(const OwnerCache& other) noexcept {
    if (this != &other) value = T{};
    return *this;
  }
  OwnerCache(OwnerCache&& other) noexcept : value(std::move(other.value)) { other.value = T{}; }
  OwnerCache& operator=(OwnerCache&& other) noexcept {
    value = std::move(other.value);
    other.value = T{};
    return *this;
  }
  ~OwnerCache() = default;

  T value{};
};

}  // namespace errscope
