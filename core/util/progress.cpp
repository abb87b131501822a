#include "util/progress.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "util/utf8.hpp"

namespace errscope {

namespace {

std::atomic<ReadProgress*> g_read_progress{nullptr};

constexpr std::string_view k_prefix = "errscope: ";
constexpr std::string_view k_ellipsis = "\xE2\x80\xA6";  // …

// `text` without whole UTF-8 characters at its start until it takes at most `width` columns.
std::string_view keep_end(std::string_view text, std::size_t width) {
  while (!text.empty() && display_width(text) > width) {
    const std::size_t length = valid_utf8_sequence_length(text);
    text.remove_prefix(length == 0 ? 1 : length);
  }
  return text;
}

}  // namespace

void ReadProgress::set_current(std::string_view name) {
  const std::lock_guard lock(m_mutex);
  m_current.assign(name.begin(), name.end());
}

std::string ReadProgress::current() const {
  const std::lock_guard lock(m_mutex);
  return m_current;
}

void count_reads_in(ReadProgress* progress) noexcept {
  g_read_progress.store(progress, std::memory_order_release);
}

ReadProgress* read_progress() noexcept {
  return g_read_progress.load(std::memory_order_acquire);
}

std::string format_bytes(std::uint64_t bytes) {
  char text[32];
  if (bytes < 1024) {
    std::snprintf(text, sizeof text, "%llu B", static_cast<unsigned long long>(bytes));
    return text;
  }
  static constexpr const char* k_units[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  double value = static_cast<double>(bytes) / 1024;
  std::size_t unit = 0;
  // Rounded as printed, so that 1023.96 KiB shows as 1.0 MiB, not 1024 KiB.
  while (unit + 1 < std::size(k_units) && std::round(value) >= 1024) {
    value /= 1024;
    ++unit;
  }
  if (std::round(value * 10) < 1000) {
    std::snprintf(text, sizeof text, "%.1f %s", value, k_units[unit]);
  } else {
    std::snprintf(text, sizeof text, "%.0f %s", value, k_units[unit]);
  }
  return text;
}

std::optional<double> progress_rate(std::uint64_t read, double elapsed_seconds) noexcept {
  if (read == 0 || !(elapsed_seconds > 0)) return std::nullopt;
  return static_cast<double>(read) / elapsed_seconds;
}

std::optional<double> progress_eta(std::uint64_t read, std::optional<std::uint64_t> total,
                                   std::optional<double> rate) noexcept {
  if (!total) return std::nullopt;
  if (read >= *total) return 0.0;
  if (!rate || !(*rate > 0)) return std::nullopt;
  return static_cast<double>(*total - read) / *rate;
}

std::string format_eta(double seconds) {
  const auto whole = static_cast<std::uint64_t>(std::ceil(std::max(seconds, 0.0)));
  char text[32];
  if (whole < 60) {
    std::snprintf(text, sizeof text, "%llus", static_cast<unsigned long long>(whole));
  } else if (whole < 3600) {
    std::snprintf(text, sizeof text, "%llum%02llus", static_cast<unsigned long long>(whole / 60),
                  static_cast<unsigned long long>(whole % 60));
  } else {
    std::snprintf(text, sizeof text, "%lluh%02llum", static_cast<unsigned long long>(whole / 3600),
                  static_cast<unsigned long long>(whole / 60 % 60));
  }
  return text;
}

std::string format_progress_line(const ProgressSnapshot& snapshot, std::size_t width) {
  std::string figures(k_prefix);
  figures += format_bytes(snapshot.read);
  if (snapshot.total) {
    figures += " of ";
    figures += format_bytes(*snapshot.total);
    // A file that grew while read is not past 100%.
    const std::uint64_t percent =
        *snapshot.total == 0
            ? 100
            : std::min<std::uint64_t>(
                  100, static_cast<std::uint64_t>(static_cast<double>(snapshot.read) * 100 /
                                                  *snapshot.total));
    figures += " (";
    figures += std::to_string(percent);
    figures += "%)";
  }
  const auto rate = progress_rate(snapshot.read, snapshot.elapsed_seconds);
  if (rate) {
    figures += ' ';
    figures += format_bytes(static_cast<std::uint64_t>(*rate));
    figures += "/s";
  }
  if (const auto eta = progress_eta(snapshot.read, snapshot.total, rate); eta && *eta > 0) {
    figures += " ETA ";
    figures += format_eta(*eta);
  }
  std::string name;
  append_visible(name, snapshot.current);
  if (figures.size() >= width) {  // the figures are ASCII: a byte is a column
    figures.resize(width);
    return figures;
  }
  if (name.empty()) return figures;
  const std::size_t room = width - figures.size() - 1;  // after the space
  const std::size_t name_width = display_width(name);
  constexpr std::size_t k_ellipsis_width = 1;
  if (name_width > room && room <= k_ellipsis_width) return figures;
  figures += ' ';
  if (name_width <= room) {
    figures += name;
  } else {
    figures += k_ellipsis;
    figures += keep_end(name, room - k_ellipsis_width);
  }
  return figures;
}

}  // namespace errscope
