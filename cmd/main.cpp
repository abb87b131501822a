// errscope: annotate vendor return codes in logs. This file only parses the command line and
// hands a plain options struct to the subcommand that runs it.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "common_options.hpp"
#include "config/config_file.hpp"
#include "explain_command.hpp"
#include "patterns_command.hpp"
#include "report_command.hpp"
#include "scan_command.hpp"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace {

// What the command line can hold, as the CLI11 app declares it, so that a new option or command
// needs no entry here.
struct CommandLineWords {
  std::set<std::string> commands;       ///< the top-level subcommands
  std::set<std::string> valued;         ///< options that take a value, of any command
  std::set<std::string> global_valued;  ///< those of the top-level app
  std::set<std::string> global_flags;   ///< the top-level app's options without a value
  std::set<std::string> switches;       ///< options without a value, of any command
  std::set<std::string> top_only;       ///< --help and --version
};

// Adds the names of `option` (`--top`, `-j`) to `names`.
void add_names(const CLI::Option& option, std::set<std::string>& names) {
  for (const std::string& name : option.get_lnames()) names.insert("--" + name);
  for (const std::string& name : option.get_snames()) names.insert("-" + name);
}

// Adds the options of `app` and of its subcommands, at every depth, to `valued` when they take a
// value and to `switches` when not (--help and --version left out). (A flag takes no value:
// CLI11 gives it a type size of 1 but expects 0 of them.)
void add_options(const CLI::App& app, std::set<std::string>& valued,
                 std::set<std::string>& switches) {
  for (const CLI::Option* option : app.get_options()) {
    if (!option->nonpositional()) continue;
    if (option->get_items_expected_min() > 0) {
      add_names(*option, valued);
    } else if (option != app.get_help_ptr() && option != app.get_version_ptr()) {
      add_names(*option, switches);
    }
  }
  for (const CLI::App* command : app.get_subcommands({})) add_options(*command, valued, switches);
}

CommandLineWords command_line_words(const CLI::App& app) {
  CommandLineWords words;
  for (const CLI::App* command : app.get_subcommands({}))
    words.commands.insert(command->get_name());
  add_options(app, words.valued, words.switches);
  for (const CLI::Option* option : app.get_options()) {
    if (!option->nonpositional()) continue;
    if (option == app.get_help_ptr() || option == app.get_version_ptr()) {
      add_names(*option, words.top_only);
    } else {
      add_names(*option,
                option->get_items_expected_min() > 0 ? words.global_valued : words.global_flags);
    }
  }
  return words;
}

// `scan` is the default command: when the first word that is not an option (or an option's
// value) names no subcommand, "scan" is put in front of it, as `errscope app.log` means
// `errscope scan app.log`.
std::vector<std::string> with_default_command(const CommandLineWords& words,
                                              std::vector<std::string> args) {
  std::size_t insert_at = args.size();
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (words.top_only.count(arg) != 0) return args;
    if (arg == "--" || arg == "-" || arg.empty() || arg[0] != '-') {
      if (words.commands.count(arg) != 0) return args;
      insert_at = i;
      break;
    }
    if (words.valued.count(arg) != 0) ++i;  // skip the option's value
  }
  // Only global options before the first word: scan's options may follow, so put scan first
  // among the non-global part.
  const auto global_with_value = [&words](const std::string& arg) {
    const std::size_t equals = arg.find('=');
    return equals != std::string::npos && words.global_valued.count(arg.substr(0, equals)) != 0;
  };
  std::size_t position = 0;
  while (position < insert_at) {
    const std::string& arg = args[position];
    if (words.global_valued.count(arg) != 0) {
      position += 2;
    } else if (words.global_flags.count(arg) != 0 || global_with_value(arg)) {
      position += 1;
    } else {
      break;
    }
  }
  args.insert(args.begin() + static_cast<std::ptrdiff_t>(std::min(position, args.size())), "scan");
  return args;
}

std::optional<std::string> environment_value(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

// The subcommand of `app` named `name`, or nullptr.
const CLI::App* subcommand_named(const CLI::App& app, const std::string& name) {
  for (const CLI::App* command : app.get_subcommands({}))
    if (command->get_name() == name) return command;
  return nullptr;
}

// The option of `app` itself that `name` names (--help left out), or nullptr.
const CLI::Option* own_option(const CLI::App* app, const std::string& name) {
  if (app == nullptr || name.empty()) return nullptr;
  const CLI::Option* option = app->get_option_no_throw(name);
  if (option == nullptr || option == app->get_help_ptr() || option == app->get_version_ptr())
    return nullptr;
  return option;
}

// Puts the config file's flags into `args` (after with_default_command): the top-level app's
// flags in front, the command's own flags just after its name (`patterns list`: after `list`),
// so that the command's words and files come after them. A flag of another command is left out;
// an option the command line gives itself (under any of its names) is left out too, so the
// command line wins. Returns how many flags went in.
std::size_t with_config_flags(const CLI::App& app, const CommandLineWords& words,
                              std::vector<std::string>& args,
                              const std::vector<errscope::ConfigFlag>& flags) {
  std::size_t position = 0;
  while (position < args.size() && args[position] != "--" &&
         !errscope::flag_name(args[position]).empty()) {
    position += words.global_valued.count(args[position]) != 0 ? 2 : 1;
  }
  const CLI::App* command = nullptr;
  if (position < args.size() && words.commands.count(args[position]) != 0) {
    command = subcommand_named(app, args[position]);
    while (command != nullptr && position + 1 < args.size()) {
      const CLI::App* inner = subcommand_named(*command, args[position + 1]);
      if (inner == nullptr) break;
      command = inner;
      ++position;
    }
  }
  std::set<const CLI::Option*> given;
  for (const std::string& arg : args) {
    if (arg == "--") break;
    const std::string name = errscope::flag_name(arg);
    if (const CLI::Option* option = own_option(&app, name)) given.insert(option);
    if (const CLI::Option* option = own_option(command, name)) given.insert(option);
  }
  // Each flag's option, nullptr for one this command does not take or the command line gives.
  std::vector<const CLI::Option*> options;
  for (const errscope::ConfigFlag& flag : flags) {
    const CLI::Option* option = own_option(&app, flag.name);
    if (option == nullptr) option = own_option(command, flag.name);
    options.push_back(option != nullptr && given.count(option) == 0 ? option : nullptr);
  }
  std::vector<std::string> global_args;
  std::vector<std::string> command_args;
  std::size_t used = 0;
  for (std::size_t i = 0; i < flags.size(); ++i) {
    const CLI::Option* option = options[i];
    if (option == nullptr) continue;
    // An option of one value (or none) given twice in the file: the later line wins.
    if (option->get_items_expected_max() <= 1 &&
        std::find(options.begin() + static_cast<std::ptrdiff_t>(i) + 1, options.end(), option) !=
            options.end()) {
      continue;
    }
    std::vector<std::string>& into = own_option(&app, flags[i].name) ? global_args : command_args;
    into.insert(into.end(), flags[i].args.begin(), flags[i].args.end());
    ++used;
  }
  if (command != nullptr) {
    args.insert(args.begin() + static_cast<std::ptrdiff_t>(position + 1), command_args.begin(),
                command_args.end());
  }
  args.insert(args.begin(), global_args.begin(), global_args.end());
  return used;
}

}  // namespace

namespace {

using namespace errscope::cli;

// Reads the defaults `--no-config` does not turn off: the pattern folders into `global`, the
// config file's flags into `flags`. On an error in the config file, prints it and returns false.
bool load_defaults(const CommandLineWords& words, const std::vector<std::string>& args,
                   GlobalOptions& global, std::vector<errscope::ConfigFlag>& flags) {
  const auto end = std::find(args.begin(), args.end(), "--");
  if (std::find(args.begin(), end, "--no-config") != end) {
    global.config_file = "none (--no-config)";
    return true;
  }
  errscope::ConfigEnvironment environment;
  environment.config_path = environment_value("ERRSCOPE_CONFIG_PATH");
  environment.xdg_config_home = environment_value("XDG_CONFIG_HOME");
  environment.home = environment_value("HOME");
  environment.system_patterns_dir = environment_value("ERRSCOPE_SYSTEM_PATTERNS_DIR");
  const errscope::ConfigPlaces places = errscope::config_places(environment);
  global.default_folders.push_back({places.system_patterns, errscope::PatternPlace::system_folder});
  if (places.user_patterns)
    global.default_folders.push_back({*places.user_patterns, errscope::PatternPlace::user_folder});
  if (!places.config_file) {
    global.config_file = "none (" + places.why_none + ")";
    return true;
  }
  const std::filesystem::path& path = *places.config_file;
  std::error_code error;
  if (places.required == errscope::ConfigRequired::no && !std::filesystem::exists(path, error)) {
    global.config_file = "none (" + path.string() + " does not exist)";
    return true;
  }
  // The flags a config file may hold: those of every command.
  auto read = errscope::read_config_file(path, errscope::FlagNames{words.valued, words.switches});
  if (!read.ok()) {
    // --help and --version still answer, the error shown as a warning.
    const bool asks_help = std::find_if(args.begin(), end, [](const std::string& arg) {
                             return arg == "--help" || arg == "-h" || arg == "--version";
                           }) != end;
    if (!asks_help) {
      print_error(read.error());
      return false;
    }
    print_warning(read.error());
    global.config_file = "none (" + path.string() + " has an error)";
    return true;
  }
  flags = std::move(read).value();
  global.config_file = path.string();
  return true;
}

int run(int argc, char** argv) {
#if defined(__GLIBC__)
  // Blocks of 256 KiB and up (read buffers, parts' output) are mapped and given back when freed.
  // Left to itself glibc raises this threshold after such frees and serves the next ones from a
  // heap that keeps them: with -j, peak memory then crept up with the input's length.
  ::mallopt(M_MMAP_THRESHOLD, 256 << 10);
#endif

  CLI::App app{"errscope: spot vendor return codes in logs, say what they mean, count them"};
  app.set_version_flag("--version", std::string("errscope ") + ERRSCOPE_VERSION);
  app.require_subcommand(0, 1);
  GlobalOptions global;
  setup_global_options(app, global);
  ExplainOptions explain_options;
  CLI::App* explain = setup_explain(app, explain_options);
  PatternsOptions patterns_options;
  CLI::App* patterns = setup_patterns(app, patterns_options);

  ScanOptions scan_options;
  CLI::App* scan = setup_scan(app, scan_options);
  ReportOptions report_options;
  CLI::App* report = setup_report(app, report_options);
  MergeOptions merge_options;
  CLI::App* merge = setup_merge(app, merge_options);

  std::vector<std::string> args(argv + 1, argv + argc);
  std::vector<errscope::ConfigFlag> config_flags;
  const CommandLineWords words = command_line_words(app);
  if (!load_defaults(words, args, global, config_flags)) return k_exit_error;
  std::size_t config_used = 0;
  try {
    args = with_default_command(words, std::move(args));
    config_used = with_config_flags(app, words, args, config_flags);
    std::reverse(args.begin(), args.end());  // CLI11 takes the arguments last-first
    app.parse(args);
  } catch (const CLI::ParseError& error) {
    // --help and --version: collected, then written as every command's output is.
    std::ostringstream out;
    const int status = app.exit(error, out);
    write_stdout(out.str());
    if (status != 0 && config_used != 0) {
      report_message("note: the flags of the config file " + global.config_file +
                     " were used too; --no-config runs without them");
    }
    return status == 0 ? k_exit_ok : k_exit_error;
  }
  if (explain->parsed()) return run_explain(global, explain_options);
  if (patterns->parsed()) return run_patterns(global, patterns_options);
  if (scan->parsed()) return run_scan(global, scan_options);
  if (report->parsed()) return run_report(global, report_options);
  if (merge->parsed()) return run_merge(global, merge_options);
  report_message("no command given; try `errscope --help`");
  return k_exit_error;
}

}  // namespace

int main(int argc, char** argv) {
  hold_closed_std_descriptors();
  // A closed output pipe shows up as EPIPE on write, and every writer then ends quietly; any
  // other write error is reported once, at the end, with exit status 2.
  std::signal(SIGPIPE, SIG_IGN);
  return finish_stdout(run(argc, argv));
}
