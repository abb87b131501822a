#pragma once
// Shared by the fuzz targets: the built-in catalog and matchers, an oracle check that aborts with
// a message (libFuzzer then saves the input), JSON validity, and the guards for known bugs.

#include <simdjson.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "loader/pattern_loader.hpp"
#include "matcher/matcher.hpp"
#include "render/report_csv.hpp"
#include "render/report_html.hpp"
#include "render/report_json.hpp"
#include "render/report_markdown.hpp"
#include "render/report_text.hpp"
#include "report/report.hpp"
#include "report/report_json.hpp"
#include "report/timeline.hpp"

namespace errscope::fuzz {

/// Aborts with `what` when an oracle does not hold: libFuzzer reports the abort and saves the input.
[[noreturn]] inline void fail(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "fuzz oracle failed: %s\n", what);
  if (!detail.empty()) {
    const std::size_t shown = detail.size() < 2000 ? detail.size() : 2000;
    std::fprintf(stderr, "  detail: %.*s\n", static_cast<int>(shown), detail.data());
  }
  std::abort();
}

inline void check(bool holds, const char* what, std::string_view detail = {}) {
  if (!holds) fail(what, detail);
}

/// The built-in catalog, loaded once; aborts when it does not load (a broken build).
inline const Catalog& builtin_catalog() {
  static const Catalog catalog = [] {
    std::vector<Diagnostic> warnings;
    auto loaded = build_catalog(CatalogOptions{}, warnings);
    if (!loaded.ok()) fail("the built-in catalog does not load", loaded.error().reason);
    return std::move(loaded).value();
  }();
  return catalog;
}

/// An empty catalog (no vendor): what `--no-builtin` without `--patterns` scans with.
inline const Catalog& empty_catalog() {
  static const Catalog catalog;
  return catalog;
}

inline Matcher compile_or_fail(const Catalog& catalog, const std::vector<std::string>& ids = {}) {
  auto built = Matcher::compile(catalog, ids);
  if (!built.ok()) fail("a matcher does not compile", built.error().reason);
  return std::move(built).value();
}

/// Whether `json` is one well-formed JSON document (simdjson's DOM parser validates it all).
inline bool valid_json(simdjson::dom::parser& parser, std::string_view json) {
  simdjson::padded_string padded(json);
  simdjson::dom::element root;
  return parser.parse(padded).get(root) == simdjson::SUCCESS;
}

/// Renders `report` in every format (JSON, text plain and coloured, Markdown, both CSV shapes,
/// HTML); checks the JSON parses and returns it.
inline std::string render_all(const Report& report, const ReportExtras& extras,
                              simdjson::dom::parser& parser) {
  std::string json = render_report_json(report, extras);
  check(valid_json(parser, json), "the report JSON does not parse", json);
  (void)render_report_text(report, extras, TextLayout{});
  (void)render_report_text(report, extras, TextLayout{200, ColorMode::color});
  (void)render_report_markdown(report, extras);
  (void)render_report_csv(report, extras, CsvShape::codes);
  (void)render_report_csv(report, extras, CsvShape::timeline);
  (void)render_report_html(report, extras);
  return json;
}

/// An anonymous in-memory file holding `bytes`, with a path that opens it (for the APIs that take
/// paths: FileSource::open, plan_parts). Closed by the destructor.
class MemoryFile {
 public:
  explicit MemoryFile(std::string_view bytes) {
    m_fd = ::memfd_create("errscope-fuzz", MFD_CLOEXEC);
    if (m_fd < 0) fail("memfd_create failed");
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t wrote = ::write(m_fd, bytes.data() + done, bytes.size() - done);
      if (wrote <= 0) fail("writing the memfd failed");
      done += static_cast<std::size_t>(wrote);
    }
    m_path = "/proc/self/fd/" + std::to_string(m_fd);
  }
  ~MemoryFile() { ::close(m_fd); }
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;
  const std::string& path() const noexcept { return m_path; }

 private:
  int m_fd = -1;
  std::string m_path;
};

}  // namespace errscope::fuzz
