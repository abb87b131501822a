#define BOOST_TEST_MODULE explain
#include "explain/explain.hpp"

#include <boost/test/unit_test.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "test_support.hpp"

using namespace errscope;

namespace {

VendorSpec vendor(const std::string& id, const std::vector<std::string>& codes) {
  VendorSpec spec;
  spec.id = id;
  spec.origin = "builtin:" + id + ".json";
  for (const std::string& code : codes) {
    CodeEntry entry;
    entry.code = code;
    entry.message = id + " " + code;
    spec.codes.push_back(entry);
  }
  return spec;
}

// Two vendors sharing code "-1", one with codes that differ only in case and leading zeros.
const Catalog& catalog() {
  static const Catalog built = [] {
    Catalog catalog;
    if (!catalog.add(vendor("alpha", {"-1", "BackMsg_07", "E100"})).ok() ||
        !catalog.add(vendor("beta", {"-1", "backmsg_7", "0042"})).ok())
      throw std::runtime_error("catalog");
    return catalog;
  }();
  return built;
}

// The hits as "vendor:code", in order.
std::vector<std::string> hits(const ExplainResult& result) {
  std::vector<std::string> out;
  for (const ExplainHit& hit : result.hits) out.push_back(hit.vendor->id + ":" + hit.entry->code);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_typed_code_splits_into_code_and_parameter) {
  const CodeQuery query = parse_code_query("BackMsg_17[ringing]");
  BOOST_TEST(query.text == "BackMsg_17[ringing]");
  BOOST_TEST(query.code == "BackMsg_17");
  BOOST_TEST(query.param == "ringing");
  const CodeQuery plain = parse_code_query("40014");
  BOOST_TEST(plain.code == "40014");
  BOOST_TEST(plain.param.empty());
  // A bracket at the start, or one not closed at the end, is part of the code.
  BOOST_TEST(parse_code_query("[x]").code == "[x]");
  BOOST_TEST(parse_code_query("E1[x").code == "E1[x");
}

BOOST_AUTO_TEST_CASE(a_known_code_is_found_in_every_vendor_that_has_it) {
  BOOST_TEST((hits(explain_code(catalog(), "-1")) ==
              std::vector<std::string>{"alpha:-1", "beta:-1"}));
  BOOST_TEST((hits(explain_code(catalog(), "E100")) == std::vector<std::string>{"alpha:E100"}));
  const ExplainResult with_param = explain_code(catalog(), "E100[disk full]");
  BOOST_TEST((hits(with_param) == std::vector<std::string>{"alpha:E100"}));
  BOOST_TEST(with_param.query.param == "disk full");
  BOOST_TEST(with_param.hits[0].entry->message == "alpha E100");
}

BOOST_AUTO_TEST_CASE(an_exact_match_wins_over_a_loose_one) {
  // Exact in alpha only: beta's backmsg_7 is not offered.
  BOOST_TEST((hits(explain_code(catalog(), "BackMsg_07")) ==
              std::vector<std::string>{"alpha:BackMsg_07"}));
  // No exact match: case and leading zeros are ignored, in both vendors.
  BOOST_TEST((hits(explain_code(catalog(), "BACKMSG_0007")) ==
              std::vector<std::string>{"alpha:BackMsg_07", "beta:backmsg_7"}));
  BOOST_TEST((hits(explain_code(catalog(), "42")) == std::vector<std::string>{"beta:0042"}));
}

BOOST_AUTO_TEST_CASE(an_unknown_code_has_no_hits) {
  const ExplainResult result = explain_code(catalog(), "E101");
  BOOST_TEST(result.hits.empty());
  BOOST_TEST(result.query.code == "E101");
  BOOST_TEST(explain_code(catalog(), "").hits.empty());
  BOOST_TEST(explain_code(catalog(), "[x]").hits.empty());
}

BOOST_AUTO_TEST_CASE(a_vendor_filter_looks_in_those_vendors_only) {
  BOOST_TEST((hits(explain_code(catalog(), "-1", {"beta"})) == std::vector<std::string>{"beta:-1"}));
  BOOST_TEST((hits(explain_code(catalog(), "backmsg_07", {"beta"})) ==
              std::vector<std::string>{"beta:backmsg_7"}));
  BOOST_TEST(explain_code(catalog(), "E100", {"beta"}).hits.empty());
  BOOST_TEST(explain_code(catalog(), "-1", {"nosuchvendor"}).hits.empty());
}

BOOST_AUTO_TEST_CASE(built_in_codes_are_explained) {
  const ExplainResult result = explain_code(test::builtin_catalog(), "40014", {"dingtalk"});
  BOOST_TEST_REQUIRE(result.hits.size() == 1u);
  BOOST_TEST(result.hits[0].vendor->id == "dingtalk");
  BOOST_TEST(result.hits[0].entry->outcome == Outcome::error);
  BOOST_TEST(!result.hits[0].entry->message.empty());
}
