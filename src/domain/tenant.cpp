#include "domain/tenant.h"

#include "domain/text.h"

namespace mamori::domain {

const char* to_string(TenantKind kind) {
  switch (kind) {
    case TenantKind::provider: return "provider";
    case TenantKind::customer: return "customer";
    case TenantKind::auditor: return "auditor";
  }
  return "provider";
}

std::optional<TenantKind> parse_tenant_kind(std::string_view text) {
  if (text == "provider") return TenantKind::provider;
  if (text == "customer") return TenantKind::customer;
  if (text == "auditor") return TenantKind::auditor;
  return std::nullopt;
}

std::optional<std::string> tenant_name_problem(std::string_view name) {
  if (!is_valid_utf8(name)) return "the name is not valid UTF-8";
  if (fold_for_search(name).empty()) return "the name is empty";
  if (utf8_length(name) > 200) return "the name is longer than 200 characters";
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7f) return "the name contains a control character";
  return std::nullopt;
}

}  // namespace mamori::domain
