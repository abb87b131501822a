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
#include "help_format.hpp"
#include "patterns_command.hpp"
#include "report_command.hpp"
#include "scan_command.hpp"
#include "util/suggest.hpp"
#include "version.hpp"

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

// The first word of `args` that is neither an option nor an option's value, or nullptr.
const std::string* first_word(const CommandLineWords& words, const std::vector<std::string>& args) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") return i + 1 < args.size() ? &args[i + 1] : nullptr;
    if (arg == "-" || arg.empty() || arg[0] != '-') return &arg;
    if (words.valued.count(arg) != 0) ++i;  // skip the option's value
  }
  return nullptr;
}

// The command `word` was probably meant to be, when it is no file and no command but close to
// one (`reprot`): the default command would take it for a missing file.
std::optional<std::string> misspelt_command(const CommandLineWords& words,
                                            const std::string& word) {
  if (words.commands.count(word) != 0 || word.find_first_of("/.") != std::string::npos) return {};
  std::error_code error;
  if (std::filesystem::exists(word, error)) return {};
  return errscope::closest_word(word, {words.commands.begin(), words.commands.end()});
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

// The subcommand the parse got to (the deepest one named), or the app itself.
const CLI::App& command_reached(const CLI::App& app) {
  const CLI::App* command = &app;
  while (!command->get_subcommands().empty()) command = command->get_subcommands().front();
  return *command;
}

// The names (`--format`, `-j`) of the options `command` and the commands above it take.
std::vector<std::string> option_names_of(const CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::App* app = &command; app != nullptr; app = app->get_parent()) {
    for (const CLI::Option* option : app->get_options()) {
      if (!option->nonpositional()) continue;
      for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
      for (const std::string& name : option->get_snames()) names.push_back("-" + name);
    }
  }
  return names;
}

std::vector<std::string> command_names_of(const CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::App* sub : command.get_subcommands({})) names.push_back(sub->get_name());
  return names;
}

// ", did you mean X?" for a word close to one of `candidates`, else nothing.
std::string suggestion(const std::string& word, const std::vector<std::string>& candidates) {
  const auto near = errscope::closest_word(word, candidates);
  return near ? "; did you mean " + *near + "?" : "";
}

// The one line an argument error is told in: what was wrong, and what was probably meant.
std::string usage_error_text(const CLI::ParseError& error, const CLI::App& app) {
  const CLI::App& command = command_reached(app);
  const std::string where =
      &command == &app ? "" : command_path(command).substr(app.get_name().size() + 1) + ": ";
  if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr) {
    std::vector<std::string> extras = app.remaining(true);
    if (extras.empty()) return where + error.what();
    const std::string& extra = extras.front();
    if (extra.size() > 1 && extra[0] == '-') {
      const std::string name = extra.substr(0, extra.find('='));
      return where + "unknown option " + name + suggestion(name, option_names_of(command));
    }
    return where + "unexpected argument " + extra;
  }
  if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr) {
    const std::vector<std::string> commands = command_names_of(command);
    if (!commands.empty() && command.get_subcommands().empty()) {
      std::string list;
      for (const std::string& name : commands) list += (list.empty() ? "" : ", ") + name;
      const std::vector<std::string> extras = app.remaining(true);
      if (!extras.empty() && extras.front()[0] != '-') {
        return where + extras.front() + ": no such command" + suggestion(extras.front(), commands) +
               " (commands: " + list + ")";
      }
      return where + "give a command: " + list;
    }
    // CLI11: "CODE is required".
    const std::string text = error.what();
    if (const std::size_t end = text.find(" is required"); end != std::string::npos)
      return where + "missing " + text.substr(0, end);
  }
  if (dynamic_cast<const CLI::ValidationError*>(&error) != nullptr) {
    // CLI11 puts the option's name in front of our validators' "VALUE: what is wrong".
    std::string text = error.what();
    if (const std::size_t colon = text.find(": "); colon != std::string::npos)
      text.replace(colon, 2, " ");
    return where + text;
  }
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&error) != nullptr) {
    // CLI11: "--top: 1 required N missing"; the option's name comes first.
    const std::string text = error.what();
    return where + text.substr(0, text.find(':')) + " needs a value";
  }
  std::string text = error.what();
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return where + text;
}

// Prints an argument error: one `errscope: ...` line, the `note` when there is one, then where
// help is. Returns exit status 2.
int report_usage_error(const std::string& text, const std::string& help_command,
                       const std::string& note = "") {
  report_message(text);
  if (!note.empty()) report_message(note);
  print_stderr_line("Try `" + help_command + " --help` for more information.");
  return k_exit_error;
}

// The end of the top-level help: examples, and the exit statuses.
HelpEpilogue help_epilogue() {
  return HelpEpilogue{
      "  errscope app.log                      every line, its codes annotated\n"
      "  tail -F app.log | errscope --matches-only\n"
      "                                        the lines with codes, as they come\n"
      "  errscope -n --errors-only logs/*.log  error lines, with file and line number\n"
      "  errscope -c --since 1h app.log        the lines with codes in the last hour\n"
      "  errscope report --since 24h app.log   counts, timelines, examples of a day\n"
      "  errscope explain 40014 BackMsg_17     what codes mean\n",
      "Exit status: 0 success; 1 nothing selected (scan with --matches-only, --errors-only, -c, "
      "-l or a window), an alert threshold breached (report, merge), or a code in no table "
      "(explain); 2 a usage error, an unreadable input or an invalid pattern file."};
}

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

  CLI::App app{"errscope: spot vendor return codes in logs, say what they mean, count them",
               "errscope"};
  app.formatter(std::make_shared<HelpFormatter>(help_width(), "scan", help_epilogue()));
  app.set_version_flag(
      "-V,--version",
      [] {
        std::string text = version_text();
        if (!text.empty() && text.back() == '\n') text.pop_back();
        return text;
      },
      "Show the version, the git revision and the built-in catalogs with their code counts");
  app.require_subcommand(0, 1);
  GlobalOptions global;
  setup_global_options(app, global);
  ScanOptions scan_options;
  CLI::App* scan = setup_scan(app, scan_options);
  ReportOptions report_options;
  CLI::App* report = setup_report(app, report_options);
  MergeOptions merge_options;
  CLI::App* merge = setup_merge(app, merge_options);
  ExplainOptions explain_options;
  CLI::App* explain = setup_explain(app, explain_options);
  PatternsOptions patterns_options;
  CLI::App* patterns = setup_patterns(app, patterns_options);

  std::vector<std::string> args(argv + 1, argv + argc);
  std::vector<errscope::ConfigFlag> config_flags;
  const CommandLineWords words = command_line_words(app);
  if (!load_defaults(words, args, global, config_flags)) return k_exit_error;
  std::size_t config_used = 0;
  if (const std::string* word = first_word(words, args)) {
    if (const auto meant = misspelt_command(words, *word)) {
      return report_usage_error(*word + ": no such command or file; did you mean " + *meant + "?",
                                "errscope");
    }
  }
  try {
    args = with_default_command(words, std::move(args));
    config_used = with_config_flags(app, words, args, config_flags);
    std::reverse(args.begin(), args.end());  // CLI11 takes the arguments last-first
    app.parse(args);
  } catch (const CLI::ParseError& error) {
    if (error.get_exit_code() == 0) {
      // --help and --version: collected, then written as every command's output is.
      std::ostringstream out;
      app.exit(error, out);
      write_stdout(out.str());
      return k_exit_ok;
    }
    return report_usage_error(usage_error_text(error, app), command_path(command_reached(app)),
                              config_used == 0
                                  ? ""
                                  : "note: the flags of the config file " + global.config_file +
                                        " were used too; --no-config runs without them");
  }
  if (explain->parsed()) return run_explain(global, explain_options);
  if (patterns->parsed()) return run_patterns(global, patterns_options);
  if (scan->parsed()) return run_scan(global, scan_options);
  if (report->parsed()) return run_report(global, report_options);
  if (merge->parsed()) return run_merge(global, merge_options);
  return report_usage_error("no command given", "errscope");
}

}  // namespace

int main(int argc, char** argv) {
  hold_closed_std_descriptors();
  // A closed output pipe shows up as EPIPE on write, and every writer then ends quietly; any
  // other write error is reported once, at the end, with exit status 2.
  std::signal(SIGPIPE, SIG_IGN);
  return finish_stdout(run(argc, argv));
}
