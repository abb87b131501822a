#include "patterns_command.hpp"

#include "loader/pattern_loader.hpp"
#include "render/patterns_render.hpp"

namespace errscope::cli {

CLI::App* setup_patterns(CLI::App& app, PatternsOptions& options) {
  CLI::App* command = app.add_subcommand("patterns", "List, show and check vendor pattern files");
  command->require_subcommand(1);
  command->fallthrough();

  CLI::App* list = command->add_subcommand(
      "list", "The vendors loaded, their code counts and where each came from");
  add_format_option(*list, options.format);
  list->fallthrough();
  list->callback([&options]() { options.action = PatternsAction::list; });

  CLI::App* show = command->add_subcommand("show", "One vendor's regexes and whole code table");
  show->add_option("ID", options.vendor, "The vendor id (see `errscope patterns list`)")
      ->required();
  add_format_option(*show, options.format);
  show->fallthrough();
  show->callback([&options]() { options.action = PatternsAction::show; });

  CLI::App* check =
      command->add_subcommand("check", "Validate a pattern file: JSON, fields, regexes, samples");
  check->add_option("FILE", options.file, "The pattern file to check")->required();
  add_format_option(*check, options.format);
  check->fallthrough();
  check->callback([&options]() { options.action = PatternsAction::check; });
  return command;
}

namespace {

int run_check(const PatternsOptions& options) {
  std::vector<Diagnostic> warnings;
  auto vendors = load_pattern_path(options.file, SampleCheck::run, warnings);
  CheckReport report;
  report.file = options.file;
  report.warnings = warnings;
  if (vendors.ok() && !vendors->empty()) report.vendor = &vendors->front();
  if (!vendors.ok()) report.error = &vendors.error();
  for (const auto& warning : warnings) print_warning(warning);
  if (!vendors.ok()) print_error(vendors.error());
  if (options.format == Format::json) {
    write_stdout(render_check_json(report));
  } else if (vendors.ok()) {
    for (const auto& vendor : *vendors) {
      report.vendor = &vendor;
      report.file = vendor.origin;
      write_stdout(render_check_text(report));
    }
  }
  return vendors.ok() ? k_exit_ok : k_exit_error;
}

}  // namespace

int run_patterns(const GlobalOptions& global, const PatternsOptions& options) {
  if (options.action == PatternsAction::check) return run_check(options);
  const auto catalog = load_catalog_or_report(global);
  if (!catalog) return k_exit_error;
  if (options.action == PatternsAction::list) {
    write_stdout(options.format == Format::json
                     ? render_vendor_list_json(*catalog)
                     : render_vendor_list_text(*catalog, stdout_color(global), global.config_file));
    return k_exit_ok;
  }
  const VendorSpec* vendor = catalog->find_vendor(options.vendor);
  if (vendor == nullptr) {
    vendors_exist_or_report(*catalog, {options.vendor}, "patterns show");
    return k_exit_error;
  }
  write_stdout(options.format == Format::json ? render_vendor_json(*vendor)
                                              : render_vendor_text(*vendor, stdout_color(global)));
  return k_exit_ok;
}

}  // namespace errscope::cli
