// errscope: annotate vendor return codes in logs. This file only parses the command line and
// hands a plain options struct to the subcommand that runs it.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <csignal>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "common_options.hpp"
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
  std::set<std::string> top_only;       ///< --help and --version
};

// Adds the names of `option` (`--top`, `-j`) to `names`.
void add_names(const CLI::Option& option, std::set<std::string>& names) {
  for (const std::string& name : option.get_lnames()) names.insert("--" + name);
  for (const std::string& name : option.get_snames()) names.insert("-" + name);
}

// Adds the value-taking options of `app` and of its subcommands, at every depth, to `valued`.
// (A flag takes no value: CLI11 gives it a type size of 1 but expects 0 of them.)
void add_valued(const CLI::App& app, std::set<std::string>& valued) {
  for (const CLI::Option* option : app.get_options()) {
    if (option->nonpositional() && option->get_items_expected_min() > 0) add_names(*option, valued);
  }
  for (const CLI::App* command : app.get_subcommands({})) add_valued(*command, valued);
}

CommandLineWords command_line_words(const CLI::App& app) {
  CommandLineWords words;
  for (const CLI::App* command : app.get_subcommands({}))
    words.commands.insert(command->get_name());
  add_valued(app, words.valued);
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
std::vector<std::string> with_default_command(const CLI::App& app, int argc, char** argv) {
  const CommandLineWords words = command_line_words(app);
  std::vector<std::string> args(argv + 1, argv + argc);
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

}  // namespace

namespace {

using namespace errscope::cli;

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

  try {
    std::vector<std::string> args = with_default_command(app, argc, argv);
    std::reverse(args.begin(), args.end());  // CLI11 takes the arguments last-first
    app.parse(args);
  } catch (const CLI::ParseError& error) {
    // --help and --version: collected, then written as every command's output is.
    std::ostringstream out;
    const int status = app.exit(error, out);
    write_stdout(out.str());
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
