#include "catalog/catalog.hpp"

#include <algorithm>

namespace errscope {

std::string_view to_string(Outcome outcome) noexcept {
  return outcome == Outcome::success ? "success" : "error";
}

const CodeEntry* VendorSpec::find(std::string_view code) const noexcept {
  const auto position = m_index.find(code);
  return position ? &codes[*position] : nullptr;
}

void VendorSpec::index_codes() {
  std::vector<std::string_view> keys;
  keys.reserve(codes.size());
  for (const auto& entry : codes) keys.emplace_back(entry.code);
  m_index = CodeIndex(keys);
}

Status Catalog::add(VendorSpec vendor) {
  const auto same_id = [&vendor](const VendorSpec& v) { return v.id == vendor.id; };
  const auto it = std::find_if(m_vendors.begin(), m_vendors.end(), same_id);
  if (it == m_vendors.end()) {
    m_vendors.push_back(std::move(vendor));
    m_vendors.back().index_codes();
    return ok_status();
  }
  if (it->place < vendor.place) {
    *it = std::move(vendor);
    it->index_codes();
    return ok_status();
  }
  Diagnostic error;
  error.where.file = vendor.origin;
  error.where.json_path = "/vendor";
  error.reason = "vendor id '" + vendor.id + "' is already defined by " + it->origin;
  error.fix = "give one of the two files another \"vendor\" id, or load only one of them";
  return error;
}

const VendorSpec* Catalog::find_vendor(std::string_view id) const noexcept {
  for (const auto& vendor : m_vendors) {
    if (vendor.id == id) return &vendor;
  }
  return nullptr;
}

}  // namespace errscope
