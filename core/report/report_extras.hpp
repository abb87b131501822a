#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "report/baseline.hpp"

namespace errscope {

/// Who made a report and when, as every rendering states it.
struct Provenance {
  std::string generator;  ///< "errscope 1.4.0"; empty: not stated (nor the time)
  std::optional<std::int64_t> generated;  ///< when, in seconds since 1970-01-01T00:00:00Z
};

/// The window a report was cut to (--since, --until), as renderings state it.
struct ShownWindow {
  std::optional<std::int64_t> since;  ///< WallMillis
  std::optional<std::int64_t> until;  ///< WallMillis
};

/// What a report rendering shows beyond the report itself.
struct ReportExtras {
  std::size_t top = 0;  ///< codes shown (0: all)
  const BaselineDiff* baseline = nullptr;
  std::vector<std::string> alerts;  ///< thresholds breached, one sentence each
  Provenance provenance;
  ShownWindow window;
};

}  // namespace errscope
