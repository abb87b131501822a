#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace errscope {

/// A timestamp found in a log line, normalised to ISO-8601 text as the log wrote it:
/// `2026-11-01T09:41:07.123` (fraction as written, '.' for ','), with `Z` or `+08:00` when the
/// log gave a zone. Epoch numbers become UTC (`...Z`). Holds its text inline: no allocation.
class Timestamp {
 public:
  std::string_view text() const noexcept { return {m_text, m_size}; }

  /// Appends one character (used while building; silently stops at capacity).
  void push(char c) noexcept {
    if (m_size < sizeof m_text) m_text[m_size++] = c;
  }

 private:
  char m_text[40] = {};
  std::size_t m_size = 0;
};

/// The first timestamp of a line, in the forms services write: ISO-8601 with `T` or a space,
/// fractions after '.' or ',', `Z` or an offset (so `2026-11-01 09:41:07,123`,
/// `[2026-11-01 09:41:07]`, Ruby's `[2026-11-01T11:22:04.118331 #2871]`); Go's
/// `2026/11/01 09:41:07`; nginx/apache `01/Nov/2026:09:41:07 +0800`; and epoch seconds or
/// milliseconds in a JSON `ts`, `time`, `timestamp` or `@timestamp` field.
std::optional<Timestamp> find_timestamp(std::string_view line) noexcept;

}  // namespace errscope
