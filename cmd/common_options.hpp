#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "loader/pattern_loader.hpp"
#include "matcher/matcher.hpp"
#include "util/ansi.hpp"
#include "util/result.hpp"

namespace errscope::cli {

/// Exit statuses, as SPEC.md fixes them.
inline constexpr int k_exit_ok = 0;
inline constexpr int k_exit_alert = 1;  ///< a threshold breached, or explain found nothing
inline constexpr int k_exit_error = 2;  ///< usage error, unreadable input, invalid pattern file

/// Output formats the subcommands accept.
enum class Format { text, json };

/// Options every command takes.
struct GlobalOptions {
  std::vector<std::string> pattern_paths;  ///< --patterns PATH (repeatable)
  bool no_builtin = false;                 ///< --no-builtin
  std::string color = "auto";              ///< --color auto|always|never
  bool no_config = false;                  ///< --no-config (main.cpp acts on it before parsing)
  /// The user's and the system's pattern folders (none with --no-config); set by main.cpp.
  std::vector<DefaultPatternFolder> default_folders;
  /// The config file used, or why there is none, for `patterns list`; set by main.cpp.
  std::string config_file;
};

/// Adds --patterns, --no-builtin, --color and --no-config to the top-level app.
void setup_global_options(CLI::App& app, GlobalOptions& options);

/// Adds `--vendor ID[,ID...]` (one value per occurrence, so file arguments after it stay files).
void add_vendor_option(CLI::App& command, std::vector<std::string>& vendors,
                       const std::string& description);

/// Adds `--format text|json` to a subcommand.
void add_format_option(CLI::App& command, Format& format);

/// A value an option takes by name (`--format html`), and what it stands for.
template <typename Value>
struct NamedChoice {
  std::string name;
  Value value;
};

/// Checks that an option's value is one of `names`: the error names them all and the closest.
CLI::Validator one_of(std::vector<std::string> names);

/// Checks that an option's value is a whole number from `min` to `max` (decimal digits only;
/// the largest std::uint64_t for no upper bound).
CLI::Validator whole_number_in(std::uint64_t min, std::uint64_t max);

/// Checks that an option's value is a number from `min` to `max`.
CLI::Validator number_in(double min, double max);

/// Adds an option whose value is picked by name from `choices`, which help and errors show by
/// name (CLI11's own transformer shows the enum's numbers beside them).
template <typename Value>
CLI::Option* add_choice_option(CLI::App& command, const std::string& flags, Value& target,
                               std::vector<NamedChoice<Value>> choices,
                               const std::string& description) {
  std::vector<std::string> names;
  for (const NamedChoice<Value>& choice : choices) names.push_back(choice.name);
  return command
      .add_option_function<std::string>(
          flags,
          [&target, choices](const std::string& name) {
            for (const NamedChoice<Value>& choice : choices)
              if (choice.name == name) target = choice.value;
          },
          description)
      ->check(one_of(std::move(names)));
}

/// Builds the catalog from the built-ins and --patterns; warnings go to stderr. On failure,
/// prints the one error message and returns nullopt (the caller exits with k_exit_error).
std::optional<Catalog> load_catalog_or_report(const GlobalOptions& options);

/// Checks that every vendor id names a loaded vendor; reports the first that does not, after
/// `what` (e.g. "--vendor wechat"), with the loaded ids.
bool vendors_exist_or_report(const Catalog& catalog, const std::vector<std::string>& ids,
                             std::string_view what);

/// The catalog of a command that takes --vendor: load_catalog_or_report, then every id in
/// `vendors` checked (vendors_exist_or_report). On failure, nullopt after the one error message.
std::optional<Catalog> prepare_catalog(const GlobalOptions& options,
                                       const std::vector<std::string>& vendors);

/// Compiles the vendors' regexes (only `vendor_ids` when given). On failure, prints the one error
/// message and returns nullopt (the caller exits with k_exit_error).
std::optional<Matcher> compile_matcher_or_report(const Catalog& catalog,
                                                 const std::vector<std::string>& vendor_ids);

/// Adds `-j, --threads N` (1 to 1024) to a subcommand; not given, `threads` stays 0: one per core
/// (see thread_count).
void add_threads_option(CLI::App& command, std::size_t& threads, const std::string& description);

/// The worker threads for `-j asked`: `asked`, or one per core when it is 0.
std::size_t thread_count(std::size_t asked);

/// Adds `--no-progress` (no progress line on stderr; see ProgressDisplay) to a subcommand.
void add_progress_flag(CLI::App& command, bool& no_progress);

/// The inputs a command reads: `files`, or standard input ("-") when there are none; reading a
/// terminal so is said on stderr.
std::vector<std::string> input_paths(const std::vector<std::string>& files);

/// What to do with an input whose first bytes say it is binary (see sniff_content).
enum class BinaryFiles { skip, text };

/// Adds `-a, --text` (read binary files as text) to a subcommand.
void add_text_flag(CLI::App& command, bool& text);

/// The inputs a command reads, and the binary ones it leaves out.
struct SelectedInputs {
  std::vector<std::string> readable;
  std::vector<std::string> skipped;  ///< binary inputs, in order
};

/// Sorts `inputs` into those to read and the binary ones (standard input included, sniffed on
/// what it holds at first), with one warning for each binary one, unless `binary` says to read
/// them as text. Pipes and devices named by path are always read.
SelectedInputs select_inputs(const std::vector<std::string>& inputs, BinaryFiles binary);

/// Makes SIGINT and SIGTERM end the scan instead of the process: reads end as at the end of their
/// input, and what was read is written (a report marked interrupted). A second signal kills.
void stop_on_signals();

/// The exit status of a run a signal stopped (128 + the signal, as the shell shows for a process
/// the signal ended), else `status`.
int status_after_stop(int status);

/// Colour for stdout: --color always/never, or auto (a terminal, NO_COLOR unset, TERM not dumb).
ColorMode stdout_color(const GlobalOptions& options);

/// The width of stdout in cells for layouts that fill it: COLUMNS when it is a positive integer,
/// else the terminal's, else 80 (a file or a pipe).
std::size_t stdout_columns();

/// Prints a diagnostic on stderr as an error: `errscope: [place: ]error: reason`, then its fix.
void print_error(const Diagnostic& diagnostic);
/// The same as a warning: `errscope: [place: ]warning: reason`, then its fix.
void print_warning(const Diagnostic& diagnostic);

/// Prints a one-line `errscope: message` on stderr.
void report_message(std::string_view message);

/// Prints `line` and a newline on stderr as it is (text of errscope's own, not of a log).
void print_stderr_line(std::string_view line);

/// Writes all of `text` to stdout. Returns false once stdout is closed (a reader such as `head`
/// went away: callers then stop quietly) or a write failed (recorded for finish_stdout).
bool write_stdout(std::string_view text);

/// Records that a write to stdout failed with errno `error`: EPIPE (the reader went away) is a
/// quiet end, any other error is reported by finish_stdout.
void note_stdout_error(int error);

/// Makes the standard descriptors the caller closed (`>&-`) hold /dev/null opened the other way,
/// so that no file opened later takes their number and using them fails as on a closed one.
void hold_closed_std_descriptors();

/// Ends the output of a command that returns `status`: closes stdout (a delayed write error shows
/// there) and, when a write to it failed other than on a closed pipe, prints one message and
/// returns k_exit_error; else returns `status`.
int finish_stdout(int status);

}  // namespace errscope::cli
