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

}  // namespace

Scanner::Scanner(const Matcher& matcher, ScanSink& sink)
    : m_matcher(matcher), m_sink(sink), m_marker(matcher) {
  m_matches.reserve(64);
}

Status Scanner::scan(FileSource& source, std::size_t first_line) {
  m_sink.begin_input(source.name());
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
  m_sink.begin_input(name);
  m_next_line = first_line;
  if (!text.empty()) scan_block(name, LineBlock{text});
  m_sink.end_block();
  return m_next_line - first_line;
}

void Scanner::match_line(std::string_view file, const LineView& line,
                         const std::span<const LiteralPrefilter::Occurrence>* occurrences) {
  m_matches.clear();
  std::string_view text = line.text;
  const bool copied = text.size() <= k_max_copied_line && !valid_utf8(text);
  if (copied) {
    copy_replacing_invalid_utf8(line.text, k_substitute, m_valid_copy);
    text = m_valid_copy;
  }
  if (occurrences != nullptr) {
    m_matcher.find(text, *occurrences, m_matches);
  } else {
    m_matcher.find(text, m_matches);
  }
  if (copied) {
    for (Match& match : m_matches) {
      match.code = view_in(match.code, text, line.text);
      match.param = view_in(match.param, text, line.text);
      match.sub_code = view_in(match.sub_code, text, line.text);
    }
  }
  m_sink.on_line(file, line, m_matches);
}

std::size_t Scanner::line_start_of(std::string_view text, std::size_t from,
                                   std::size_t hit) noexcept {
  const void* newline = hit > from ? ::memrchr(text.data() + from, '\n', hit - from) : nullptr;
  return newline == nullptr
             ? from
             : static_cast<std::size_t>(static_cast<const char*>(newline) - text.data()) + 1;
}

void Scanner::pass_plain(std::string_view text, std::size_t& at, std::size_t end,
                         std::size_t count) {
  if (end <= at) return;
  const std::string_view plain = text.substr(at, end - at);
  m_sink.on_plain(plain, m_next_line, count);
  m_next_line += count;
  at = end;
}

void Scanner::scan_block(std::string_view file, const LineBlock& block) {
  const std::string_view text = block.text;
  const LiteralPrefilter& prefilter = m_matcher.prefilter();
  if (prefilter.empty()) {
    // No anchors to search for: every line goes to the matcher.
    for (std::size_t at = 0; at < text.size();) {
      LineView line = split_first_line(text.substr(at));
      line.number = m_next_line++;
      at += line.text.size() + line.ending.size();
      match_line(file, line, nullptr);
    }
    return;
  }
  if (text.size() > UINT32_MAX) {
    scan_block_line_by_line(file, text, prefilter);
    return;
  }
  // One pass over the block finds every anchor literal; only the lines that hold one reach the
  // matcher (with their occurrences), every run of lines between them goes to the sink whole.
  // The same pass counts the block's lines and tells each occurrence's line, so the runs of
  // plain lines between candidates are never searched for newlines again.
  m_occurrences.clear();
  const std::size_t newlines = prefilter.all_occurrences(text, m_occurrences, &m_marker);
  const std::size_t block_lines = newlines + (text.back() == '\n' ? 0 : 1);
  std::size_t at = 0;       // start of the first line not yet handled
  std::size_t at_line = 0;  // its index in the block
  std::size_t next = 0;     // the first occurrence not yet handled
  while (!m_sink.stopped()) {
    if (next >= m_occurrences.size()) {
      pass_plain(text, at, text.size(), block_lines - at_line);
      break;
    }
    const LiteralPrefilter::Occurrence& hit = m_occurrences[next];
    pass_plain(text, at, line_start_of(text, at, hit.start), hit.line - at_line);
    at_line = hit.line + 1;
    LineView line = split_first_line(text.substr(at));
    line.number = m_next_line++;
    const std::size_t line_end = at + line.text.size();
    // This line's occurrences, made relative to the line.
    m_line_occurrences.clear();
    for (; next < m_occurrences.size() && m_occurrences[next].start < line_end + line.ending.size();
         ++next) {
      LiteralPrefilter::Occurrence relative = m_occurrences[next];
      if (relative.start >= line_end) continue;  // cannot happen: literals hold no newline
      relative.start -= static_cast<std::uint32_t>(at);
      m_line_occurrences.push_back(relative);
    }
    const std::span<const LiteralPrefilter::Occurrence> span(m_line_occurrences);
    at = line_end + line.ending.size();
    match_line(file, line, &span);
  }
}

void Scanner::scan_block_line_by_line(std::string_view file, std::string_view text,
                                      const LiteralPrefilter& prefilter) {
  std::size_t at = 0;  // start of the first line not yet handled
  while (at < text.size() && !m_sink.stopped()) {
    const std::size_t hit = prefilter.find_first(text, at);
    const std::size_t end =
        hit == std::string_view::npos ? text.size() : line_start_of(text, at, hit);
    const std::string_view plain = text.substr(at, end - at);
    pass_plain(text, at, end,
               plain.empty() ? 0 : count_newlines(plain) + (plain.back() == '\n' ? 0 : 1));
    if (hit == std::string_view::npos) break;
    LineView line = split_first_line(text.substr(at));
    line.number = m_next_line++;
    at += line.text.size() + line.ending.size();
    match_line(file, line, nullptr);
  }
}

}  // namespace errscope
