#include "matcher/regex_analysis.hpp"

#include <re2/filtered_re2.h>

#include <algorithm>

#include "matcher/regex_compile.hpp"
#include "matcher/text_bytes.hpp"

namespace errscope {

namespace {

// True when `text` has no letter that has a case outside ASCII: its other characters are all
// from U+3000..U+9FFF (CJK punctuation, kana, ideographs: UTF-8 lead bytes E3..E9), which have
// none. Such an atom is found with ASCII case folding as well as its lower-case form is.
bool is_caseless_beyond_ascii(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      ++i;
      continue;
    }
    if (byte < 0xE3 || byte > 0xE9 || i + 3 > text.size()) return false;
    i += 3;
  }
  return true;
}

unsigned char fold_ascii(unsigned char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c | 0x20) : c;
}

// Hands `use` FilteredRE2's atoms of `pattern` (lower case; atoms shorter than three bytes are
// not kept, so `:` or `=` never count) with the filter that answers for them, and returns what
// it returns; empty when RE2 rejects the pattern. FilteredRE2 compiles the regex again, so it
// gets the loosened one.
template <typename Use>
std::vector<std::string> with_atoms(const std::string& pattern, Use use) {
  constexpr int k_min_atom_length = 3;
  re2::FilteredRE2 filter(k_min_atom_length);
  int id = 0;
  if (filter.Add(loosen_repetitions(pattern), pattern_options(), &id) != RE2::NoError) return {};
  std::vector<std::string> atoms;
  filter.Compile(&atoms);
  return use(static_cast<const re2::FilteredRE2&>(filter), atoms);
}

// An atom is required when the regex stops passing FilteredRE2's filter once that atom alone is
// missing. Atoms with letters that have a case beyond ASCII are left out: they are compared
// with ASCII case folding only (CJK has no case: 微信原始报文 is kept).
std::vector<std::string> required_atoms(const std::string& pattern) {
  return with_atoms(
      pattern, [](const re2::FilteredRE2& filter, const std::vector<std::string>& atoms) {
        std::vector<std::string> required;
        std::vector<int> others;
        std::vector<int> potential;
        for (std::size_t missing = 0; missing < atoms.size(); ++missing) {
          others.clear();
          for (std::size_t i = 0; i < atoms.size(); ++i) {
            if (i != missing) others.push_back(static_cast<int>(i));
          }
          filter.AllPotentials(others, &potential);
          if (potential.empty() && is_caseless_beyond_ascii(atoms[missing]) &&
              !atoms[missing].empty()) {
            required.push_back(atoms[missing]);
          }
        }
        return required;
      });
}

}  // namespace

std::size_t class_end(std::string_view pattern, std::size_t open) noexcept {
  std::size_t i = open + 1;
  if (i < pattern.size() && pattern[i] == '^') ++i;
  if (i < pattern.size() && pattern[i] == ']') ++i;
  for (; i < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      ++i;
    } else if (pattern[i] == ']') {
      return i;
    }
  }
  return pattern.size();
}

std::string loosen_repetitions(const std::string& pattern) {
  if (pattern.find("\\Q") != std::string::npos) return pattern;
  std::string out;
  out.reserve(pattern.size());
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      out += c;
      out += pattern[++i];
      continue;
    }
    if (c == '[') {
      const std::size_t end = std::min(class_end(pattern, i) + 1, pattern.size());
      out.append(pattern, i, end - i);
      i = end - 1;
      continue;
    }
    if (c == '{') {
      std::size_t j = i + 1;
      std::size_t low = 0;
      std::size_t high = 0;
      bool has_low = false;
      bool has_high = false;
      bool comma = false;
      for (; j < pattern.size() && pattern[j] >= '0' && pattern[j] <= '9'; ++j) {
        low = std::min<std::size_t>(low * 10 + static_cast<std::size_t>(pattern[j] - '0'), 100000);
        has_low = true;
      }
      if (j < pattern.size() && pattern[j] == ',') {
        comma = true;
        for (++j; j < pattern.size() && pattern[j] >= '0' && pattern[j] <= '9'; ++j) {
          high =
              std::min<std::size_t>(high * 10 + static_cast<std::size_t>(pattern[j] - '0'), 100000);
          has_high = true;
        }
      }
      if (has_low && comma && j < pattern.size() && pattern[j] == '}' &&
          (!has_high || high > low + 8)) {
        out += low == 0 ? '*' : '+';
        i = j;
        continue;
      }
    }
    out += c;
  }
  return out;
}

std::vector<RequiredString> required_of(const std::string& pattern,
                                        const std::vector<std::string>& anchors) {
  std::vector<RequiredString> out;
  for (auto& atom : required_atoms(pattern)) {
    std::uint32_t implied_by = 0;
    for (std::size_t a = 0; a < anchors.size() && a < 32; ++a) {
      std::string lower = anchors[a];
      for (auto& c : lower) c = static_cast<char>(fold_ascii(static_cast<unsigned char>(c)));
      if (lower.find(atom) != std::string::npos) implied_by |= 1u << a;
    }
    out.push_back({std::move(atom), implied_by});
  }
  return out;
}

std::vector<std::string> some_atoms(const std::string& pattern) {
  return with_atoms(
      pattern, [](const re2::FilteredRE2& filter, const std::vector<std::string>& atoms) {
        std::vector<int> potential;
        filter.AllPotentials({}, &potential);
        const bool usable = std::all_of(atoms.begin(), atoms.end(), [](const std::string& atom) {
          return !atom.empty() && is_caseless_beyond_ascii(atom);
        });
        return potential.empty() && usable ? atoms : std::vector<std::string>{};
      });
}

// Every match m has min <= m <= max in RE2's lexicographic bounds, so m[0] is in
// [min[0], max[0]].
std::pair<unsigned char, unsigned char> first_bytes(const RE2& regex) {
  std::string low;
  std::string high;
  if (!regex.PossibleMatchRange(&low, &high, 4)) return {0, 255};
  return {low.empty() ? 0 : static_cast<unsigned char>(low[0]),
          high.empty() ? 255 : static_cast<unsigned char>(high[0])};
}

namespace {

// Whether `pattern` has a '|' outside every group: a branch of its own.
bool has_top_level_bar(std::string_view pattern) {
  int depth = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      if (i + 1 < pattern.size() && pattern[i + 1] == 'Q') return true;  // \Q...\E: not followed
      ++i;
    } else if (c == '[') {
      i = class_end(pattern, i);
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == '|' && depth == 0) {
      return true;
    }
  }
  return false;
}

}  // namespace

bool starts_with_word_boundary(std::string_view pattern) {
  return pattern.starts_with("\\b") && !has_top_level_bar(pattern);
}

namespace {

std::optional<std::vector<std::string>> key_alternation(std::string_view pattern,
                                                        std::size_t& at);

// A concatenation of key bytes and (?:...) groups, up to a '|' or ')' at its own level: the
// strings it matches.
std::optional<std::vector<std::string>> key_sequence(std::string_view pattern, std::size_t& at) {
  std::vector<std::string> strings{std::string()};
  while (at < pattern.size() && pattern[at] != '|' && pattern[at] != ')') {
    if (is_word_byte(pattern[at])) {
      for (auto& text : strings) text += pattern[at];
      ++at;
      continue;
    }
    if (pattern.substr(at, 3) != "(?:") return std::nullopt;
    at += 3;
    const auto inner = key_alternation(pattern, at);
    if (!inner || at >= pattern.size() || pattern[at] != ')') return std::nullopt;
    ++at;
    if (strings.size() * inner->size() > k_max_leading_keys) return std::nullopt;
    std::vector<std::string> joined;
    for (const auto& head : strings) {
      for (const auto& rest : *inner) joined.push_back(head + rest);
    }
    strings = std::move(joined);
  }
  return strings;
}

// Sequences separated by '|', up to the ')' that closes their group: the strings they match.
std::optional<std::vector<std::string>> key_alternation(std::string_view pattern,
                                                        std::size_t& at) {
  std::vector<std::string> strings;
  for (;;) {
    auto branch = key_sequence(pattern, at);
    if (!branch || strings.size() + branch->size() > k_max_leading_keys) return std::nullopt;
    strings.insert(strings.end(), branch->begin(), branch->end());
    if (at >= pattern.size() || pattern[at] != '|') return strings;
    ++at;
  }
}

}  // namespace

std::optional<LeadingKeys> leading_keys(std::string_view pattern) {
  LeadingKeys found;
  std::size_t at = 0;
  if (pattern.starts_with("\\b")) {
    found.word_boundary = true;
    at = 2;
  }
  if (pattern.substr(at, 3) != "(?:" || has_top_level_bar(pattern)) return std::nullopt;
  at += 3;
  auto keys = key_alternation(pattern, at);
  if (!keys || at >= pattern.size() || pattern[at] != ')') return std::nullopt;
  ++at;
  // The group must be there exactly once: not followed by a quantifier.
  if (at < pattern.size() && std::string_view("?*+{").find(pattern[at]) != std::string_view::npos) {
    return std::nullopt;
  }
  for (const auto& key : *keys) {
    if (key.empty()) return std::nullopt;
    for (const auto& other : *keys) {
      if (&key != &other && other.starts_with(key)) return std::nullopt;  // or a repeat
    }
  }
  found.keys = std::move(*keys);
  found.tail = std::string(pattern.substr(at));
  return found;
}

}  // namespace errscope
