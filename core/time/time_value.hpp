#pragma once

#include <cstdint>
#include <optional>

namespace errscope {

/// Milliseconds since 1970-01-01T00:00:00 of a wall-clock time, no zone applied.
using WallMillis = std::int64_t;

/// A time as numbers: the wall clock as written, and its UTC offset when the log gave one.
struct TimeValue {
  WallMillis wall = 0;
  std::optional<int> offset_minutes;

  /// The wall clock in another zone (`offset_minutes` east of UTC); unchanged when this time
  /// has no zone of its own.
  WallMillis in_zone(int target_offset_minutes) const noexcept {
    if (!offset_minutes) return wall;
    return wall + static_cast<WallMillis>(target_offset_minutes - *offset_minutes) * 60000;
  }
};

}  // namespace errscope
