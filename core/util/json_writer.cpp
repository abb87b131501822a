#include "util/json_writer.hpp"

#include "util/utf8.hpp"

namespace errscope {

namespace {

constexpr char k_hex[] = "0123456789abcdef";

void append_escaped_char(std::string& out, unsigned char byte) {
  switch (byte) {
    case '"':
      out += "\\\"";
      return;
    case '\\':
      out += "\\\\";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    case '\b':
      out += "\\b";
      return;
    case '\f':
      out += "\\f";
      return;
    default:
      break;
  }
  if (byte < 0x20 || byte == 0x7F) {
    out += "\\u00";
    out += k_hex[byte >> 4];
    out += k_hex[byte & 0xF];
  } else {
    out += static_cast<char>(byte);
  }
}

// The bytes that stop a run: the ones JSON must escape (a quote, a backslash, a control byte,
// DEL) and, until the rest is known to be valid UTF-8, any non-ASCII byte.
constexpr StopBytes k_before_non_ascii{{'"', '\\'}, true};
constexpr StopBytes k_in_valid_utf8{{'"', '\\'}, false};

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  append_json_string_content(out, text);
  out += '"';
}

bool json_string_as_is(std::string_view text) noexcept {
  const std::size_t stop = find_stop_byte(text, 0, k_before_non_ascii);
  if (stop == text.size()) return true;
  const std::string_view rest = text.substr(stop);
  return valid_utf8(rest) && find_stop_byte(rest, 0, k_in_valid_utf8) == rest.size();
}

void append_json_string_content(std::string& out, std::string_view text) {
  append_in_runs(out, text, k_before_non_ascii, k_in_valid_utf8, [&](std::size_t i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      append_escaped_char(out, byte);
      return std::size_t{1};
    }
    const std::size_t length = valid_utf8_sequence_length(text.substr(i));
    if (length == 0) {
      out += k_utf8_replacement_character;
      return std::size_t{1};
    }
    out.append(text.substr(i, length));
    return length;
  });
}

void append_json_string_or_null(std::string& out, std::string_view text) {
  if (text.empty()) {
    out += "null";
  } else {
    append_json_string(out, text);
  }
}

void JsonWriter::before_value() {
  if (m_need_comma) m_out += ',';
  m_need_comma = true;
}

void JsonWriter::begin_object() {
  before_value();
  m_out += '{';
  m_need_comma = false;
}

void JsonWriter::end_object() {
  m_out += '}';
  m_need_comma = true;
}

void JsonWriter::begin_array() {
  before_value();
  m_out += '[';
  m_need_comma = false;
}

void JsonWriter::end_array() {
  m_out += ']';
  m_need_comma = true;
}

void JsonWriter::key(std::string_view name) {
  before_value();
  append_json_string(m_out, name);
  m_out += ':';
  m_need_comma = false;
}

void JsonWriter::string(std::string_view text) {
  before_value();
  append_json_string(m_out, text);
}

void JsonWriter::string_or_null(std::string_view text) {
  before_value();
  append_json_string_or_null(m_out, text);
}

void JsonWriter::number(std::int64_t value) {
  before_value();
  m_out += std::to_string(value);
}

void JsonWriter::boolean(bool value) {
  before_value();
  m_out += value ? "true" : "false";
}

void JsonWriter::null() {
  before_value();
  m_out += "null";
}

void JsonWriter::raw(std::string_view json) {
  before_value();
  m_out += json;
}

void JsonWriter::str(std::string_view key, std::string_view value) {
  this->key(key);
  string(value);
}

void JsonWriter::str_or_null(std::string_view key, std::string_view value) {
  this->key(key);
  string_or_null(value);
}

void JsonWriter::flag(std::string_view key, bool value) {
  this->key(key);
  boolean(value);
}

void JsonWriter::null(std::string_view key) {
  this->key(key);
  null();
}

void JsonWriter::strings(std::string_view key, std::span<const std::string> values) {
  this->key(key);
  begin_array();
  for (const auto& value : values) string(value);
  end_array();
}

}  // namespace errscope
