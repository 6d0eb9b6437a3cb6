// How the API shows mamori's objects as JSON: one function per kind of
// object, so every route shows the same thing the same way.
#pragma once

#include <nlohmann/json.hpp>

#include "app/access_admin.h"
#include "app/auth.h"
#include "app/catalog_queries.h"
#include "domain/audit_chain.h"
#include "domain/tenant.h"
#include "store/user_repository.h"

namespace mamori::server {

nlohmann::json to_json(const app::AccountView& account);
nlohmann::json to_json(const store::Membership& membership);
nlohmann::json to_json(const domain::Tenant& tenant);
nlohmann::json to_json(const store::TenantSettings& settings);
nlohmann::json to_json(const store::ApiToken& token);
nlohmann::json to_json(const app::SessionView& session);
nlohmann::json to_json(const domain::AuditEntry& entry);
nlohmann::json to_json(const store::StoredCatalog& catalog);
nlohmann::json to_json(const app::NodeView& node);
nlohmann::json to_json(const app::NodeDetail& detail);

}  // namespace mamori::server
