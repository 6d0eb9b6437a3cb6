// Organisations in the database.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/tenant.h"

namespace mamori::store {

class Tx;

// Fails with conflict when the name is taken.
Result<domain::Tenant> create_tenant(Tx& tx, const std::string& name, domain::TenantKind kind);
Result<std::optional<domain::Tenant>> find_tenant_by_name(Tx& tx, const std::string& name);
Result<std::optional<domain::Tenant>> find_tenant(Tx& tx, const std::string& id);
Result<std::vector<domain::Tenant>> list_tenants(Tx& tx);

}  // namespace mamori::store
