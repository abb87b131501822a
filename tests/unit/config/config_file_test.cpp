#define BOOST_TEST_MODULE config_file
#include "config/config_file.hpp"

#include <boost/test/unit_test.hpp>
#include <string>

using namespace errscope;

namespace {

const FlagNames k_names{{"--vendor", "--top", "-j", "--threads", "--patterns"},
                        {"--no-builtin", "--matches-only", "-a"}};

std::vector<std::vector<std::string>> args_of(const std::vector<ConfigFlag>& flags) {
  std::vector<std::vector<std::string>> out;
  for (const auto& flag : flags) out.push_back(flag.args);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(comments_blank_lines_and_whitespace_are_skipped) {
  const auto flags = parse_config_text("cfg",
                                       "# team defaults\n\n   \n  --vendor=backmsg,ucpaas  \r\n"
                                       "\t# indented comment\n--no-builtin\n",
                                       k_names);
  BOOST_REQUIRE(flags.ok());
  BOOST_REQUIRE_EQUAL(flags->size(), 2u);
  BOOST_TEST((*flags)[0].name == "--vendor");
  BOOST_TEST((*flags)[0].line == 4u);
  BOOST_TEST((*flags)[0].args == std::vector<std::string>{"--vendor=backmsg,ucpaas"});
  BOOST_TEST((*flags)[1].name == "--no-builtin");
  BOOST_TEST((*flags)[1].line == 6u);
}

BOOST_AUTO_TEST_CASE(a_value_may_stand_on_the_next_line) {
  const auto flags =
      parse_config_text("cfg", "--vendor\n# the team's vendors\n  dingtalk\n-j4\n-j\n2", k_names);
  BOOST_REQUIRE(flags.ok());
  const std::vector<std::vector<std::string>> expected{
      {"--vendor", "dingtalk"}, {"-j4"}, {"-j", "2"}};
  BOOST_TEST(args_of(*flags) == expected);
  BOOST_TEST((*flags)[1].name == "-j");
}

BOOST_AUTO_TEST_CASE(an_empty_file_gives_no_flags) {
  const auto flags = parse_config_text("cfg", "", k_names);
  BOOST_REQUIRE(flags.ok());
  BOOST_TEST(flags->empty());
}

BOOST_AUTO_TEST_CASE(an_unknown_flag_names_its_line) {
  const auto flags = parse_config_text("cfg", "--vendor=dingtalk\n\n--venodr=x\n", k_names);
  BOOST_REQUIRE(!flags.ok());
  BOOST_TEST(flags.error().where.file == "cfg");
  BOOST_TEST(flags.error().where.line == 3u);
  BOOST_TEST(flags.error().reason == "unknown flag --venodr");
  BOOST_TEST(!flags.error().fix.empty());
}

BOOST_AUTO_TEST_CASE(a_word_that_is_no_flag_is_an_error) {
  const auto flags = parse_config_text("cfg", "--no-builtin\nbackmsg\n", k_names);
  BOOST_REQUIRE(!flags.ok());
  BOOST_TEST(flags.error().where.line == 2u);
  BOOST_TEST(flags.error().reason == "`backmsg` is not a flag");
}

BOOST_AUTO_TEST_CASE(a_switch_with_a_value_is_an_error) {
  const auto flags = parse_config_text("cfg", "--no-builtin=yes\n", k_names);
  BOOST_REQUIRE(!flags.ok());
  BOOST_TEST(flags.error().where.line == 1u);
  BOOST_TEST(flags.error().reason == "--no-builtin takes no value");
}

BOOST_AUTO_TEST_CASE(a_valued_flag_at_the_end_needs_its_value) {
  const auto flags = parse_config_text("cfg", "--top=5\n--vendor\n# nothing follows\n\n", k_names);
  BOOST_REQUIRE(!flags.ok());
  BOOST_TEST(flags.error().where.line == 2u);
  BOOST_TEST(flags.error().reason == "--vendor needs a value");
}

BOOST_AUTO_TEST_CASE(a_missing_file_is_an_error_naming_it) {
  const auto flags = read_config_file("/nonexistent/errscope-config", k_names);
  BOOST_REQUIRE(!flags.ok());
  BOOST_TEST(flags.error().where.file == "/nonexistent/errscope-config");
}

BOOST_AUTO_TEST_CASE(the_config_path_variable_wins_and_empty_means_none) {
  ConfigEnvironment environment;
  environment.home = "/home/u";
  auto places = config_places(environment);
  BOOST_REQUIRE(places.config_file.has_value());
  BOOST_TEST(places.config_file->string() == "/home/u/.config/errscope/config");
  BOOST_TEST((places.required == ConfigRequired::no));
  BOOST_TEST(places.user_patterns->string() == "/home/u/.config/errscope/patterns");
  BOOST_TEST(places.system_patterns.string() == "/etc/errscope/patterns.d");

  environment.xdg_config_home = "/xdg";
  environment.system_patterns_dir = "/opt/p";
  places = config_places(environment);
  BOOST_TEST(places.config_file->string() == "/xdg/errscope/config");
  BOOST_TEST(places.user_patterns->string() == "/xdg/errscope/patterns");
  BOOST_TEST(places.system_patterns.string() == "/opt/p");

  environment.config_path = "/team/errscope.conf";
  places = config_places(environment);
  BOOST_TEST(places.config_file->string() == "/team/errscope.conf");
  BOOST_TEST((places.required == ConfigRequired::yes));

  environment.config_path = "";
  places = config_places(environment);
  BOOST_TEST(!places.config_file.has_value());
  BOOST_TEST(places.why_none == "ERRSCOPE_CONFIG_PATH is empty");
  BOOST_TEST(places.user_patterns->string() == "/xdg/errscope/patterns");
}

BOOST_AUTO_TEST_CASE(flag_name_of_a_word) {
  BOOST_TEST(flag_name("--vendor=a,b") == "--vendor");
  BOOST_TEST(flag_name("--no-builtin") == "--no-builtin");
  BOOST_TEST(flag_name("-j4") == "-j");
  BOOST_TEST(flag_name("-").empty());
  BOOST_TEST(flag_name("--").empty());
  BOOST_TEST(flag_name("app.log").empty());
}
