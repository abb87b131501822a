#define BOOST_TEST_MODULE catalog
#include "catalog/catalog.hpp"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "loader/pattern_loader.hpp"
#include "temp_file.hpp"

using namespace errscope;

namespace {

VendorSpec vendor(const std::string& id, const std::string& origin,
                  const std::vector<std::string>& codes) {
  VendorSpec spec;
  spec.id = id;
  spec.origin = origin;
  spec.place = origin.starts_with("builtin:") ? PatternPlace::builtin : PatternPlace::command_line;
  for (const std::string& code : codes) {
    CodeEntry entry;
    entry.code = code;
    entry.message = id + " says " + code;
    spec.codes.push_back(entry);
  }
  return spec;
}

// A pattern file for vendor `id` whose one code is `code`.
std::string pattern_file(const std::string& id, const std::string& code) {
  return R"({
  "schema": "errscope.patterns/1",
  "vendor": ")" + id + R"(",
  "name": "Test vendor",
  "source": "errscope's catalog test",
  "unknown_codes": "report",
  "anchors": ["TCODE_"],
  "regexes": [{"name": "token", "regex": "\\b(?P<code>TCODE_[0-9]+)\\b"}],
  "samples": [{"line": "2026-11-01 09:00:00 WARN )" + code + R"( failed", "codes": [")" + code + R"("]}],
  "codes": [{"code": ")" + code + R"(", "message": "the test code", "hint": "", "outcome": "error"}]
}
)";
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_vendor_with_a_built_in_id_replaces_the_built_in_in_its_place) {
  Catalog catalog;
  BOOST_TEST_REQUIRE(catalog.add(vendor("alpha", "builtin:alpha.json", {"A1", "A2"})).ok());
  BOOST_TEST_REQUIRE(catalog.add(vendor("beta", "builtin:beta.json", {"B1"})).ok());
  BOOST_TEST_REQUIRE(catalog.add(vendor("alpha", "/home/me/alpha.json", {"A9"})).ok());
  BOOST_TEST_REQUIRE(catalog.vendors().size() == 2u);
  BOOST_TEST(catalog.vendors()[0].id == "alpha");
  BOOST_TEST(catalog.vendors()[0].origin == "/home/me/alpha.json");
  BOOST_TEST(catalog.vendors()[1].id == "beta");
  const VendorSpec* alpha = catalog.find_vendor("alpha");
  BOOST_TEST_REQUIRE(alpha != nullptr);
  // The replacement's table is the one looked up: the built-in's codes are gone.
  BOOST_TEST_REQUIRE(alpha->find("A9") != nullptr);
  BOOST_TEST(alpha->find("A9")->message == "alpha says A9");
  BOOST_TEST(alpha->find("A1") == nullptr);
  BOOST_TEST(catalog.find_vendor("gamma") == nullptr);
}

BOOST_AUTO_TEST_CASE(two_user_vendors_with_one_id_clash) {
  Catalog catalog;
  BOOST_TEST_REQUIRE(catalog.add(vendor("alpha", "/etc/a.json", {"A1"})).ok());
  const Status clash = catalog.add(vendor("alpha", "/etc/b.json", {"A2"}));
  BOOST_TEST_REQUIRE(!clash.ok());
  BOOST_TEST(clash.error().where.file == "/etc/b.json");
  BOOST_TEST(clash.error().where.json_path == "/vendor");
  BOOST_TEST(clash.error().reason == "vendor id 'alpha' is already defined by /etc/a.json");
  BOOST_TEST(clash.error().fix ==
             "give one of the two files another \"vendor\" id, or load only one of them");
  // The first one stays.
  BOOST_TEST_REQUIRE(catalog.vendors().size() == 1u);
  BOOST_TEST(catalog.find_vendor("alpha")->find("A1") != nullptr);
}

BOOST_AUTO_TEST_CASE(a_vendor_from_a_later_place_replaces_one_from_an_earlier_place) {
  Catalog catalog;
  VendorSpec system = vendor("alpha", "/etc/errscope/patterns.d/alpha.json", {"A1"});
  system.place = PatternPlace::system_folder;
  VendorSpec user = vendor("alpha", "/home/me/.config/errscope/patterns/alpha.json", {"A2"});
  user.place = PatternPlace::user_folder;
  BOOST_TEST_REQUIRE(catalog.add(system).ok());
  BOOST_TEST_REQUIRE(catalog.add(user).ok());
  BOOST_TEST_REQUIRE(catalog.add(vendor("alpha", "/tmp/alpha.json", {"A3"})).ok());
  BOOST_TEST_REQUIRE(catalog.vendors().size() == 1u);
  BOOST_TEST(catalog.vendors()[0].origin == "/tmp/alpha.json");
  // A file of a lower place after one of a higher place is a clash, not a replacement.
  BOOST_TEST(!catalog.add(system).ok());
}

BOOST_AUTO_TEST_CASE(a_user_pattern_file_replaces_a_built_in_vendor) {
  const test::TempFile file(pattern_file("dingtalk", "TCODE_7"));
  std::vector<Diagnostic> warnings;
  CatalogOptions options;
  options.paths = {file.path()};
  auto built = build_catalog(options, warnings);
  BOOST_TEST_REQUIRE(built.ok(), (built.ok() ? "" : built.error().reason));
  BOOST_TEST(warnings.empty());
  std::vector<Diagnostic> builtin_warnings;
  auto builtins = build_catalog(CatalogOptions{}, builtin_warnings);
  BOOST_TEST_REQUIRE(builtins.ok());
  // As many vendors as the built-ins, dingtalk now the user's.
  BOOST_TEST(built->vendors().size() == builtins->vendors().size());
  const VendorSpec* dingtalk = built->find_vendor("dingtalk");
  BOOST_TEST_REQUIRE(dingtalk != nullptr);
  BOOST_TEST(dingtalk->origin == file.path());
  BOOST_TEST(dingtalk->find("TCODE_7") != nullptr);
  BOOST_TEST(dingtalk->find("40014") == nullptr);
  BOOST_TEST(builtins->find_vendor("dingtalk")->find("40014") != nullptr);
}

BOOST_AUTO_TEST_CASE(two_user_pattern_files_with_one_vendor_id_clash) {
  const test::TempFile first(pattern_file("testvendor", "TCODE_1"));
  const test::TempFile second(pattern_file("testvendor", "TCODE_2"));
  std::vector<Diagnostic> warnings;
  CatalogOptions options;
  options.paths = {first.path(), second.path()};
  auto built = build_catalog(options, warnings);
  BOOST_TEST_REQUIRE(!built.ok());
  BOOST_TEST(built.error().where.file == second.path());
  BOOST_TEST(built.error().reason ==
             "vendor id 'testvendor' is already defined by " + first.path());
}
