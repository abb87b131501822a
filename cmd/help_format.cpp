#include "help_format.hpp"

#include <algorithm>
#include <vector>

#include "common_options.hpp"

namespace errscope::cli {

namespace {

constexpr std::size_t k_name_column = 2;
constexpr std::size_t k_text_column = 28;

// `text` broken at spaces into lines of at most `width` columns, every line after the first
// indented by `indent` spaces (the first starts where the caller's cursor is, at `start`).
std::string wrapped(const std::string& text, std::size_t start, std::size_t indent,
                    std::size_t width) {
  std::string out;
  std::size_t column = start;
  std::size_t position = 0;
  bool first_word = true;
  while (position < text.size()) {
    const std::size_t space = text.find(' ', position);
    const std::size_t end = space == std::string::npos ? text.size() : space;
    const std::string word = text.substr(position, end - position);
    position = end == text.size() ? end : end + 1;
    if (word.empty()) continue;
    if (!first_word && column + 1 + word.size() > width) {
      out += '\n' + std::string(indent, ' ');
      column = indent;
    } else if (!first_word) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    first_word = false;
  }
  return out;
}

// A paragraph of `text` (which may hold its own line breaks) wrapped to `width`.
std::string paragraph(const std::string& text, std::size_t width) {
  std::string out;
  std::size_t position = 0;
  while (position <= text.size()) {
    const std::size_t newline = std::min(text.find('\n', position), text.size());
    out += wrapped(text.substr(position, newline - position), 0, 0, width) + '\n';
    position = newline + 1;
  }
  return out;
}

// One row of a table: `name` at column 2, `text` at column 28 (on the next line when the name
// is too long), wrapped to `width`.
std::string row(const std::string& name, const std::string& text, std::size_t width) {
  std::string out(k_name_column, ' ');
  out += name;
  std::size_t column = k_name_column + name.size();
  if (text.empty()) return out + '\n';
  if (column + 2 > k_text_column) {
    out += '\n';
    column = 0;
  }
  out += std::string(k_text_column - column, ' ');
  out += wrapped(text, k_text_column, k_text_column, std::max(width, k_text_column + 20));
  return out + '\n';
}

// The value name of an option as help shows it (`FORMAT`), without CLI11's validator notes.
std::string value_name(const CLI::Option& option) {
  std::string name = option.get_type_name();
  return name.substr(0, name.find(':'));
}

std::string option_names(const CLI::Option& option) {
  std::string names;
  for (const std::string& name : option.get_snames()) names += (names.empty() ? "-" : ", -") + name;
  for (const std::string& name : option.get_lnames())
    names += (names.empty() ? "--" : ", --") + name;
  if (option.get_items_expected_min() > 0) names += ' ' + value_name(option);
  return names;
}

// `FILE...`, `[FILE...]`, `ID`: a positional argument as the usage line shows it.
std::string positional_usage(const CLI::Option& option) {
  std::string name = option.get_name(true);
  if (option.get_items_expected_max() > 1) name += "...";
  return option.get_required() ? name : '[' + name + ']';
}

std::vector<const CLI::Option*> positionals(const CLI::App& app) {
  return app.get_options([](const CLI::Option* option) { return !option->nonpositional(); });
}

// The options of `app` (with --help and --version, or without them when `Standard::left_out`).
enum class Standard { shown, left_out };
std::vector<const CLI::Option*> flags(const CLI::App& app, Standard standard) {
  const CLI::Option* help = app.get_help_ptr();
  const CLI::Option* version = app.get_version_ptr();
  return app.get_options([&](const CLI::Option* option) {
    return option->nonpositional() &&
           (standard == Standard::shown || (option != help && option != version));
  });
}

std::string option_rows(const std::vector<const CLI::Option*>& options, std::size_t width) {
  std::string out;
  for (const CLI::Option* option : options) {
    out += row(option->nonpositional() ? option_names(*option) : positional_usage(*option),
               option->get_description(), width);
  }
  return out;
}

std::string usage(const CLI::App& app, const std::string& path) {
  std::string line = "Usage: " + path;
  if (!app.get_subcommands({}).empty() && positionals(app).empty()) {
    line += " COMMAND";
    return line + " [OPTIONS]\n";
  }
  line += " [OPTIONS]";
  for (const CLI::Option* option : positionals(app)) line += ' ' + positional_usage(*option);
  return line + '\n';
}

std::string command_rows(const CLI::App& app, std::size_t width) {
  std::string out;
  for (const CLI::App* command : app.get_subcommands({}))
    out += row(command->get_name(), command->get_description(), width);
  return out;
}

}  // namespace

HelpFormatter::HelpFormatter(std::size_t width, std::string default_command, HelpEpilogue epilogue)
    : m_width(width),
      m_default_command(std::move(default_command)),
      m_epilogue(std::move(epilogue)) {}

std::string HelpFormatter::make_help(const CLI::App* app, std::string /*name*/,
                                     CLI::AppFormatMode /*mode*/) const {
  const CLI::App* root = app;
  while (root->get_parent() != nullptr) root = root->get_parent();
  const CLI::App* shown = app;  // whose arguments and options are listed first
  std::string out;
  if (app == root) {
    for (const CLI::App* command : root->get_subcommands({}))
      if (command->get_name() == m_default_command) shown = command;
    out += paragraph(root->get_description(), m_width) + '\n';
    out += "Usage: " + root->get_name() + " [" + m_default_command + "] [OPTIONS]";
    for (const CLI::Option* option : positionals(*shown)) out += ' ' + positional_usage(*option);
    out += "\n       " + root->get_name() + " COMMAND [OPTIONS] [ARGS...]\n";
  } else {
    out += usage(*app, command_path(*app)) + '\n';
    out += paragraph(app->get_description(), m_width);
  }
  if (const auto arguments = positionals(*shown); !arguments.empty())
    out += "\nArguments:\n" + option_rows(arguments, m_width);
  if (shown != root) {
    out += shown == app ? "\nOptions:\n"
                        : "\nOptions of " + m_default_command + ", the default command:\n";
    out += option_rows(flags(*shown, app == root ? Standard::left_out : Standard::shown), m_width);
  }
  out += app == root ? "\nOptions:\n" : "\nGlobal options (every command):\n";
  out += option_rows(flags(*root, app == root ? Standard::shown : Standard::left_out), m_width);
  if (!app->get_subcommands({}).empty()) out += "\nCommands:\n" + command_rows(*app, m_width);
  if (app == root) {
    out += "\nExamples:\n" + m_epilogue.examples;
    out += '\n' + paragraph(m_epilogue.exit_statuses, m_width);
    out += '\n' + paragraph("`" + root->get_name() +
                                " COMMAND --help` shows a command's options; `man errscope` the "
                                "whole manual.",
                            m_width);
  } else if (!app->get_subcommands({}).empty()) {
    out +=
        '\n' + paragraph("`" + command_path(*app) + " COMMAND --help` shows a command's options.",
                         m_width);
  }
  return out;
}

std::string command_path(const CLI::App& app) {
  std::string path = app.get_name();
  for (const CLI::App* parent = app.get_parent(); parent != nullptr; parent = parent->get_parent())
    path = parent->get_name() + ' ' + path;
  return path;
}

std::size_t help_width() {
  return std::min<std::size_t>(stdout_columns(), 100);
}

}  // namespace errscope::cli
