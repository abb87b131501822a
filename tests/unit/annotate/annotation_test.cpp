#define BOOST_TEST_MODULE annotation
// g++ 12 reports a false -Wrestrict on string concatenations at -O2 (GCC bug 105329).
#pragma GCC diagnostic ignored "-Wrestrict"
#include "annotate/annotation.hpp"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

using namespace errscope;

namespace {

// One vendor with a success code, an error code and a code that defers to a sub-code.
struct Fixture {
  VendorSpec vendor;
  CodeEntry success;
  CodeEntry error;
  CodeEntry parent;
  CodeEntry sub;

  Fixture() {
    vendor.id = "acme";
    success.code = "0";
    success.message = "ok";
    success.outcome = Outcome::success;
    error.code = "E7";
    error.message = "card declined";
    parent.code = "88";
    parent.message = "see sub_code";
    sub.code = "isv.busy";
    sub.message = "try again later";
  }

  Match match(const CodeEntry* entry, std::string_view code) const {
    return Match{&vendor, entry, code, {}, 0, {}, nullptr};
  }
};

std::string annotated(const std::vector<Match>& matches, ColorMode color) {
  std::string out = "line";
  append_annotation(out, matches, color);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(plain_annotations_name_vendor_code_and_message) {
  const Fixture f;
  BOOST_TEST(annotated({f.match(&f.error, "E7")}, ColorMode::plain) ==
             "line \xE2\x9F\xA8" "acme E7 card declined\xE2\x9F\xA9");
  // A parameter after the code; an unknown code; two matches one after the other.
  Match with_param = f.match(&f.error, "E7");
  with_param.param = "card 4111";
  BOOST_TEST(annotated({with_param, f.match(nullptr, "E9")}, ColorMode::plain) ==
             "line \xE2\x9F\xA8" "acme E7[card 4111] card declined\xE2\x9F\xA9"
             " \xE2\x9F\xA8" "acme E9 unknown code\xE2\x9F\xA9");
  BOOST_TEST(annotated({}, ColorMode::plain) == "line");
}

BOOST_AUTO_TEST_CASE(a_code_that_defers_names_its_sub_code) {
  const Fixture f;
  Match match = f.match(&f.parent, "88");
  match.sub_code = "isv.busy";
  match.sub_entry = &f.sub;
  BOOST_TEST(annotated({match}, ColorMode::plain) ==
             "line \xE2\x9F\xA8" "acme 88 see sub_code; sub_code isv.busy try again later"
             "\xE2\x9F\xA9");
  match.sub_code = "isv.new";
  match.sub_entry = nullptr;
  BOOST_TEST(annotated({match}, ColorMode::plain) ==
             "line \xE2\x9F\xA8" "acme 88 see sub_code; sub_code isv.new unknown code\xE2\x9F\xA9");
}

BOOST_AUTO_TEST_CASE(coloured_annotations_are_green_for_success_and_red_otherwise) {
  const Fixture f;
  BOOST_TEST(annotated({f.match(&f.success, "0")}, ColorMode::color) ==
             "line \x1b[32m\xE2\x9F\xA8" "acme \x1b[1m" "0\x1b[22m ok\xE2\x9F\xA9\x1b[0m");
  BOOST_TEST(annotated({f.match(&f.error, "E7")}, ColorMode::color) ==
             "line \x1b[31m\xE2\x9F\xA8" "acme \x1b[1mE7\x1b[22m card declined\xE2\x9F\xA9\x1b[0m");
  // An unknown code is an error.
  BOOST_TEST(annotated({f.match(nullptr, "E9")}, ColorMode::color) ==
             "line \x1b[31m\xE2\x9F\xA8" "acme \x1b[1mE9\x1b[22m unknown code\xE2\x9F\xA9\x1b[0m");
}

BOOST_AUTO_TEST_CASE(control_characters_from_the_log_or_the_catalog_are_made_visible) {
  Fixture f;
  f.error.message = "bad\x1b[2Jthing";
  Match match = f.match(&f.error, "E7");
  match.param = "a\rb";
  BOOST_TEST(annotated({match}, ColorMode::plain) ==
             "line \xE2\x9F\xA8" "acme E7[a\\x0db] bad\\x1b[2Jthing\xE2\x9F\xA9");
}
