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

// `scan` is the default command: when the first word that is not an option (or an option's
// value) names no subcommand, "scan" is put in front of it, as `errscope app.log` means
// `errscope scan app.log`.
std::vector<std::string> with_default_command(int argc, char** argv) {
  static const std::set<std::string> k_commands{"scan", "explain", "patterns", "report", "merge"};
  static const std::set<std::string> k_valued{
      "--patterns",   "--color",          "--vendor", "--format", "--top",
      "--since",      "--until",          "--bucket", "--tz",     "--baseline",
      "--max-errors", "--max-error-rate", "-j",       "--threads"};
  static const std::set<std::string> k_top_only{"-h", "--help", "--version"};
  std::vector<std::string> args(argv + 1, argv + argc);
  std::size_t insert_at = args.size();
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (k_top_only.count(arg) != 0) return args;
    if (arg == "--" || arg == "-" || arg.empty() || arg[0] != '-') {
      if (k_commands.count(arg) != 0) return args;
      insert_at = i;
      break;
    }
    if (k_valued.count(arg) != 0) ++i;  // skip the option's value
  }
  // Only global options before the first word: scan's options may follow, so put scan first
  // among the non-global part.
  std::size_t position = 0;
  while (position < insert_at) {
    const std::string& arg = args[position];
    if (arg == "--patterns" || arg == "--color") {
      position += 2;
    } else if (arg == "--no-builtin" || arg.starts_with("--patterns=") ||
               arg.starts_with("--color=")) {
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
    std::vector<std::string> args = with_default_command(argc, argv);
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
