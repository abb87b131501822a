#pragma once

// Internal to catalog/: the reading side of the pattern-file schema. Included only by
// catalog/*.cpp, so simdjson stays out of the public headers.

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/pattern_schema.hpp"
#include "util/text_position.hpp"

namespace errscope {

/// The text of the pattern file being read, and what every diagnostic about it needs: its name,
/// line and column look-ups, and where warnings go. One per parse; outlives its FieldReaders.
class PatternText {
 public:
  PatternText(std::string_view origin, std::string_view text, std::vector<Diagnostic>& warnings);

  /// The text with the padding simdjson reads past the end.
  const simdjson::padded_string& json() const noexcept { return m_json; }
  /// A diagnostic at byte `offset` of the text naming `path`.
  Diagnostic diagnostic(std::size_t offset, std::string_view path, std::string reason,
                        std::string fix) const;
  /// A diagnostic at `at` (a pointer into json(), or null for the start) naming `path`.
  Diagnostic fail(const char* at, std::string_view path, std::string reason, std::string fix) const;
  /// The file, line and column of `at`, and `path`.
  SourcePosition position(const char* at, std::string_view path) const;
  /// A diagnostic at the start of the file for an error simdjson reports after checking syntax.
  Diagnostic simdjson_failure(simdjson::error_code error) const;
  /// Adds a warning; reading goes on.
  void warn(Diagnostic warning) { m_warnings.push_back(std::move(warning)); }

 private:
  std::size_t offset_of(const char* at) const noexcept;

  std::string_view m_origin;
  std::string_view m_text;
  simdjson::padded_string m_json;
  mutable PositionCursor m_cursor{m_text};
  std::vector<Diagnostic>& m_warnings;
};

/// One JSON value of a pattern file being read: its position and JSON path, the typed reads of
/// it (each failing with a diagnostic that names what was expected) and errors pointing at it.
class FieldReader {
 public:
  FieldReader(PatternText& text, simdjson::ondemand::value& value, std::string path);

  /// The value's JSON path, e.g. "/codes/3/message" ("" for the top level).
  const std::string& path() const noexcept { return m_path; }
  /// Where the value starts.
  SourcePosition where() const { return m_text.position(m_at, m_path); }
  /// The value as written, without the white space after it.
  std::string_view raw() const;
  /// Whether the value is a JSON number.
  bool is_number();

  /// An error at the value, naming its path.
  Diagnostic fail(std::string reason, std::string fix) const;
  /// An error at the value (an object), naming the path of its `key`.
  Diagnostic fail_at_key(std::string_view key, std::string reason, std::string fix) const;

  /// A string, any string.
  Status text(std::string& out);
  /// A string that is not empty.
  Status nonempty_text(std::string& out);
  /// An array of strings that are not empty, appended to `out`.
  Status texts(std::vector<std::string>& out);
  /// A regex string (not empty) with its position and raw JSON, for RE2's error columns.
  Status regex(RegexSpec& spec);
  /// A whole number from 0 to 2^64-1; false for anything else.
  bool whole_number(std::uint64_t& out);

  /// Calls visit(item) with a FieldReader for each element of the array this value must be.
  template <typename Visit>
  Status items(std::string_view expected, Visit visit);

  /// Reads this value as the object `schema` describes: each known key through its field's read
  /// function, a warning for each unknown key, then schema.check, then an error for the first
  /// required key that is missing.
  template <typename T>
  Status object(const ObjectSchema<T>& schema, T& out);

 private:
  Diagnostic wrong_type(std::string_view expected);
  Diagnostic missing_key(std::string_view key, std::string_view fix, MissingKeyPath path) const;
  void warn_unknown_key(std::string_view key, const std::vector<std::string_view>& valid);

  template <typename Visit>
  Status fields(std::string_view expected, Visit visit);

  PatternText& m_text;
  simdjson::ondemand::value& m_value;
  std::string m_path;
  const char* m_at;
};

template <typename Visit>
Status FieldReader::items(std::string_view expected, Visit visit) {
  simdjson::ondemand::array array;
  if (m_value.get_array().get(array) != simdjson::SUCCESS) return wrong_type(expected);
  std::size_t index = 0;
  for (auto item_result : array) {
    simdjson::ondemand::value item;
    if (auto error = std::move(item_result).get(item)) return m_text.simdjson_failure(error);
    FieldReader reader(m_text, item, m_path + "/" + std::to_string(index++));
    if (auto status = visit(reader); !status.ok()) return status;
  }
  return ok_status();
}

// Calls visit(key, field) for each field of the object this value must be.
template <typename Visit>
Status FieldReader::fields(std::string_view expected, Visit visit) {
  simdjson::ondemand::object object;
  if (m_value.get_object().get(object) != simdjson::SUCCESS) return wrong_type(expected);
  for (auto field_result : object) {
    simdjson::ondemand::field field;
    if (auto error = std::move(field_result).get(field)) return m_text.simdjson_failure(error);
    std::string_view key;
    if (auto error = field.unescaped_key().get(key)) return m_text.simdjson_failure(error);
    simdjson::ondemand::value value = field.value();
    FieldReader reader(m_text, value, m_path + "/" + std::string(key));
    if (auto status = visit(key, reader); !status.ok()) return status;
  }
  return ok_status();
}

template <typename T>
Status FieldReader::object(const ObjectSchema<T>& schema, T& out) {
  std::vector<bool> seen(schema.fields.size());
  auto status = fields(schema.expected, [&](std::string_view key, FieldReader& field) -> Status {
    for (std::size_t i = 0; i < schema.fields.size(); ++i) {
      if (schema.fields[i].key != key) continue;
      seen[i] = true;
      return schema.fields[i].read(field, out);
    }
    std::vector<std::string_view> valid;
    for (const auto& known : schema.fields) valid.push_back(known.key);
    field.warn_unknown_key(key, valid);
    return ok_status();
  });
  if (!status.ok()) return status;
  if (schema.check != nullptr) {
    if (auto checked = schema.check(*this, out); !checked.ok()) return checked;
  }
  for (std::size_t i = 0; i < schema.fields.size(); ++i) {
    const Field<T>& field = schema.fields[i];
    if (field.presence == Presence::required && !seen[i])
      return missing_key(field.key, field.missing_fix, schema.missing_path);
  }
  return ok_status();
}

}  // namespace errscope
