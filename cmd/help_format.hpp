#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <string>

namespace errscope::cli {

/// What the top-level help adds after the commands: examples and exit statuses.
struct HelpEpilogue {
  std::string examples;       ///< one `command  what it does` per line
  std::string exit_statuses;  ///< a paragraph
};

/// Help as errscope shows it, for every command: a usage line with the whole command path
/// (`errscope report [OPTIONS] [FILE...]`), the description, the arguments, the command's options
/// and then the global ones, value names without validator notes, wrapped to `width` columns.
/// The top level shows the default command's arguments and options, the commands and `epilogue`.
class HelpFormatter : public CLI::Formatter {
 public:
  HelpFormatter(std::size_t width, std::string default_command, HelpEpilogue epilogue);

  std::string make_help(const CLI::App* app, std::string name,
                        CLI::AppFormatMode mode) const override;

 private:
  std::size_t m_width;
  std::string m_default_command;
  HelpEpilogue m_epilogue;
};

/// A command's whole name from the top-level app down: `errscope patterns list`.
std::string command_path(const CLI::App& app);

/// The width help is laid out for: the terminal's (or COLUMNS) up to 100, 80 in a pipe.
std::size_t help_width();

}  // namespace errscope::cli
