#pragma once

#include <cstddef>
#include <string_view>

#include "catalog/catalog.hpp"

namespace errscope {

/// One code found in a line. The views point into the line; `entry` is null for a code that is
/// in the vendor's field but not in its table (known=false).
struct Match {
  const VendorSpec* vendor = nullptr;
  const CodeEntry* entry = nullptr;
  std::string_view code;
  std::string_view param;  ///< the bracketed runtime parameter (`BackMsg_120[10.0.0.7]`), or empty
  std::size_t offset = 0;  ///< byte offset of the code in the line
  /// For a code that defers to a sub-code (DingTalk 88), the sub-code found in the line and its
  /// entry in the same vendor's table (null when the table lacks it); empty when none.
  std::string_view sub_code;
  const CodeEntry* sub_entry = nullptr;
};

}  // namespace errscope
