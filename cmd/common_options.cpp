#include "common_options.hpp"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <thread>

#include "loader/pattern_loader.hpp"
#include "progress.hpp"
#include "render/diagnostic_render.hpp"
#include "source/content_kind.hpp"
#include "util/count_text.hpp"
#include "util/fd_io.hpp"
#include "util/interrupt.hpp"
#include "util/suggest.hpp"
#include "util/utf8.hpp"

namespace errscope::cli {

void setup_global_options(CLI::App& app, GlobalOptions& options) {
  app.add_option("--patterns", options.pattern_paths,
                 "Add a pattern file, or a folder of *.json pattern files (repeatable)")
      ->type_name("PATH")
      ->allow_extra_args(false);
  app.add_flag("--no-builtin", options.no_builtin, "Leave out the built-in vendors");
  app.add_option("--color", options.color,
                 "Colour: auto (on a terminal), always, never; NO_COLOR is respected")
      ->check(one_of({"auto", "always", "never"}))
      ->type_name("WHEN");
  app.add_flag("--no-config", options.no_config,
               "Ignore the config file and the user's and system's pattern folders");
}

void add_vendor_option(CLI::App& command, std::vector<std::string>& vendors,
                       const std::string& description) {
  command.add_option("--vendor", vendors, description)
      ->delimiter(',')
      ->allow_extra_args(false)
      ->type_name("ID[,ID...]");
}

void add_text_flag(CLI::App& command, bool& text) {
  command.add_flag("-a,--text", text,
                   "Read binary input (files, standard input) as text; by default it is skipped "
                   "with a warning");
}

SelectedInputs select_inputs(const std::vector<std::string>& inputs, BinaryFiles binary) {
  SelectedInputs selected;
  if (binary == BinaryFiles::text) {
    selected.readable = inputs;
    return selected;
  }
  selected.readable.reserve(inputs.size());
  for (const std::string& path : inputs) {
    if (sniff_file(path) == ContentKind::binary) {
      print_warning(Diagnostic{
          SourcePosition{path, 0, 0, ""},
          path == "-" ? "binary input skipped (its first bytes hold a binary signature or many "
                        "control bytes)"
                      : "binary file skipped (its first 64 KiB hold a binary signature or many "
                        "control bytes)",
          "-a/--text reads it as text"});
      selected.skipped.push_back(path);
      continue;
    }
    selected.readable.push_back(path);
  }
  return selected;
}

namespace {

extern "C" void on_stop_signal(int signal) {
  request_stop(signal);
}

}  // namespace

void stop_on_signals() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  // No SA_RESTART: a read waiting on a pipe returns at once. SA_RESETHAND: a second signal kills.
  action.sa_flags = SA_RESETHAND;
  for (const int signal : {SIGINT, SIGTERM}) {
    struct sigaction previous {};
    // A signal the parent set to be ignored (a background job of a script) stays ignored.
    if (::sigaction(signal, nullptr, &previous) == 0 && previous.sa_handler == SIG_IGN) continue;
    ::sigaction(signal, &action, nullptr);
  }
}

int status_after_stop(int status) {
  const int signal = stop_requested();
  return signal != 0 ? 128 + signal : status;
}

void add_format_option(CLI::App& command, Format& format) {
  add_choice_option(command, "--format", format, {{"text", Format::text}, {"json", Format::json}},
                    "Output format: text or json")
      ->type_name("FORMAT");
}

CLI::Validator one_of(std::vector<std::string> names) {
  return CLI::Validator(
      [names](std::string& value) -> std::string {
        if (std::find(names.begin(), names.end(), value) != names.end()) return {};
        std::string message = value + ": not one of ";
        for (std::size_t i = 0; i < names.size(); ++i) message += (i == 0 ? "" : ", ") + names[i];
        if (const auto near = closest_word(value, names))
          message += "; did you mean " + *near + "?";
        return message;
      },
      "");
}

CLI::Validator whole_number_in(std::uint64_t min, std::uint64_t max) {
  return CLI::Validator(
      [min, max](std::string& value) -> std::string {
        std::uint64_t number = 0;
        const char* end = value.data() + value.size();
        const auto [stop, error] = std::from_chars(value.data(), end, number);
        if (value.empty() || error != std::errc{} || stop != end || number < min || number > max) {
          if (max == std::numeric_limits<std::uint64_t>::max())
            return value + ": give a whole number, " + std::to_string(min) + " or more";
          return value + ": give a whole number from " + std::to_string(min) + " to " +
                 format_count(max);
        }
        return {};
      },
      "");
}

namespace {

// A number as people write it: 0.5, 1, not 1.000000.
std::string shortest(double value) {
  char text[32];
  const auto [end, error] = std::to_chars(text, text + sizeof text, value);
  return error == std::errc{} ? std::string(text, end) : std::to_string(value);
}

}  // namespace

CLI::Validator number_in(double min, double max) {
  return CLI::Validator(
      [min, max](std::string& value) -> std::string {
        double number = 0;
        const char* end = value.data() + value.size();
        const auto [stop, error] = std::from_chars(value.data(), end, number);
        if (value.empty() || error != std::errc{} || stop != end || !(number >= min) ||
            !(number <= max)) {
          return value + ": give a number from " + shortest(min) + " to " + shortest(max);
        }
        return {};
      },
      "");
}

std::optional<Catalog> load_catalog_or_report(const GlobalOptions& options) {
  CatalogOptions catalog_options;
  catalog_options.builtins = options.no_builtin ? Builtins::exclude : Builtins::include;
  catalog_options.default_folders = options.default_folders;
  catalog_options.paths = options.pattern_paths;
  std::vector<Diagnostic> warnings;
  auto catalog = build_catalog(catalog_options, warnings);
  for (const auto& warning : warnings) print_warning(warning);
  if (!catalog.ok()) {
    print_error(catalog.error());
    return std::nullopt;
  }
  return std::move(catalog).value();
}

bool vendors_exist_or_report(const Catalog& catalog, const std::vector<std::string>& ids,
                             std::string_view what) {
  for (const auto& id : ids) {
    if (catalog.find_vendor(id) == nullptr) {
      std::string known;
      std::vector<std::string> ids_loaded;
      for (const auto& vendor : catalog.vendors()) {
        known += (known.empty() ? "" : ", ") + vendor.id;
        ids_loaded.push_back(vendor.id);
      }
      const auto near = closest_word(id, ids_loaded);
      report_message(std::string(what) + " " + id + ": no such vendor" +
                     (near ? "; did you mean " + *near + "?" : "") + " (loaded vendors: " + known +
                     ")");
      return false;
    }
  }
  return true;
}

std::optional<Matcher> compile_matcher_or_report(const Catalog& catalog,
                                                 const std::vector<std::string>& vendor_ids) {
  auto matcher = Matcher::compile(catalog, vendor_ids);
  if (!matcher.ok()) {
    print_error(matcher.error());
    return std::nullopt;
  }
  return std::move(matcher).value();
}

std::optional<Catalog> prepare_catalog(const GlobalOptions& options,
                                       const std::vector<std::string>& vendors) {
  auto catalog = load_catalog_or_report(options);
  if (!catalog || !vendors_exist_or_report(*catalog, vendors, "--vendor")) return std::nullopt;
  return catalog;
}

void add_threads_option(CLI::App& command, std::size_t& threads, const std::string& description) {
  command.add_option("-j,--threads", threads, description)
      ->check(whole_number_in(1, 1024))
      ->type_name("N");
}

std::size_t thread_count(std::size_t asked) {
  return asked > 0 ? asked : std::max(1u, std::thread::hardware_concurrency());
}

void add_progress_flag(CLI::App& command, bool& no_progress) {
  command.add_flag("--no-progress", no_progress,
                   "Show no progress line on stderr (by default one shows there on a terminal "
                   "once reading takes over a second)");
}

std::vector<std::string> input_paths(const std::vector<std::string>& files) {
  if (!files.empty()) return files;
  // As cat-like tools would otherwise do, waiting in silence looks like a hang.
  if (::isatty(STDIN_FILENO) != 0) {
    report_message("reading standard input from the terminal: type or paste lines, end with "
                   "Ctrl-D (`errscope --help` shows how to give files)");
  }
  return {"-"};
}

ColorMode stdout_color(const GlobalOptions& options) {
  if (options.color == "always") return ColorMode::color;
  if (options.color == "never") return ColorMode::plain;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && *no_color != '\0') return ColorMode::plain;
  const char* term = std::getenv("TERM");
  if (term != nullptr && std::strcmp(term, "dumb") == 0) return ColorMode::plain;
  return ::isatty(STDOUT_FILENO) ? ColorMode::color : ColorMode::plain;
}

std::size_t stdout_columns() {
  if (const char* columns = std::getenv("COLUMNS"); columns != nullptr) {
    const std::string_view text(columns);
    std::size_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error == std::errc{} && end == text.data() + text.size() && value > 0) return value;
  }
  struct winsize size {};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;
}

namespace {

void write_stderr(std::string_view text) {
  write_stderr_above_progress(text);
}

}  // namespace

void print_error(const Diagnostic& diagnostic) {
  write_stderr("errscope: " + format_diagnostic(diagnostic, Severity::error));
}

void print_warning(const Diagnostic& diagnostic) {
  write_stderr("errscope: " + format_diagnostic(diagnostic, Severity::warning));
}

void report_message(std::string_view message) {
  std::string line = "errscope: ";
  append_visible(line, message);
  line += '\n';
  write_stderr(line);
}

void print_stderr_line(std::string_view line) {
  write_stderr(std::string(line) + '\n');
}

namespace {

// What became of stdout: still open, closed by its reader (EPIPE), or failed with this errno.
bool g_stdout_closed = false;
int g_stdout_error = 0;

}  // namespace

void note_stdout_error(int error) {
  if (g_stdout_closed || g_stdout_error != 0) return;  // the first one tells
  if (error == EPIPE) {
    g_stdout_closed = true;
  } else {
    g_stdout_error = error;
  }
}

bool write_stdout(std::string_view text) {
  if (g_stdout_closed || g_stdout_error != 0) return false;
  const WriteStatus status = write_all(STDOUT_FILENO, text);
  if (!status.ok()) note_stdout_error(status.error);
  return status.ok();
}

void hold_closed_std_descriptors() {
  for (const int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO}) {
    if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
    // open() takes the lowest free number: this one, as the ones below it are open by now.
    const int held = ::open("/dev/null", (fd == STDIN_FILENO ? O_WRONLY : O_RDONLY) | O_CLOEXEC);
    if (held >= 0 && held != fd) ::close(held);
  }
}

int finish_stdout(int status) {
  if (g_stdout_error == 0 && !g_stdout_closed && ::close(STDOUT_FILENO) != 0 && errno != EINTR) {
    note_stdout_error(errno);
  }
  if (g_stdout_error == 0) return status;
  report_message(std::string("error: writing standard output: ") + std::strerror(g_stdout_error));
  return k_exit_error;
}

}  // namespace errscope::cli
