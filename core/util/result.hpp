#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <variant>

namespace errscope {

/// Where a diagnostic points: a file, a 1-based line and column, and the JSON path of the value.
/// Any part may be empty or zero when it is not known.
struct SourcePosition {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;
  std::string json_path;
};

/// A problem the library found: where it is, what is wrong, and how the user can fix it.
/// The library returns these; only the CLI turns them into messages and exit statuses.
struct Diagnostic {
  SourcePosition where;
  std::string reason;
  std::string fix;
};

/// The value of an operation that can fail: either a T or a Diagnostic (a small `expected`).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : m_state(std::in_place_index<0>, std::move(value)) {}
  Result(Diagnostic error) : m_state(std::in_place_index<1>, std::move(error)) {}

  /// True when the operation succeeded.
  bool ok() const noexcept { return m_state.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  /// The value; only valid when ok().
  T& value() & { return std::get<0>(m_state); }
  const T& value() const& { return std::get<0>(m_state); }
  T&& value() && { return std::get<0>(std::move(m_state)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  /// The diagnostic; only valid when !ok().
  const Diagnostic& error() const& { return std::get<1>(m_state); }
  Diagnostic&& error() && { return std::get<1>(std::move(m_state)); }

 private:
  std::variant<T, Diagnostic> m_state;
};

/// The result of an operation that yields nothing but can fail.
struct Unit {};
using Status = Result<Unit>;

/// A successful Status.
inline Status ok_status() {
  return Status(Unit{});
}

}  // namespace errscope
