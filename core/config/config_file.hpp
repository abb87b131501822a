#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace errscope {

/// The flag names a config file may use: those that take a value (`--vendor`, `-j`) and those that
/// do not (`--no-builtin`), of every command.
struct FlagNames {
  std::set<std::string> valued;
  std::set<std::string> switches;
};

/// The flag a command-line word names: `--vendor` of `--vendor=x`, `-j` of `-j4`; empty for a word
/// that is no flag (a value, `-`, `--`).
std::string flag_name(std::string_view word);

/// One flag of a config file: its name, the arguments it stands for on a command line (one word,
/// `--vendor=backmsg`, or two, `--vendor` `backmsg`), and the line it starts on.
struct ConfigFlag {
  std::string name;
  std::vector<std::string> args;
  std::size_t line = 0;
};

/// Parses a config file's text: one flag per line (`--name`, `--name=value`, `-j4`, or a valued
/// flag with its value alone on the next line), surrounding whitespace trimmed, blank lines and
/// lines starting with `#` ignored. An unknown flag, a value without a flag or a flag without its
/// value is an error naming `origin` and the line.
Result<std::vector<ConfigFlag>> parse_config_text(std::string_view origin, std::string_view text,
                                                  const FlagNames& names);

/// Reads and parses the config file at `path` (see parse_config_text); an unreadable file is an
/// error naming it.
Result<std::vector<ConfigFlag>> read_config_file(const std::filesystem::path& path,
                                                 const FlagNames& names);

/// The environment variables that place the config file and the pattern folders (nullopt: unset).
struct ConfigEnvironment {
  std::optional<std::string> config_path;          ///< ERRSCOPE_CONFIG_PATH
  std::optional<std::string> xdg_config_home;      ///< XDG_CONFIG_HOME
  std::optional<std::string> home;                 ///< HOME
  std::optional<std::string> system_patterns_dir;  ///< ERRSCOPE_SYSTEM_PATTERNS_DIR
};

/// Whether a config file that does not exist is an error (named by ERRSCOPE_CONFIG_PATH) or is
/// simply not there (the default place).
enum class ConfigRequired { yes, no };

/// Where errscope looks for its defaults.
struct ConfigPlaces {
  std::optional<std::filesystem::path> config_file;  ///< nullopt: no config file at all
  ConfigRequired required = ConfigRequired::no;
  std::string why_none;  ///< when config_file is nullopt: why, for `patterns list`
  std::optional<std::filesystem::path> user_patterns;  ///< $XDG_CONFIG_HOME/errscope/patterns
  std::filesystem::path system_patterns;               ///< /etc/errscope/patterns.d
};

/// The default folder of system-wide pattern files.
inline constexpr std::string_view k_system_patterns_dir = "/etc/errscope/patterns.d";

/// The places the environment names: ERRSCOPE_CONFIG_PATH (empty: none), else
/// $XDG_CONFIG_HOME/errscope/config with XDG_CONFIG_HOME defaulting to $HOME/.config.
ConfigPlaces config_places(const ConfigEnvironment& environment);

}  // namespace errscope
