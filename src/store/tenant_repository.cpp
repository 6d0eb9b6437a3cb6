#include "store/tenant_repository.h"

#include "store/ids.h"
#include "store/tx.h"

namespace mamori::store {

namespace {

domain::Tenant tenant_from_row(const soci::row& r) {
  domain::Tenant t;
  t.id = r.get<std::string>(0);
  t.name = r.get<std::string>(1);
  t.kind = domain::parse_tenant_kind(r.get<std::string>(2)).value_or(domain::TenantKind::provider);
  t.created_at = r.get<std::string>(3);
  return t;
}

}  // namespace

Result<domain::Tenant> create_tenant(Tx& tx, const std::string& name, domain::TenantKind kind) {
  auto existing = find_tenant_by_name(tx, name);
  if (!existing) return existing.error();
  if (existing.value())
    return make_error(ErrorCode::conflict, "an organisation named \"" + name + "\" already exists",
                      Location::in_field("name"));
  domain::Tenant t{new_uuid_v7(), name, kind, utc_now()};
  const std::string kind_text = domain::to_string(kind);
  tx.sql() << "INSERT INTO tenants (id, name, kind, created_at) VALUES (:id, :name, :kind, :at)", soci::use(t.id),
      soci::use(t.name), soci::use(kind_text), soci::use(t.created_at);
  return t;
}

Result<std::optional<domain::Tenant>> find_tenant_by_name(Tx& tx, const std::string& name) {
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT id, name, kind, created_at FROM tenants WHERE name = :n", soci::use(name));
  for (const auto& r : rows) return std::optional<domain::Tenant>(tenant_from_row(r));
  return std::optional<domain::Tenant>();
}

Result<std::optional<domain::Tenant>> find_tenant(Tx& tx, const std::string& id) {
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT id, name, kind, created_at FROM tenants WHERE id = :id", soci::use(id));
  for (const auto& r : rows) return std::optional<domain::Tenant>(tenant_from_row(r));
  return std::optional<domain::Tenant>();
}

Result<std::vector<domain::Tenant>> list_tenants(Tx& tx) {
  std::vector<domain::Tenant> out;
  soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT id, name, kind, created_at FROM tenants ORDER BY name");
  for (const auto& r : rows) out.push_back(tenant_from_row(r));
  return out;
}

}  // namespace mamori::store
