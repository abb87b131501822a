#include "report/report.hpp"

#include <algorithm>
#include <limits>

#include "time/civil.hpp"

namespace errscope {

TimeRange sane_time_range(WallMillis now) noexcept {
  return TimeRange{k_earliest_sane_time,
                   now > std::numeric_limits<WallMillis>::max() - k_day_millis
                       ? std::numeric_limits<WallMillis>::max()
                       : now + k_day_millis};
}

Report::Report(BucketMode mode, std::int64_t bucket_ms) : m_mode(mode), m_bucket_ms(bucket_ms) {}

const std::string& Report::key_of(std::string_view vendor, std::string_view code) const {
  m_key.assign(vendor);
  m_key += '\0';
  m_key += code;
  return m_key;
}

void Report::note_time(WallMillis time) noexcept {
  if (!m_first || time < *m_first) m_first = time;
  if (!m_last || time > *m_last) m_last = time;
}

Report::VendorShortcut& Report::shortcut_of(const VendorSpec& spec) {
  for (auto& shortcut : m_shortcuts.value) {
    if (shortcut.spec == &spec) return shortcut;
  }
  return m_shortcuts.value.emplace_back(VendorShortcut{
      &spec, &m_vendors[spec.id], std::vector<CodeStats*>(spec.codes.size(), nullptr)});
}

CodeStats& Report::code_entry(const Match& match, VendorShortcut& shortcut) {
  // The entry's index in its vendor's table, when it is one of that table's entries.
  std::size_t index = shortcut.stats_of_entry.size();
  const auto& table = match.vendor->codes;
  const std::less<const CodeEntry*> before;
  if (match.entry != nullptr && !table.empty() && !before(match.entry, table.data()) &&
      before(match.entry, table.data() + table.size())) {
    index = static_cast<std::size_t>(match.entry - table.data());
    if (shortcut.stats_of_entry[index] != nullptr) return *shortcut.stats_of_entry[index];
  }
  CodeStats& stats = code_stats(match);
  if (index < shortcut.stats_of_entry.size()) shortcut.stats_of_entry[index] = &stats;
  return stats;
}

CodeStats& Report::code_stats(const Match& match) {
  const std::string& vendor = match.vendor->id;
  auto it = m_codes.find(key_of(vendor, match.code));
  if (it != m_codes.end()) return it->second;
  std::string code(match.code);
  if (match.entry == nullptr) {
    std::size_t& distinct = m_unknown_codes[vendor];
    if (distinct >= k_unknown_code_cap) {
      code = std::string(k_other_code);
      it = m_codes.find(key_of(vendor, code));
      if (it != m_codes.end()) return it->second;
    } else {
      ++distinct;
    }
  }
  CodeStats stats;
  stats.vendor = vendor;
  stats.code = code;
  stats.known = match.entry != nullptr;
  stats.outcome = match.entry != nullptr ? match.entry->outcome : Outcome::error;
  if (match.entry != nullptr) {
    stats.message = match.entry->message;
    stats.hint = match.entry->hint;
  }
  stats.timeline = Timeline(m_bucket_ms);
  return m_codes.emplace(key_of(vendor, code), std::move(stats)).first->second;
}

void Report::add_line(std::span<const Match> matches, std::optional<WallMillis> time) {
  add_count(m_lines, 1);
  if (matches.empty()) return;
  add_count(m_matched_lines, 1);
  if (time && !m_time_range.contains(*time)) {
    time.reset();
    add_count(m_out_of_range, 1);
  }
  if (time) note_time(*time);
  // Read once: inside the loop g++ cannot always see that *time is set where it is read.
  const bool timed = time.has_value();
  const WallMillis when = time.value_or(0);
  for (std::size_t i = 0; i < matches.size(); ++i) {
    const Match& match = matches[i];
    const bool error = match.entry == nullptr || match.entry->outcome == Outcome::error;
    add_count(m_matches, 1);
    if (error) add_count(m_errors, 1);
    VendorShortcut& shortcut = shortcut_of(*match.vendor);
    VendorStats& vendor = *shortcut.stats;
    add_count(vendor.matches, 1);
    if (error) add_count(vendor.errors, 1);
    // A line counts once per vendor, at the vendor's first code in it.
    const auto earlier = matches.first(i);
    if (std::none_of(earlier.begin(), earlier.end(),
                     [&match](const Match& m) { return m.vendor == match.vendor; })) {
      add_count(vendor.matched_lines, 1);
    }
    CodeStats& stats = code_entry(match, shortcut);
    add_count(stats.count, 1);
    if (timed) {
      if (!stats.first_seen || when < *stats.first_seen) stats.first_seen = when;
      if (!stats.last_seen || when > *stats.last_seen) stats.last_seen = when;
      stats.timeline.add(when);
    }
  }
}

Report& Report::operator+=(const Report& other) {
  return *this += Report(other);
}

Report& Report::operator+=(Report&& other) {
  add_count(m_lines, other.m_lines);
  add_count(m_matched_lines, other.m_matched_lines);
  add_count(m_matches, other.m_matches);
  add_count(m_errors, other.m_errors);
  add_count(m_out_of_range, other.m_out_of_range);
  m_interrupted = m_interrupted || other.m_interrupted;
  m_skipped_binary.merge(other.m_skipped_binary);
  if (!m_time_range.bounded()) m_time_range = other.m_time_range;
  if (other.m_first) note_time(*other.m_first);
  if (other.m_last) note_time(*other.m_last);
  if (other.m_mode == BucketMode::fixed) m_mode = BucketMode::fixed;
  m_bucket_ms = std::max(m_bucket_ms, other.m_bucket_ms);
  for (const auto& [vendor, stats] : other.m_vendors) {
    VendorStats& mine = m_vendors[vendor];
    add_count(mine.matched_lines, stats.matched_lines);
    add_count(mine.matches, stats.matches);
    add_count(mine.errors, stats.errors);
  }
  for (auto& [key, stats] : other.m_codes) add_code(std::move(stats));
  return *this;
}

void Report::add_code(CodeStats stats) {
  auto it = m_codes.find(key_of(stats.vendor, stats.code));
  if (it == m_codes.end()) {
    if (!stats.known && stats.code != k_other_code &&
        m_unknown_codes[stats.vendor]++ >= k_unknown_code_cap) {
      stats.code = std::string(k_other_code);
      it = m_codes.find(key_of(stats.vendor, stats.code));
    }
    if (it == m_codes.end()) {
      m_codes.emplace(key_of(stats.vendor, stats.code), std::move(stats));
      return;
    }
  }
  CodeStats& mine = it->second;
  add_count(mine.count, stats.count);
  if (stats.first_seen && (!mine.first_seen || *stats.first_seen < *mine.first_seen))
    mine.first_seen = stats.first_seen;
  if (stats.last_seen && (!mine.last_seen || *stats.last_seen > *mine.last_seen))
    mine.last_seen = stats.last_seen;
  mine.timeline += stats.timeline;
}

BucketChoice Report::finalize() {
  BucketChoice choice;
  if (m_mode == BucketMode::automatic && m_first && m_last) {
    m_bucket_ms = std::max(m_bucket_ms, auto_bucket(*m_first, *m_last));
  }
  choice.requested_ms = m_bucket_ms;
  if (m_first && m_last) {
    choice.requested_buckets = bucket_count(*m_first, *m_last, m_bucket_ms);
    if (const auto fitting = fitting_bucket(*m_first, *m_last, m_bucket_ms)) {
      m_bucket_ms = *fitting;
    } else {
      m_bucket_ms = k_bucket_sizes[std::size(k_bucket_sizes) - 1];
      choice.fits = false;
    }
  }
  choice.used_ms = m_bucket_ms;
  for (auto& [key, stats] : m_codes) stats.timeline.rebucket(m_bucket_ms);
  return choice;
}

std::vector<const CodeStats*> Report::codes_by_count() const {
  std::vector<const CodeStats*> out;
  out.reserve(m_codes.size());
  for (const auto& [key, stats] : m_codes) out.push_back(&stats);
  std::stable_sort(out.begin(), out.end(), [](const CodeStats* a, const CodeStats* b) {
    if (a->count != b->count) return a->count > b->count;
    if (a->vendor != b->vendor) return a->vendor < b->vendor;
    return a->code < b->code;
  });
  return out;
}

const CodeStats* Report::find(std::string_view vendor, std::string_view code) const {
  const auto it = m_codes.find(key_of(vendor, code));
  return it == m_codes.end() ? nullptr : &it->second;
}

void Report::set_totals(std::uint64_t lines, std::uint64_t matched_lines, std::uint64_t matches,
                        std::uint64_t errors, std::optional<WallMillis> first,
                        std::optional<WallMillis> last) {
  m_lines = lines;
  m_matched_lines = matched_lines;
  m_matches = matches;
  m_errors = errors;
  m_first = first;
  m_last = last;
}

void Report::add_at(Report head, std::optional<WallMillis> time) {
  const TimeRange& range = m_time_range.bounded() ? m_time_range : head.m_time_range;
  if (time && !range.contains(*time)) {
    // The head's lines take a time outside the range: counted, off the timelines (as add_line).
    add_count(head.m_out_of_range, head.m_matched_lines - head.m_out_of_range);
    time.reset();
  }
  if (time) {
    bool untimed_matches = false;
    for (auto& [key, stats] : head.m_codes) {
      std::uint64_t timed = 0;
      for (const auto& [start, count] : stats.timeline.counts()) {
        timed = count > UINT64_MAX - timed ? UINT64_MAX : timed + count;
      }
      if (timed >= stats.count) continue;
      untimed_matches = true;
      if (!stats.first_seen || *time < *stats.first_seen) stats.first_seen = *time;
      if (!stats.last_seen || *time > *stats.last_seen) stats.last_seen = *time;
      stats.timeline.add(*time, stats.count - timed);
    }
    if (untimed_matches) head.note_time(*time);
  }
  *this += std::move(head);
}

}  // namespace errscope
