#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace errscope {

/// Reads a whole (small) file: a pattern file, a JSON report. Fails with a diagnostic naming
/// the file when it cannot be opened or read, or is larger than `max_size`; `fix` is the advice
/// given for an unreadable file. "-" reads standard input.
Result<std::string> read_small_file(const std::string& path, std::size_t max_size, std::string_view fix);

}  // namespace errscope
