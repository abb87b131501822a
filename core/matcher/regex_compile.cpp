#include "matcher/regex_compile.hpp"

#include <algorithm>
#include <string>

#include "matcher/matcher.hpp"
#include "util/text_position.hpp"

namespace errscope {

namespace {

// The position in the file of byte `index` of a regex: walks the regex's raw JSON string
// (which holds no newline) and counts the bytes each escape produces.
SourcePosition position_in_regex(const RegexSpec& spec, std::size_t index) {
  SourcePosition where = spec.where;
  const std::string_view raw = spec.raw_json;
  if (where.line == 0 || raw.empty() || raw[0] != '"') return where;
  std::size_t at = 1;
  std::size_t produced = 0;
  while (at < raw.size() && produced < index) {
    at += raw[at] == '\\' ? (raw.substr(at + 1, 1) == "u" ? 6 : 2) : 1;
    ++produced;
  }
  where.column += line_column_at(raw, std::min(at, raw.size())).column - 1;
  return where;
}

std::string regex_fix(const RE2& regex, std::string_view at_error) {
  const std::string_view arg = at_error.empty() ? std::string_view(regex.error_arg()) : at_error;
  if (arg.starts_with("(?=") || arg.starts_with("(?!")) {
    return "RE2 does not support lookahead; match the context as part of the pattern instead "
           "(e.g. end the code with \\b or a character class)";
  }
  if (arg.starts_with("(?<=") || arg.starts_with("(?<!")) {
    return "RE2 does not support lookbehind; match the preceding context as part of the "
           "pattern (e.g. (?:^|[^0-9])) or use \\b";
  }
  if (arg.starts_with("(?<")) {
    return "write named groups as (?P<name>...)";
  }
  if (arg.size() >= 2 && arg[0] == '\\' && arg[1] >= '1' && arg[1] <= '9') {
    return "RE2 does not support backreferences (" + std::string(arg.substr(0, 2)) +
           "); repeat the group's pattern instead";
  }
  return "rewrite the regex in RE2 syntax (https://github.com/google/re2/wiki/Syntax)";
}

}  // namespace

RE2::Options pattern_options() {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(k_max_regex_memory);
  return options;
}

Result<std::unique_ptr<RE2>> compile_pattern_regex(const RegexSpec& spec) {
  if (spec.pattern.size() > k_max_regex_length) {
    return Diagnostic{spec.where,
                      "the regex is " + std::to_string(spec.pattern.size()) +
                          " bytes long, over the " + std::to_string(k_max_regex_length) +
                          "-byte limit",
                      "split it into several regexes"};
  }
  auto regex = std::make_unique<RE2>(spec.pattern, pattern_options());
  if (!regex->ok()) {
    const std::size_t at = spec.pattern.find(regex->error_arg());
    SourcePosition where = at == std::string::npos ? spec.where : position_in_regex(spec, at);
    const std::string_view at_error =
        at == std::string::npos ? std::string_view() : std::string_view(spec.pattern).substr(at, 4);
    return Diagnostic{where, "RE2 rejects the regex: " + regex->error(),
                      regex_fix(*regex, at_error)};
  }
  return regex;
}

}  // namespace errscope
