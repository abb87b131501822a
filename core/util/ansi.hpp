#pragma once

#include <string>
#include <string_view>

namespace errscope {

/// Whether rendered text carries the tool's own colours (only ever on a terminal).
enum class ColorMode { plain, color };

/// Appends `text` wrapped in the SGR sequence `sgr` (e.g. "1;31") when colour is on.
inline void append_styled(std::string& out, ColorMode mode, std::string_view sgr,
                          std::string_view text) {
  if (mode == ColorMode::color) {
    out += "\x1b[";
    out += sgr;
    out += 'm';
    out += text;
    out += "\x1b[0m";
  } else {
    out += text;
  }
}

}  // namespace errscope
