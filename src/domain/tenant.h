// Organisations (tenants). Every row that belongs to an organisation carries
// its tenant id; the kind says which side of the market it is on.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mamori::domain {

enum class TenantKind { provider, customer, auditor };

const char* to_string(TenantKind kind);
std::optional<TenantKind> parse_tenant_kind(std::string_view text);

struct Tenant {
  std::string id;
  std::string name;
  TenantKind kind = TenantKind::provider;
  std::string created_at;
};

// A name users can tell apart: 1..200 characters, no control characters,
// not only spaces. Returns the reason when it is not acceptable.
std::optional<std::string> tenant_name_problem(std::string_view name);

}  // namespace mamori::domain
