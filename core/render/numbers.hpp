#pragma once

#include <cstdint>
#include <string>

#include "util/count_text.hpp"

namespace errscope {

/// How the report renderings write numbers (format_count, from util/count_text.hpp, writes
/// counts with thousands separators).

/// `part` as a percentage of `whole` with one decimal (`78.6%`; `0%` when whole is 0).
std::string format_percent(std::uint64_t part, std::uint64_t whole);

/// A ratio as short text: up to three decimals, trailing zeros dropped (`2.5`, `0.333`, `12`).
std::string format_ratio(double ratio);

}  // namespace errscope
