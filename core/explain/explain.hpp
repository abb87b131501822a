#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"

namespace errscope {

/// A code as the user typed it: `BackMsg_17[ringing]` is code `BackMsg_17` with param `ringing`.
struct CodeQuery {
  std::string text;
  std::string code;
  std::string param;
};

/// Splits a typed code into the code and its bracketed runtime parameter.
CodeQuery parse_code_query(std::string_view text);

/// One vendor's meaning of a queried code.
struct ExplainHit {
  const VendorSpec* vendor = nullptr;
  const CodeEntry* entry = nullptr;
};

/// Every vendor's meaning of one queried code (none when no table has it).
struct ExplainResult {
  CodeQuery query;
  std::vector<ExplainHit> hits;
};

/// Looks a code up in every vendor of the catalog, or only those in `vendor_ids` when it is not
/// empty. An exact match wins; failing that, a code equal but for ASCII case or leading zeros of
/// its number (`backmsg_7` for `BackMsg_07`) is found.
ExplainResult explain_code(const Catalog& catalog, std::string_view text,
                           const std::vector<std::string>& vendor_ids = {});

}  // namespace errscope
