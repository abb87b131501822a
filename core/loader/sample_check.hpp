#pragma once

#include "catalog/catalog.hpp"
#include "util/result.hpp"

namespace errscope {

/// Checks that every sample line of `vendor` yields exactly its expected codes, in order. Compiles
/// the vendor's regexes first, so a regex RE2 refuses fails here too.
Status check_samples(const VendorSpec& vendor);

}  // namespace errscope
