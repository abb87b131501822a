#include "catalog/pattern_parser.hpp"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <string>
#include <tuple>
#include <unordered_map>

#include "catalog/json_syntax.hpp"
#include "util/text_position.hpp"

namespace errscope {

namespace {

namespace od = simdjson::ondemand;

constexpr std::array k_top_keys{"schema",        "vendor",  "name",        "source",  "description",
                                "unknown_codes", "anchors", "anchor_lead", "regexes", "exclude",
                                "sub_codes",     "codes",   "samples"};
constexpr std::array k_sub_code_keys{"parents", "regexes"};
constexpr std::array k_code_keys{"code",  "message", "reason",  "alt_messages",
                                 "param", "hint",    "outcome", "note"};
constexpr std::array k_regex_keys{"name", "regex"};
constexpr std::array k_sample_keys{"line", "codes"};

template <std::size_t N>
std::string join_keys(const std::array<const char*, N>& keys) {
  std::string out;
  for (const char* key : keys) {
    if (!out.empty()) out += ", ";
    out += key;
  }
  return out;
}

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

bool valid_vendor_id(std::string_view id) {
  if (id.empty() || id.size() > 32 || !(id[0] >= 'a' && id[0] <= 'z')) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
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

// Walks a document simdjson has accepted, building the VendorSpec. Every value's position is
// taken from its raw token, so diagnostics can name a line, a column and a JSON path.
class PatternParser {
 public:
  PatternParser(std::string_view origin, std::string_view text, std::vector<Diagnostic>& warnings)
      : m_origin(origin), m_text(text), m_json(text), m_warnings(warnings) {}

  Result<VendorSpec> run() {
    if (auto syntax = check_syntax(); !syntax.ok()) return syntax.error();
    od::document document;
    if (auto error = m_parser.iterate(m_json).get(document)) return simdjson_failure(error);
    od::value root;
    if (auto error = document.get_value().get(root)) return simdjson_failure(error);
    VendorSpec vendor;
    vendor.origin = std::string(m_origin);
    const char* root_at = root.raw_json_token().data();
    bool seen_vendor = false, seen_name = false, seen_source = false, seen_regexes = false,
         seen_codes = false, seen_samples = false;
    auto status = for_each_field(
        root, "", "a JSON object {\"vendor\": ..., \"regexes\": [...], ...}",
        [&](std::string_view key, const std::string& path, od::value& value) -> Status {
          const char* at = value.raw_json_token().data();
          if (key == "schema") {
            std::string schema;
            if (auto read = read_string(value, path, schema); !read.ok()) return read;
            if (schema != k_pattern_schema) {
              return fail(at, path, "unsupported schema \"" + schema + "\"",
                          "use \"" + std::string(k_pattern_schema) + "\" or leave the key out");
            }
            return ok_status();
          }
          if (key == "vendor") {
            seen_vendor = true;
            if (auto read = read_string(value, path, vendor.id); !read.ok()) return read;
            if (!valid_vendor_id(vendor.id)) {
              return fail(at, path, "invalid vendor id \"" + vendor.id + "\"",
                          "use 1-32 characters of a-z, 0-9, '_' or '-', starting with a letter");
            }
            return ok_status();
          }
          if (key == "name") {
            seen_name = true;
            return read_nonempty_string(value, path, vendor.name);
          }
          if (key == "source") {
            seen_source = true;
            return read_nonempty_string(value, path, vendor.source);
          }
          if (key == "description") {
            std::string ignored;
            return read_string(value, path, ignored);
          }
          if (key == "unknown_codes") {
            std::string mode;
            if (auto read = read_string(value, path, mode); !read.ok()) return read;
            if (mode == "report" || mode == "ignore") {
              vendor.unknown_codes = mode == "report" ? UnknownCodes::report : UnknownCodes::ignore;
              return ok_status();
            }
            return fail(
                at, path, "unknown_codes is \"" + mode + "\"",
                "use \"report\" (codes missing from the table are reported with known=false) or "
                "\"ignore\" (only table codes count)");
          }
          if (key == "anchors") return read_string_array(value, path, vendor.anchors);
          if (key == "anchor_lead") {
            std::uint64_t lead = 0;
            if (value.get_uint64().get(lead) != simdjson::SUCCESS || lead > 64) {
              return fail(
                  at, path, "anchor_lead must be a whole number from 0 to 64",
                  "give how many bytes before an anchor a match may start (0: at the anchor)");
            }
            vendor.anchor_lead = static_cast<std::size_t>(lead);
            return ok_status();
          }
          if (key == "regexes") {
            seen_regexes = true;
            if (auto read = read_regexes(value, path, vendor.regexes); !read.ok()) return read;
            if (vendor.regexes.empty())
              return fail(at, path, "no regexes",
                          "add at least one regex with a (?P<code>...) group");
            return ok_status();
          }
          if (key == "exclude") return read_exclude(value, path, vendor.excludes);
          if (key == "sub_codes") return read_sub_codes(value, path, vendor);
          if (key == "codes") {
            seen_codes = true;
            return read_codes(value, path, vendor.codes);
          }
          if (key == "samples") {
            seen_samples = true;
            if (auto read = read_samples(value, path, vendor.samples); !read.ok()) return read;
            if (vendor.samples.empty()) {
              return fail(at, path, "no samples",
                          "add sample log lines with the codes each must yield: {\"line\": "
                          "\"...\", \"codes\": [\"...\"]}");
            }
            return ok_status();
          }
          warn_unknown_key(at, path, key, k_top_keys);
          return ok_status();
        });
    if (!status.ok()) return status.error();
    // A missing key is reported at the object that lacks it.
    const auto require = [&](bool seen, std::string_view key, std::string_view example) -> Status {
      if (seen) return ok_status();
      return fail(root_at, "/" + std::string(key),
                  "missing required key \"" + std::string(key) + "\"",
                  "add it to the top-level object, e.g. " + std::string(example));
    };
    if (vendor.anchor_lead && vendor.anchors.empty()) {
      return fail(root_at, "/anchor_lead", "anchor_lead is given but there are no anchors",
                  "list the \"anchors\" the matches start at, or drop \"anchor_lead\"");
    }
    for (const Status& check :
         {require(seen_vendor, "vendor", "\"vendor\": \"myvendor\""),
          require(seen_name, "name", "\"name\": \"My vendor's API\""),
          require(seen_source, "source", "\"source\": \"where the code table comes from\""),
          require(seen_regexes, "regexes",
                  "\"regexes\": [{\"name\": \"json\", \"regex\": \"...(?P<code>...)...\"}]"),
          require(seen_codes, "codes",
                  "\"codes\": [{\"code\": \"...\", \"message\": \"...\", \"outcome\": \"error\"}]"),
          require(seen_samples, "samples",
                  "\"samples\": [{\"line\": \"...\", \"codes\": [\"...\"]}]")}) {
      if (!check.ok()) return check.error();
    }
    return vendor;
  }

 private:
  Status check_syntax() {
    simdjson::dom::parser dom;
    simdjson::dom::element ignored;
    const auto error = dom.parse(m_json).get(ignored);
    if (error == simdjson::SUCCESS) return ok_status();
    const auto located = locate_json_syntax_error(m_text);
    std::string reason = "invalid JSON: ";
    std::size_t offset = m_text.size();
    if (located) {
      reason += located->what;
      offset = located->offset;
    } else {
      reason += simdjson::error_message(error);
    }
    return diagnostic(
        offset, "", reason,
        "fix the JSON at that position (a JSON linter such as `jq . FILE` shows it too)");
  }

  SourcePosition position(std::size_t offset, std::string_view path) const {
    const LineColumn lc = m_cursor.at(offset);
    return SourcePosition{std::string(m_origin), lc.line, lc.column, std::string(path)};
  }

  SourcePosition position(const char* at, std::string_view path) const {
    return position(offset_of(at), path);
  }

  std::size_t offset_of(const char* at) const {
    if (at == nullptr || at < m_json.data()) return 0;
    return std::min<std::size_t>(static_cast<std::size_t>(at - m_json.data()), m_text.size());
  }

  Diagnostic diagnostic(std::size_t offset, std::string_view path, std::string reason,
                        std::string fix) const {
    return Diagnostic{position(offset, path), std::move(reason), std::move(fix)};
  }

  Diagnostic fail(const char* at, std::string_view path, std::string reason,
                  std::string fix) const {
    return diagnostic(offset_of(at), path, std::move(reason), std::move(fix));
  }

  Diagnostic missing(const char* end, std::string_view key, std::string_view example) const {
    return fail(end, "/" + std::string(key), "missing required key \"" + std::string(key) + "\"",
                "add it to the top-level object, e.g. " + std::string(example));
  }

  Diagnostic simdjson_failure(simdjson::error_code error) const {
    return diagnostic(0, "", std::string("cannot read the JSON: ") + simdjson::error_message(error),
                      "check that the file is UTF-8 JSON");
  }

  Diagnostic wrong_type(od::value& value, std::string_view path, std::string_view expected) {
    const char* at = value.raw_json_token().data();
    od::json_type type{};
    std::string found = "something else";
    if (value.type().get(type) == simdjson::SUCCESS) found = std::string(type_name(type));
    return fail(at, path, "expected " + std::string(expected) + ", found " + found,
                "write " + (path.empty() ? std::string("the file") : std::string(path)) + " as " +
                    std::string(expected));
  }

  template <std::size_t N>
  void warn_unknown_key(const char* at, std::string_view path, std::string_view key,
                        const std::array<const char*, N>& valid) {
    std::string fix = "valid keys here are: " + join_keys(valid);
    std::size_t best = 3;
    std::string_view suggestion;
    for (const char* candidate : valid) {
      const std::size_t distance = edit_distance(key, candidate);
      if (distance < best) {
        best = distance;
        suggestion = candidate;
      }
    }
    std::string reason = "unknown key \"" + std::string(key) + "\" is ignored";
    if (!suggestion.empty()) reason += " (did you mean \"" + std::string(suggestion) + "\"?)";
    m_warnings.push_back(fail(at, path, std::move(reason), std::move(fix)));
  }

  Status read_string(od::value& value, std::string_view path, std::string& out) {
    std::string_view text;
    if (value.get_string().get(text) != simdjson::SUCCESS)
      return wrong_type(value, path, "a string");
    out.assign(text);
    return ok_status();
  }

  Status read_nonempty_string(od::value& value, std::string_view path, std::string& out) {
    const char* at = value.raw_json_token().data();
    if (auto status = read_string(value, path, out); !status.ok()) return status;
    if (out.empty()) return fail(at, path, std::string(path) + " is empty", "give it a text");
    return ok_status();
  }

  // Calls visit(item_path, item) for each element of an array value.
  template <typename Visit>
  Status for_each_item(od::value& value, std::string_view path, std::string_view expected,
                       Visit visit) {
    od::array array;
    if (value.get_array().get(array) != simdjson::SUCCESS) return wrong_type(value, path, expected);
    std::size_t index = 0;
    for (auto item_result : array) {
      od::value item;
      if (auto error = std::move(item_result).get(item)) return simdjson_failure(error);
      const std::string item_path = std::string(path) + "/" + std::to_string(index++);
      if (auto status = visit(item_path, item); !status.ok()) return status;
    }
    return ok_status();
  }

  // Calls visit(key, field_path, value) for each field of an object value.
  template <typename Visit>
  Status for_each_field(od::value& value, std::string_view path, std::string_view expected,
                        Visit visit) {
    od::object object;
    if (value.get_object().get(object) != simdjson::SUCCESS)
      return wrong_type(value, path, expected);
    for (auto field_result : object) {
      od::field field;
      if (auto error = std::move(field_result).get(field)) return simdjson_failure(error);
      std::string_view key;
      if (auto error = field.unescaped_key().get(key)) return simdjson_failure(error);
      const std::string field_path = std::string(path) + "/" + std::string(key);
      od::value field_value = field.value();
      if (auto status = visit(key, field_path, field_value); !status.ok()) return status;
    }
    return ok_status();
  }

  Status read_string_array(od::value& value, std::string_view path, std::vector<std::string>& out) {
    return for_each_item(
        value, path, "an array of strings", [&](const std::string& item_path, od::value& item) {
          const char* at = item.raw_json_token().data();
          std::string text;
          if (auto status = read_string(item, item_path, text); !status.ok()) return status;
          if (text.empty())
            return Status(fail(at, item_path, "an empty string", "remove it or give it a text"));
          out.push_back(std::move(text));
          return ok_status();
        });
  }

  Status read_regex_string(od::value& value, std::string_view path, RegexSpec& spec) {
    const std::string_view raw = value.raw_json_token();
    const char* at = raw.data();
    spec.where = position(at, path);
    spec.raw_json.assign(raw.substr(0, raw.find_last_not_of(" \t\r\n") + 1));
    if (auto status = read_string(value, path, spec.pattern); !status.ok()) return status;
    if (spec.pattern.empty()) return fail(at, path, "an empty regex", "write the regex");
    return ok_status();
  }

  Status read_regexes(od::value& value, std::string_view path, std::vector<RegexSpec>& out) {
    return for_each_item(
        value, path, "an array of {\"name\", \"regex\"} objects",
        [&](const std::string& item_path, od::value& item) -> Status {
          const char* item_at = item.raw_json_token().data();
          RegexSpec spec;
          bool seen_regex = false;
          auto status = for_each_field(
              item, item_path, "an object {\"name\": ..., \"regex\": ...}",
              [&](std::string_view key, const std::string& field_path, od::value& field) {
                if (key == "name") return read_string(field, field_path, spec.name);
                if (key == "regex") {
                  seen_regex = true;
                  return read_regex_string(field, field_path, spec);
                }
                warn_unknown_key(field.raw_json_token().data(), field_path, key, k_regex_keys);
                return ok_status();
              });
          if (!status.ok()) return status;
          if (!seen_regex) {
            return fail(item_at, item_path, "missing required key \"regex\"",
                        "add \"regex\": \"...(?P<code>...)...\"");
          }
          if (spec.name.empty()) spec.name = "regex " + std::to_string(out.size());
          out.push_back(std::move(spec));
          return ok_status();
        });
  }

  Status read_exclude(od::value& value, std::string_view path, std::vector<RegexSpec>& out) {
    return for_each_item(value, path, "an array of regex strings",
                         [&](const std::string& item_path, od::value& item) {
                           RegexSpec spec;
                           spec.name = "exclude " + std::to_string(out.size());
                           if (auto status = read_regex_string(item, item_path, spec); !status.ok())
                             return status;
                           out.push_back(std::move(spec));
                           return ok_status();
                         });
  }

  Status read_sub_codes(od::value& value, std::string_view path, VendorSpec& vendor) {
    const char* at = value.raw_json_token().data();
    auto status = for_each_field(
        value, path, "an object {\"parents\": [...], \"regexes\": [...]}",
        [&](std::string_view key, const std::string& field_path, od::value& field) {
          if (key == "parents")
            return read_string_array(field, field_path, vendor.sub_code_parents);
          if (key == "regexes") return read_regexes(field, field_path, vendor.sub_code_regexes);
          warn_unknown_key(field.raw_json_token().data(), field_path, key, k_sub_code_keys);
          return ok_status();
        });
    if (!status.ok()) return status;
    if (vendor.sub_code_parents.empty() || vendor.sub_code_regexes.empty()) {
      return fail(at, path, "sub_codes needs both \"parents\" and \"regexes\"",
                  "list the codes that defer to a sub-code, and regexes with a (?P<code>...) group "
                  "that find it");
    }
    return ok_status();
  }

  Status read_code_field(std::string_view key, const std::string& path, od::value& value,
                         CodeEntry& entry) {
    const char* at = value.raw_json_token().data();
    if (key == "code") {
      od::json_type type{};
      if (value.type().get(type) == simdjson::SUCCESS && type == od::json_type::number) {
        std::string_view raw = value.raw_json_token();
        raw = raw.substr(0, raw.find_last_not_of(" \t\r\n") + 1);
        return fail(at, path, "the code is a number",
                    "write it as a string, \"" + std::string(raw) +
                        "\", so that codes such as \"000000\" keep their digits");
      }
      if (auto status = read_nonempty_string(value, path, entry.code); !status.ok()) return status;
      if (entry.code.find_first_of(" \t\r\n") != std::string::npos) {
        return fail(at, path, "the code \"" + entry.code + "\" contains white space",
                    "write the code exactly as it appears in logs");
      }
      return ok_status();
    }
    if (key == "message") return read_nonempty_string(value, path, entry.message);
    if (key == "reason") return read_string(value, path, entry.reason);
    if (key == "alt_messages") return read_string_array(value, path, entry.alt_messages);
    if (key == "param") return read_string(value, path, entry.param);
    if (key == "hint") return read_string(value, path, entry.hint);
    if (key == "note") return read_string(value, path, entry.note);
    if (key == "outcome") {
      std::string outcome;
      if (auto status = read_string(value, path, outcome); !status.ok()) return status;
      if (outcome != "success" && outcome != "error") {
        return fail(at, path, "outcome is \"" + outcome + "\"", "use \"success\" or \"error\"");
      }
      entry.outcome = outcome == "success" ? Outcome::success : Outcome::error;
      return ok_status();
    }
    warn_unknown_key(at, path, key, k_code_keys);
    return ok_status();
  }

  Status read_codes(od::value& value, std::string_view path, std::vector<CodeEntry>& out) {
    std::unordered_map<std::string, std::size_t> index_of;  // code → its entry in `out`
    index_of.reserve(out.size());
    for (std::size_t i = 0; i < out.size(); ++i) index_of.emplace(out[i].code, i);
    return for_each_item(
        value, path, "an array of code objects",
        [&](const std::string& item_path, od::value& item) -> Status {
          const char* item_at = item.raw_json_token().data();
          CodeEntry entry;
          entry.where = position(item_at, item_path);
          bool seen_code = false, seen_message = false, seen_outcome = false;
          auto status = for_each_field(
              item, item_path, "an object {\"code\": ..., \"message\": ..., \"outcome\": ...}",
              [&](std::string_view key, const std::string& field_path, od::value& field) {
                seen_code |= key == "code";
                seen_message |= key == "message";
                seen_outcome |= key == "outcome";
                return read_code_field(key, field_path, field, entry);
              });
          if (!status.ok()) return status;
          for (const auto& [seen, key, example] :
               {std::tuple{seen_code, "code", "\"code\": \"...\""},
                std::tuple{seen_message, "message", "\"message\": \"what the code means\""},
                std::tuple{seen_outcome, "outcome", "\"outcome\": \"error\" (or \"success\")"}}) {
            if (!seen) {
              return fail(item_at, item_path, "missing required key \"" + std::string(key) + "\"",
                          "add " + std::string(example));
            }
          }
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

  Status read_samples(od::value& value, std::string_view path, std::vector<SampleSpec>& out) {
    return for_each_item(
        value, path, "an array of {\"line\", \"codes\"} objects",
        [&](const std::string& item_path, od::value& item) -> Status {
          const char* item_at = item.raw_json_token().data();
          SampleSpec sample;
          sample.where = position(item_at, item_path);
          bool seen_line = false, seen_codes = false;
          auto status = for_each_field(
              item, item_path, "an object {\"line\": ..., \"codes\": [...]}",
              [&](std::string_view key, const std::string& field_path, od::value& field) {
                if (key == "line") {
                  seen_line = true;
                  return read_string(field, field_path, sample.line);
                }
                if (key == "codes") {
                  seen_codes = true;
                  return read_string_array(field, field_path, sample.codes);
                }
                warn_unknown_key(field.raw_json_token().data(), field_path, key, k_sample_keys);
                return ok_status();
              });
          if (!status.ok()) return status;
          if (!seen_line) {
            return fail(item_at, item_path, "missing required key \"line\"",
                        "add \"line\": \"a log line as your service writes it\"");
          }
          if (!seen_codes) {
            return fail(item_at, item_path, "missing required key \"codes\"",
                        "add \"codes\": [...] with the codes the line must yield ([] for none)");
          }
          out.push_back(std::move(sample));
          return ok_status();
        });
  }

  std::string_view m_origin;
  std::string_view m_text;
  mutable PositionCursor m_cursor{m_text};
  simdjson::padded_string m_json;
  od::parser m_parser;
  std::vector<Diagnostic>& m_warnings;
};

}  // namespace

Result<VendorSpec> parse_pattern_file(std::string_view origin, std::string_view json_text,
                                      std::vector<Diagnostic>& warnings) {
  return PatternParser(origin, json_text, warnings).run();
}

}  // namespace errscope
