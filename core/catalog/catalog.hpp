#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/code_index.hpp"
#include "util/result.hpp"

namespace errscope {

/// Whether a code reports success or an error; unknown codes are errors.
enum class Outcome { success, error };

/// What a vendor does with a code found in its field but missing from its table.
enum class UnknownCodes {
  report,  ///< reported with known=false (a new, undocumented code)
  ignore,  ///< dropped: the field is generic (yunke's `code`), only table codes count
};

/// The text name of an outcome ("success" / "error").
std::string_view to_string(Outcome outcome) noexcept;

/// One documented code of a vendor, with everything its source document says about it.
struct CodeEntry {
  std::string code;     ///< as the vendor writes it: "BackMsg_16", "-1", "000000"
  std::string message;  ///< the documented text (errmsg / msg / description)
  std::string reason;   ///< the document's explanation where it differs from message
  std::vector<std::string> alt_messages;  ///< further texts the document gives for the same code
  std::string param;                      ///< the name of the runtime parameter the document shows
  std::string hint;                       ///< what to check or do (may be empty)
  std::string note;                       ///< how the transcription read an ambiguous source
  Outcome outcome = Outcome::error;
  SourcePosition where;  ///< where the entry is defined
};

/// One regex of a vendor; RE2 syntax with a named group `code` and optionally `param`.
struct RegexSpec {
  std::string name;
  std::string pattern;
  std::string raw_json;  ///< the pattern as written in the file (JSON-escaped), for error columns
  SourcePosition where;  ///< where its JSON string starts (the opening quote)
};

/// A sample log line and the codes it must yield, in order (none for a line that must not match).
struct SampleSpec {
  std::string line;
  std::vector<std::string> codes;
  SourcePosition where;
};

/// Where a pattern file was loaded from, lowest precedence first: a vendor from a later place
/// replaces one with the same id from an earlier place.
enum class PatternPlace { builtin, system_folder, user_folder, command_line };

/// Everything one pattern file defines: a vendor, how its codes look in logs, and its table.
struct VendorSpec {
  std::string id;
  std::string name;
  std::string source;  ///< where the table comes from (document, date, URL)
  std::string origin;  ///< the pattern file it was loaded from ("builtin:dingtalk.json" or a path)
  PatternPlace place = PatternPlace::builtin;  ///< how that file came to be loaded
  UnknownCodes unknown_codes = UnknownCodes::report;
  std::vector<std::string> anchors;  ///< literals one of which every matching line contains
  /// When set, every match starts at most this many bytes before an occurrence of an anchor, so
  /// the regexes are tried anchored there instead of searched along the whole line.
  std::optional<std::size_t> anchor_lead;
  std::vector<RegexSpec> regexes;
  std::vector<RegexSpec> excludes;  ///< a line matching one of these is not this vendor's
  /// Codes that defer to a sub-code elsewhere in the line (DingTalk 88: "look at sub_code").
  std::vector<std::string> sub_code_parents;
  /// Regexes that find that sub-code (named group `code`), looked up in this vendor's table.
  std::vector<RegexSpec> sub_code_regexes;
  std::vector<CodeEntry> codes;
  std::vector<SampleSpec> samples;

  /// The entry for `code`, or nullptr when the table does not have it.
  const CodeEntry* find(std::string_view code) const noexcept;
  /// Rebuilds the code index; call after changing `codes`.
  void index_codes();

 private:
  CodeIndex m_index;
};

/// The set of vendors in use, in load order (built-ins first, then --patterns files).
class Catalog {
 public:
  /// Adds a vendor. A vendor replaces one with its id from a place of lower precedence (a user
  /// file replaces a built-in); two files of the same place with one id fail.
  Status add(VendorSpec vendor);

  const std::vector<VendorSpec>& vendors() const noexcept { return m_vendors; }
  /// The vendor with this id, or nullptr.
  const VendorSpec* find_vendor(std::string_view id) const noexcept;

 private:
  std::vector<VendorSpec> m_vendors;
};

}  // namespace errscope
