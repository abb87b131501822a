#pragma once

#include <span>
#include <string_view>

#include "catalog/catalog.hpp"
#include "util/result.hpp"

namespace errscope {

class FieldReader;  // one JSON value being read (catalog/field_reader.hpp, internal)
class JsonWriter;

/// The pattern-file schema this version reads and writes (the file's optional "schema" key).
inline constexpr std::string_view k_pattern_schema = "errscope.patterns/1";

/// Whether an object must have a key.
enum class Presence { required, optional };

/// One key of a pattern-file object: how its value is read into a T and written back from it.
/// The table of an object's fields is the whole definition of that object.
template <typename T>
struct Field {
  std::string_view key;
  Presence presence;
  std::string_view missing_fix;  ///< the fix text of the error when a required key is missing
  Status (*read)(FieldReader& value, T& out);
  void (*write)(JsonWriter& json, std::string_view key, const T& in);  ///< null: not written
};

/// The JSON path a missing-key error names: the object's, or the object's plus the key.
enum class MissingKeyPath { object, key };

/// One JSON object of the pattern file. Its fields, in order, give the valid keys an
/// unknown-key warning lists, the order missing keys are reported in, and the order of writing.
template <typename T>
struct ObjectSchema {
  std::string_view expected;  ///< what a value of the wrong type is told to be
  std::span<const Field<T>> fields;
  MissingKeyPath missing_path;
  /// A rule across fields, checked after they are read and before missing keys; may be null.
  Status (*check)(FieldReader& object, const T& value);
  /// The key written after all others, or empty.
  std::string_view written_last;
};

/// The top-level object: one vendor.
extern const ObjectSchema<VendorSpec> k_vendor_object;
/// "sub_codes": {"parents", "regexes"}, read into the vendor.
extern const ObjectSchema<VendorSpec> k_sub_codes_object;
/// An element of "regexes": {"name", "regex"}.
extern const ObjectSchema<RegexSpec> k_regex_object;
/// An element of "codes": one code table entry.
extern const ObjectSchema<CodeEntry> k_code_object;
/// An element of "samples": {"line", "codes"}.
extern const ObjectSchema<SampleSpec> k_sample_object;

/// Writes `vendor` as a pattern file (compact JSON) that reads back to the same vendor.
void write_pattern_file(JsonWriter& json, const VendorSpec& vendor);

}  // namespace errscope
