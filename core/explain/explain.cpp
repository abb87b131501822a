#include "explain/explain.hpp"

#include <algorithm>

namespace errscope {

namespace {

// The code reduced to a comparison key: ASCII lower case, leading zeros of each digit run dropped.
std::string loose_key(std::string_view code) {
  std::string key;
  key.reserve(code.size());
  bool in_digits = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    const bool digit = c >= '0' && c <= '9';
    if (digit && !in_digits && c == '0' && i + 1 < code.size() && code[i + 1] >= '0' &&
        code[i + 1] <= '9') {
      continue;  // a leading zero followed by another digit
    }
    in_digits = digit;
    key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return key;
}

bool selected(const VendorSpec& vendor, const std::vector<std::string>& vendor_ids) {
  return vendor_ids.empty() ||
         std::find(vendor_ids.begin(), vendor_ids.end(), vendor.id) != vendor_ids.end();
}

}  // namespace

CodeQuery parse_code_query(std::string_view text) {
  CodeQuery query;
  query.text = std::string(text);
  const std::size_t open = text.find('[');
  if (open != std::string_view::npos && open > 0 && text.ends_with(']')) {
    query.code = std::string(text.substr(0, open));
    query.param = std::string(text.substr(open + 1, text.size() - open - 2));
  } else {
    query.code = query.text;
  }
  return query;
}

ExplainResult explain_code(const Catalog& catalog, std::string_view text,
                           const std::vector<std::string>& vendor_ids) {
  ExplainResult result;
  result.query = parse_code_query(text);
  for (const auto& vendor : catalog.vendors()) {
    if (!selected(vendor, vendor_ids)) continue;
    if (const CodeEntry* entry = vendor.find(result.query.code))
      result.hits.push_back({&vendor, entry});
  }
  if (!result.hits.empty() || result.query.code.empty()) return result;
  const std::string wanted = loose_key(result.query.code);
  for (const auto& vendor : catalog.vendors()) {
    if (!selected(vendor, vendor_ids)) continue;
    for (const auto& entry : vendor.codes) {
      if (loose_key(entry.code) == wanted) result.hits.push_back({&vendor, &entry});
    }
  }
  return result;
}

}  // namespace errscope
