#include "report/report_stream.hpp"

#include <algorithm>
#include <cstring>

#include "util/count_text.hpp"

namespace errscope {

namespace {

constexpr std::string_view k_fix =
    "give reports written by `errscope report --format json`, whole, one after the other";

std::string hex_byte(unsigned char byte) {
  static constexpr char k_digits[] = "0123456789abcdef";
  return {k_digits[byte >> 4], k_digits[byte & 0xF]};
}

bool is_space(char c) noexcept {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

}  // namespace

ReportStream::ReportStream(std::string origin, std::size_t max_document)
    : m_origin(std::move(origin)), m_max_document(max_document) {}

void ReportStream::append(std::string_view bytes) {
  // Drop what was handed out once it is most of the buffer, so the buffer stays one document
  // plus one read.
  if (m_begin > 0 && m_begin >= m_buffer.size() / 2) {
    const std::string_view dropped(m_buffer.data(), m_begin);
    const std::size_t lines = static_cast<std::size_t>(std::count(dropped.begin(), dropped.end(), '\n'));
    const std::size_t last_end = dropped.rfind('\n');
    m_column_dropped = last_end == std::string_view::npos ? m_column_dropped + m_begin
                                                          : m_begin - last_end - 1;
    m_lines_dropped += lines;
    m_buffer.erase(0, m_begin);
    m_scan -= m_begin;
    m_begin = 0;
  }
  m_buffer.append(bytes);
}

Result<std::optional<std::string_view>> ReportStream::next() {
  const char* const data = m_buffer.data();
  const std::size_t size = m_buffer.size();
  std::size_t at = m_scan;
  while (at < size) {
    if (m_depth == 0) {
      while (at < size && is_space(data[at])) ++at;
      m_begin = at;
      if (at == size) break;
      if (data[at] != '{') {
        m_scan = at;
        const unsigned char byte = static_cast<unsigned char>(data[at]);
        const std::string shown = byte >= 0x21 && byte < 0x7F ? std::string(1, data[at])
                                                               : "\\x" + hex_byte(byte);
        return error_at(at, std::string(m_count == 0 ? "not a report" : "not a report after the "
                                                                          "last whole one") +
                                ": a report is a JSON object, starting with '{', not '" + shown +
                                "'");
      }
      m_depth = 1;
      ++at;
      continue;
    }
    if (m_in_string) {
      // Strings are most of a report: jump to the next quote or backslash.
      while (at < size && data[at] != '"' && data[at] != '\\') ++at;
      if (at == size) break;
      if (data[at] == '\\') {
        if (at + 1 == size) break;  // the escaped byte comes with the next read
        at += 2;
        continue;
      }
      m_in_string = false;
      ++at;
      continue;
    }
    const char c = data[at++];
    if (c == '"') {
      m_in_string = true;
    } else if (c == '{' || c == '[') {
      ++m_depth;
    } else if (c == '}' || c == ']') {
      if (--m_depth == 0) {
        const std::size_t start = m_begin;
        m_begin = at;
        m_scan = at;
        ++m_count;
        return std::optional<std::string_view>(std::string_view(data + start, at - start));
      }
    }
  }
  m_scan = at;
  if (m_depth > 0 && m_scan - m_begin > m_max_document) {
    return error_at(m_begin, "a report larger than " + format_count(m_max_document >> 20) +
                                 " MiB: no report errscope writes is this large");
  }
  return std::optional<std::string_view>();
}

Status ReportStream::finish() const {
  if (m_depth > 0) {
    return error_at(m_begin, "the last report is cut off (" + format_count(m_buffer.size() - m_begin) +
                                 " bytes): the program that wrote it stopped before its end");
  }
  if (m_count == 0) return error_at(m_buffer.size(), "no report in it");
  return ok_status();
}

Diagnostic ReportStream::error_at(std::size_t offset, std::string reason) const {
  const std::string_view before(m_buffer.data(), std::min(offset, m_buffer.size()));
  const std::size_t lines = static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  const std::size_t last_end = before.rfind('\n');
  const std::size_t column = last_end == std::string_view::npos ? m_column_dropped + before.size()
                                                                : before.size() - last_end - 1;
  return Diagnostic{SourcePosition{m_origin, m_lines_dropped + lines + 1, column + 1, ""},
                    std::move(reason), std::string(k_fix)};
}

}  // namespace errscope
