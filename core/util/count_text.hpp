#pragma once

#include <cstdint>
#include <string>

namespace errscope {

/// A count with thousands separators, as messages and reports show it: 12,345.
std::string format_count(std::uint64_t value);

}  // namespace errscope
