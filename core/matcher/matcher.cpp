#include "matcher/matcher.hpp"

#include <re2/filtered_re2.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <tuple>
#include <unordered_set>
#include <utility>

#if defined(__SSE2__)
#include <immintrin.h>
#endif

#include "util/text_position.hpp"

namespace errscope {

namespace {

constexpr int k_max_groups = 16;

// The position in the file of byte `index` of a regex: walks the regex's raw JSON string
// (which holds no newline) and counts the bytes each escape produces.
SourcePosition position_in_regex(const RegexSpec& spec, std::size_t index) {
  SourcePosition where = spec.where;
  const std::string_view raw = spec.raw_json;
  if (where.line == 0 || raw.empty() || raw[0] != '"') return where;
  std::size_t at = 1;
  std::size_t produced = 0;
  while (at < raw.size() && produced < index) {
    at += raw[at] == '\\' ? (raw.substr(at + 1, 1) == "u" ? 6 : 2) : 1;
    ++produced;
  }
  where.column += line_column_at(raw, std::min(at, raw.size())).column - 1;
  return where;
}

std::string regex_fix(const RE2& regex, std::string_view at_error) {
  const std::string_view arg = at_error.empty() ? std::string_view(regex.error_arg()) : at_error;
  if (arg.starts_with("(?=") || arg.starts_with("(?!")) {
    return "RE2 does not support lookahead; match the context as part of the pattern instead "
           "(e.g. end the code with \\b or a character class)";
  }
  if (arg.starts_with("(?<=") || arg.starts_with("(?<!")) {
    return "RE2 does not support lookbehind; match the preceding context as part of the "
           "pattern (e.g. (?:^|[^0-9])) or use \\b";
  }
  if (arg.starts_with("(?<")) {
    return "write named groups as (?P<name>...)";
  }
  if (arg.size() >= 2 && arg[0] == '\\' && arg[1] >= '1' && arg[1] <= '9') {
    return "RE2 does not support backreferences (" + std::string(arg.substr(0, 2)) +
           "); repeat the group's pattern instead";
  }
  return "rewrite the regex in RE2 syntax (https://github.com/google/re2/wiki/Syntax)";
}

RE2::Options pattern_options() {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(k_max_regex_memory);
  return options;
}

// `pattern` with each wide counted repetition X{m,n} (n - m > 8, or no n) written X* or X+: a
// regex for a superset of the strings, so the substrings all its matches hold are held by the
// original's matches too, and one that compiles without hundreds of copies of X (FilteredRE2
// compiles the regex again). Escapes, character classes and \Q...\E are left alone.
std::string loosen_repetitions(const std::string& pattern) {
  if (pattern.find("\\Q") != std::string::npos) return pattern;
  std::string out;
  out.reserve(pattern.size());
  bool in_class = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      out += c;
      out += pattern[++i];
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      out += c;
      continue;
    }
    if (c == '[') {
      in_class = true;
      out += c;
      // A ']' right after '[' or '[^' is a member, not the end.
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') out += pattern[++i];
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') out += pattern[++i];
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

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Hands `use` FilteredRE2's atoms of `pattern` (lower case; atoms shorter than three bytes are
// not kept, so `:` or `=` never count) with the filter that answers for them, and returns what
// it returns; empty when RE2 rejects the pattern.
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

// The strings every match of `pattern` contains, as FilteredRE2 sees them. An atom is required
// when the regex stops passing FilteredRE2's filter once that atom alone is missing. Atoms with
// non-ASCII bytes are left out: they are compared here with ASCII case folding only.
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
          if (potential.empty() && is_ascii(atoms[missing]) && !atoms[missing].empty()) {
            required.push_back(atoms[missing]);
          }
        }
        return required;
      });
}

// The atoms of `pattern` when FilteredRE2 says no match is possible without at least one of
// them; empty when a match may hold none, or an atom is not ASCII.
std::vector<std::string> some_atoms(const std::string& pattern) {
  return with_atoms(
      pattern, [](const re2::FilteredRE2& filter, const std::vector<std::string>& atoms) {
        std::vector<int> potential;
        filter.AllPotentials({}, &potential);
        const bool usable = std::all_of(atoms.begin(), atoms.end(), [](const std::string& atom) {
          return !atom.empty() && is_ascii(atom);
        });
        return potential.empty() && usable ? atoms : std::vector<std::string>{};
      });
}

unsigned char fold_ascii(unsigned char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c | 0x20) : c;
}

// The required atoms of `pattern`, each with the anchors (of at most 32) that contain it.
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

bool equal_folded(const char* text, std::string_view needle) noexcept {
  for (std::size_t i = 0; i < needle.size(); ++i) {
    if (fold_ascii(static_cast<unsigned char>(text[i])) != static_cast<unsigned char>(needle[i]))
      return false;
  }
  return true;
}

#if defined(__x86_64__)
const bool k_has_avx2 = __builtin_cpu_supports("avx2");

enum class FoldedScan { found, absent, unfinished };

// The needle's first, second and last bytes (with 0x20 set), broadcast.
struct FoldedNeedle {
  __m256i first;
  __m256i second;
  __m256i final;
};

// Tests the 32 starts at `data` but the first `skip`: found, absent (a newline ends the line
// first) or unfinished.
__attribute__((target("avx2"), always_inline)) inline FoldedScan folded_step(
    const char* data, std::string_view needle, const FoldedNeedle& wanted, unsigned skip) noexcept {
  const __m256i case_bit = _mm256_set1_epi8(0x20);
  const __m256i raw = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data));
  const __m256i a = _mm256_or_si256(raw, case_bit);
  const __m256i b =
      _mm256_or_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + 1)), case_bit);
  const __m256i c = _mm256_or_si256(
      _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + needle.size() - 1)), case_bit);
  const std::uint32_t kept = ~std::uint32_t{0} << skip;
  auto hits =
      kept &
      static_cast<std::uint32_t>(_mm256_movemask_epi8(_mm256_and_si256(
          _mm256_and_si256(_mm256_cmpeq_epi8(a, wanted.first), _mm256_cmpeq_epi8(b, wanted.second)),
          _mm256_cmpeq_epi8(c, wanted.final))));
  const auto newlines = kept & static_cast<std::uint32_t>(_mm256_movemask_epi8(
                                   _mm256_cmpeq_epi8(raw, _mm256_set1_epi8('\n'))));
  if (newlines != 0) hits &= (newlines & (0u - newlines)) - 1;  // starts before the newline
  for (; hits != 0; hits &= hits - 1) {
    if (equal_folded(data + __builtin_ctz(hits), needle)) return FoldedScan::found;
  }
  return newlines != 0 ? FoldedScan::absent : FoldedScan::unfinished;
}

// contains_folded 32 positions at a time, testing the needle's first, second and last bytes at
// once (fewer false hits to confirm). A haystack of 32 starts or more is finished with one
// overlapping step at its end; a shorter one is left to the caller.
__attribute__((target("avx2"))) FoldedScan contains_folded_avx2(std::string_view haystack,
                                                                std::string_view needle,
                                                                std::size_t last) noexcept {
  if (last + 1 < 32) return FoldedScan::unfinished;
  const FoldedNeedle wanted{_mm256_set1_epi8(static_cast<char>(needle[0] | 0x20)),
                            _mm256_set1_epi8(static_cast<char>(needle[1] | 0x20)),
                            _mm256_set1_epi8(static_cast<char>(needle.back() | 0x20))};
  std::size_t at = 0;
  for (; at + 32 <= last + 1; at += 32) {
    const FoldedScan scan = folded_step(haystack.data() + at, needle, wanted, 0);
    if (scan != FoldedScan::unfinished) return scan;
  }
  if (at > last) return FoldedScan::absent;
  const std::size_t from = last + 1 - 32;
  const FoldedScan scan =
      folded_step(haystack.data() + from, needle, wanted, static_cast<unsigned>(at - from));
  return scan == FoldedScan::found ? scan : FoldedScan::absent;
}
#endif

// Whether lower-case `needle` (two bytes or more, no newline) occurs in `haystack` before its
// first newline, comparing ASCII letters without case. 32 positions at a time with AVX2, else
// 16, comparing bytes with 0x20 set on both sides (a superset of the folded compare, which then
// confirms each hit), and looking for the newline in the same pass.
[[gnu::always_inline]] inline bool contains_folded(std::string_view haystack,
                                                   std::string_view needle) noexcept {
  if (needle.size() > haystack.size()) return false;
  const std::size_t last = haystack.size() - needle.size();  // the last possible start
  std::size_t at = 0;
#if defined(__x86_64__)
  if (k_has_avx2 && needle.size() >= 2) {
    const FoldedScan scan = contains_folded_avx2(haystack, needle, last);
    if (scan != FoldedScan::unfinished) return scan == FoldedScan::found;
  }
#endif
#if defined(__SSE2__)
  const __m128i case_bit = _mm_set1_epi8(0x20);
  const __m128i newline = _mm_set1_epi8('\n');
  const __m128i first = _mm_set1_epi8(static_cast<char>(needle[0] | 0x20));
  const __m128i second = _mm_set1_epi8(static_cast<char>(needle[1] | 0x20));
  for (; needle.size() >= 2 && at + 15 <= last; at += 16) {
    const char* data = haystack.data() + at;
    const __m128i raw = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data));
    const __m128i a = _mm_or_si128(raw, case_bit);
    const __m128i b =
        _mm_or_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + 1)), case_bit);
    auto hits = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, second))));
    const auto newlines = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(raw, newline)));
    if (newlines != 0) hits &= (newlines & (0u - newlines)) - 1;  // starts before the newline
    for (; hits != 0; hits &= hits - 1) {
      if (equal_folded(data + __builtin_ctz(hits), needle)) return true;
    }
    if (newlines != 0) return false;
  }
#endif
  for (; at <= last && haystack[at] != '\n'; ++at) {
    if (equal_folded(haystack.data() + at, needle)) return true;
  }
  return false;
}

// Narrows the bytes a match of `regex` can start with, from the lexicographic bounds RE2 gives
// for all its matches: every match m has min <= m <= max, so m[0] is in [min[0], max[0]].
std::pair<unsigned char, unsigned char> first_bytes(const RE2& regex) {
  std::string low;
  std::string high;
  if (!regex.PossibleMatchRange(&low, &high, 4)) return {0, 255};
  return {low.empty() ? 0 : static_cast<unsigned char>(low[0]),
          high.empty() ? 255 : static_cast<unsigned char>(high[0])};
}

// Whether `pattern` begins with \b that every match must pass: the first item, with no `|`
// outside groups that could offer a branch without it.
bool starts_with_word_boundary(std::string_view pattern) {
  if (!pattern.starts_with("\\b")) return false;
  int depth = 0;
  bool in_class = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      ++i;
    } else if (in_class) {
      in_class = c != ']';
    } else if (c == '[') {
      in_class = true;
      if (i + 1 < pattern.size() && pattern[i + 1] == '^') ++i;
      if (i + 1 < pattern.size() && pattern[i + 1] == ']') ++i;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == '|' && depth == 0) {
      return false;
    }
  }
  return true;
}

// An anchor's or a regex's bit in a 32-bit set (none past the 32nd).
std::uint32_t bit_of(std::size_t index) {
  return index < 32 ? 1u << index : 0;
}

bool is_word_byte(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

}  // namespace

Result<std::unique_ptr<RE2>> compile_pattern_regex(const RegexSpec& spec) {
  if (spec.pattern.size() > k_max_regex_length) {
    return Diagnostic{spec.where,
                      "the regex is " + std::to_string(spec.pattern.size()) +
                          " bytes long, over the " + std::to_string(k_max_regex_length) +
                          "-byte limit",
                      "split it into several regexes"};
  }
  auto regex = std::make_unique<RE2>(spec.pattern, pattern_options());
  if (!regex->ok()) {
    const std::size_t at = spec.pattern.find(regex->error_arg());
    SourcePosition where = at == std::string::npos ? spec.where : position_in_regex(spec, at);
    const std::string_view at_error =
        at == std::string::npos ? std::string_view() : std::string_view(spec.pattern).substr(at, 4);
    return Diagnostic{where, "RE2 rejects the regex: " + regex->error(),
                      regex_fix(*regex, at_error)};
  }
  return regex;
}

Result<Matcher::CompiledRegex> Matcher::compile_code_regex(const RegexSpec& spec) {
  auto regex = compile_pattern_regex(spec);
  if (!regex.ok()) return std::move(regex).error();
  const auto& groups = (*regex)->NamedCapturingGroups();
  const auto code = groups.find("code");
  if (code == groups.end()) {
    return Diagnostic{spec.where, "the regex has no named group `code`",
                      "wrap the part that is the code in (?P<code>...)"};
  }
  const auto param = groups.find("param");
  const int last = std::max(code->second, param == groups.end() ? 0 : param->second);
  if (last >= k_max_groups) {
    return Diagnostic{
        spec.where, "the `code`/`param` group is capture group " + std::to_string(last),
        "make the other groups non-capturing, (?:...), so `code` is among the first " +
            std::to_string(k_max_groups - 1)};
  }
  return CompiledRegex{
      std::move(regex).value(), code->second, param == groups.end() ? -1 : param->second, {}};
}

Status Matcher::add_vendor(const VendorSpec& vendor) {
  CompiledVendor compiled;
  compiled.vendor = &vendor;
  for (const auto* specs : {&vendor.regexes, &vendor.sub_code_regexes}) {
    for (const auto& spec : *specs) {
      auto regex = compile_code_regex(spec);
      if (!regex.ok()) return std::move(regex).error();
      auto& into = specs == &vendor.regexes ? compiled.regexes : compiled.sub_code_regexes;
      into.push_back(std::move(regex).value());
      if (specs != &vendor.regexes) {  // sub-code regexes search whole lines
        into.back().some_of = some_atoms(spec.pattern);
        continue;
      }
      into.back().required = required_of(spec.pattern, vendor.anchors);
      std::tie(into.back().first_low, into.back().first_high) = first_bytes(*into.back().regex);
      into.back().starts_at_word_boundary = starts_with_word_boundary(spec.pattern);
    }
  }
  for (const auto& spec : vendor.excludes) {
    auto regex = compile_pattern_regex(spec);
    if (!regex.ok()) return std::move(regex).error();
    compiled.excludes.push_back(
        CompiledRegex{std::move(regex).value(), 0, -1, required_of(spec.pattern, {})});
  }
  m_vendors.push_back(std::move(compiled));
  return ok_status();
}

Result<Matcher> Matcher::compile(const Catalog& catalog,
                                 const std::vector<std::string>& vendor_ids) {
  Matcher matcher;
  for (const auto& vendor : catalog.vendors()) {
    if (!vendor_ids.empty() &&
        std::find(vendor_ids.begin(), vendor_ids.end(), vendor.id) == vendor_ids.end()) {
      continue;
    }
    if (auto status = matcher.add_vendor(vendor); !status.ok()) return status.error();
  }
  matcher.build_prefilter();
  return matcher;
}

Result<Matcher> Matcher::compile_vendor(const VendorSpec& vendor) {
  Matcher matcher;
  if (auto status = matcher.add_vendor(vendor); !status.ok()) return status.error();
  matcher.build_prefilter();
  return matcher;
}

void Matcher::build_prefilter() {
  std::vector<std::string> literals;
  for (const auto& compiled : m_vendors) {
    if (compiled.vendor->anchors.empty()) {
      m_prefilter = LiteralPrefilter();
      return;
    }
    literals.insert(literals.end(), compiled.vendor->anchors.begin(),
                    compiled.vendor->anchors.end());
  }
  m_prefilter = LiteralPrefilter(std::move(literals));
  // A vendor's anchor can be in a line only where one of the searched literals it contains is.
  const auto& kept = m_prefilter.literals();
  for (auto& compiled : m_vendors) {
    compiled.anchor_bits = 0;
    compiled.links.clear();
    compiled.anchor_words.clear();
    for (const auto& anchor : compiled.vendor->anchors) compiled.anchor_words.emplace_back(anchor);
    const auto& anchors = compiled.vendor->anchors;
    for (std::size_t a = 0; a < anchors.size(); ++a) {
      for (std::size_t i = 0; i < kept.size(); ++i) {
        for (std::size_t at = anchors[a].find(kept[i]); at != std::string::npos;
             at = anchors[a].find(kept[i], at + 1)) {
          compiled.anchor_bits |= 1u << i;
          compiled.links.push_back({static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(at),
                                    static_cast<std::uint32_t>(a)});
        }
      }
    }
  }
  m_uses_of_literal.assign(kept.size(), {});
  m_unled_literals = 0;
  for (std::size_t v = 0; v < m_vendors.size(); ++v) {
    const CompiledVendor& compiled = m_vendors[v];
    if (!compiled.vendor->anchor_lead) m_unled_literals |= compiled.anchor_bits;
    if (!compiled.vendor->anchor_lead) continue;  // its lines are searched whole
    const std::uint32_t all_regexes =
        compiled.regexes.size() >= 32 ? ~0u : (1u << compiled.regexes.size()) - 1;
    for (const auto& link : compiled.links) {
      // The regexes with a required string this anchor does not hold: only those need a search.
      const std::uint32_t anchor_bit = bit_of(link.anchor);
      std::uint32_t searched = 0;
      for (std::size_t r = 0; r < compiled.regexes.size(); ++r) {
        const auto& required = compiled.regexes[r].required;
        const bool all_implied = std::all_of(
            required.begin(), required.end(),
            [anchor_bit](const RequiredString& one) { return (one.implied_by & anchor_bit) != 0; });
        if (!all_implied) searched |= bit_of(r);
      }
      m_uses_of_literal[link.literal].push_back(
          {static_cast<std::uint32_t>(v), link, compiled.anchor_words[link.anchor], 0, all_regexes,
           searched, static_cast<std::uint32_t>(*compiled.vendor->anchor_lead)});
    }
  }
  // Each (use, regex) pair of a literal gets its bit in an occurrence's marks while bits last.
  for (auto& uses : m_uses_of_literal) {
    std::uint32_t next_bit = 0;
    for (auto& use : uses) {
      const auto count = static_cast<std::uint32_t>(m_vendors[use.vendor].regexes.size());
      use.first_bit = next_bit + count <= k_no_mark_bit ? next_bit : k_no_mark_bit;
      next_bit += count;
    }
  }
}

bool Matcher::passes_anchors(const CompiledVendor& compiled, std::string_view line,
                             std::uint32_t present) const noexcept {
  const auto& anchors = compiled.vendor->anchors;
  if (anchors.empty()) return true;
  if (!m_prefilter.empty()) return (present & compiled.anchor_bits) != 0;
  return std::any_of(anchors.begin(), anchors.end(), [line](const std::string& anchor) {
    return line.find(anchor) != std::string_view::npos;
  });
}

void Matcher::find_sub_code(const CompiledVendor& compiled, std::string_view line, Match& match) {
  const VendorSpec& vendor = *compiled.vendor;
  const auto& parents = vendor.sub_code_parents;
  if (std::find(parents.begin(), parents.end(), match.code) == parents.end()) return;
  std::array<re2::StringPiece, k_max_groups> groups;
  const re2::StringPiece text(line.data(), line.size());
  for (const auto& regex : compiled.sub_code_regexes) {
    const bool hopeless =
        !regex.some_of.empty() &&
        std::none_of(regex.some_of.begin(), regex.some_of.end(),
                     [line](const std::string& atom) { return contains_folded(line, atom); });
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
void Matcher::drop_repeats(std::vector<Match>& out, std::size_t first) {
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

std::size_t Matcher::record(const CompiledVendor& compiled, const CompiledRegex& regex,
                            const re2::StringPiece* groups, std::string_view line,
                            std::vector<Match>& out) {
  const re2::StringPiece code = groups[regex.code_group];
  if (code.data() == nullptr || code.empty()) {
    return static_cast<std::size_t>(groups[0].data() - line.data()) + groups[0].size();
  }
  const VendorSpec& vendor = *compiled.vendor;
  const std::size_t offset = static_cast<std::size_t>(code.data() - line.data());
  const std::string_view code_view(code.data(), code.size());
  const CodeEntry* entry = vendor.find(code_view);
  std::size_t param_end = 0;
  if (entry != nullptr || vendor.unknown_codes == UnknownCodes::report) {
    std::string_view param;
    if (regex.param_group > 0 && groups[regex.param_group].data() != nullptr) {
      param = std::string_view(groups[regex.param_group].data(), groups[regex.param_group].size());
      param_end = static_cast<std::size_t>(param.data() - line.data()) + param.size();
    }
    out.push_back(Match{&vendor, entry, code_view, param, offset, {}, nullptr});
    if (!compiled.sub_code_regexes.empty()) find_sub_code(compiled, line, out.back());
  }
  // Resume right after the code (or its parameter), not after the whole match, so a regex that
  // consumes a trailing delimiter cannot swallow the start of the next code.
  return std::max(offset + code.size(), param_end);
}

void Matcher::find_along(const CompiledVendor& compiled, std::string_view line,
                         std::vector<Match>& out) {
  std::array<re2::StringPiece, k_max_groups> groups;
  const re2::StringPiece text(line.data(), line.size());
  for (const auto& regex : compiled.regexes) {
    const int group_count = std::max(regex.code_group, regex.param_group) + 1;
    std::size_t position = 0;
    while (position <= line.size() &&
           regex.regex->Match(text, position, line.size(), RE2::UNANCHORED, groups.data(),
                              group_count)) {
      const std::size_t next = record(compiled, regex, groups.data(), line, out);
      position = next > position ? next : position + 1;
    }
  }
}

void Matcher::try_at_anchor(const CompiledVendor& compiled, std::string_view line, std::size_t at,
                            std::size_t anchor, std::uint32_t regex_bits, Required required,
                            std::vector<Match>& out) {
  std::array<re2::StringPiece, k_max_groups> groups;
  const re2::StringPiece text(line.data(), line.size());
  const std::size_t lead = *compiled.vendor->anchor_lead;
  const std::size_t first_start = at > lead ? at - lead : 0;
  const std::uint32_t anchor_bit = bit_of(anchor);
  for (std::size_t r = 0; r < compiled.regexes.size(); ++r) {
    const CompiledRegex& regex = compiled.regexes[r];
    if (r < 32 && (regex_bits >> r & 1u) == 0) continue;
    if (required == Required::check && !has_required(regex, line.substr(first_start), anchor_bit)) {
      continue;
    }
    for (std::size_t start = first_start; start <= at; ++start) {
      if (!may_start_at(regex, line, start)) continue;
      const int group_count = std::max(regex.code_group, regex.param_group) + 1;
      if (regex.regex->Match(text, start, line.size(), RE2::ANCHOR_START, groups.data(),
                             group_count)) {
        record(compiled, regex, groups.data(), line, out);
      }
    }
  }
}

[[gnu::always_inline]] inline bool Matcher::may_start_at(const CompiledRegex& regex,
                                                         std::string_view text,
                                                         std::size_t start) noexcept {
  const auto first = static_cast<unsigned char>(text[start]);
  if (first < regex.first_low || first > regex.first_high) return false;
  return !(regex.starts_at_word_boundary && start > 0 && is_word_byte(text[start - 1]) &&
           is_word_byte(text[start]));
}

[[gnu::always_inline]] inline bool Matcher::has_required(const CompiledRegex& regex,
                                                         std::string_view window,
                                                         std::uint32_t anchor_bits) noexcept {
  return std::all_of(regex.required.begin(), regex.required.end(),
                     [window, anchor_bits](const RequiredString& required) {
                       return (required.implied_by & anchor_bits) != 0 ||
                              contains_folded(window, required.text);
                     });
}

bool Matcher::mark(std::string_view text, LiteralPrefilter::Occurrence& occurrence) const noexcept {
  occurrence.marks = ~std::uint32_t{0};
  if ((m_unled_literals >> occurrence.literal & 1u) != 0) return true;  // searched along lines
  std::uint32_t marks = 0;
  for (const auto& use : m_uses_of_literal[occurrence.literal]) {
    if (occurrence.start < use.link.delta) continue;
    const std::size_t at = occurrence.start - use.link.delta;
    if (!use.anchor.occurs_at(text, at)) continue;
    // Past the mark's bits (over 32 regexes on one literal): left unmarked, find() checks it all.
    if (use.first_bit == k_no_mark_bit) return true;
    std::uint32_t passed = use.all_regexes & ~use.searched_regexes;
    if (use.searched_regexes != 0) {
      const auto& regexes = m_vendors[use.vendor].regexes;
      const std::size_t first_start = at > use.lead ? at - use.lead : 0;
      const std::string_view window = text.substr(first_start);
      const std::uint32_t anchor_bit = bit_of(use.link.anchor);
      for (std::uint32_t left = use.searched_regexes; left != 0; left &= left - 1) {
        const auto r = static_cast<std::size_t>(__builtin_ctz(left));
        // No search for a regex no lead position can start (its first byte, its leading \b):
        // 云客's \bcode inside every errcode.
        bool startable = false;
        for (std::size_t start = first_start; start <= at && !startable; ++start) {
          startable = may_start_at(regexes[r], text, start);
        }
        if (startable && has_required(regexes[r], window, anchor_bit)) passed |= 1u << r;
      }
    }
    marks |= passed << use.first_bit;
  }
  occurrence.marks = marks;
  return marks != 0;
}

void Matcher::find_near_anchors(const CompiledVendor& compiled, std::string_view line,
                                std::vector<Match>& out) {
  const auto& anchors = compiled.vendor->anchors;
  for (std::size_t index = 0; index < anchors.size(); ++index) {
    const std::string& anchor = anchors[index];
    for (std::size_t from = 0; from < line.size();) {
      const void* found =
          ::memmem(line.data() + from, line.size() - from, anchor.data(), anchor.size());
      if (found == nullptr) break;
      const auto at = static_cast<std::size_t>(static_cast<const char*>(found) - line.data());
      from = at + 1;
      try_at_anchor(compiled, line, at, index, ~0u, Required::check, out);
    }
  }
}

void Matcher::find_at_occurrences(std::string_view line,
                                  std::span<const LiteralPrefilter::Occurrence> occurrences,
                                  std::vector<Match>& out) const {
  std::uint32_t present = 0;
  for (const auto& occurrence : occurrences) {
    present |= 1u << occurrence.literal;
    for (const auto& use : m_uses_of_literal[occurrence.literal]) {
      if (occurrence.start < use.link.delta) continue;
      const std::size_t at = occurrence.start - use.link.delta;
      const CompiledVendor& compiled = m_vendors[use.vendor];
      if (occurrence.marks == ~std::uint32_t{0}) {
        // Not marked: the anchor and the regexes' required strings are still to check.
        if (!use.anchor.occurs_at(line, at)) continue;
        try_at_anchor(compiled, line, at, use.link.anchor, use.all_regexes, Required::check, out);
      } else if (use.first_bit != k_no_mark_bit) {
        const std::uint32_t bits = (occurrence.marks >> use.first_bit) & use.all_regexes;
        if (bits == 0) continue;
        try_at_anchor(compiled, line, at, use.link.anchor, bits, Required::known_present, out);
      }
    }
  }
  // Vendors without an anchor_lead search the whole line for their regexes.
  if ((present & m_unled_literals) == 0) return;
  for (const auto& compiled : m_vendors) {
    if (!compiled.vendor->anchor_lead && (present & compiled.anchor_bits) != 0) {
      find_along(compiled, line, out);
    }
  }
}

void Matcher::drop_excluded(std::string_view line, std::vector<Match>& out,
                            std::size_t first) const {
  for (const auto& compiled : m_vendors) {
    if (compiled.excludes.empty()) continue;
    const auto is_its = [&compiled](const Match& match) { return match.vendor == compiled.vendor; };
    const auto begin = out.begin() + static_cast<std::ptrdiff_t>(first);
    if (std::none_of(begin, out.end(), is_its)) continue;
    const re2::StringPiece text(line.data(), line.size());
    const bool excluded = std::any_of(
        compiled.excludes.begin(), compiled.excludes.end(), [&](const CompiledRegex& exclude) {
          return has_required(exclude, line) && RE2::PartialMatch(text, *exclude.regex);
        });
    if (excluded) out.erase(std::remove_if(begin, out.end(), is_its), out.end());
  }
}

void Matcher::order_and_dedupe(std::vector<Match>& out, std::size_t first) const {
  const auto rank = [this](const VendorSpec* vendor) {
    std::size_t index = 0;
    while (index < m_vendors.size() && m_vendors[index].vendor != vendor) ++index;
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

std::size_t Matcher::find(std::string_view line, std::vector<Match>& out) const {
  if (m_prefilter.empty()) return find_in(line, nullptr, out);
  // One pass finds every anchor literal in the line: which vendors to try, and where.
  std::array<LiteralPrefilter::Occurrence, 64> occurrences;
  const std::size_t found = m_prefilter.occurrences(line, occurrences.data(), occurrences.size());
  if (found > occurrences.size()) return find_in(line, nullptr, out);  // crowded: slower path
  const std::span<const LiteralPrefilter::Occurrence> span(occurrences.data(), found);
  return find_in(line, &span, out);
}

std::size_t Matcher::find(std::string_view line,
                          std::span<const LiteralPrefilter::Occurrence> occurrences,
                          std::vector<Match>& out) const {
  return find_in(line, &occurrences, out);
}

std::size_t Matcher::find_in(std::string_view line,
                             const std::span<const LiteralPrefilter::Occurrence>* occurrences,
                             std::vector<Match>& out) const {
  const std::size_t first = out.size();
  if (occurrences != nullptr) {
    find_at_occurrences(line, *occurrences, out);
  } else {
    const std::uint32_t present = m_prefilter.empty() ? 0 : m_prefilter.present(line);
    for (const auto& compiled : m_vendors) {
      if (!passes_anchors(compiled, line, present)) continue;
      if (compiled.vendor->anchor_lead) {
        find_near_anchors(compiled, line, out);
      } else {
        find_along(compiled, line, out);
      }
    }
  }
  // A line naming an excluded host (WeChat's, for DingTalk) is not that vendor's.
  drop_excluded(line, out, first);
  order_and_dedupe(out, first);
  return out.size() - first;
}

}  // namespace errscope
