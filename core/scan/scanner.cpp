#include "scan/scanner.hpp"

#include <cstdint>
#include <cstring>

#include "simd/newlines.hpp"
#include "util/utf8.hpp"

namespace errscope {

namespace {

// Lines up to this long with invalid UTF-8 are matched as a copy (longer ones as they are, so a
// huge line is never held twice).
constexpr std::size_t k_max_copied_line = std::size_t{1} << 20;
constexpr char k_substitute = '\x1A';

// `view`, a view into `copy`, as the same bytes of `original`.
std::string_view view_in(std::string_view view, std::string_view copy,
                         std::string_view original) noexcept {
  if (view.data() < copy.data() || view.data() > copy.data() + copy.size()) return view;
  return original.substr(static_cast<std::size_t>(view.data() - copy.data()), view.size());
}

// Where the line holding offset `hit` starts (not before `from`).
std::size_t line_start_of(std::string_view text, std::size_t from, std::size_t hit) noexcept {
  const void* newline = hit > from ? ::memrchr(text.data() + from, '\n', hit - from) : nullptr;
  return newline == nullptr
             ? from
             : static_cast<std::size_t>(static_cast<const char*>(newline) - text.data()) + 1;
}

// The end of the part of `text` from `from` that one candidate search takes: whole lines, about
// k_part_size bytes (the caches keep that much between the search and the matching), or the
// line that holds byte from + k_part_size.
std::size_t part_end(std::string_view text, std::size_t from) noexcept {
  constexpr std::size_t k_part_size = 64 * 1024;
  if (text.size() - from <= k_part_size) return text.size();
  const void* newline =
      ::memchr(text.data() + from + k_part_size, '\n', text.size() - from - k_part_size);
  return newline == nullptr
             ? text.size()
             : static_cast<std::size_t>(static_cast<const char*>(newline) - text.data()) + 1;
}

}  // namespace

Scanner::Scanner(const Matcher& matcher, ScanSink& sink) : m_matcher(matcher), m_sink(sink) {
  m_matches.reserve(64);
}

Status Scanner::scan(FileSource& source, std::size_t first_line) {
  m_sink.begin_input(InputInfo{source.name(), source.modified_time()});
  m_next_line = first_line;
  LineReader reader(source, m_read_buffer, [this]() { m_sink.before_wait(); });
  while (!m_sink.stopped()) {
    auto block = reader.next_block();
    if (!block.ok()) {
      m_sink.end_block();
      return std::move(block).error();
    }
    if (!block->has_value()) break;
    scan_block(source.name(), **block);
    m_sink.end_block();
  }
  return ok_status();
}

std::size_t Scanner::scan_text(std::string_view name, std::string_view text,
                               std::size_t first_line) {
  m_sink.begin_input(InputInfo{name, std::nullopt});
  m_next_line = first_line;
  if (!text.empty()) scan_block(name, LineBlock{text});
  m_sink.end_block();
  return m_next_line - first_line;
}

bool Scanner::find_codes(const LineView& line, std::span<const Candidate> candidates) {
  m_matches.clear();
  std::string_view text = line.text;
  const bool copied = text.size() <= k_max_copied_line && !valid_utf8(text);
  if (copied) {
    copy_replacing_invalid_utf8(line.text, k_substitute, m_valid_copy);
    text = m_valid_copy;
  }
  if (candidates.empty()) {
    m_matcher.find(text, m_matches);
  } else {
    m_matcher.find(text, candidates, m_matches);
  }
  if (copied) {
    for (Match& match : m_matches) {
      match.code = view_in(match.code, text, line.text);
      match.param = view_in(match.param, text, line.text);
      match.sub_code = view_in(match.sub_code, text, line.text);
    }
  }
  return !m_matches.empty();
}

void Scanner::pass_line(std::string_view file, std::string_view text, std::size_t line_at,
                        const LineView& line) {
  if (line_at > m_plain_at) {
    m_sink.on_plain(text.substr(m_plain_at, line_at - m_plain_at), m_plain_line,
                    line.number - m_plain_line);
  }
  m_sink.on_line(file, line, m_matches);
  m_plain_at = line_at + line.text.size() + line.ending.size();
  m_plain_line = line.number + 1;
}

void Scanner::pass_plain(std::string_view text, std::size_t end, std::size_t end_line) {
  if (end > m_plain_at) {
    m_sink.on_plain(text.substr(m_plain_at, end - m_plain_at), m_plain_line,
                    end_line - m_plain_line);
  }
  m_plain_at = end;
  m_plain_line = end_line;
  m_next_line = end_line;
}

void Scanner::scan_block(std::string_view file, const LineBlock& block) {
  const std::string_view text = block.text;
  m_plain_at = 0;
  m_plain_line = m_next_line;
  if (m_matcher.matches_every_line()) {
    // No anchors to search for: every line goes to the matcher.
    std::size_t number = m_next_line;
    std::size_t at = 0;
    while (at < text.size()) {
      LineView line = split_first_line(text.substr(at));
      line.number = number++;
      const std::size_t line_at = at;
      at += line.text.size() + line.ending.size();
      if (find_codes(line, {})) pass_line(file, text, line_at, line);
    }
    pass_plain(text, at, number);
    return;
  }
  if (text.size() > UINT32_MAX) {
    scan_block_line_by_line(file, text);
    return;
  }
  // One pass over a part of the block finds its candidates, and counts its lines: the runs of
  // plain lines between candidates are never searched for newlines again. The candidate lines
  // are then matched while the part is still in the cache.
  std::size_t first_line = m_next_line;
  for (std::size_t part = 0; part < text.size();) {
    const std::size_t end = part_end(text, part);
    const std::string_view piece = text.substr(part, end - part);
    m_candidates.clear();
    const std::size_t newlines = m_matcher.find_candidates(piece, m_candidates);
    for (std::size_t next = 0; next < m_candidates.size();) {
      if (m_sink.stopped()) {
        m_next_line = m_plain_line;
        return;
      }
      const Candidate& first = m_candidates[next];
      std::size_t last = next + 1;
      while (last < m_candidates.size() && m_candidates[last].line == first.line) ++last;
      const std::size_t line_at = part + first.line_start;
      LineView line = split_first_line(text.substr(line_at));
      line.number = first_line + first.line;
      if (find_codes(line, std::span<const Candidate>(m_candidates).subspan(next, last - next))) {
        pass_line(file, text, line_at, line);
      }
      next = last;
    }
    first_line += newlines + (piece.back() == '\n' ? 0 : 1);
    part = end;
  }
  if (m_sink.stopped()) {
    m_next_line = m_plain_line;
    return;
  }
  pass_plain(text, text.size(), first_line);
}

void Scanner::scan_block_line_by_line(std::string_view file, std::string_view text) {
  std::size_t at = 0;  // start of the first line not yet looked at
  std::size_t number = m_next_line;
  while (at < text.size() && !m_sink.stopped()) {
    const std::size_t hit = m_matcher.next_candidate(text, at);
    const std::size_t end =
        hit == std::string_view::npos ? text.size() : line_start_of(text, at, hit);
    const std::string_view plain = text.substr(at, end - at);
    number += plain.empty() ? 0 : count_newlines(plain) + (plain.back() == '\n' ? 0 : 1);
    at = end;
    if (hit == std::string_view::npos) break;
    LineView line = split_first_line(text.substr(at));
    line.number = number++;
    const std::size_t line_at = at;
    at += line.text.size() + line.ending.size();
    if (find_codes(line, {})) pass_line(file, text, line_at, line);
  }
  if (m_sink.stopped()) {
    m_next_line = m_plain_line;
    return;
  }
  pass_plain(text, at, number);
}

}  // namespace errscope
