#pragma once

#include <concepts>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace errscope {

/// Appends `text` to `out` as a JSON string literal (quotes included). Invalid UTF-8 bytes
/// become U+FFFD, so the output is always valid JSON whatever the input bytes are.
void append_json_string(std::string& out, std::string_view text);

/// Appends what goes between the quotes of `text`'s JSON string literal.
void append_json_string_content(std::string& out, std::string_view text);

/// Whether `text` goes into a JSON string as it is: valid UTF-8 without a quote, a backslash or a
/// control byte.
bool json_string_as_is(std::string_view text) noexcept;

/// Appends a JSON string literal, or `null` when `text` is empty.
void append_json_string_or_null(std::string& out, std::string_view text);

/// A small streaming writer for compact JSON objects and arrays; it places commas itself.
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : m_out(out) {}

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  /// Writes an object key; the next call writes its value.
  void key(std::string_view name);
  void string(std::string_view text);
  void string_or_null(std::string_view text);
  void number(std::int64_t value);
  /// Places the comma before a value that the caller appends to the output itself.
  void begin_raw_value() { before_value(); }
  void boolean(bool value);
  void null();
  /// Writes a value already in JSON form (a number formatted by the caller).
  void raw(std::string_view json);

  // A key and its value in one call. The names differ on purpose: overloads field(key, bool)
  // and field(key, std::string_view) would send a string literal to the bool one.

  /// Writes `"key": "value"`.
  void str(std::string_view key, std::string_view value);
  /// Writes `"key": "value"`, or `"key": null` when `value` is empty.
  void str_or_null(std::string_view key, std::string_view value);
  /// Writes `"key": value` for a whole number of any integer type (a bool is a flag).
  template <std::integral Number>
  requires(!std::same_as<Number, bool>) void num(std::string_view key, Number value) {
    this->key(key);
    raw(std::to_string(value));
  }
  /// Writes `"key": true` or `"key": false`.
  void flag(std::string_view key, bool value);
  /// Writes `"key": null`.
  void null(std::string_view key);
  /// Writes `"key": [...]`, an array of the strings in `values` (`[]` when there are none).
  void strings(std::string_view key, std::span<const std::string> values);

 private:
  void before_value();

  std::string& m_out;
  bool m_need_comma = false;
};

}  // namespace errscope
