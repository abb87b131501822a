#include "matcher/plan.hpp"

#include <algorithm>
#include <string>
#include <tuple>

#include "matcher/message_check.hpp"
#include "matcher/regex_compile.hpp"
#include "matcher/text_bytes.hpp"

namespace errscope {

namespace {

// A pattern's regex with its `code` (and optional `param`) group located, and the group named
// `message_group` when that is not empty.
Result<CompiledRegex> compile_code_regex(const RegexSpec& spec, const std::string& message_group) {
  auto regex = compile_pattern_regex(spec);
  if (!regex.ok()) return std::move(regex).error();
  const auto& groups = (*regex)->NamedCapturingGroups();
  const auto code = groups.find("code");
  if (code == groups.end()) {
    return Diagnostic{spec.where, "the regex has no named group `code`",
                      "wrap the part that is the code in (?P<code>...)"};
  }
  const auto param = groups.find("param");
  int message = -1;
  if (!message_group.empty()) {
    const auto found = groups.find(message_group);
    if (found == groups.end()) {
      return Diagnostic{spec.where,
                        "the regex has no named group `" + message_group +
                            "`, which \"message_group\" names",
                        "wrap the message logged beside the code in (?P<" + message_group +
                            ">...), or drop \"message_group\" to count codes without it"};
    }
    message = found->second;
  }
  const int last = std::max({code->second, param == groups.end() ? 0 : param->second, message});
  if (last >= k_max_groups) {
    return Diagnostic{
        spec.where, "the `code`/`param`/message group is capture group " + std::to_string(last),
        "make the other groups non-capturing, (?:...), so `code` is among the first " +
            std::to_string(k_max_groups - 1)};
  }
  CompiledRegex compiled;
  compiled.regex = std::move(regex).value();
  compiled.code_group = code->second;
  compiled.param_group = param == groups.end() ? -1 : param->second;
  compiled.message_group = message;
  compiled.start = spec.start;
  return compiled;
}

// Gives `compiled` the tail past its leading keys, when its pattern has them, RE2 compiles the
// tail alone with the same capture groups, and (for a vendor's regex, `anchors` given) every key
// is one of the anchors. Otherwise `compiled` keeps no tail and is tried whole.
void add_tail(CompiledRegex& compiled, const std::string& pattern,
              const std::vector<std::string>* anchors) {
  auto keys = leading_keys(pattern);
  if (!keys) return;
  std::uint32_t tail_anchors = 0;
  if (anchors != nullptr) {
    for (const auto& key : keys->keys) {
      const auto anchor = std::find(anchors->begin(), anchors->end(), key);
      if (anchor == anchors->end()) return;
      tail_anchors |= bit_of(static_cast<std::size_t>(anchor - anchors->begin()));
    }
  }
  auto tail = std::make_unique<RE2>(keys->tail, pattern_options());
  if (!tail->ok() || tail->NamedCapturingGroups() != compiled.regex->NamedCapturingGroups() ||
      tail->NumberOfCapturingGroups() != compiled.regex->NumberOfCapturingGroups()) {
    return;
  }
  compiled.tail = std::move(tail);
  keys->tail.clear();
  compiled.keys = std::move(*keys);
  compiled.tail_anchors = tail_anchors;
}

CompiledVendor::TableTokens table_tokens_of(const VendorSpec& vendor) {
  CompiledVendor::TableTokens tokens;
  tokens.usable = !vendor.codes.empty();
  for (const auto& entry : vendor.codes) {
    const std::string& code = entry.code;
    const std::size_t digits_from = code.starts_with('-') ? 1 : 0;
    const bool token = code.size() > digits_from &&
                       std::all_of(code.begin() + static_cast<std::ptrdiff_t>(digits_from),
                                   code.end(), is_word_byte);
    if (!token) return {};
    tokens.shapes.set(CompiledVendor::TableTokens::shape_of(code));
  }
  return tokens;
}

}  // namespace

Status MatcherPlan::add_vendor(const VendorSpec& vendor) {
  CompiledVendor compiled;
  compiled.vendor = &vendor;
  for (const auto* specs : {&vendor.regexes, &vendor.sub_code_regexes}) {
    for (const auto& spec : *specs) {
      // Sub-codes are looked up, not confirmed: only the vendor's own regexes carry a message.
      auto regex = compile_code_regex(
          spec, specs == &vendor.regexes ? vendor.message_group : std::string());
      if (!regex.ok()) return std::move(regex).error();
      auto& into = specs == &vendor.regexes ? compiled.regexes : compiled.sub_code_regexes;
      into.push_back(std::move(regex).value());
      if (specs != &vendor.regexes) {  // sub-code regexes search whole lines
        into.back().some_of = some_atoms(spec.pattern);
        add_tail(into.back(), spec.pattern, nullptr);
        continue;
      }
      if (spec.start == RegexStart::anchor) add_tail(into.back(), spec.pattern, &vendor.anchors);
      compiled.has_param = compiled.has_param || into.back().param_group > 0;
      into.back().required = required_of(spec.pattern, vendor.anchors);
      std::tie(into.back().first_low, into.back().first_high) = first_bytes(*into.back().regex);
      into.back().starts_at_word_boundary = starts_with_word_boundary(spec.pattern);
    }
  }
  for (const auto* specs : {&vendor.excludes, &vendor.claims}) {
    for (const auto& spec : *specs) {
      auto regex = compile_pattern_regex(spec);
      if (!regex.ok()) return std::move(regex).error();
      CompiledRegex mark;
      mark.regex = std::move(regex).value();
      mark.required = required_of(spec.pattern, {});
      (specs == &vendor.excludes ? compiled.excludes : compiled.claims).push_back(std::move(mark));
    }
  }
  std::vector<std::string> gate;
  for (const auto& exclude : compiled.excludes) {
    const auto longest = std::max_element(
        exclude.required.begin(), exclude.required.end(),
        [](const auto& a, const auto& b) { return a.text.size() < b.text.size(); });
    if (longest == exclude.required.end()) {
      gate.clear();
      break;
    }
    gate.push_back(longest->text);
  }
  compiled.exclude_gate = simd::FoldedNeedleSet(std::move(gate));
  if (!vendor.message_group.empty()) {
    compiled.table_tokens = table_tokens_of(vendor);
    for (const auto& entry : vendor.codes) {
      auto& texts = compiled.folded_messages.emplace_back();
      texts.push_back(folded_message(entry.message));
      for (const auto& alt : entry.alt_messages) texts.push_back(folded_message(alt));
      auto& forms = compiled.literal_messages.emplace_back(literal_forms(entry.message));
      for (const auto& alt : entry.alt_messages) {
        for (auto& form : literal_forms(alt)) forms.push_back(std::move(form));
      }
    }
  }
  vendors.push_back(std::move(compiled));
  return ok_status();
}

void MatcherPlan::build_prefilter() {
  std::vector<std::string> literals;
  for (const auto& compiled : vendors) {
    if (compiled.vendor->anchors.empty()) {
      prefilter = LiteralPrefilter();
      return;
    }
    literals.insert(literals.end(), compiled.vendor->anchors.begin(),
                    compiled.vendor->anchors.end());
  }
  prefilter = LiteralPrefilter(std::move(literals));
  // A vendor's anchor can be in a line only where one of the searched literals it contains is.
  const auto& kept = prefilter.literals();
  for (auto& compiled : vendors) {
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
  uses_of_literal.assign(kept.size(), {});
  unled_literals = 0;
  for (std::size_t v = 0; v < vendors.size(); ++v) {
    const CompiledVendor& compiled = vendors[v];
    if (!compiled.vendor->anchor_lead) unled_literals |= compiled.anchor_bits;
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
      std::uint32_t object = 0;
      for (std::size_t r = 0; r < compiled.regexes.size(); ++r) {
        if (compiled.regexes[r].start == RegexStart::object) object |= bit_of(r);
      }
      uses_of_literal[link.literal].push_back(
          {static_cast<std::uint32_t>(v), link, compiled.anchor_words[link.anchor], 0, all_regexes,
           searched, object, static_cast<std::uint32_t>(*compiled.vendor->anchor_lead)});
    }
  }
  // Each (use, regex) pair of a literal gets its bit in an occurrence's marks while bits last.
  for (auto& uses : uses_of_literal) {
    std::uint32_t next_bit = 0;
    for (auto& use : uses) {
      const auto count = static_cast<std::uint32_t>(vendors[use.vendor].regexes.size());
      use.first_bit = next_bit + count <= k_no_mark_bit ? next_bit : k_no_mark_bit;
      next_bit += count;
    }
  }
}

}  // namespace errscope
