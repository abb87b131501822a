#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace errscope {

/// Cuts a stream of JSON reports written one after the other (what `ssh host errscope report …`
/// loops, `parallel --nonall` and mappers write; one a line, or pretty-printed) into whole
/// documents as its bytes come. It holds at most the document being read and the bytes after it,
/// so memory is bounded by the largest report, never by the stream.
class ReportStream {
 public:
  /// `origin` names the stream in diagnostics; a document longer than `max_document` is refused.
  ReportStream(std::string origin, std::size_t max_document);

  /// Appends the next bytes of the stream.
  void append(std::string_view bytes);
  /// The next whole document (a view valid until the next call of any member), nothing when the
  /// bytes so far end inside one or after the last, or an error for a byte that cannot be part of
  /// a stream of reports, or a document over the limit.
  Result<std::optional<std::string_view>> next();
  /// At the end of the stream: an error when it ends inside a document or held none.
  Status finish() const;
  /// Documents handed out so far.
  std::size_t count() const noexcept { return m_count; }

 private:
  Diagnostic error_at(std::size_t offset, std::string reason) const;

  std::string m_origin;
  std::size_t m_max_document;
  std::string m_buffer;
  std::size_t m_begin = 0;   ///< where the bytes not handed out start
  std::size_t m_scan = 0;    ///< where scanning goes on
  std::size_t m_lines_dropped = 0;  ///< line ends in the bytes dropped from the buffer's front
  std::size_t m_column_dropped = 0; ///< bytes of the current line dropped from the front
  std::size_t m_depth = 0;   ///< nesting of the current document (0: between documents)
  bool m_in_string = false;
  std::size_t m_count = 0;
};

}  // namespace errscope
