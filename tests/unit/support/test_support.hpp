#pragma once
// Shared by the unit tests: the built-in catalog, loaded once.

#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "loader/pattern_loader.hpp"
#include "matcher/matcher.hpp"
#include "time/civil.hpp"
#include "time/time_input.hpp"

namespace errscope::test {

/// The built-in catalog, loaded once per test binary; throws if it does not load.
inline const Catalog& builtin_catalog() {
  static const Catalog catalog = [] {
    std::vector<Diagnostic> warnings;
    auto loaded = build_catalog(CatalogOptions{}, warnings);
    if (!loaded.ok()) throw std::runtime_error(loaded.error().reason);
    return std::move(loaded).value();
  }();
  return catalog;
}

/// A matcher over every built-in vendor, compiled once per test binary.
inline const Matcher& builtin_matcher() {
  static const Matcher matcher = [] {
    auto built = Matcher::compile(builtin_catalog());
    if (!built.ok()) throw std::runtime_error(built.error().reason);
    return std::move(built).value();
  }();
  return matcher;
}

/// The wall time of an ISO-8601 text; throws on a text that is not one.
inline WallMillis at(std::string_view text) {
  const auto value = parse_iso_time(text);
  if (!value) throw std::runtime_error("bad time in test: " + std::string(text));
  return value->wall;
}

/// A time as failure messages show it, "none" for none.
inline std::string shown(const std::optional<WallMillis>& time) {
  return time ? format_wall_time(*time) : "none";
}

// The lines of `text`, without their newlines.
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    lines.push_back(text.substr(start, end - start));
    start = end == std::string::npos ? text.size() : end + 1;
  }
  return lines;
}

}  // namespace errscope::test

namespace errscope {

/// Lets Boost.Test print outcomes in failure messages.
inline std::ostream& operator<<(std::ostream& out, Outcome outcome) {
  return out << to_string(outcome);
}

}  // namespace errscope
