#include "catalog/pattern_parser.hpp"

#include <algorithm>

#include "catalog/field_reader.hpp"
#include "catalog/json_syntax.hpp"
#include "catalog/pattern_schema.hpp"

namespace errscope {

namespace od = simdjson::ondemand;

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::string_view type_name(od::json_type type) {
  switch (type) {
    case od::json_type::array:
      return "an array";
    case od::json_type::object:
      return "an object";
    case od::json_type::number:
      return "a number";
    case od::json_type::string:
      return "a string";
    case od::json_type::boolean:
      return "a boolean";
    case od::json_type::null:
      return "null";
  }
  return "a value";
}

// simdjson's On-Demand parser trusts the document's structure, so the whole text is validated
// first; the error names a line and column from our own locator when it finds one.
Status check_syntax(const PatternText& text, std::string_view json_text) {
  simdjson::dom::parser dom;
  simdjson::dom::element ignored;
  const auto error = dom.parse(text.json()).get(ignored);
  if (error == simdjson::SUCCESS) return ok_status();
  const auto located = locate_json_syntax_error(json_text);
  std::string reason = "invalid JSON: ";
  std::size_t offset = json_text.size();
  if (located) {
    reason += located->what;
    offset = located->offset;
  } else {
    reason += simdjson::error_message(error);
  }
  return text.diagnostic(
      offset, "", reason,
      "fix the JSON at that position (a JSON linter such as `jq . FILE` shows it too)");
}

}  // namespace

PatternText::PatternText(std::string_view origin, std::string_view text,
                         std::vector<Diagnostic>& warnings)
    : m_origin(origin), m_text(text), m_json(text), m_warnings(warnings) {}

std::size_t PatternText::offset_of(const char* at) const noexcept {
  if (at == nullptr || at < m_json.data()) return 0;
  return std::min<std::size_t>(static_cast<std::size_t>(at - m_json.data()), m_text.size());
}

SourcePosition PatternText::position(const char* at, std::string_view path) const {
  const LineColumn lc = m_cursor.at(offset_of(at));
  return SourcePosition{std::string(m_origin), lc.line, lc.column, std::string(path)};
}

Diagnostic PatternText::diagnostic(std::size_t offset, std::string_view path, std::string reason,
                                   std::string fix) const {
  const LineColumn lc = m_cursor.at(offset);
  return Diagnostic{SourcePosition{std::string(m_origin), lc.line, lc.column, std::string(path)},
                    std::move(reason), std::move(fix)};
}

Diagnostic PatternText::fail(const char* at, std::string_view path, std::string reason,
                             std::string fix) const {
  return diagnostic(offset_of(at), path, std::move(reason), std::move(fix));
}

Diagnostic PatternText::simdjson_failure(simdjson::error_code error) const {
  return diagnostic(0, "", std::string("cannot read the JSON: ") + simdjson::error_message(error),
                    "check that the file is UTF-8 JSON");
}

FieldReader::FieldReader(PatternText& text, od::value& value, std::string path)
    : m_text(text), m_value(value), m_path(std::move(path)), m_at(value.raw_json_token().data()) {}

std::string_view FieldReader::raw() const {
  const std::string_view raw = m_value.raw_json_token();
  return raw.substr(0, raw.find_last_not_of(" \t\r\n") + 1);
}

bool FieldReader::is_number() {
  od::json_type type{};
  return m_value.type().get(type) == simdjson::SUCCESS && type == od::json_type::number;
}

Diagnostic FieldReader::fail(std::string reason, std::string fix) const {
  return m_text.fail(m_at, m_path, std::move(reason), std::move(fix));
}

Diagnostic FieldReader::fail_at_key(std::string_view key, std::string reason,
                                    std::string fix) const {
  return m_text.fail(m_at, m_path + "/" + std::string(key), std::move(reason), std::move(fix));
}

Diagnostic FieldReader::wrong_type(std::string_view expected) {
  const char* at = m_value.raw_json_token().data();
  od::json_type type{};
  std::string found = "something else";
  if (m_value.type().get(type) == simdjson::SUCCESS) found = std::string(type_name(type));
  return m_text.fail(at, m_path, "expected " + std::string(expected) + ", found " + found,
                     "write " + (m_path.empty() ? std::string("the file") : m_path) + " as " +
                         std::string(expected));
}

// A missing key is reported at the object that lacks it.
Diagnostic FieldReader::missing_key(std::string_view key, std::string_view fix,
                                    MissingKeyPath path) const {
  std::string reason = "missing required key \"" + std::string(key) + "\"";
  if (path == MissingKeyPath::key) return fail_at_key(key, std::move(reason), std::string(fix));
  return fail(std::move(reason), std::string(fix));
}

void FieldReader::warn_unknown_key(std::string_view key,
                                   const std::vector<std::string_view>& valid) {
  std::string fix = "valid keys here are: ";
  for (std::size_t i = 0; i < valid.size(); ++i) {
    if (i > 0) fix += ", ";
    fix += valid[i];
  }
  std::size_t best = 3;
  std::string_view suggestion;
  for (const std::string_view candidate : valid) {
    const std::size_t distance = edit_distance(key, candidate);
    if (distance < best) {
      best = distance;
      suggestion = candidate;
    }
  }
  std::string reason = "unknown key \"" + std::string(key) + "\" is ignored";
  if (!suggestion.empty()) reason += " (did you mean \"" + std::string(suggestion) + "\"?)";
  m_text.warn(fail(std::move(reason), std::move(fix)));
}

Status FieldReader::text(std::string& out) {
  std::string_view text;
  if (m_value.get_string().get(text) != simdjson::SUCCESS) return wrong_type("a string");
  out.assign(text);
  return ok_status();
}

Status FieldReader::nonempty_text(std::string& out) {
  if (auto status = text(out); !status.ok()) return status;
  if (out.empty()) return fail(m_path + " is empty", "give it a text");
  return ok_status();
}

Status FieldReader::texts(std::vector<std::string>& out) {
  return items("an array of strings", [&](FieldReader& item) {
    std::string text;
    if (auto status = item.text(text); !status.ok()) return status;
    if (text.empty()) return Status(item.fail("an empty string", "remove it or give it a text"));
    out.push_back(std::move(text));
    return ok_status();
  });
}

Status FieldReader::regex(RegexSpec& spec) {
  spec.where = where();
  spec.raw_json.assign(raw());
  if (auto status = text(spec.pattern); !status.ok()) return status;
  if (spec.pattern.empty()) return fail("an empty regex", "write the regex");
  return ok_status();
}

bool FieldReader::whole_number(std::uint64_t& out) {
  return m_value.get_uint64().get(out) == simdjson::SUCCESS;
}

Result<VendorSpec> parse_pattern_file(std::string_view origin, std::string_view json_text,
                                      std::vector<Diagnostic>& warnings) {
  PatternText text(origin, json_text, warnings);
  if (auto syntax = check_syntax(text, json_text); !syntax.ok()) return syntax.error();
  od::parser parser;
  od::document document;
  if (auto error = parser.iterate(text.json()).get(document)) return text.simdjson_failure(error);
  od::value root;
  if (auto error = document.get_value().get(root)) return text.simdjson_failure(error);
  VendorSpec vendor;
  vendor.origin = std::string(origin);
  FieldReader reader(text, root, "");
  if (auto status = reader.object(k_vendor_object, vendor); !status.ok()) return status.error();
  return vendor;
}

}  // namespace errscope
