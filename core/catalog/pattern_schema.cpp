#include "catalog/pattern_schema.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "catalog/field_reader.hpp"
#include "util/json_writer.hpp"

namespace errscope {

namespace {

// ObjectOf<&T::member> is T, so that read_text<&CodeEntry::reason> is a Field<CodeEntry>::read.
template <typename T, typename M>
T object_of(M T::*);
template <auto Member>
using ObjectOf = decltype(object_of(Member));

template <typename T>
void write_object(JsonWriter& json, const ObjectSchema<T>& schema, const T& value) {
  json.begin_object();
  const Field<T>* last = nullptr;
  for (const Field<T>& field : schema.fields) {
    if (!schema.written_last.empty() && field.key == schema.written_last) {
      last = &field;
    } else if (field.write != nullptr) {
      field.write(json, field.key, value);
    }
  }
  if (last != nullptr && last->write != nullptr) last->write(json, last->key, value);
  json.end_object();
}

// The reads and writes shared by several fields.

template <auto Member>
Status read_text(FieldReader& value, ObjectOf<Member>& out) {
  return value.text(out.*Member);
}

template <auto Member>
Status read_nonempty_text(FieldReader& value, ObjectOf<Member>& out) {
  return value.nonempty_text(out.*Member);
}

template <auto Member>
Status read_texts(FieldReader& value, ObjectOf<Member>& out) {
  return value.texts(out.*Member);
}

template <auto Member>
void write_text(JsonWriter& json, std::string_view key, const ObjectOf<Member>& in) {
  json.str(key, in.*Member);
}

template <auto Member>
void write_text_if_any(JsonWriter& json, std::string_view key, const ObjectOf<Member>& in) {
  if (!(in.*Member).empty()) json.str(key, in.*Member);
}

template <auto Member>
void write_texts(JsonWriter& json, std::string_view key, const ObjectOf<Member>& in) {
  json.strings(key, in.*Member);
}

template <auto Member>
void write_texts_if_any(JsonWriter& json, std::string_view key, const ObjectOf<Member>& in) {
  if (!(in.*Member).empty()) json.strings(key, in.*Member);
}

Status read_regex_list(FieldReader& value, std::vector<RegexSpec>& out) {
  return value.items("an array of {\"name\", \"regex\"} objects", [&](FieldReader& item) {
    RegexSpec spec;
    if (auto status = item.object(k_regex_object, spec); !status.ok()) return status;
    if (spec.name.empty()) spec.name = "regex " + std::to_string(out.size());
    out.push_back(std::move(spec));
    return ok_status();
  });
}

template <auto Member>
Status read_regexes(FieldReader& value, ObjectOf<Member>& out) {
  return read_regex_list(value, out.*Member);
}

// An array of objects, each written as `schema` says.
template <auto Member, const auto& schema>
void write_objects(JsonWriter& json, std::string_view key, const ObjectOf<Member>& in) {
  json.key(key);
  json.begin_array();
  for (const auto& item : in.*Member) write_object(json, schema, item);
  json.end_array();
}

// {"name", "regex"}

Status read_regex(FieldReader& value, RegexSpec& spec) {
  return value.regex(spec);
}

Status read_start(FieldReader& value, RegexSpec& spec) {
  std::string start;
  if (auto status = value.text(start); !status.ok()) return status;
  if (start == "anchor" || start == "object") {
    spec.start = start == "anchor" ? RegexStart::anchor : RegexStart::object;
    return ok_status();
  }
  return value.fail("start is \"" + start + "\"",
                    "use \"anchor\" (matches start at an anchor) or \"object\" (anywhere in the "
                    "{...} object around it)");
}

void write_start(JsonWriter& json, std::string_view key, const RegexSpec& spec) {
  if (spec.start == RegexStart::object) json.str(key, "object");
}

constexpr Field<RegexSpec> k_regex_fields[]{
    {"name", Presence::optional, {}, read_text<&RegexSpec::name>, write_text<&RegexSpec::name>},
    {"regex", Presence::required, "add \"regex\": \"...(?P<code>...)...\"", read_regex,
     write_text<&RegexSpec::pattern>},
    {"start", Presence::optional, {}, read_start, write_start},
};

// A code table entry.

Status read_code(FieldReader& value, CodeEntry& entry) {
  if (value.is_number()) {
    return value.fail("the code is a number", "write it as a string, \"" +
                                                  std::string(value.raw()) +
                                                  "\", so that codes such as \"000000\" keep "
                                                  "their digits");
  }
  if (auto status = value.nonempty_text(entry.code); !status.ok()) return status;
  if (entry.code.find_first_of(" \t\r\n") != std::string::npos) {
    return value.fail("the code \"" + entry.code + "\" contains white space",
                      "write the code exactly as it appears in logs");
  }
  return ok_status();
}

Status read_outcome(FieldReader& value, CodeEntry& entry) {
  std::string outcome;
  if (auto status = value.text(outcome); !status.ok()) return status;
  if (outcome != "success" && outcome != "error")
    return value.fail("outcome is \"" + outcome + "\"", "use \"success\" or \"error\"");
  entry.outcome = outcome == "success" ? Outcome::success : Outcome::error;
  return ok_status();
}

void write_outcome(JsonWriter& json, std::string_view key, const CodeEntry& entry) {
  json.str(key, to_string(entry.outcome));
}

constexpr Field<CodeEntry> k_code_fields[]{
    {"code", Presence::required, "add \"code\": \"...\"", read_code, write_text<&CodeEntry::code>},
    {"message", Presence::required, "add \"message\": \"what the code means\"",
     read_nonempty_text<&CodeEntry::message>, write_text<&CodeEntry::message>},
    {"reason",
     Presence::optional,
     {},
     read_text<&CodeEntry::reason>,
     write_text_if_any<&CodeEntry::reason>},
    {"alt_messages",
     Presence::optional,
     {},
     read_texts<&CodeEntry::alt_messages>,
     write_texts_if_any<&CodeEntry::alt_messages>},
    {"param",
     Presence::optional,
     {},
     read_text<&CodeEntry::param>,
     write_text_if_any<&CodeEntry::param>},
    {"hint", Presence::optional, {}, read_text<&CodeEntry::hint>, write_text<&CodeEntry::hint>},
    {"outcome", Presence::required, "add \"outcome\": \"error\" (or \"success\")", read_outcome,
     write_outcome},
    {"note",
     Presence::optional,
     {},
     read_text<&CodeEntry::note>,
     write_text_if_any<&CodeEntry::note>},
};

// {"line", "codes"}

constexpr Field<SampleSpec> k_sample_fields[]{
    {"line", Presence::required, "add \"line\": \"a log line as your service writes it\"",
     read_text<&SampleSpec::line>, write_text<&SampleSpec::line>},
    {"codes", Presence::required,
     "add \"codes\": [...] with the codes the line must yield ([] for none)",
     read_texts<&SampleSpec::codes>, write_texts<&SampleSpec::codes>},
};

// "sub_codes": {"parents", "regexes"}

constexpr Field<VendorSpec> k_sub_code_fields[]{
    {"parents",
     Presence::optional,
     {},
     read_texts<&VendorSpec::sub_code_parents>,
     write_texts<&VendorSpec::sub_code_parents>},
    {"regexes",
     Presence::optional,
     {},
     read_regexes<&VendorSpec::sub_code_regexes>,
     write_objects<&VendorSpec::sub_code_regexes, k_regex_object>},
};

Status check_sub_codes(FieldReader& object, const VendorSpec& vendor) {
  if (!vendor.sub_code_parents.empty() && !vendor.sub_code_regexes.empty()) return ok_status();
  return object.fail("sub_codes needs both \"parents\" and \"regexes\"",
                     "list the codes that defer to a sub-code, and regexes with a (?P<code>...) "
                     "group that find it");
}

// The top level: one vendor.

Status read_schema(FieldReader& value, VendorSpec&) {
  std::string schema;
  if (auto status = value.text(schema); !status.ok()) return status;
  if (schema == k_pattern_schema) return ok_status();
  return value.fail("unsupported schema \"" + schema + "\"",
                    "use \"" + std::string(k_pattern_schema) + "\" or leave the key out");
}

void write_schema(JsonWriter& json, std::string_view key, const VendorSpec&) {
  json.str(key, k_pattern_schema);
}

bool valid_vendor_id(std::string_view id) {
  if (id.empty() || id.size() > 32 || !(id[0] >= 'a' && id[0] <= 'z')) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

Status read_vendor_id(FieldReader& value, VendorSpec& vendor) {
  if (auto status = value.text(vendor.id); !status.ok()) return status;
  if (valid_vendor_id(vendor.id)) return ok_status();
  return value.fail("invalid vendor id \"" + vendor.id + "\"",
                    "use 1-32 characters of a-z, 0-9, '_' or '-', starting with a letter");
}

Status read_description(FieldReader& value, VendorSpec&) {
  std::string ignored;
  return value.text(ignored);
}

Status read_unknown_codes(FieldReader& value, VendorSpec& vendor) {
  std::string mode;
  if (auto status = value.text(mode); !status.ok()) return status;
  if (mode == "report" || mode == "ignore") {
    vendor.unknown_codes = mode == "report" ? UnknownCodes::report : UnknownCodes::ignore;
    return ok_status();
  }
  return value.fail("unknown_codes is \"" + mode + "\"",
                    "use \"report\" (codes missing from the table are reported with known=false) "
                    "or \"ignore\" (only table codes count)");
}

void write_unknown_codes(JsonWriter& json, std::string_view key, const VendorSpec& vendor) {
  json.str(key, vendor.unknown_codes == UnknownCodes::report ? "report" : "ignore");
}

Status read_anchor_lead(FieldReader& value, VendorSpec& vendor) {
  std::uint64_t lead = 0;
  if (!value.whole_number(lead) || lead > 64) {
    return value.fail("anchor_lead must be a whole number from 0 to 64",
                      "give how many bytes before an anchor a match may start (0: at the anchor)");
  }
  vendor.anchor_lead = static_cast<std::size_t>(lead);
  return ok_status();
}

void write_anchor_lead(JsonWriter& json, std::string_view key, const VendorSpec& vendor) {
  if (vendor.anchor_lead) json.num(key, *vendor.anchor_lead);
}

Status read_vendor_regexes(FieldReader& value, VendorSpec& vendor) {
  if (auto status = read_regex_list(value, vendor.regexes); !status.ok()) return status;
  if (vendor.regexes.empty())
    return value.fail("no regexes", "add at least one regex with a (?P<code>...) group");
  return ok_status();
}

// An array of plain regex strings ("exclude", "claims"), each named `kind` and its index.
Status read_regex_strings(FieldReader& value, std::string_view kind, std::vector<RegexSpec>& out) {
  return value.items("an array of regex strings", [&](FieldReader& item) {
    RegexSpec spec;
    spec.name = std::string(kind) + " " + std::to_string(out.size());
    if (auto status = item.regex(spec); !status.ok()) return status;
    out.push_back(std::move(spec));
    return ok_status();
  });
}

void write_regex_strings(JsonWriter& json, std::string_view key,
                         const std::vector<RegexSpec>& regexes) {
  json.key(key);
  json.begin_array();
  for (const RegexSpec& regex : regexes) json.string(regex.pattern);
  json.end_array();
}

Status read_excludes(FieldReader& value, VendorSpec& vendor) {
  return read_regex_strings(value, "exclude", vendor.excludes);
}

void write_excludes(JsonWriter& json, std::string_view key, const VendorSpec& vendor) {
  write_regex_strings(json, key, vendor.excludes);
}

Status read_claims(FieldReader& value, VendorSpec& vendor) {
  return read_regex_strings(value, "claim", vendor.claims);
}

void write_claims(JsonWriter& json, std::string_view key, const VendorSpec& vendor) {
  if (!vendor.claims.empty()) write_regex_strings(json, key, vendor.claims);
}

Status read_sub_codes(FieldReader& value, VendorSpec& vendor) {
  return value.object(k_sub_codes_object, vendor);
}

void write_sub_codes(JsonWriter& json, std::string_view key, const VendorSpec& vendor) {
  if (vendor.sub_code_parents.empty()) return;
  json.key(key);
  write_object(json, k_sub_codes_object, vendor);
}

Status read_codes(FieldReader& value, VendorSpec& vendor) {
  std::vector<CodeEntry>& out = vendor.codes;
  std::unordered_map<std::string, std::size_t> index_of;  // code → its entry in `out`
  index_of.reserve(out.size());
  for (std::size_t i = 0; i < out.size(); ++i) index_of.emplace(out[i].code, i);
  return value.items("an array of code objects", [&](FieldReader& item) -> Status {
    CodeEntry entry;
    entry.where = item.where();
    if (auto status = item.object(k_code_object, entry); !status.ok()) return status;
    if (const auto [at, added] = index_of.emplace(entry.code, out.size()); !added) {
      const CodeEntry& first = out[at->second];
      return Diagnostic{
          entry.where,
          "code \"" + entry.code + "\" is listed twice (first at line " +
              std::to_string(first.where.line) + ", " + first.where.json_path + ")",
          "keep one entry; put a second text for the same code in its \"alt_messages\""};
    }
    out.push_back(std::move(entry));
    return ok_status();
  });
}

Status read_samples(FieldReader& value, VendorSpec& vendor) {
  auto status = value.items("an array of {\"line\", \"codes\"} objects", [&](FieldReader& item) {
    SampleSpec sample;
    sample.where = item.where();
    if (auto read = item.object(k_sample_object, sample); !read.ok()) return read;
    vendor.samples.push_back(std::move(sample));
    return ok_status();
  });
  if (!status.ok()) return status;
  if (vendor.samples.empty()) {
    return value.fail("no samples",
                      "add sample log lines with the codes each must yield: {\"line\": \"...\", "
                      "\"codes\": [\"...\"]}");
  }
  return ok_status();
}

constexpr Field<VendorSpec> k_vendor_fields[]{
    {"schema", Presence::optional, {}, read_schema, write_schema},
    {"vendor", Presence::required, "add it to the top-level object, e.g. \"vendor\": \"myvendor\"",
     read_vendor_id, write_text<&VendorSpec::id>},
    {"name", Presence::required,
     "add it to the top-level object, e.g. \"name\": \"My vendor's API\"",
     read_nonempty_text<&VendorSpec::name>, write_text<&VendorSpec::name>},
    {"source", Presence::required,
     "add it to the top-level object, e.g. \"source\": \"where the code table comes from\"",
     read_nonempty_text<&VendorSpec::source>, write_text<&VendorSpec::source>},
    {"description", Presence::optional, {}, read_description, nullptr},
    {"unknown_codes", Presence::optional, {}, read_unknown_codes, write_unknown_codes},
    {"anchors",
     Presence::optional,
     {},
     read_texts<&VendorSpec::anchors>,
     write_texts<&VendorSpec::anchors>},
    {"anchor_lead", Presence::optional, {}, read_anchor_lead, write_anchor_lead},
    {"regexes", Presence::required,
     "add it to the top-level object, e.g. \"regexes\": [{\"name\": \"json\", \"regex\": "
     "\"...(?P<code>...)...\"}]",
     read_vendor_regexes, write_objects<&VendorSpec::regexes, k_regex_object>},
    {"exclude", Presence::optional, {}, read_excludes, write_excludes},
    {"claims", Presence::optional, {}, read_claims, write_claims},
    {"message_group",
     Presence::optional,
     {},
     read_text<&VendorSpec::message_group>,
     write_text_if_any<&VendorSpec::message_group>},
    {"sub_codes", Presence::optional, {}, read_sub_codes, write_sub_codes},
    {"codes", Presence::required,
     "add it to the top-level object, e.g. \"codes\": [{\"code\": \"...\", \"message\": \"...\", "
     "\"outcome\": \"error\"}]",
     read_codes, write_objects<&VendorSpec::codes, k_code_object>},
    {"samples", Presence::required,
     "add it to the top-level object, e.g. \"samples\": [{\"line\": \"...\", \"codes\": "
     "[\"...\"]}]",
     read_samples, write_objects<&VendorSpec::samples, k_sample_object>},
};

Status check_vendor(FieldReader& object, const VendorSpec& vendor) {
  if (vendor.anchor_lead && vendor.anchors.empty()) {
    return object.fail_at_key("anchor_lead", "anchor_lead is given but there are no anchors",
                              "list the \"anchors\" the matches start at, or drop \"anchor_lead\"");
  }
  if (!vendor.claims.empty() && vendor.excludes.empty()) {
    return object.fail_at_key("claims", "claims are given but there is no exclude",
                              "claims only tell codes apart on lines an \"exclude\" regex matches; "
                              "add the excludes or drop \"claims\"");
  }
  return ok_status();
}

}  // namespace

constinit const ObjectSchema<VendorSpec> k_vendor_object{
    "a JSON object {\"vendor\": ..., \"regexes\": [...], ...}", k_vendor_fields,
    MissingKeyPath::key, check_vendor,
    // `patterns show` has always ended with the code table, the long part.
    "codes"};

constinit const ObjectSchema<VendorSpec> k_sub_codes_object{
    "an object {\"parents\": [...], \"regexes\": [...]}",
    k_sub_code_fields,
    MissingKeyPath::object,
    check_sub_codes,
    {}};

constinit const ObjectSchema<RegexSpec> k_regex_object{"an object {\"name\": ..., \"regex\": ...}",
                                                       k_regex_fields,
                                                       MissingKeyPath::object,
                                                       nullptr,
                                                       {}};

constinit const ObjectSchema<CodeEntry> k_code_object{
    "an object {\"code\": ..., \"message\": ..., \"outcome\": ...}",
    k_code_fields,
    MissingKeyPath::object,
    nullptr,
    {}};

constinit const ObjectSchema<SampleSpec> k_sample_object{
    "an object {\"line\": ..., \"codes\": [...]}",
    k_sample_fields,
    MissingKeyPath::object,
    nullptr,
    {}};

void write_pattern_file(JsonWriter& json, const VendorSpec& vendor) {
  write_object(json, k_vendor_object, vendor);
}

}  // namespace errscope
