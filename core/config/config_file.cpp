#include "config/config_file.hpp"

#include "util/file_reader.hpp"

namespace errscope {

namespace {

constexpr std::size_t k_max_config_size = 1 << 20;

std::string_view trim(std::string_view text) {
  constexpr std::string_view k_space = " \t\r\f\v";
  const std::size_t first = text.find_first_not_of(k_space);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(k_space) - first + 1);
}

Diagnostic error_at(std::string_view origin, std::size_t line, std::string reason,
                    std::string fix) {
  return Diagnostic{SourcePosition{std::string(origin), line, 1, ""}, std::move(reason),
                    std::move(fix)};
}

}  // namespace

std::string flag_name(std::string_view word) {
  if (word.size() < 2 || word[0] != '-' || word == "--") return {};
  if (word[1] == '-') return std::string(word.substr(0, word.find('=')));
  return std::string(word.substr(0, 2));
}

Result<std::vector<ConfigFlag>> parse_config_text(std::string_view origin, std::string_view text,
                                                  const FlagNames& names) {
  std::vector<ConfigFlag> flags;
  bool awaiting_value = false;  // the last flag takes a value that is on the next line
  std::size_t line_number = 0;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = trim(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    if (awaiting_value) {
      flags.back().args.emplace_back(line);
      awaiting_value = false;
      continue;
    }
    const std::string name = flag_name(line);
    if (name.empty()) {
      std::string reason = "`";
      reason.append(line);
      reason += "` is not a flag";
      return error_at(origin, line_number, std::move(reason),
                      "write one flag per line, e.g. --vendor=backmsg (a flag's value may stand "
                      "alone on the line after it)");
    }
    const bool valued = names.valued.count(name) != 0;
    if (!valued && names.switches.count(name) == 0) {
      return error_at(origin, line_number, "unknown flag " + name,
                      "remove the line or correct the flag; `errscope --help` and `errscope "
                      "COMMAND --help` list the flags");
    }
    const bool has_inline_value = line.size() > name.size();
    if (!valued && has_inline_value) {
      return error_at(origin, line_number, name + " takes no value",
                      "write " + name + " alone on its line");
    }
    flags.push_back(ConfigFlag{name, {std::string(line)}, line_number});
    awaiting_value = valued && !has_inline_value;
  }
  if (awaiting_value) {
    const ConfigFlag& last = flags.back();
    return error_at(origin, last.line, last.name + " needs a value",
                    "write " + last.name + "=VALUE, or the value alone on the next line");
  }
  return flags;
}

Result<std::vector<ConfigFlag>> read_config_file(const std::filesystem::path& path,
                                                 const FlagNames& names) {
  auto text = read_small_file(path.string(), k_max_config_size,
                              "check ERRSCOPE_CONFIG_PATH, or run with --no-config");
  if (!text.ok()) return std::move(text).error();
  return parse_config_text(path.string(), *text, names);
}

ConfigPlaces config_places(const ConfigEnvironment& environment) {
  ConfigPlaces places;
  std::optional<std::filesystem::path> config_home;
  if (environment.xdg_config_home && !environment.xdg_config_home->empty()) {
    config_home = *environment.xdg_config_home;
  } else if (environment.home && !environment.home->empty()) {
    config_home = std::filesystem::path(*environment.home) / ".config";
  }
  if (config_home) places.user_patterns = *config_home / "errscope" / "patterns";
  places.system_patterns =
      environment.system_patterns_dir && !environment.system_patterns_dir->empty()
          ? std::filesystem::path(*environment.system_patterns_dir)
          : std::filesystem::path(k_system_patterns_dir);
  if (environment.config_path) {
    if (environment.config_path->empty()) {
      places.why_none = "ERRSCOPE_CONFIG_PATH is empty";
    } else {
      places.config_file = *environment.config_path;
      places.required = ConfigRequired::yes;
    }
  } else if (config_home) {
    places.config_file = *config_home / "errscope" / "config";
  } else {
    places.why_none = "neither XDG_CONFIG_HOME nor HOME is set";
  }
  return places;
}

}  // namespace errscope
