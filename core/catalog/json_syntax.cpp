#include "catalog/json_syntax.hpp"

#include <cctype>
#include <cstring>

#include "util/utf8.hpp"

namespace errscope {

namespace {

constexpr std::size_t k_max_depth = 512;

// A strict RFC 8259 recogniser that stops at the first error; it builds nothing.
class SyntaxScanner {
 public:
  explicit SyntaxScanner(std::string_view text) : m_text(text) {}

  std::optional<JsonSyntaxError> run() {
    skip_space();
    if (!value(0)) return m_error;
    skip_space();
    if (m_pos != m_text.size()) {
      fail("unexpected text after the end of the document");
      return m_error;
    }
    return std::nullopt;
  }

 private:
  bool at_end() const { return m_pos >= m_text.size(); }
  char peek() const { return at_end() ? '\0' : m_text[m_pos]; }

  bool fail(std::string what) {
    m_error = JsonSyntaxError{m_pos, std::move(what)};
    return false;
  }

  enum class Next { more, done, error };

  // What follows an element of an object or array: ',' (more), the closing bracket (done), or
  // an error. A missing separator is reported just after the value it should follow, where
  // the user has to type it, rather than at the next token (often on the following line).
  Next after_element(char close, std::string_view container) {
    const std::size_t value_end = m_pos;
    skip_space();
    if (peek() == ',' || peek() == close) {
      ++m_pos;
      return m_text[m_pos - 1] == ',' ? Next::more : Next::done;
    }
    if (at_end()) {
      fail("the document ends inside " + std::string(container) + " (missing '" + close + "')");
    } else {
      m_pos = value_end;
      fail(std::string("expected ',' or '") + close + "' after this value (a missing comma?)");
    }
    return Next::error;
  }

  void skip_space() {
    while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) {
      ++m_pos;
    }
  }

  bool value(std::size_t depth) {
    if (depth > k_max_depth) return fail("nesting deeper than 512 levels");
    if (at_end()) return fail("the document ends where a value was expected");
    const char c = peek();
    if (c == '{') return object(depth + 1);
    if (c == '[') return array(depth + 1);
    if (c == '"') return string();
    if (c == '-' || (c >= '0' && c <= '9')) return number();
    if (literal("true") || literal("false") || literal("null")) return true;
    if (static_cast<unsigned char>(c) >= 0x80 && m_text.substr(m_pos).starts_with("\xE2\x80\x9C")) {
      return fail("a curly quote \xE2\x80\x9C is not a JSON quote");
    }
    if (c == '\'') return fail("single quotes are not JSON string quotes");
    return fail("expected a value (string, number, object, array, true, false or null)");
  }

  bool literal(std::string_view word) {
    if (m_text.substr(m_pos, word.size()) != word) return false;
    m_pos += word.size();
    return true;
  }

  bool object(std::size_t depth) {
    ++m_pos;  // '{'
    skip_space();
    if (peek() == '}') {
      ++m_pos;
      return true;
    }
    while (true) {
      skip_space();
      if (peek() != '"') {
        if (peek() == '}') return fail("a comma before '}' (trailing commas are not JSON)");
        return fail(at_end() ? "the document ends inside an object" : "expected a quoted key");
      }
      if (!string()) return false;
      skip_space();
      if (peek() != ':') return fail("expected ':' after the key");
      ++m_pos;
      skip_space();
      if (!value(depth)) return false;
      const Next next = after_element('}', "an object");
      if (next != Next::more) return next == Next::done;
    }
  }

  bool array(std::size_t depth) {
    ++m_pos;  // '['
    skip_space();
    if (peek() == ']') {
      ++m_pos;
      return true;
    }
    while (true) {
      skip_space();
      if (peek() == ']') return fail("a comma before ']' (trailing commas are not JSON)");
      if (!value(depth)) return false;
      const Next next = after_element(']', "an array");
      if (next != Next::more) return next == Next::done;
    }
  }

  bool string() {
    const std::size_t start = m_pos;
    ++m_pos;  // opening quote
    while (!at_end()) {
      const auto c = static_cast<unsigned char>(m_text[m_pos]);
      if (c == '"') {
        ++m_pos;
        return true;
      }
      if (c == '\\') {
        ++m_pos;
        if (at_end()) break;
        const char e = m_text[m_pos];
        if (e == 'u') {
          for (int i = 1; i <= 4; ++i) {
            if (m_pos + i >= m_text.size() ||
                !std::isxdigit(static_cast<unsigned char>(m_text[m_pos + i]))) {
              return fail("\\u must be followed by four hex digits");
            }
          }
          m_pos += 5;
          continue;
        }
        if (std::strchr("\"\\/bfnrt", e) == nullptr || e == '\0') {
          return fail(std::string("invalid escape \\") + e +
                      " in a string (a regex backslash is written \\\\ in JSON)");
        }
        ++m_pos;
        continue;
      }
      if (c == '\n' || c == '\r') {
        m_pos = start;
        return fail("this string is not closed before the end of its line (a missing '\"'?)");
      }
      if (c < 0x20)
        return fail("a raw control character (newline or tab) inside a string; write \\n or \\t");
      if (c >= 0x80) {
        const std::size_t length = valid_utf8_sequence_length(m_text.substr(m_pos));
        if (length == 0) return fail("invalid UTF-8 in a string (save the file as UTF-8)");
        m_pos += length;
        continue;
      }
      ++m_pos;
    }
    m_pos = start;
    return fail("a string is opened here and never closed");
  }

  bool number() {
    const std::size_t start = m_pos;
    if (peek() == '-') ++m_pos;
    if (peek() == '0') {
      ++m_pos;
    } else if (peek() >= '1' && peek() <= '9') {
      while (peek() >= '0' && peek() <= '9') ++m_pos;
    } else {
      m_pos = start;
      return fail("invalid number");
    }
    if (peek() == '.') {
      ++m_pos;
      if (!(peek() >= '0' && peek() <= '9')) return fail("invalid number: digits must follow '.'");
      while (peek() >= '0' && peek() <= '9') ++m_pos;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++m_pos;
      if (peek() == '+' || peek() == '-') ++m_pos;
      if (!(peek() >= '0' && peek() <= '9')) return fail("invalid number exponent");
      while (peek() >= '0' && peek() <= '9') ++m_pos;
    }
    return true;
  }

  std::string_view m_text;
  std::size_t m_pos = 0;
  JsonSyntaxError m_error;
};

}  // namespace

std::optional<JsonSyntaxError> locate_json_syntax_error(std::string_view text) {
  return SyntaxScanner(text).run();
}

}  // namespace errscope
