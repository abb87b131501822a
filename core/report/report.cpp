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

namespace {

// `text` cut to at most `limit` bytes, not inside a UTF-8 sequence.
std::string_view cut_at_character(std::string_view text, std::size_t limit) noexcept {
  if (text.size() <= limit) return text;
  std::size_t end = limit;
  // Back over at most three continuation bytes (10xxxxxx) to the start of their character.
  for (int i = 0; i < 3 && end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80; ++i)
    --end;
  return text.substr(0, end);
}

}  // namespace

bool earlier_example(const CodeExample& a, const CodeExample& b) noexcept {
  if (a.time.has_value() != b.time.has_value()) return a.time.has_value();
  if (a.time && *a.time != *b.time) return *a.time < *b.time;
  if (a.source != b.source) return a.source < b.source;
  if (a.file != b.file) return a.file < b.file;
  if (a.part != b.part) return a.part < b.part;
  if (a.line != b.line) return a.line < b.line;
  return a.text < b.text;
}

Report::Report(BucketMode mode, std::int64_t bucket_ms) : m_mode(mode), m_bucket_ms(bucket_ms) {}

std::size_t Report::source_index(std::string_view name) {
  for (std::size_t i = 0; i < m_sources.size(); ++i) {
    if (m_sources[i].name == name) return i;
  }
  m_sources.push_back(SourceStats{std::string(name), 0, 0, 0, 0});
  const std::size_t added = m_sources.size() - 1;
  if (m_sources.size() <= k_source_cap) return added;
  cap_sources();
  for (std::size_t i = 0; i < m_sources.size(); ++i) {
    if (m_sources[i].name == name) return i;
  }
  return source_index(k_other_source);
}

std::size_t Report::input_index(std::string_view source, std::string_view file) {
  for (std::size_t i = 0; i < m_inputs.size(); ++i) {
    if (m_inputs[i].file == file && m_inputs[i].source == source) return i;
  }
  m_inputs.push_back(InputStats{std::string(source), std::string(file), 0, 0});
  if (m_inputs.size() <= k_input_cap) return m_inputs.size() - 1;
  cap_inputs();
  for (std::size_t i = 0; i < m_inputs.size(); ++i) {
    if (m_inputs[i].file == file && m_inputs[i].source == source) return i;
  }
  return input_index(k_other_source, k_other_source);
}

void Report::cap_sources() {
  // Keeping the first names in byte order (not the first seen) makes the result the same
  // whatever order sources and reports are added in.
  const auto other_name = std::string(k_other_source);
  while (true) {
    std::size_t named = 0;
    std::size_t last = k_none;
    std::size_t other = k_none;
    for (std::size_t i = 0; i < m_sources.size(); ++i) {
      if (m_sources[i].name == other_name) {
        other = i;
        continue;
      }
      ++named;
      if (last == k_none || m_sources[i].name > m_sources[last].name) last = i;
    }
    if (named <= k_source_cap) return;
    if (other == k_none) {
      // The last name becomes "(other)" in place: its index, and the codes' counts, stay.
      m_sources[last].name = other_name;
      continue;
    }
    SourceStats& into = m_sources[other];
    const SourceStats& gone = m_sources[last];
    add_count(into.lines, gone.lines);
    add_count(into.matched_lines, gone.matched_lines);
    add_count(into.matches, gone.matches);
    add_count(into.errors, gone.errors);
    const std::size_t moved = m_sources.size() - 1;
    for (auto& [key, stats] : m_codes) {
      auto& counts = stats.by_source;
      if (last < counts.size()) {
        if (counts.size() <= other) counts.resize(other + 1, 0);
        add_count(counts[other], counts[last]);
        counts[last] = 0;
      }
      // The last source takes the removed one's place.
      if (moved != last && moved < counts.size()) {
        counts[last] = counts[moved];
        counts.pop_back();
      } else if (moved < counts.size()) {
        counts.pop_back();
      }
    }
    if (moved != last) m_sources[last] = std::move(m_sources[moved]);
    m_sources.pop_back();
    if (m_source == last) m_source = other == moved ? last : other;
    else if (m_source == moved) m_source = last;
  }
}

void Report::cap_inputs() {
  const auto other = std::string(k_other_source);
  while (true) {
    std::size_t named = 0;
    std::size_t last = k_none;
    std::size_t into = k_none;
    const auto before = [](const InputStats& a, const InputStats& b) {
      return a.source != b.source ? a.source < b.source : a.file < b.file;
    };
    for (std::size_t i = 0; i < m_inputs.size(); ++i) {
      if (m_inputs[i].source == other && m_inputs[i].file == other) {
        into = i;
        continue;
      }
      ++named;
      if (last == k_none || before(m_inputs[last], m_inputs[i])) last = i;
    }
    if (named <= k_input_cap) return;
    if (into == k_none) {
      m_inputs[last].source = other;
      m_inputs[last].file = other;
      continue;
    }
    add_count(m_inputs[into].bytes, m_inputs[last].bytes);
    add_count(m_inputs[into].lines, m_inputs[last].lines);
    const std::size_t moved = m_inputs.size() - 1;
    if (moved != last) m_inputs[last] = std::move(m_inputs[moved]);
    m_inputs.pop_back();
    if (m_input == last) m_input = into == moved ? last : into;
    else if (m_input == moved) m_input = last;
  }
}

void Report::split_counts() {
  if (m_split) return;
  m_split = true;
  if (m_sources.empty()) return;
  // Until now there was one source, and everything counted was its.
  m_sources[0].lines = m_lines;
  m_sources[0].matched_lines = m_matched_lines;
  m_sources[0].matches = m_matches;
  m_sources[0].errors = m_errors;
  for (auto& [key, stats] : m_codes) stats.by_source.assign(1, stats.count);
}

void Report::begin_input(std::string_view source, std::string_view file, std::uint32_t part) {
  if (source.empty()) source = file;
  if (!m_split && !m_sources.empty() && m_sources[0].name != source) split_counts();
  m_source = source_index(source);
  m_input = input_index(source, file);
  m_part = part;
  m_source_name.assign(source);
  m_file_name.assign(file);
}

void Report::add_read(std::uint64_t bytes, std::uint64_t lines) noexcept {
  if (m_input == k_none) return;
  add_count(m_inputs[m_input].bytes, bytes);
  add_count(m_inputs[m_input].lines, lines);
}

void Report::offer_example(CodeStats& stats, std::optional<WallMillis> time,
                           std::string_view text, std::uint64_t number) {
  if (stats.example) {
    // Most lines come after the example in time or in their file: decided without strings.
    const CodeExample& kept = *stats.example;
    if (kept.time.has_value() != time.has_value()) {
      if (kept.time) return;
    } else if (time && *time != *kept.time) {
      if (*time > *kept.time) return;
    } else {
      const std::string& source = m_source_name;
      const std::string& file = m_file_name;
      if (kept.source != source) {
        if (source > kept.source) return;
      } else if (kept.file != file) {
        if (file > kept.file) return;
      } else if (kept.part != m_part ? m_part > kept.part : number >= kept.line) {
        return;
      }
    }
  }
  CodeExample& example = stats.example ? *stats.example : stats.example.emplace();
  example.source = m_source_name;
  example.file = m_file_name;
  example.line = number;
  example.part = m_part;
  example.time = time;
  const std::string_view kept = cut_at_character(text, CodeExample::k_max_text_bytes);
  example.text.assign(kept);
  example.cut = kept.size() < text.size();
}

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

void Report::add_line(std::span<const Match> matches, std::optional<WallMillis> time,
                      std::string_view text, std::uint64_t number) {
  add_count(m_lines, 1);
  // The counts by source, when there is more than one (see split_counts).
  SourceStats* source = m_split && m_source != k_none ? &m_sources[m_source] : nullptr;
  if (source != nullptr) add_count(source->lines, 1);
  if (matches.empty()) return;
  add_count(m_matched_lines, 1);
  if (source != nullptr) add_count(source->matched_lines, 1);
  if (time && !m_time_range.contains(*time)) {
    time.reset();
    add_count(m_out_of_range, 1);
  }
  if (time) note_time(*time);
  // Read once: inside the loop g++ cannot always see that *time is set where it is read.
  const bool timed = time.has_value();
  const WallMillis when = time.value_or(0);
  std::uint64_t errors = 0;
  for (std::size_t i = 0; i < matches.size(); ++i) {
    const Match& match = matches[i];
    const bool error = match.entry == nullptr || match.entry->outcome == Outcome::error;
    errors += error ? 1 : 0;
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
    if (source != nullptr) {
      if (stats.by_source.size() <= m_source) stats.by_source.resize(m_source + 1, 0);
      add_count(stats.by_source[m_source], 1);
    }
    // Most lines come after the kept example in time: that is decided here, without a call.
    if (number != 0 && m_source != k_none &&
        !(stats.example && stats.example->time && timed && when > *stats.example->time)) {
      offer_example(stats, time, text, number);
    }
  }
  add_count(m_matches, matches.size());
  add_count(m_errors, errors);
  if (source != nullptr) {
    add_count(source->matches, matches.size());
    add_count(source->errors, errors);
  }
}

Report& Report::operator+=(const Report& other) {
  return *this += Report(other);
}

Report& Report::operator+=(Report&& other) {
  split_counts();
  other.split_counts();
  add_count(m_lines, other.m_lines);
  add_count(m_matched_lines, other.m_matched_lines);
  add_count(m_matches, other.m_matches);
  add_count(m_errors, other.m_errors);
  add_count(m_out_of_range, other.m_out_of_range);
  m_interrupted = m_interrupted || other.m_interrupted;
  m_cut = m_cut || other.m_cut;
  if (other.m_shards) {
    if (m_shards) {
      *m_shards += *other.m_shards;
    } else {
      m_shards = std::move(other.m_shards);
    }
  }
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
  // The other's sources by name, without the cap until its codes are in.
  std::vector<std::size_t> mine_of(other.m_sources.size());
  for (std::size_t i = 0; i < other.m_sources.size(); ++i) {
    const SourceStats& theirs = other.m_sources[i];
    std::size_t index = 0;
    while (index < m_sources.size() && m_sources[index].name != theirs.name) ++index;
    if (index == m_sources.size()) m_sources.push_back(SourceStats{theirs.name, 0, 0, 0, 0});
    SourceStats& mine = m_sources[index];
    add_count(mine.lines, theirs.lines);
    add_count(mine.matched_lines, theirs.matched_lines);
    add_count(mine.matches, theirs.matches);
    add_count(mine.errors, theirs.errors);
    mine_of[i] = index;
  }
  for (const InputStats& theirs : other.m_inputs) {
    std::size_t index = 0;
    while (index < m_inputs.size() &&
           (m_inputs[index].file != theirs.file || m_inputs[index].source != theirs.source)) {
      ++index;
    }
    if (index == m_inputs.size()) m_inputs.push_back(InputStats{theirs.source, theirs.file, 0, 0});
    add_count(m_inputs[index].bytes, theirs.bytes);
    add_count(m_inputs[index].lines, theirs.lines);
  }
  for (auto& [key, stats] : other.m_codes) {
    std::vector<std::uint64_t> counts;
    for (std::size_t i = 0; i < stats.by_source.size(); ++i) {
      if (stats.by_source[i] == 0) continue;
      if (counts.size() <= mine_of[i]) counts.resize(mine_of[i] + 1, 0);
      add_count(counts[mine_of[i]], stats.by_source[i]);
    }
    stats.by_source = std::move(counts);
    add_code(std::move(stats));
  }
  cap_sources();
  cap_inputs();
  return *this;
}

void Report::set_sources(std::vector<SourceStats> sources, std::vector<InputStats> inputs) {
  m_sources = std::move(sources);
  m_inputs = std::move(inputs);
  m_split = true;
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
  if (mine.by_source.size() < stats.by_source.size())
    mine.by_source.resize(stats.by_source.size(), 0);
  for (std::size_t i = 0; i < stats.by_source.size(); ++i)
    add_count(mine.by_source[i], stats.by_source[i]);
  if (stats.example && (!mine.example || earlier_example(*stats.example, *mine.example)))
    mine.example = std::move(stats.example);
}

void Report::cut_to(std::optional<WallMillis> since, std::optional<WallMillis> until) {
  m_cut = true;
  const auto inside = [&](WallMillis time) {
    return (!since || time >= *since) && (!until || time < *until);
  };
  std::map<std::string, VendorStats> vendors;
  for (const auto& [vendor, stats] : m_vendors) vendors[vendor] = VendorStats{};
  m_first.reset();
  m_last.reset();
  m_matches = 0;
  m_errors = 0;
  for (auto it = m_codes.begin(); it != m_codes.end();) {
    CodeStats& stats = it->second;
    Timeline kept(m_bucket_ms);
    std::uint64_t count = 0;
    std::optional<WallMillis> first_bucket, last_bucket;
    for (const auto& [start, n] : stats.timeline.counts()) {
      if (n == 0 || !inside(start)) continue;
      kept.add(start, n);
      add_count(count, n);
      if (!first_bucket) first_bucket = start;
      last_bucket = start;
    }
    if (count == 0) {
      it = m_codes.erase(it);
      continue;
    }
    // Within the window the exact first and last seen are known only when they fall in it.
    stats.first_seen = inside(*stats.first_seen) ? *stats.first_seen : *first_bucket;
    const WallMillis bucket_end = *last_bucket + m_bucket_ms - 1;
    stats.last_seen = inside(*stats.last_seen)
                          ? *stats.last_seen
                          : (until && *until - 1 < bucket_end ? *until - 1 : bucket_end);
    stats.count = count;
    stats.timeline = std::move(kept);
    stats.by_source.clear();
    if (stats.example && !(stats.example->time && inside(*stats.example->time)))
      stats.example.reset();
    note_time(*stats.first_seen);
    note_time(*stats.last_seen);
    VendorStats& vendor = vendors[stats.vendor];
    add_count(vendor.matches, count);
    add_count(m_matches, count);
    if (stats.outcome == Outcome::error || !stats.known) {
      add_count(vendor.errors, count);
      add_count(m_errors, count);
    }
    ++it;
  }
  for (auto& [name, stats] : vendors)
    stats.matched_lines = std::min(m_vendors[name].matched_lines, stats.matches);
  m_vendors = std::move(vendors);
  m_matched_lines = std::min(m_matched_lines, m_matches);
  m_out_of_range = 0;
  for (SourceStats& source : m_sources) source = SourceStats{source.name, 0, 0, 0, 0};
}

void Report::number_parts(std::span<const std::uint64_t> part_first_lines) {
  for (auto& [key, stats] : m_codes) {
    if (!stats.example || stats.example->part >= part_first_lines.size()) continue;
    CodeExample& example = *stats.example;
    example.line += part_first_lines[example.part] - 1;
    example.part = 0;
  }
}

BucketChoice Report::finalize() {
  split_counts();
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
  // Sources and inputs by name, so that every way of adding up parts lists them alike.
  std::vector<std::size_t> order(m_sources.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [this](std::size_t a, std::size_t b) { return m_sources[a].name < m_sources[b].name; });
  std::vector<SourceStats> sources;
  std::vector<std::size_t> new_index(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    new_index[order[i]] = i;
    sources.push_back(std::move(m_sources[order[i]]));
  }
  m_sources = std::move(sources);
  for (auto& [key, stats] : m_codes) {
    std::vector<std::uint64_t> counts(m_sources.size(), 0);
    for (std::size_t i = 0; i < stats.by_source.size() && i < new_index.size(); ++i)
      counts[new_index[i]] = stats.by_source[i];
    while (!counts.empty() && counts.back() == 0) counts.pop_back();
    stats.by_source = std::move(counts);
  }
  std::sort(m_inputs.begin(), m_inputs.end(), [](const InputStats& a, const InputStats& b) {
    return a.source != b.source ? a.source < b.source : a.file < b.file;
  });
  m_source = k_none;  // lines added after finalize count for no source until begin_input
  m_input = k_none;
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
      if (stats.example && !stats.example->time) stats.example->time = *time;
      if (!stats.first_seen || *time < *stats.first_seen) stats.first_seen = *time;
      if (!stats.last_seen || *time > *stats.last_seen) stats.last_seen = *time;
      stats.timeline.add(*time, stats.count - timed);
    }
    if (untimed_matches) head.note_time(*time);
  }
  *this += std::move(head);
}

namespace {

// FNV-1a, 64 bits: a stable id, not a defence against forgery.
class IdHash {
 public:
  void add(std::string_view text) noexcept {
    for (const char c : text) byte(static_cast<unsigned char>(c));
    byte(0xFF);  // ends the field: "ab","c" and "a","bc" differ
  }
  void add(std::uint64_t value) noexcept {
    for (int i = 0; i < 8; ++i) byte(static_cast<unsigned char>(value >> (8 * i)));
  }
  void add(const std::optional<WallMillis>& time) noexcept {
    add(std::uint64_t{time.has_value()});
    if (time) add(static_cast<std::uint64_t>(*time));
  }
  std::string hex() const {
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string out(16, '0');
    for (std::size_t i = 0; i < 16; ++i) out[15 - i] = k_digits[(m_hash >> (4 * i)) & 0xF];
    return out;
  }

 private:
  void byte(unsigned char b) noexcept { m_hash = (m_hash ^ b) * 0x100000001B3ULL; }
  std::uint64_t m_hash = 0xCBF29CE484222325ULL;
};

}  // namespace

std::string report_id(const Report& report) {
  IdHash hash;
  for (const InputStats& input : report.inputs()) {
    hash.add(input.source);
    hash.add(input.file);
    hash.add(input.bytes);
    hash.add(input.lines);
  }
  for (const SourceStats& source : report.sources()) hash.add(source.name);
  for (const std::uint64_t total :
       {report.lines(), report.matched_lines(), report.matches(), report.errors()}) {
    hash.add(total);
  }
  hash.add(report.first());
  hash.add(report.last());
  // Only for shards, so the ids of other reports stay as they were; two shards of like content
  // are still two reports.
  if (const auto& shards = report.shards()) {
    hash.add(shards->of());
    for (const auto& [first, last] : shards->ranges()) {
      hash.add(first);
      hash.add(last);
    }
  }
  for (const CodeStats* code : report.codes_by_count()) {
    hash.add(code->vendor);
    hash.add(code->code);
    hash.add(code->count);
    hash.add(code->first_seen);
    hash.add(code->last_seen);
    if (code->example) {
      hash.add(code->example->source);
      hash.add(code->example->file);
      hash.add(code->example->line);
    }
  }
  return hash.hex();
}

}  // namespace errscope
