// errscope: annotate vendor return codes in logs. This file only parses the command line and
// hands a plain options struct to the subcommand that runs it.
#include <CLI/CLI.hpp>

#include <csignal>

#include "common_options.hpp"
#include "explain_command.hpp"
#include "patterns_command.hpp"

int main(int argc, char** argv) {
  using namespace errscope::cli;
  // A closed output pipe shows up as EPIPE on write, and every writer then ends quietly.
  std::signal(SIGPIPE, SIG_IGN);

  CLI::App app{"errscope: spot vendor return codes in logs, say what they mean, count them"};
  app.set_version_flag("--version", std::string("errscope ") + ERRSCOPE_VERSION);
  app.require_subcommand(0, 1);
  GlobalOptions global;
  setup_global_options(app, global);
  ExplainOptions explain_options;
  CLI::App* explain = setup_explain(app, explain_options);
  PatternsOptions patterns_options;
  CLI::App* patterns = setup_patterns(app, patterns_options);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int status = app.exit(error);
    return status == 0 ? k_exit_ok : k_exit_error;
  }
  if (explain->parsed()) return run_explain(global, explain_options);
  if (patterns->parsed()) return run_patterns(global, patterns_options);
  report_message("no command given; try `errscope --help`");
  return k_exit_error;
}
