#pragma once

#include <string>

namespace errscope::cli {

/// The git revision the binary was built from (`git describe`), or "unknown".
const char* build_revision();

/// What `errscope --version` prints: the version, the git revision and each built-in catalog
/// with its code count, one per line.
std::string version_text();

}  // namespace errscope::cli
