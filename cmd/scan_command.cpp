#include "scan_command.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <limits>
#include <tuple>

#include "matcher/matcher.hpp"
#include "parallel/parallel_scan.hpp"
#include "progress.hpp"
#include "scan/scanner.hpp"
#include "select/line_selector.hpp"
#include "sink/line_printer.hpp"
#include "sink/output_buffer.hpp"
#include "time_window.hpp"
#include "util/interrupt.hpp"

namespace errscope::cli {

namespace {

// What the grep-style flags ask of a scan, worked out once.
struct Selection {
  SelectOptions select;
  bool selecting = false;       // a flag selects lines: exit 1 when none is
  bool needs_selector = false;  // more than --matches-only, which the printer does alone
};

// The selection the flags ask for; nullopt, after the one message, when they cannot go together
// or a time cannot be read.
std::optional<Selection> selection_of(const ScanOptions& options) {
  const bool json = options.format == Format::json;
  const bool context = options.after || options.before || options.context;
  for (const auto& [given, flag] :
       {std::pair{options.count, "-c/--count"},
        std::pair{options.files_with_matches, "-l/--files-with-matches"},
        std::pair{context, "-A/-B/-C context"}}) {
    if (json && given) {
      report_message(std::string(flag) +
                     " writes text; NDJSON has each line with its file and number: leave out "
                     "--format json");
      return std::nullopt;
    }
  }
  Selection selection;
  SelectOptions& select = selection.select;
  if (!options.since.empty() || !options.until.empty()) {
    const auto window = parse_time_window(options.since, options.until, "");
    if (!window) return std::nullopt;
    select.since = window->since;
    select.until = window->until;
  }
  select.before = options.before.value_or(options.context.value_or(0));
  select.after = options.after.value_or(options.context.value_or(0));
  if (context) select.separators = GroupSeparators::dashes;  // even -A 0, as grep
  if (options.count) select.output = SelectOutput::count;
  if (options.files_with_matches) select.output = SelectOutput::files_with_matches;
  // -c, -l and context are about lines with codes, as --matches-only; a window alone keeps every
  // line inside it. NDJSON has only lines with codes.
  if (options.errors_only) {
    select.codes = CodeFilter::error_lines;
  } else if (options.matches_only || options.count || options.files_with_matches || context ||
             json) {
    select.codes = CodeFilter::code_lines;
  } else {
    select.codes = CodeFilter::any_line;
  }
  selection.needs_selector = options.errors_only || options.count || options.files_with_matches ||
                             context || select.windowed();
  selection.selecting = selection.needs_selector || options.matches_only;
  return selection;
}

// File names and line numbers: as asked, else on for several inputs at a terminal (ripgrep's
// rule, so a pipe gets the lines as they came); -c names its counts for several inputs at once,
// as grep does, since numbers alone would not say whose they are.
void set_prefixes(const ScanOptions& options, bool terminal, PrinterOptions& printer) {
  const bool several = options.files.size() > 1;
  printer.file_names = options.file_names.value_or(several && (terminal || options.count))
                           ? FileNames::shown
                           : FileNames::hidden;
  printer.line_numbers = options.line_numbers.value_or(several && terminal && !options.count)
                             ? LineNumbers::shown
                             : LineNumbers::hidden;
}

}  // namespace

CLI::App* setup_scan(CLI::App& app, ScanOptions& options) {
  CLI::App* command =
      app.add_subcommand("scan", "Annotate vendor codes in log lines (the default command)");
  command->add_option("FILE", options.files,
                      "Log files, read in order; standard input when none or '-'");
  add_vendor_option(*command, options.vendors, "Detect only these vendors (comma-separated ids)");
  command->add_flag("--matches-only", options.matches_only,
                    "Print only the lines that carry codes (exit 1 when there is none)");
  command->add_flag("--errors-only", options.errors_only,
                    "Print only the lines with a code whose outcome is error (unknown codes "
                    "included); exit 1 when there is none");
  // Two flags each, the last given winning (a config file's -n, then -N on the command line).
  CLI::Option* with_filename =
      command->add_flag("-H,--with-filename")
          ->description(
              "Print the file name before each line (default: on for several files at a "
              "terminal)");
  CLI::Option* no_filename =
      command->add_flag("--no-filename")->description("Never print file names before lines");
  CLI::Option* line_number =
      command->add_flag("-n,--line-number")
          ->description(
              "Print the line number before each line (default: on for several files at a "
              "terminal)");
  CLI::Option* no_line_number =
      command->add_flag("-N,--no-line-number")->description("Never print line numbers");
  command->parse_complete_callback(
      [command, &options, with_filename, no_filename, line_number, no_line_number]() {
        options.file_names.reset();
        options.line_numbers.reset();
        for (const CLI::Option* option : command->parse_order()) {
          if (option == with_filename || option == no_filename) {
            options.file_names = option == with_filename;
          } else if (option == line_number || option == no_line_number) {
            options.line_numbers = option == line_number;
          }
        }
      });
  for (const auto& [names, value, description] :
       {std::tuple{"-A,--after-context", &options.after,
                   "Print NUM lines after each selected line, '--' between groups"},
        std::tuple{"-B,--before-context", &options.before,
                   "Print NUM lines before each selected line, '--' between groups"},
        std::tuple{"-C,--context", &options.context,
                   "Print NUM lines before and after each selected line (-A, -B override it)"}}) {
    command->add_option(names, *value, description)
        ->check(whole_number_in(0, std::numeric_limits<std::uint64_t>::max()))
        ->type_name("NUM");
  }
  CLI::Option* count = command->add_flag("-c,--count", options.count,
                                         "Print only the number of lines with codes of each file");
  command
      ->add_flag("-l,--files-with-matches", options.files_with_matches,
                 "Print only the names of the files with a line with codes")
      ->excludes(count);
  add_time_window_options(*command, options.since, options.until);
  add_format_option(*command, options.format);
  add_text_flag(*command, options.text);
  add_threads_option(
      *command, options.threads,
      "Worker threads for regular files (default: one per core); output keeps input order");
  add_progress_flag(*command, options.no_progress);
  command->fallthrough();
  return command;
}

int run_scan(const GlobalOptions& global, const ScanOptions& options) {
  const auto selection = selection_of(options);
  if (!selection) return k_exit_error;
  const auto catalog = prepare_catalog(global, options.vendors);
  if (!catalog) return k_exit_error;
  const auto matcher = compile_matcher_or_report(*catalog, options.vendors);
  if (!matcher) return k_exit_error;
  PrinterOptions printer;
  printer.format = options.format == Format::json ? OutputFormat::json : OutputFormat::text;
  // With a selector the printer writes only the lines it is told.
  printer.selection = options.matches_only || selection->needs_selector
                          ? LineSelection::matches_only
                          : LineSelection::all;
  const bool terminal = ::isatty(STDOUT_FILENO) != 0;
  printer.safety = terminal ? TextSafety::visible : TextSafety::raw;
  printer.color = stdout_color(global);
  set_prefixes(options, terminal, printer);

  OutputBuffer out(STDOUT_FILENO);
  // Writes what is pending; a failed write is recorded for main to report.
  const auto finish = [&out](int status) {
    out.flush();
    if (out.state() != OutputState::open) {
      note_stdout_error(out.state() == OutputState::closed ? EPIPE : out.error());
    }
    return status;
  };
  // grep's status: an error wins; else, when a flag selects lines, 1 when none was.
  const auto status_of = [&selection](bool failed, bool selected) {
    if (failed) return k_exit_error;
    return selection->selecting && !selected ? k_exit_alert : k_exit_ok;
  };
  stop_on_signals();
  const std::vector<std::string> inputs =
      select_inputs(input_paths(options.files),
                    options.text ? BinaryFiles::text : BinaryFiles::skip)
          .readable;
  const std::size_t threads = thread_count(options.threads);
  const auto shown = progress_wanted(options.no_progress, StdoutTiming::while_reading)
                         ? ProgressDisplay::Shown::yes
                         : ProgressDisplay::Shown::no;

  // Regular files only: a pipe's lines must leave as they arrive, not a part at a time.
  const bool all_files = std::all_of(inputs.begin(), inputs.end(), [](const std::string& path) {
    struct stat info {};
    return path != "-" && ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
  });
  if (threads > 1 && all_files && !terminal && !selection->needs_selector) {
    bool failed = false;
    const std::vector<InputPart> parts = plan_parts(inputs, k_scan_part_bytes);
    ProgressDisplay progress(inputs, shown);
    const std::uint64_t code_lines =
        parallel_scan(*matcher, parts, printer, out, threads, [&failed](const Diagnostic& error) {
          print_error(error);
          failed = true;
        });
    progress.stop();
    return status_after_stop(finish(status_of(failed, code_lines > 0)));
  }
  LinePrinter line_printer(printer, out);
  std::optional<LineSelector> selector;
  if (selection->needs_selector) selector.emplace(selection->select, line_printer);
  ScanSink& sink = selector ? static_cast<ScanSink&>(*selector) : line_printer;
  Scanner scanner(*matcher, sink);
  bool failed = false;
  ProgressDisplay progress(inputs, shown);
  for (const auto& path : inputs) {
    auto source = FileSource::open(path);
    if (!source.ok()) {
      out.flush();
      print_error(source.error());
      failed = true;
      continue;
    }
    if (auto scanned = scanner.scan(*source); !scanned.ok()) {
      out.flush();
      print_error(scanned.error());
      failed = true;
    }
    if (selector) selector->end_input();
    if (out.state() != OutputState::open || stop_requested() != 0) break;
  }
  progress.stop();
  const bool selected = selector ? selector->any_selected() : line_printer.code_lines() > 0;
  return status_after_stop(finish(status_of(failed, selected)));
}

}  // namespace errscope::cli
