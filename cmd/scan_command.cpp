#include "scan_command.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

#include "matcher/matcher.hpp"
#include "parallel/parallel_scan.hpp"
#include "scan/scanner.hpp"
#include "sink/line_printer.hpp"
#include "sink/output_buffer.hpp"
#include "util/interrupt.hpp"

namespace errscope::cli {

CLI::App* setup_scan(CLI::App& app, ScanOptions& options) {
  CLI::App* command =
      app.add_subcommand("scan", "Annotate vendor codes in log lines (the default command)");
  command->add_option("FILE", options.files,
                      "Log files, read in order; standard input when none or '-'");
  add_vendor_option(*command, options.vendors, "Detect only these vendors (comma-separated ids)");
  command->add_flag("--matches-only", options.matches_only,
                    "Print only the lines that carry codes");
  add_format_option(*command, options.format);
  add_text_flag(*command, options.text);
  add_threads_option(
      *command, options.threads,
      "Worker threads for regular files (default: one per core); output keeps input order");
  command->fallthrough();
  return command;
}

int run_scan(const GlobalOptions& global, const ScanOptions& options) {
  const auto catalog = prepare_catalog(global, options.vendors);
  if (!catalog) return k_exit_error;
  const auto matcher = compile_matcher_or_report(*catalog, options.vendors);
  if (!matcher) return k_exit_error;
  PrinterOptions printer;
  printer.format = options.format == Format::json ? OutputFormat::json : OutputFormat::text;
  printer.selection = options.matches_only ? LineSelection::matches_only : LineSelection::all;
  const bool terminal = ::isatty(STDOUT_FILENO) != 0;
  printer.safety = terminal ? TextSafety::visible : TextSafety::raw;
  printer.color = stdout_color(global);

  OutputBuffer out(STDOUT_FILENO);
  // Writes what is pending; a failed write is recorded for main to report.
  const auto finish = [&out](int status) {
    out.flush();
    if (out.state() != OutputState::open) {
      note_stdout_error(out.state() == OutputState::closed ? EPIPE : out.error());
    }
    return status;
  };
  stop_on_signals();
  const std::vector<std::string> inputs =
      select_inputs(input_paths(options.files),
                    options.text ? BinaryFiles::text : BinaryFiles::skip)
          .readable;
  const std::size_t threads = thread_count(options.threads);

  // Regular files only: a pipe's lines must leave as they arrive, not a part at a time.
  const bool all_files = std::all_of(inputs.begin(), inputs.end(), [](const std::string& path) {
    struct stat info {};
    return path != "-" && ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
  });
  if (threads > 1 && all_files && !terminal) {
    int status = k_exit_ok;
    parallel_scan(*matcher, plan_parts(inputs, k_scan_part_bytes), printer, out, threads,
                  [&status](const Diagnostic& error) {
                    print_error(error);
                    status = k_exit_error;
                  });
    return status_after_stop(finish(status));
  }
  LinePrinter sink(printer, out);
  Scanner scanner(*matcher, sink);
  int status = k_exit_ok;
  for (const auto& path : inputs) {
    auto source = FileSource::open(path);
    if (!source.ok()) {
      out.flush();
      print_error(source.error());
      status = k_exit_error;
      continue;
    }
    if (auto scanned = scanner.scan(*source); !scanned.ok()) {
      out.flush();
      print_error(scanned.error());
      status = k_exit_error;
    }
    if (out.state() != OutputState::open || stop_requested() != 0) break;
  }
  return status_after_stop(finish(status));
}

}  // namespace errscope::cli
