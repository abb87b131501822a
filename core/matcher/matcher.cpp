#include "matcher/matcher.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <unordered_set>
#include <utility>

#include "matcher/folded_view.hpp"
#include "matcher/message_check.hpp"
#include "matcher/plan.hpp"
#include "matcher/text_bytes.hpp"
#include "simd/folded_find.hpp"

namespace errscope {

namespace {

using Occurrence = LiteralPrefilter::Occurrence;

std::string_view view_of(const re2::StringPiece& piece) noexcept {
  return {piece.data(), piece.size()};
}

// How many capture groups a match of `regex` reads.
int groups_read(const CompiledRegex& regex) noexcept {
  return std::max({regex.code_group, regex.param_group, regex.message_group}) + 1;
}

// The end of the `{...}` object holding text[at] (just past its '}'), skipping the objects
// nested after `at`; the end of the line when there is none.
std::size_t object_end(std::string_view text, std::size_t at) noexcept {
  std::size_t depth = 0;
  for (std::size_t i = at; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') return i;
    if (c == '{') {
      ++depth;
    } else if (c == '}') {
      if (depth == 0) return i + 1;
      --depth;
    }
  }
  return text.size();
}

// How far past its key a code may start: `\\\"code\\\": ` at three escaping depths.
constexpr std::size_t k_code_reach = 16;

// What follows a key, for a vendor whose codes count only when in its table (a message_group):
// its value is the first token past quotes, backslashes, spaces and a ':', '=' or "=>".
enum class CodeAfterKey {
  table,      ///< a code of the table, or the vendor's codes are not all tokens (cannot tell)
  not_table,  ///< a plain number or word that is no code of the table
  unclear,    ///< something else: an escaping (`\x22:`, `：`) may hide the value
};

CodeAfterKey code_after_key(const CompiledVendor& compiled, std::string_view text,
                            std::size_t key, std::size_t after) noexcept {
  const auto& tokens = compiled.table_tokens;
  if (!tokens.usable) return CodeAfterKey::table;
  // A key is a word of its own: the `code` in `errcode` or `respCode` is none (an escaping's
  // last letter before it, `\x22code`, is left to the folded view).
  if (key > 0 && is_word_byte(text[key - 1])) return CodeAfterKey::not_table;
  std::size_t at = after;
  const std::size_t reach = std::min(text.size(), after + k_code_reach);
  while (at < reach && is_separator_byte(text[at])) ++at;
  std::size_t end = at < text.size() && text[at] == '-' ? at + 1 : at;
  while (end < text.size() && is_word_byte(text[end])) ++end;
  const std::string_view token = text.substr(at, end - at);
  if (tokens.may_hold(token) && compiled.vendor->find(token) != nullptr) {
    return CodeAfterKey::table;
  }
  // A value that starts right after plain separators with a digit is the value: nothing hides
  // it. An escaping would have left a letter (\x22, \u0022), '%', '&', ESC or a full-width byte.
  const bool plain = !token.empty() && text[at] >= '0' && text[at] <= '9' &&
                     (at == after || text[at - 1] != '\\');
  return plain ? CodeAfterKey::not_table : CodeAfterKey::unclear;
}

// How far back from an anchor its object's opening brace is looked for.
constexpr std::size_t k_object_reach = 4096;

// Where the `{...}` object holding text[at] starts (its '{'), skipping the objects nested before
// `at`; the start of the line (or of the reach) when there is none.
std::size_t object_start(std::string_view text, std::size_t at) noexcept {
  const std::size_t limit = at > k_object_reach ? at - k_object_reach : 0;
  std::size_t depth = 0;
  for (std::size_t i = at; i > limit; --i) {
    const char c = text[i - 1];
    if (c == '\n') return i;
    if (c == '}') {
      ++depth;
    } else if (c == '{') {
      if (depth == 0) return i - 1;
      --depth;
    }
  }
  return limit;
}

bool passes_anchors(const MatcherPlan& plan, const CompiledVendor& compiled, std::string_view line,
                    std::uint32_t present) noexcept {
  const auto& anchors = compiled.vendor->anchors;
  if (anchors.empty()) return true;
  if (!plan.prefilter.empty()) return (present & compiled.anchor_bits) != 0;
  return std::any_of(anchors.begin(), anchors.end(), [line](const std::string& anchor) {
    return line.find(anchor) != std::string_view::npos;
  });
}

// Whether `code` of `vendor` defers to a sub-code elsewhere in the line (DingTalk's 88).
bool defers_to_sub_code(const VendorSpec& vendor, std::string_view code) noexcept {
  const auto& parents = vendor.sub_code_parents;
  return std::find(parents.begin(), parents.end(), code) != parents.end();
}

// Whether the \b a regex with a tail may need before its key at line[at] holds (a key starts
// with a word byte, so it is there unless a word byte comes before).
bool key_boundary_holds(const CompiledRegex& regex, std::string_view line,
                        std::size_t at) noexcept {
  return !regex.keys.word_boundary || at == 0 || !is_word_byte(line[at - 1]);
}

// The leftmost match in `line` of a regex with a tail: the tail tried past each occurrence of its
// keys, in their order along the line (no two keys start at one byte: none is another's prefix).
bool match_keyed(const CompiledRegex& regex, std::string_view line, re2::StringPiece* groups,
                 int group_count) {
  const auto& keys = regex.keys.keys;
  std::array<std::size_t, k_max_leading_keys> next{};
  const auto find_from = [&](std::size_t key, std::size_t from) {
    return std::min(line.find(keys[key], from), line.size());
  };
  for (std::size_t key = 0; key < keys.size(); ++key) next[key] = find_from(key, 0);
  const re2::StringPiece text(line.data(), line.size());
  for (;;) {
    const auto first = std::min_element(next.begin(), next.begin() + keys.size());
    const std::size_t at = *first;
    if (at == line.size()) return false;
    const auto key = static_cast<std::size_t>(first - next.begin());
    if (key_boundary_holds(regex, line, at) &&
        regex.tail->Match(text, at + keys[key].size(), line.size(), RE2::ANCHOR_START, groups,
                          group_count)) {
      return true;
    }
    *first = find_from(key, at + 1);
  }
}

// For a code that defers to a sub-code, the sub-code found in the line.
void find_sub_code(const MatcherPlan& plan, const CompiledVendor& compiled, std::string_view line,
                   Match& match) {
  const VendorSpec& vendor = *compiled.vendor;
  if (!defers_to_sub_code(vendor, match.code)) return;
  std::array<re2::StringPiece, k_max_groups> groups;
  const re2::StringPiece text(line.data(), line.size());
  for (const auto& regex : compiled.sub_code_regexes) {
    if (regex.tail != nullptr) {
      if (match_keyed(regex, line, groups.data(), regex.code_group + 1) &&
          !groups[regex.code_group].empty()) {
        match.sub_code =
            std::string_view(groups[regex.code_group].data(), groups[regex.code_group].size());
        match.sub_entry = vendor.find(match.sub_code);
        return;
      }
      continue;
    }
    const bool hopeless =
        !regex.some_of.empty() &&
        std::none_of(regex.some_of.begin(), regex.some_of.end(),
                     [&plan, line](const std::string& atom) {
                       return simd::contains_folded(line, atom, plan.level);
                     });
    if (hopeless) continue;
    if (regex.regex->Match(text, 0, line.size(), RE2::UNANCHORED, groups.data(),
                           regex.code_group + 1) &&
        !groups[regex.code_group].empty()) {
      match.sub_code =
          std::string_view(groups[regex.code_group].data(), groups[regex.code_group].size());
      match.sub_entry = vendor.find(match.sub_code);
      return;
    }
  }
}

// Keeps the first of each vendor's code in out[first..]: a line that logs the same response twice
// reports it once. Small sets compare directly; a huge line's many codes go through a hash set,
// so a hostile line costs linear time, not quadratic.
void drop_repeats(std::vector<Match>& out, std::size_t first) {
  constexpr std::size_t k_linear_limit = 32;
  if (out.size() - first < 2) return;  // the usual line: one code, nothing to compare
  std::size_t kept = first;
  if (out.size() - first <= k_linear_limit) {
    for (std::size_t i = first; i < out.size(); ++i) {
      const auto begin = out.begin() + static_cast<std::ptrdiff_t>(first);
      const auto end = out.begin() + static_cast<std::ptrdiff_t>(kept);
      const bool repeat = std::any_of(begin, end, [&](const Match& m) {
        return m.vendor == out[i].vendor && m.code == out[i].code;
      });
      if (!repeat) out[kept++] = out[i];
    }
  } else {
    std::unordered_set<std::string> seen;
    for (std::size_t i = first; i < out.size(); ++i) {
      std::string key(out[i].code);
      key += '\0';
      key += out[i].vendor->id;
      if (seen.insert(std::move(key)).second) out[kept++] = out[i];
    }
  }
  out.resize(kept);
}

// Records the match in `groups` (unless its code is unknown to a vendor that ignores those)
// and returns where the next search may start.
std::size_t record(const MatcherPlan& plan, const CompiledVendor& compiled,
                   const CompiledRegex& regex, const re2::StringPiece* groups,
                   std::string_view line, std::vector<Match>& out) {
  const re2::StringPiece code = groups[regex.code_group];
  if (code.data() == nullptr || code.empty()) {
    return static_cast<std::size_t>(groups[0].data() - line.data()) + groups[0].size();
  }
  const VendorSpec& vendor = *compiled.vendor;
  const std::size_t offset = static_cast<std::size_t>(code.data() - line.data());
  const std::string_view code_view(code.data(), code.size());
  const CodeEntry* entry = vendor.find(code_view);
  std::size_t param_end = 0;
  // A generic shape's code counts only when the message beside it is the table's for that code.
  // A message group that matched empty marks where the message starts (message_at()).
  const auto message = [&]() -> std::string_view {
    const re2::StringPiece& group = groups[regex.message_group];
    if (!group.empty()) return view_of(group);
    return message_at(line, static_cast<std::size_t>(group.data() - line.data()));
  };
  const auto agrees = [&]() {
    const auto index = static_cast<std::size_t>(entry - vendor.codes.data());
    const std::string_view logged = message();
    return holds_literal_form(logged, compiled.literal_messages[index]) ||
           folded_messages_agree(logged, compiled.folded_messages[index]);
  };
  const bool confirmed = regex.message_group < 0 ||
                         (entry != nullptr && groups[regex.message_group].data() != nullptr &&
                          agrees());
  if (confirmed && (entry != nullptr || vendor.unknown_codes == UnknownCodes::report)) {
    std::string_view param;
    if (regex.param_group > 0 && groups[regex.param_group].data() != nullptr) {
      param = std::string_view(groups[regex.param_group].data(), groups[regex.param_group].size());
      param_end = static_cast<std::size_t>(param.data() - line.data()) + param.size();
    }
    out.push_back(Match{&vendor, entry, code_view, param, offset, {}, nullptr});
    if (!compiled.sub_code_regexes.empty()) find_sub_code(plan, compiled, line, out.back());
  }
  // Resume right after the code (or its parameter), not after the whole match, so a regex that
  // consumes a trailing delimiter cannot swallow the start of the next code.
  return std::max(offset + code.size(), param_end);
}

// Searches the whole line with each regex.
void find_along(const MatcherPlan& plan, const CompiledVendor& compiled, std::string_view line,
                std::vector<Match>& out) {
  std::array<re2::StringPiece, k_max_groups> groups;
  const re2::StringPiece text(line.data(), line.size());
  for (const auto& regex : compiled.regexes) {
    const int group_count = groups_read(regex);
    std::size_t position = 0;
    while (position <= line.size() &&
           regex.regex->Match(text, position, line.size(), RE2::UNANCHORED, groups.data(),
                              group_count)) {
      const std::size_t next = record(plan, compiled, regex, groups.data(), line, out);
      position = next > position ? next : position + 1;
    }
  }
}

// False when no match of `regex` can start at text[start]: its first byte is out of the
// regex's range, or it begins with \b and start lies between two word characters.
[[gnu::always_inline]] inline bool may_start_at(const CompiledRegex& regex, std::string_view text,
                                                std::size_t start) noexcept {
  const auto first = static_cast<unsigned char>(text[start]);
  if (first < regex.first_low || first > regex.first_high) return false;
  return !(regex.starts_at_word_boundary && start > 0 && is_word_byte(text[start - 1]) &&
           is_word_byte(text[start]));
}

// True when every required string of `regex` is in `window` (without case) before its first
// newline, not counting those the anchors in `anchor_bits` already hold.
[[gnu::always_inline]] inline bool has_required(const MatcherPlan& plan,
                                                const CompiledRegex& regex,
                                                std::string_view window,
                                                std::uint32_t anchor_bits = 0) noexcept {
  return std::all_of(regex.required.begin(), regex.required.end(),
                     [&plan, window, anchor_bits](const RequiredString& required) {
                       return (required.implied_by & anchor_bits) != 0 ||
                              simd::contains_folded(window, required.text, plan.level);
                     });
}

// Tries a regex whose matches start anywhere in the object around the anchor at `at`: one search
// from the object's start, kept when its code is this anchor's (at or after it).
void try_in_object(const MatcherPlan& plan, const CompiledVendor& compiled,
                   const CompiledRegex& regex, std::string_view line, std::size_t at,
                   std::uint32_t anchor_bit, std::vector<Match>& out) {
  const std::size_t from = object_start(line, at);
  if (!has_required(plan, regex, line.substr(from), anchor_bit)) return;
  const std::size_t end = object_end(line, at);
  std::array<re2::StringPiece, k_max_groups> groups;
  const re2::StringPiece text(line.data(), line.size());
  if (!regex.regex->Match(text, from, end, RE2::UNANCHORED, groups.data(), groups_read(regex))) {
    return;
  }
  const re2::StringPiece code = groups[regex.code_group];
  if (code.data() != nullptr && static_cast<std::size_t>(code.data() - line.data()) >= at) {
    record(plan, compiled, regex, groups.data(), line, out);
  }
}

// Whether try_at_anchor must look at the key's value and each regex's required strings first
// (mark() has not).
enum class Required { check, known_present };

// Tries each regex in `regex_bits` anchored at `at` (and up to anchor_lead bytes before it).
void try_at_anchor(const MatcherPlan& plan, const CompiledVendor& compiled, std::string_view line,
                   std::size_t at, std::size_t anchor, std::uint32_t regex_bits,
                   Required required, std::vector<Match>& out) {
  // Marked by mark(), the key's value is a table code (it looked).
  if (required == Required::check &&
      code_after_key(compiled, line, at, at + compiled.vendor->anchors[anchor].size()) !=
          CodeAfterKey::table) {
    return;  // the folded view is searched too, for a value an escaping hides
  }
  std::array<re2::StringPiece, k_max_groups> groups;
  const re2::StringPiece text(line.data(), line.size());
  const std::size_t lead = *compiled.vendor->anchor_lead;
  const std::size_t first_start = at > lead ? at - lead : 0;
  const std::uint32_t anchor_bit = bit_of(anchor);
  // The regexes are tried in order; the first that finds a code at this anchor ends the search
  // here (a slower, looser form listed after a fast one runs only when that one found nothing).
  const std::size_t found_before = out.size();
  for (std::size_t r = 0; r < compiled.regexes.size() && out.size() == found_before; ++r) {
    const CompiledRegex& regex = compiled.regexes[r];
    if (r < 32 && (regex_bits >> r & 1u) == 0) continue;
    if (regex.start == RegexStart::object) {
      try_in_object(plan, compiled, regex, line, at, anchor_bit, out);
      continue;
    }
    if (required == Required::check &&
        !has_required(plan, regex, line.substr(first_start), anchor_bit)) {
      continue;
    }
    const int group_count = groups_read(regex);
    // A regex that starts with its keys (this anchor among them) is tried past the anchor, its
    // key matched already. A match from a lead position would start at a key of its own, an
    // anchor with a candidate of its own.
    if ((regex.tail_anchors & anchor_bit) != 0) {
      if (key_boundary_holds(regex, line, at) &&
          regex.tail->Match(text, at + compiled.vendor->anchors[anchor].size(), line.size(),
                            RE2::ANCHOR_START, groups.data(), group_count)) {
        record(plan, compiled, regex, groups.data(), line, out);
      }
      continue;
    }
    // At the anchor first: a match there is this anchor's code, and the lead positions before
    // it (for `%22BackMsg_…`) are tried only when it has none.
    const auto try_start = [&](std::size_t start) {
      if (!may_start_at(regex, line, start) ||
          !regex.regex->Match(text, start, line.size(), RE2::ANCHOR_START, groups.data(),
                              group_count)) {
        return false;
      }
      record(plan, compiled, regex, groups.data(), line, out);
      return true;
    };
    if (try_start(at)) continue;
    for (std::size_t start = first_start; start < at; ++start) try_start(start);
  }
}

// Tries each regex at each anchor occurrence (and up to anchor_lead bytes before it), finding
// the anchors with memmem.
void find_near_anchors(const MatcherPlan& plan, const CompiledVendor& compiled,
                       std::string_view line, std::vector<Match>& out) {
  const auto& anchors = compiled.vendor->anchors;
  for (std::size_t index = 0; index < anchors.size(); ++index) {
    const std::string& anchor = anchors[index];
    for (std::size_t from = 0; from < line.size();) {
      const void* found =
          ::memmem(line.data() + from, line.size() - from, anchor.data(), anchor.size());
      if (found == nullptr) break;
      const auto at = static_cast<std::size_t>(static_cast<const char*>(found) - line.data());
      from = at + 1;
      try_at_anchor(plan, compiled, line, at, index, ~0u, Required::check, out);
    }
  }
}

// find() from the line's candidates (marked or not): each is tried for the vendors' anchors
// its literal stands for, in one pass over them.
// Returns whether each candidate gave a match.
bool find_at_candidates(const MatcherPlan& plan, std::string_view line,
                        std::span<const Candidate> candidates, std::vector<Match>& out) {
  std::uint32_t present = 0;
  bool each_found = true;
  for (const auto& candidate : candidates) {
    present |= 1u << candidate.literal;
    const std::size_t found_before = out.size();
    for (const auto& use : plan.uses_of_literal[candidate.literal]) {
      if (candidate.start < use.link.delta) continue;
      const std::size_t at = candidate.start - use.link.delta;
      const CompiledVendor& compiled = plan.vendors[use.vendor];
      if (candidate.regex_bits == ~std::uint32_t{0}) {
        // Not marked: the anchor and the regexes' required strings are still to check.
        if (!use.anchor.occurs_at(line, at)) continue;
        try_at_anchor(plan, compiled, line, at, use.link.anchor, use.all_regexes, Required::check,
                      out);
      } else if (use.first_bit != MatcherPlan::k_no_mark_bit) {
        const std::uint32_t bits = (candidate.regex_bits >> use.first_bit) & use.all_regexes;
        if (bits == 0) continue;
        try_at_anchor(plan, compiled, line, at, use.link.anchor, bits, Required::known_present,
                      out);
      }
    }
    each_found = each_found && out.size() > found_before;
  }
  // Vendors without an anchor_lead search the whole line for their regexes.
  if ((present & plan.unled_literals) == 0) return each_found;
  for (const auto& compiled : plan.vendors) {
    if (!compiled.vendor->anchor_lead && (present & compiled.anchor_bits) != 0) {
      find_along(plan, compiled, line, out);
    }
  }
  return false;
}

// Whether the matches in out[first..] are all a folded view could make of their anchors: none
// waits for a param or a sub-code an escaping may hide.
bool complete(const MatcherPlan& plan, const std::vector<Match>& out, std::size_t first) {
  return std::all_of(out.begin() + static_cast<std::ptrdiff_t>(first), out.end(),
                     [&plan](const Match& match) {
                       return (!match.param.empty() || !plan.has_param(*match.vendor)) &&
                              (!match.sub_code.empty() ||
                               !defers_to_sub_code(*match.vendor, match.code));
                     });
}

// True when one of `regexes` matches somewhere in the line.
bool any_matches(const MatcherPlan& plan, const std::vector<CompiledRegex>& regexes,
                 std::string_view line) {
  const re2::StringPiece text(line.data(), line.size());
  return std::any_of(regexes.begin(), regexes.end(), [&](const CompiledRegex& regex) {
    return has_required(plan, regex, line) && RE2::PartialMatch(text, *regex.regex);
  });
}

// The spans of the objects holding each match of `regexes` in the line: an exclude there
// speaks for the codes of that object and of the objects nested in it.
void add_mark_spans(const std::vector<CompiledRegex>& regexes, std::string_view line,
                    std::vector<std::pair<std::size_t, std::size_t>>& spans) {
  const re2::StringPiece text(line.data(), line.size());
  re2::StringPiece whole;
  for (const auto& regex : regexes) {
    for (std::size_t from = 0;
         from < line.size() &&
         regex.regex->Match(text, from, line.size(), RE2::UNANCHORED, &whole, 1);) {
      const auto at = static_cast<std::size_t>(whole.data() - line.data());
      const std::size_t start = object_start(line, at);
      if (line[start] == '{') {
        spans.emplace_back(start, object_end(line, at));
      } else {
        spans.emplace_back(0, line.size());  // outside any object: the whole line
      }
      from = std::max(at + whole.size(), at + 1);
    }
  }
}

// Drops the matches in out[first..] of each vendor whose exclude regexes match the line (a line
// naming WeChat's hosts is not DingTalk's). When the line also holds one of the vendor's claims
// (its own host), an exclude drops only the codes in its own object and the objects inside it.
void drop_excluded(const MatcherPlan& plan, std::string_view line, std::vector<Match>& out,
                   std::size_t first) {
  for (const auto& compiled : plan.vendors) {
    if (compiled.excludes.empty()) continue;
    const auto is_its = [&compiled](const Match& match) { return match.vendor == compiled.vendor; };
    const auto begin = out.begin() + static_cast<std::ptrdiff_t>(first);
    if (std::none_of(begin, out.end(), is_its)) continue;
    if (!compiled.exclude_gate.empty() &&
        !compiled.exclude_gate.found_in(line, plan.level)) {
      continue;
    }
    if (!any_matches(plan, compiled.excludes, line)) continue;
    if (compiled.claims.empty() || !any_matches(plan, compiled.claims, line)) {
      out.erase(std::remove_if(begin, out.end(), is_its), out.end());
      continue;
    }
    // Both vendors are named in the line (rare): reused, so the usual line allocates nothing.
    thread_local std::vector<std::pair<std::size_t, std::size_t>> spans;
    spans.clear();
    add_mark_spans(compiled.excludes, line, spans);
    const auto excluded = [&](const Match& match) {
      return is_its(match) && std::any_of(spans.begin(), spans.end(), [&](const auto& span) {
               return span.first <= match.offset && match.offset < span.second;
             });
    };
    out.erase(std::remove_if(begin, out.end(), excluded), out.end());
  }
}

// Orders out[first..] by offset, then by vendor (catalog order), keeping the found order
// otherwise, and drops repeats of a vendor's code.
void order_and_dedupe(const MatcherPlan& plan, std::vector<Match>& out, std::size_t first) {
  const auto rank = [&plan](const VendorSpec* vendor) {
    std::size_t index = 0;
    while (index < plan.vendors.size() && plan.vendors[index].vendor != vendor) ++index;
    return index;
  };
  const auto before = [&rank](const Match& a, const Match& b) {
    return a.offset < b.offset ||
           (a.offset == b.offset && a.vendor != b.vendor && rank(a.vendor) < rank(b.vendor));
  };
  // An insertion sort: a line has a few codes, and std::stable_sort would allocate a buffer.
  for (std::size_t i = first + 1; i < out.size(); ++i) {
    for (std::size_t j = i; j > first && before(out[j], out[j - 1]); --j) {
      std::swap(out[j], out[j - 1]);
    }
  }
  drop_repeats(out, first);
}

// Whether find_in also searches the line's folded view.
enum class Fold { yes, no };

std::size_t find_line(const MatcherPlan& plan, std::string_view line, std::vector<Match>& out,
                      Fold fold);

// Appends the codes of the line's folded view (its escapings undone) that out[first..] lacks,
// pointed at the line. One found in both takes what only the view showed (an escaped [param]).
void add_folded(const MatcherPlan& plan, std::string_view line, std::vector<Match>& out,
                std::size_t first) {
  constexpr std::size_t k_kept_buffer = 1 << 20;
  thread_local FoldedView view;
  view.fold(line);
  const std::size_t folded = out.size();
  find_line(plan, view.text(), out, Fold::no);
  std::size_t kept = folded;
  for (std::size_t i = folded; i < out.size(); ++i) {
    Match& match = out[i];
    if (!view.point_at_line(line, match)) continue;
    const auto end = out.begin() + static_cast<std::ptrdiff_t>(folded);
    const auto same = std::find_if(
        out.begin() + static_cast<std::ptrdiff_t>(first), end, [&match](const Match& found) {
          return found.vendor == match.vendor && found.offset == match.offset &&
                 found.code == match.code;
        });
    if (same == end) {
      out[kept++] = match;
      continue;
    }
    if (same->param.empty()) same->param = match.param;
    if (same->sub_code.empty()) {
      same->sub_code = match.sub_code;
      same->sub_entry = match.sub_entry;
    }
  }
  out.resize(kept);
  view.release(k_kept_buffer);
}

// find() with the line's candidates when known (null: search the anchors per vendor); with
// Fold::yes, a line holding an escaping is searched once more with it undone.
std::size_t find_in(const MatcherPlan& plan, std::string_view line,
                    const std::span<const Candidate>* candidates, std::vector<Match>& out,
                    Fold fold = Fold::yes) {
  const std::size_t first = out.size();
  bool each_found = false;  // each candidate gave a match (in its raw form)
  if (candidates != nullptr) {
    each_found = find_at_candidates(plan, line, *candidates, out);
  } else {
    const std::uint32_t present = plan.prefilter.empty() ? 0 : plan.prefilter.present(line);
    for (const auto& compiled : plan.vendors) {
      if (!passes_anchors(plan, compiled, line, present)) continue;
      if (compiled.vendor->anchor_lead) {
        find_near_anchors(plan, compiled, line, out);
      } else {
        find_along(plan, compiled, line, out);
      }
    }
  }
  // A line naming an excluded host (WeChat's, for DingTalk) is not that vendor's.
  const std::size_t found = out.size();
  drop_excluded(plan, line, out, first);
  // When each candidate gave a whole match, the folded view has nothing to add.
  each_found = each_found && out.size() == found && complete(plan, out, first);
  if (fold == Fold::yes && !each_found &&
      (candidates != nullptr ? FoldedView::worth_folding(line, *candidates)
                             : FoldedView::worth_folding(line))) {
    add_folded(plan, line, out, first);
  }
  order_and_dedupe(plan, out, first);
  return out.size() - first;
}

// find() without candidates: the prefilter's occurrences in the line stand for them.
std::size_t find_line(const MatcherPlan& plan, std::string_view line, std::vector<Match>& out,
                      Fold fold) {
  if (plan.prefilter.empty()) return find_in(plan, line, nullptr, out, fold);
  // One pass finds every anchor literal in the line: which vendors to try, and where.
  std::array<Occurrence, 64> occurrences;
  const std::size_t found =
      plan.prefilter.occurrences(line, occurrences.data(), occurrences.size());
  if (found > occurrences.size()) return find_in(plan, line, nullptr, out, fold);  // crowded
  std::array<Candidate, 64> candidates;
  for (std::size_t i = 0; i < found; ++i) {
    candidates[i] = Candidate{0, 0, occurrences[i].start, occurrences[i].literal};
  }
  const std::span<const Candidate> span(candidates.data(), found);
  return find_in(plan, line, &span, out, fold);
}

// Sets in `candidate.regex_bits` which regexes may match at this occurrence of a prefilter
// literal in `text` (whole lines; its start relative to `text`), so find() attempts only
// those. False when none can: the anchor it belongs to is not there, no lead position can start
// the regex, or a string every match holds is missing from the rest of the line.
bool mark(const MatcherPlan& plan, std::string_view text, Candidate& candidate) noexcept {
  candidate.regex_bits = ~std::uint32_t{0};
  if ((plan.unled_literals >> candidate.literal & 1u) != 0) return true;  // searched along lines
  std::uint32_t marks = 0;
  std::size_t anchor_at = text.size();  // where an anchor occurs, if one does
  bool hidden = false;                  // an escaping after a key may hide its value
  for (const auto& use : plan.uses_of_literal[candidate.literal]) {
    if (candidate.start < use.link.delta) continue;
    const std::size_t at = candidate.start - use.link.delta;
    if (!use.anchor.occurs_at(text, at)) continue;
    anchor_at = at;
    // A key holding no table code is passed over, unless an escaping right after the key
    // (`\x22:`, `：`) may hide the code from this look and not from the folded view.
    const CompiledVendor& vendor = plan.vendors[use.vendor];
    const std::size_t key_end = at + vendor.vendor->anchors[use.link.anchor].size();
    const CodeAfterKey after_key = code_after_key(vendor, text, at, key_end);
    if (after_key == CodeAfterKey::not_table) continue;
    if (after_key == CodeAfterKey::unclear) {
      // Marked, find() would not look at the value again: left to its full check.
      hidden = hidden || FoldedView::worth_folding(text.substr(key_end, k_code_reach));
      continue;
    }
    // Past the mark's bits (over 32 regexes on one literal): left unmarked, find() checks it all.
    if (use.first_bit == MatcherPlan::k_no_mark_bit) return true;
    std::uint32_t passed = use.all_regexes & ~use.searched_regexes;
    if (use.searched_regexes != 0) {
      const auto& regexes = plan.vendors[use.vendor].regexes;
      const std::size_t first_start = at > use.lead ? at - use.lead : 0;
      const std::string_view window = text.substr(first_start);
      const std::uint32_t anchor_bit = bit_of(use.link.anchor);
      for (std::uint32_t left = use.searched_regexes; left != 0; left &= left - 1) {
        const auto r = static_cast<std::size_t>(__builtin_ctz(left));
        if (regexes[r].start == RegexStart::object) {
          // Checked here only when no regex at the anchor may match: find() tries the object
          // regexes only when those found nothing, and checks their required strings then.
          if ((passed & ~use.object_regexes) != 0 ||
              has_required(plan, regexes[r], text.substr(object_start(text, at)), anchor_bit)) {
            passed |= 1u << r;
          }
          continue;
        }
        // No search for a regex no lead position can start (its first byte, its leading \b):
        // 云客's \bcode inside every errcode.
        bool startable = false;
        for (std::size_t start = first_start; start <= at && !startable; ++start) {
          startable = may_start_at(regexes[r], text, start);
        }
        if (startable && has_required(plan, regexes[r], window, anchor_bit)) passed |= 1u << r;
      }
    }
    marks |= passed << use.first_bit;
  }
  candidate.regex_bits = marks;
  // An escaping by the anchor can hide the field from every regex but not from the folded
  // view: left unmarked, find() searches both.
  if (hidden ||
      (marks == 0 && anchor_at < text.size() && FoldedView::escaped_near(text, anchor_at))) {
    candidate.regex_bits = ~std::uint32_t{0};
    return true;
  }
  return marks != 0;
}

// Keeps, as the prefilter finds them, the occurrences some regex may match at, with the
// regexes to attempt, while their bytes are in the cache.
class CandidateCollector final : public LiteralPrefilter::OccurrenceVisitor {
 public:
  CandidateCollector(const MatcherPlan& plan, std::vector<Candidate>& out) noexcept
      : m_plan(plan), m_out(out) {}
  void on(std::string_view text, const Occurrence& occurrence) override {
    Candidate candidate{occurrence.line, occurrence.line_start, occurrence.start,
                        occurrence.literal};
    if (mark(m_plan, text, candidate)) m_out.push_back(candidate);
  }

 private:
  const MatcherPlan& m_plan;
  std::vector<Candidate>& m_out;
};

}  // namespace

Matcher::Matcher(std::unique_ptr<const MatcherPlan> plan) noexcept : m_plan(std::move(plan)) {}
Matcher::Matcher(Matcher&& other) noexcept = default;
Matcher& Matcher::operator=(Matcher&& other) noexcept = default;
Matcher::~Matcher() = default;

Result<Matcher> Matcher::compile(const Catalog& catalog,
                                 const std::vector<std::string>& vendor_ids) {
  std::vector<const VendorSpec*> vendors;
  for (const auto& vendor : catalog.vendors()) {
    if (vendor_ids.empty() ||
        std::find(vendor_ids.begin(), vendor_ids.end(), vendor.id) != vendor_ids.end()) {
      vendors.push_back(&vendor);
    }
  }
  return compile_vendors(vendors);
}

Result<Matcher> Matcher::compile_vendor(const VendorSpec& vendor) {
  return compile_vendors({&vendor});
}

Result<Matcher> Matcher::compile_vendors(const std::vector<const VendorSpec*>& vendors) {
  auto plan = std::make_unique<MatcherPlan>();
  for (const VendorSpec* vendor : vendors) {
    if (auto status = plan->add_vendor(*vendor); !status.ok()) return status.error();
  }
  plan->build_prefilter();
  return Matcher(std::move(plan));
}

bool Matcher::matches_every_line() const noexcept {
  return m_plan->prefilter.empty();
}

std::size_t Matcher::find_candidates(std::string_view block, std::vector<Candidate>& out) const {
  const std::size_t first = out.size();
  CandidateCollector collector(*m_plan, out);
  const std::size_t newlines = m_plan->prefilter.scan_block(block, collector);
  // Pairs are met in order, but a literal's start lies before its pair by its own offset, so
  // the list is sorted but for neighbours a few bytes apart: an insertion sort is linear here.
  for (std::size_t i = first + 1; i < out.size(); ++i) {
    for (std::size_t j = i; j > first && out[j].start < out[j - 1].start; --j) {
      std::swap(out[j], out[j - 1]);
    }
  }
  // Each candidate's start made relative to its line (the scan found where the line of the
  // literal's pair starts; a literal holding a newline starts on an earlier line).
  for (std::size_t i = first; i < out.size(); ++i) {
    Candidate& candidate = out[i];
    if (candidate.start < candidate.line_start) {
      const std::size_t newline = block.substr(0, candidate.start).rfind('\n');
      candidate.line_start =
          static_cast<std::uint32_t>(newline == std::string_view::npos ? 0 : newline + 1);
    }
    candidate.start -= candidate.line_start;
  }
  return newlines;
}

std::size_t Matcher::next_candidate(std::string_view text, std::size_t from) const noexcept {
  return m_plan->prefilter.find_first(text, from);
}

std::size_t Matcher::find(std::string_view line, std::vector<Match>& out) const {
  return find_line(*m_plan, line, out, Fold::yes);
}

std::size_t Matcher::find(std::string_view line, std::span<const Candidate> candidates,
                          std::vector<Match>& out) const {
  return find_in(*m_plan, line, &candidates, out);
}

}  // namespace errscope
