#include "explain_command.hpp"

#include "explain/explain.hpp"
#include "render/explain_render.hpp"

namespace errscope::cli {

CLI::App* setup_explain(CLI::App& app, ExplainOptions& options) {
  CLI::App* command =
      app.add_subcommand("explain", "Show what codes mean, for every vendor whose table has them");
  command
      ->add_option("CODE", options.codes,
                   "Codes as logged: BackMsg_17, BackMsg_17[ringing], 40014, -1, 105107")
      ->required();
  add_vendor_option(*command, options.vendors, "Only these vendors (comma-separated ids)");
  add_format_option(*command, options.format);
  command->fallthrough();
  return command;
}

namespace {

// Why `code` has no explanation: in no table at all, or not in those of --vendor (naming the
// vendors whose tables have it).
std::string not_found_text(const Catalog& catalog, const std::string& code,
                           const std::vector<std::string>& vendors) {
  if (vendors.empty()) return "no vendor's table has this code (see `errscope patterns list`)";
  std::string asked;
  for (const std::string& id : vendors) asked += (asked.empty() ? "" : ", ") + id;
  std::string text = "not in the table of --vendor " + asked;
  std::string others;
  for (const auto& hit : explain_code(catalog, code, {}).hits)
    others += (others.empty() ? "" : ", ") + hit.vendor->id;
  return text +
         (others.empty() ? "; no vendor's table has it" : "; the table of " + others + " has it");
}

}  // namespace

int run_explain(const GlobalOptions& global, const ExplainOptions& options) {
  const auto catalog = prepare_catalog(global, options.vendors);
  if (!catalog) return k_exit_error;
  std::vector<ExplainResult> results;
  results.reserve(options.codes.size());
  int status = k_exit_ok;
  for (const auto& code : options.codes) {
    results.push_back(explain_code(*catalog, code, options.vendors));
    if (results.back().hits.empty()) {
      report_message(code + ": " + not_found_text(*catalog, code, options.vendors));
      status = k_exit_alert;
    }
  }
  const std::string out = options.format == Format::json
                              ? render_explain_json(results)
                              : render_explain_text(results, stdout_color(global));
  write_stdout(out);
  return status;
}

}  // namespace errscope::cli
