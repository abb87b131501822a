#include "version.hpp"

#include "loader/pattern_loader.hpp"
#include "util/count_text.hpp"

namespace errscope::cli {

std::string version_text() {
  std::string text = std::string("errscope ") + ERRSCOPE_VERSION +
                     "\nrevision: " + build_revision() + "\nbuilt-in catalogs:\n";
  CatalogOptions options;
  options.builtins = Builtins::include;
  std::vector<Diagnostic> warnings;
  const auto catalog = build_catalog(options, warnings);
  if (!catalog.ok()) return text + "  (they do not load: " + catalog.error().reason + ")\n";
  for (const VendorSpec& vendor : catalog.value().vendors()) {
    text += "  " + vendor.id + std::string(vendor.id.size() < 10 ? 10 - vendor.id.size() : 1, ' ') +
            format_count(vendor.codes.size()) + " codes  " + vendor.name + '\n';
  }
  return text;
}

}  // namespace errscope::cli
