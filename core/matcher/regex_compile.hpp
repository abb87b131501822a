#pragma once

#include <re2/re2.h>

#include <memory>

#include "catalog/catalog.hpp"
#include "util/result.hpp"

// Internal to matcher/: the only header outside RE2's own that includes <re2/re2.h>.

namespace errscope {

/// The RE2 options every pattern-file regex is compiled with: no logging, at most
/// k_max_regex_memory of memory.
RE2::Options pattern_options();

/// Compiles one regex of a pattern file with RE2. A regex RE2 rejects, or one over
/// k_max_regex_length, comes back with its position in the file and what to write instead (RE2
/// has no lookaround or backreferences).
Result<std::unique_ptr<RE2>> compile_pattern_regex(const RegexSpec& spec);

}  // namespace errscope
