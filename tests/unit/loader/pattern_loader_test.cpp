#define BOOST_TEST_MODULE pattern_loader
#include "loader/pattern_loader.hpp"

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <filesystem>
#include <string>

#include "catalog/json_syntax.hpp"
#include "matcher/matcher.hpp"
#include "render/patterns_render.hpp"

using namespace errscope;

namespace {

// A minimal valid pattern file; tests splice one change into it.
std::string valid_file(
    const std::string& regexes = R"j([{"name": "f", "regex": "\\brc=(?P<code>[0-9]+)"}])j",
    const std::string& codes = R"j([{"code": "1", "message": "failed", "outcome": "error"}])j",
    const std::string& samples = R"j([{"line": "sms rc=1", "codes": ["1"]}])j") {
  return "{\n  \"vendor\": \"acme\",\n  \"name\": \"Acme SMS\",\n  \"source\": \"Acme docs\",\n"
         "  \"regexes\": " +
         regexes + ",\n  \"samples\": " + samples + ",\n  \"codes\": " + codes + "\n}\n";
}

Result<VendorSpec> load(const std::string& text, std::vector<Diagnostic>& warnings) {
  return load_pattern_text("t.json", text, SampleCheck::run, warnings);
}

Result<VendorSpec> load(const std::string& text) {
  std::vector<Diagnostic> warnings;
  return load(text, warnings);
}

}  // namespace

BOOST_AUTO_TEST_CASE(valid_file_loads_with_its_fields) {
  auto vendor = load(valid_file());
  BOOST_TEST_REQUIRE(vendor.ok());
  BOOST_TEST(vendor->id == "acme");
  BOOST_TEST(vendor->codes.size() == 1u);
  BOOST_TEST(vendor->find("1") != nullptr);
  BOOST_TEST(vendor->find("2") == nullptr);
  BOOST_TEST(vendor->samples.at(0).codes.at(0) == "1");
}

BOOST_AUTO_TEST_CASE(json_syntax_error_names_line_and_column) {
  std::string text = valid_file();
  text.replace(text.find("\"Acme SMS\","), 11, "\"Acme SMS\"");  // drop a comma
  auto vendor = load(text);
  BOOST_TEST_REQUIRE(!vendor.ok());
  BOOST_TEST(vendor.error().where.file == "t.json");
  BOOST_TEST(vendor.error().where.line == 3u);
  BOOST_TEST(vendor.error().where.column == 21u);
  BOOST_TEST(vendor.error().reason.find("comma") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(json_locator_accepts_valid_and_finds_errors) {
  BOOST_TEST(
      !locate_json_syntax_error(R"j({"a": [1, 2.5e3, "x\u00e9", true, null]})j").has_value());
  const auto trailing = locate_json_syntax_error("{\"a\": 1} x");
  BOOST_TEST_REQUIRE(trailing.has_value());
  BOOST_TEST(trailing->offset == 9u);
  const auto open = locate_json_syntax_error("{\"a\": [1, 2}");
  BOOST_TEST_REQUIRE(open.has_value());
  BOOST_TEST(open->offset == 11u);  // just after the value that lacks its separator
  const auto curly = locate_json_syntax_error("{\"a\": \xE2\x80\x9Cx\xE2\x80\x9D}");
  BOOST_TEST_REQUIRE(curly.has_value());
  BOOST_TEST(curly->what.find("curly") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(missing_and_mistyped_fields_are_refused_with_their_path) {
  auto no_message = load(valid_file(R"j([{"name": "f", "regex": "rc=(?P<code>[0-9]+)"}])j",
                                    R"j([{"code": "1", "outcome": "error"}])j"));
  BOOST_TEST_REQUIRE(!no_message.ok());
  BOOST_TEST(no_message.error().where.json_path == "/codes/0");
  BOOST_TEST(no_message.error().reason.find("\"message\"") != std::string::npos);

  auto numeric = load(valid_file(R"j([{"name": "f", "regex": "rc=(?P<code>[0-9]+)"}])j",
                                 R"j([{"code": 1, "message": "x", "outcome": "error"}])j"));
  BOOST_TEST_REQUIRE(!numeric.ok());
  BOOST_TEST(numeric.error().where.json_path == "/codes/0/code");

  auto object = load(valid_file(R"j({"regex": "x"})j"));
  BOOST_TEST_REQUIRE(!object.ok());
  BOOST_TEST(object.error().where.json_path == "/regexes");
  BOOST_TEST(object.error().reason.find("found an object") != std::string::npos);

  auto outcome = load(valid_file(R"j([{"name": "f", "regex": "rc=(?P<code>[0-9]+)"}])j",
                                 R"j([{"code": "1", "message": "x", "outcome": "failed"}])j"));
  BOOST_TEST_REQUIRE(!outcome.ok());
  BOOST_TEST(outcome.error().where.json_path == "/codes/0/outcome");
}

BOOST_AUTO_TEST_CASE(re2_rejections_say_what_re2_lacks) {
  auto lookahead = load(valid_file(R"j([{"name": "f", "regex": "rc=(?P<code>[0-9]+)(?=,)"}])j"));
  BOOST_TEST_REQUIRE(!lookahead.ok());
  BOOST_TEST(lookahead.error().fix.find("lookahead") != std::string::npos);
  BOOST_TEST(lookahead.error().where.line == 5u);
  // the column points at "(?=": 3 + `"regexes": [{"name": "f", "regex": "` + `rc=(?P<code>[0-9]+)`
  BOOST_TEST(lookahead.error().where.column == 58u);

  auto lookbehind = load(valid_file(R"j([{"name": "f", "regex": "(?<=rc=)(?P<code>[0-9]+)"}])j"));
  BOOST_TEST_REQUIRE(!lookbehind.ok());
  BOOST_TEST(lookbehind.error().fix.find("lookbehind") != std::string::npos);

  auto backreference = load(valid_file(R"j([{"name": "f", "regex": "(')(?P<code>[0-9]+)\\1"}])j"));
  BOOST_TEST_REQUIRE(!backreference.ok());
  BOOST_TEST(backreference.error().fix.find("backreferences") != std::string::npos);

  auto no_group = load(valid_file(R"j([{"name": "f", "regex": "rc=([0-9]+)"}])j"));
  BOOST_TEST_REQUIRE(!no_group.ok());
  BOOST_TEST(no_group.error().reason.find("`code`") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(oversized_regex_is_refused) {
  const std::string huge(k_max_regex_length + 1, 'a');
  auto vendor = load(valid_file("[{\"name\": \"f\", \"regex\": \"(?P<code>)" + huge + "\"}]"));
  BOOST_TEST_REQUIRE(!vendor.ok());
  BOOST_TEST(vendor.error().reason.find("limit") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(duplicate_code_names_both_places) {
  auto vendor = load(valid_file(R"j([{"name": "f", "regex": "rc=(?P<code>[0-9]+)"}])j",
                                R"j([{"code": "1", "message": "a", "outcome": "error"},
    {"code": "1", "message": "b", "outcome": "error"}])j"));
  BOOST_TEST_REQUIRE(!vendor.ok());
  BOOST_TEST(vendor.error().where.json_path == "/codes/1", vendor.error().reason);
  BOOST_TEST(vendor.error().where.line == 8u);
  BOOST_TEST(vendor.error().reason.find("first at line 7") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(sample_that_does_not_yield_its_codes_is_refused) {
  auto vendor = load(
      valid_file(R"j([{"name": "f", "regex": "\\brc=(?P<code>[0-9]+)"}])j",
                 R"j([{"code": "1", "message": "a", "outcome": "error"}])j",
                 R"j([{"line": "rc=1", "codes": ["1"]}, {"line": "xrc=2", "codes": ["2"]}])j"));
  BOOST_TEST_REQUIRE(!vendor.ok());
  BOOST_TEST(vendor.error().where.json_path == "/samples/1");
  BOOST_TEST(vendor.error().reason == "sample line yields [] but expects [2]");
}

BOOST_AUTO_TEST_CASE(unknown_keys_warn_with_a_suggestion) {
  std::vector<Diagnostic> warnings;
  auto vendor =
      load(valid_file(R"j([{"name": "f", "regex": "rc=(?P<code>[0-9]+)"}])j",
                      R"j([{"code": "1", "message": "a", "hints": "b", "outcome": "error"}])j"),
           warnings);
  BOOST_TEST_REQUIRE(vendor.ok());
  BOOST_TEST_REQUIRE(warnings.size() == 1u);
  BOOST_TEST(warnings[0].where.json_path == "/codes/0/hints");
  BOOST_TEST(warnings[0].reason.find("did you mean \"hint\"") != std::string::npos);
  BOOST_TEST(warnings[0].fix.find("outcome") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(builtin_catalog_loads_four_vendors_with_their_counts) {
  std::vector<Diagnostic> warnings;
  auto catalog = build_catalog(CatalogOptions{}, warnings);
  BOOST_TEST_REQUIRE(catalog.ok());
  BOOST_TEST(warnings.empty());
  BOOST_TEST_REQUIRE(catalog->vendors().size() == 4u);
  BOOST_TEST(catalog->find_vendor("backmsg")->codes.size() == 127u);
  BOOST_TEST(catalog->find_vendor("yunke")->codes.size() == 34u);
  BOOST_TEST(catalog->find_vendor("ucpaas")->codes.size() == 165u);
  BOOST_TEST(catalog->find_vendor("dingtalk")->codes.size() == 374u);
}

BOOST_AUTO_TEST_CASE(every_builtin_sample_yields_its_codes) {
  for (const auto& file : builtin_pattern_files()) {
    std::vector<Diagnostic> warnings;
    auto vendor = load_pattern_text(file.name, file.data, SampleCheck::run, warnings);
    BOOST_TEST(vendor.ok(), file.name << ": " << (vendor.ok() ? "" : vendor.error().reason));
    if (vendor.ok()) BOOST_TEST(vendor->samples.size() >= 8u, file.name << " has too few samples");
  }
}

BOOST_AUTO_TEST_CASE(patterns_show_json_round_trips_as_a_pattern_file) {
  std::vector<Diagnostic> warnings;
  auto catalog = build_catalog(CatalogOptions{}, warnings);
  BOOST_TEST_REQUIRE(catalog.ok());
  for (const auto& vendor : catalog->vendors()) {
    const std::string json = render_vendor_json(vendor);
    auto again = load_pattern_text("shown.json", json, SampleCheck::run, warnings);
    BOOST_TEST_REQUIRE(again.ok(), vendor.id << ": " << (again.ok() ? "" : again.error().reason));
    BOOST_TEST(warnings.empty());
    BOOST_TEST(again->codes.size() == vendor.codes.size());
    BOOST_TEST((again->unknown_codes == vendor.unknown_codes));
    BOOST_TEST(again->anchors == vendor.anchors, boost::test_tools::per_element());
    BOOST_TEST((again->anchor_lead == vendor.anchor_lead));
    BOOST_TEST(again->sub_code_parents == vendor.sub_code_parents,
               boost::test_tools::per_element());
    for (const auto& entry : vendor.codes) {
      const CodeEntry* copy = again->find(entry.code);
      BOOST_TEST_REQUIRE(copy != nullptr);
      BOOST_TEST(copy->message == entry.message);
      BOOST_TEST(copy->hint == entry.hint);
      BOOST_TEST(copy->reason == entry.reason);
      BOOST_TEST(copy->alt_messages == entry.alt_messages);
      BOOST_TEST((copy->outcome == entry.outcome));
    }
  }
}

BOOST_AUTO_TEST_CASE(user_vendor_replaces_builtin_but_two_user_files_clash) {
  Catalog catalog;
  VendorSpec builtin;
  builtin.id = "acme";
  builtin.origin = "builtin:acme.json";
  BOOST_TEST(catalog.add(builtin).ok());
  VendorSpec user = builtin;
  user.origin = "mine.json";
  user.place = PatternPlace::command_line;
  user.name = "mine";
  BOOST_TEST(catalog.add(user).ok());
  BOOST_TEST(catalog.find_vendor("acme")->name == "mine");
  user.origin = "other.json";
  const Status clash = catalog.add(user);
  BOOST_TEST_REQUIRE(!clash.ok());
  BOOST_TEST(clash.error().reason.find("mine.json") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(sub_codes_need_parents_and_regexes) {
  std::string text = valid_file();
  text.replace(text.find("  \"samples\""), 0, "  \"sub_codes\": {\"parents\": [\"1\"]},\n");
  auto vendor = load(text);
  BOOST_TEST_REQUIRE(!vendor.ok());
  BOOST_TEST(vendor.error().where.json_path == "/sub_codes");
  BOOST_TEST(vendor.error().reason.find("\"regexes\"") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(default_folders_load_when_they_hold_pattern_files) {
  const std::filesystem::path root = std::filesystem::temp_directory_path() /
                                     ("errscope_default_folders_" + std::to_string(::getpid()));
  std::filesystem::remove_all(root);
  std::filesystem::create_directories(root / "user");
  std::filesystem::create_directories(root / "empty");
  {
    std::FILE* file = std::fopen((root / "user" / "acme.json").c_str(), "w");
    BOOST_TEST_REQUIRE(file != nullptr);
    const std::string text = valid_file();
    std::fwrite(text.data(), 1, text.size(), file);
    std::fclose(file);
  }
  CatalogOptions options;
  options.builtins = Builtins::exclude;
  options.default_folders = {{root / "absent", PatternPlace::system_folder},
                             {root / "empty", PatternPlace::system_folder},
                             {root / "user", PatternPlace::user_folder}};
  std::vector<Diagnostic> warnings;
  const auto catalog = build_catalog(options, warnings);
  BOOST_TEST_REQUIRE(catalog.ok());
  BOOST_TEST_REQUIRE(catalog->vendors().size() == 1u);
  BOOST_TEST((catalog->vendors()[0].place == PatternPlace::user_folder));
  BOOST_TEST(catalog->vendors()[0].origin == (root / "user" / "acme.json").string());
  std::filesystem::remove_all(root);
}
