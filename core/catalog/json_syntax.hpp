#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace errscope {

/// The first JSON syntax error in a text: its byte offset and what is wrong there.
struct JsonSyntaxError {
  std::size_t offset = 0;
  std::string what;
};

/// Finds where a document simdjson refused goes wrong, so the message can name a line and
/// column (simdjson reports only the kind of error). Returns nullopt when the text is valid.
std::optional<JsonSyntaxError> locate_json_syntax_error(std::string_view text);

}  // namespace errscope
