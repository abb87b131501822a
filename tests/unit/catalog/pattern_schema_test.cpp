#define BOOST_TEST_MODULE pattern_schema
#include "catalog/pattern_schema.hpp"

#include <boost/test/unit_test.hpp>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "catalog/pattern_parser.hpp"
#include "loader/pattern_loader.hpp"
#include "util/json_writer.hpp"

using namespace errscope;

namespace {

using Members = std::vector<std::pair<std::string_view, std::string>>;

// A JSON object of `members` (values already in JSON form), leaving out the key `omit`.
std::string object_text(const Members& members, std::string_view omit) {
  std::string out = "{";
  for (const auto& [key, value] : members) {
    if (key == omit) continue;
    if (out.size() > 1) out += ",\n ";
    out.append(1, '"').append(key).append("\": ").append(value);
  }
  return out + "}";
}

// The smallest valid pattern file, with the key `omit` left out of the first object of kind
// `object` ("vendor" is the top level; "regex", "code" and "sample" an element of their array).
std::string minimal_file(std::string_view object = {}, std::string_view omit = {}) {
  const auto left_out = [&](std::string_view kind) { return kind == object ? omit : ""; };
  const std::string regex =
      object_text({{"name", "\"f\""}, {"regex", "\"rc=(?P<code>[0-9]+)\""}}, left_out("regex"));
  const std::string code = object_text(
      {{"code", "\"1\""}, {"message", "\"failed\""}, {"outcome", "\"error\""}}, left_out("code"));
  const std::string sample =
      object_text({{"line", "\"rc=1\""}, {"codes", "[\"1\"]"}}, left_out("sample"));
  return object_text({{"vendor", "\"acme\""},
                      {"name", "\"Acme\""},
                      {"source", "\"docs\""},
                      {"regexes", "[" + regex + "]"},
                      {"codes", "[" + code + "]"},
                      {"samples", "[" + sample + "]"}},
                     left_out("vendor")) +
         "\n";
}

Result<VendorSpec> parse(const std::string& text, std::vector<Diagnostic>& warnings) {
  return parse_pattern_file("t.json", text, warnings);
}

template <typename T>
std::vector<std::string_view> keys_of(const ObjectSchema<T>& schema) {
  std::vector<std::string_view> keys;
  for (const auto& field : schema.fields) keys.push_back(field.key);
  return keys;
}

template <typename T>
std::string valid_keys_fix(const ObjectSchema<T>& schema) {
  std::string out = "valid keys here are: ";
  for (const auto key : keys_of(schema)) out += std::string(key) + ", ";
  return out.substr(0, out.size() - 2);
}

// Checks that leaving out each required key of `schema` from the minimal file gives the
// field's own fix text, at `path` (the key's path, or the object's).
template <typename T>
void check_missing_keys(const ObjectSchema<T>& schema, std::string_view object,
                        const std::string& object_path) {
  for (const auto& field : schema.fields) {
    if (field.presence != Presence::required) continue;
    BOOST_TEST_CONTEXT(object << " without " << field.key) {
      std::vector<Diagnostic> warnings;
      const auto vendor = parse(minimal_file(object, field.key), warnings);
      BOOST_TEST_REQUIRE(!vendor.ok());
      BOOST_TEST(vendor.error().reason ==
                 "missing required key \"" + std::string(field.key) + "\"");
      BOOST_TEST(vendor.error().fix == field.missing_fix);
      const std::string path = schema.missing_path == MissingKeyPath::key
                                   ? object_path + "/" + std::string(field.key)
                                   : object_path;
      BOOST_TEST(vendor.error().where.json_path == path);
      BOOST_TEST(!field.missing_fix.empty());
    }
  }
}

std::string written(const VendorSpec& vendor) {
  std::string out;
  JsonWriter json(out);
  write_pattern_file(json, vendor);
  return out;
}

void check_same_regexes(const std::vector<RegexSpec>& a, const std::vector<RegexSpec>& b) {
  BOOST_TEST_REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    BOOST_TEST(a[i].name == b[i].name);
    BOOST_TEST(a[i].pattern == b[i].pattern);
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_object_lists_each_key_once) {
  const std::vector<std::vector<std::string_view>> tables{
      keys_of(k_vendor_object), keys_of(k_sub_codes_object), keys_of(k_regex_object),
      keys_of(k_code_object), keys_of(k_sample_object)};
  for (const auto& keys : tables) {
    BOOST_TEST(!keys.empty());
    BOOST_TEST(std::set<std::string_view>(keys.begin(), keys.end()).size() == keys.size());
  }
}

BOOST_AUTO_TEST_CASE(every_field_can_be_read_and_each_written_last_key_exists) {
  const auto check = [](const auto& schema) {
    bool last_found = schema.written_last.empty();
    for (const auto& field : schema.fields) {
      BOOST_TEST(field.read != nullptr, field.key);
      BOOST_TEST((field.presence == Presence::required) == !field.missing_fix.empty(), field.key);
      last_found |= field.key == schema.written_last;
    }
    BOOST_TEST(last_found);
  };
  check(k_vendor_object);
  check(k_sub_codes_object);
  check(k_regex_object);
  check(k_code_object);
  check(k_sample_object);
}

BOOST_AUTO_TEST_CASE(the_minimal_file_reads_without_warnings) {
  std::vector<Diagnostic> warnings;
  const auto vendor = parse(minimal_file(), warnings);
  BOOST_TEST_REQUIRE(vendor.ok());
  BOOST_TEST(warnings.empty());
  BOOST_TEST(vendor->regexes.at(0).pattern == "rc=(?P<code>[0-9]+)");
}

BOOST_AUTO_TEST_CASE(a_missing_required_key_gives_its_fields_fix_text) {
  check_missing_keys(k_vendor_object, "vendor", "");
  check_missing_keys(k_regex_object, "regex", "/regexes/0");
  check_missing_keys(k_code_object, "code", "/codes/0");
  check_missing_keys(k_sample_object, "sample", "/samples/0");
  // The top level's fix names the object the key belongs in.
  std::vector<Diagnostic> warnings;
  const auto vendor = parse(minimal_file("vendor", "source"), warnings);
  BOOST_TEST_REQUIRE(!vendor.ok());
  BOOST_TEST(
      vendor.error().fix ==
      "add it to the top-level object, e.g. \"source\": \"where the code table comes from\"");
  BOOST_TEST(vendor.error().where.line == 1u);
  BOOST_TEST(vendor.error().where.column == 1u);
}

BOOST_AUTO_TEST_CASE(an_unknown_key_warns_with_the_valid_keys_and_a_close_one) {
  std::string text = minimal_file();
  text.insert(text.find("\"outcome\""), "\"hints\": \"x\", ");
  text.insert(text.find("\"vendor\""), "\"zzzzzz\": 1, ");
  std::vector<Diagnostic> warnings;
  const auto vendor = parse(text, warnings);
  BOOST_TEST_REQUIRE(vendor.ok());
  BOOST_TEST_REQUIRE(warnings.size() == 2u);
  BOOST_TEST(warnings[0].reason == "unknown key \"zzzzzz\" is ignored");
  BOOST_TEST(warnings[0].where.json_path == "/zzzzzz");
  BOOST_TEST(warnings[0].fix == valid_keys_fix(k_vendor_object));
  BOOST_TEST(warnings[1].reason == "unknown key \"hints\" is ignored (did you mean \"hint\"?)");
  BOOST_TEST(warnings[1].where.json_path == "/codes/0/hints");
  BOOST_TEST(warnings[1].fix == valid_keys_fix(k_code_object));
  BOOST_TEST(
      warnings[1].fix ==
      "valid keys here are: code, message, reason, alt_messages, param, hint, outcome, note");
}

BOOST_AUTO_TEST_CASE(a_cross_field_rule_comes_before_missing_keys) {
  std::string text = minimal_file("vendor", "vendor");
  text.insert(1, "\"anchor_lead\": 3, ");
  std::vector<Diagnostic> warnings;
  const auto vendor = parse(text, warnings);
  BOOST_TEST_REQUIRE(!vendor.ok());
  BOOST_TEST(vendor.error().reason == "anchor_lead is given but there are no anchors");
  BOOST_TEST(vendor.error().where.json_path == "/anchor_lead");
}

BOOST_AUTO_TEST_CASE(every_builtin_file_reads_back_what_the_writer_writes) {
  for (const auto& file : builtin_pattern_files()) {
    BOOST_TEST_CONTEXT(file.name) {
      std::vector<Diagnostic> warnings;
      const auto first = parse_pattern_file(file.name, file.data, warnings);
      BOOST_TEST_REQUIRE(first.ok());
      const std::string text = written(*first);
      const auto second = parse_pattern_file(file.name, text, warnings);
      BOOST_TEST_REQUIRE(second.ok());
      BOOST_TEST(warnings.empty());
      const VendorSpec& a = *first;
      const VendorSpec& b = *second;
      BOOST_TEST(a.id == b.id);
      BOOST_TEST(a.name == b.name);
      BOOST_TEST(a.source == b.source);
      BOOST_TEST(a.origin == b.origin);
      BOOST_TEST((a.unknown_codes == b.unknown_codes));
      BOOST_TEST(a.anchors == b.anchors);
      BOOST_TEST((a.anchor_lead == b.anchor_lead));
      check_same_regexes(a.regexes, b.regexes);
      check_same_regexes(a.excludes, b.excludes);
      BOOST_TEST(a.sub_code_parents == b.sub_code_parents);
      check_same_regexes(a.sub_code_regexes, b.sub_code_regexes);
      BOOST_TEST_REQUIRE(a.codes.size() == b.codes.size());
      for (std::size_t i = 0; i < a.codes.size(); ++i) {
        BOOST_TEST(a.codes[i].code == b.codes[i].code);
        BOOST_TEST(a.codes[i].message == b.codes[i].message);
        BOOST_TEST(a.codes[i].reason == b.codes[i].reason);
        BOOST_TEST(a.codes[i].alt_messages == b.codes[i].alt_messages);
        BOOST_TEST(a.codes[i].param == b.codes[i].param);
        BOOST_TEST(a.codes[i].hint == b.codes[i].hint);
        BOOST_TEST(a.codes[i].note == b.codes[i].note);
        BOOST_TEST((a.codes[i].outcome == b.codes[i].outcome));
      }
      BOOST_TEST_REQUIRE(a.samples.size() == b.samples.size());
      for (std::size_t i = 0; i < a.samples.size(); ++i) {
        BOOST_TEST(a.samples[i].line == b.samples[i].line);
        BOOST_TEST(a.samples[i].codes == b.samples[i].codes);
      }
      // Writing is a fixed point: what was read back writes the same bytes.
      BOOST_TEST(written(b) == text);
    }
  }
}
