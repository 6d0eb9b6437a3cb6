// The asset inventory: assets and the cloud services each touches.
#include <nlohmann/json.hpp>

#include "store/isms_repository.h"
#include "store/constraint_errors.h"
#include "store/row_values.h"
#include "store/tx.h"

namespace mamori::store {

namespace {

using nlohmann::json;

constexpr const char* kAssetColumns =
    "a.id, a.name, a.asset_type, a.description, a.owner, a.confidentiality, a.integrity, a.availability, "
    "a.personal_info, a.data_category, a.storage_location, a.storage_country, a.suppliers, a.created_by, "
    "a.created_at, a.updated_by, a.updated_at";

StoredAsset asset_from_row(const soci::row& r) {
  StoredAsset s;
  auto& a = s.asset;
  a.id = s.id = r.get<std::string>(0);
  a.name = s.name = r.get<std::string>(1);
  a.type = domain::parse_asset_type(r.get<std::string>(2)).value_or(domain::AssetType::other);
  a.description = r.get<std::string>(3);
  a.owner = r.get<std::string>(4);
  a.confidentiality = static_cast<int>(integer_at(r, 5));
  a.integrity = static_cast<int>(integer_at(r, 6));
  a.availability = static_cast<int>(integer_at(r, 7));
  a.personal_info = integer_at(r, 8) != 0;
  a.category = domain::parse_data_category(r.get<std::string>(9)).value_or(domain::DataCategory::own);
  a.storage_location = r.get<std::string>(10);
  a.storage_country = r.get<std::string>(11);
  const json suppliers = json::parse(r.get<std::string>(12), nullptr, false);
  if (suppliers.is_array())
    for (const auto& v : suppliers)
      if (v.is_string()) a.suppliers.push_back(v.get<std::string>());
  s.created_by = r.get<std::string>(13);
  s.created_at = r.get<std::string>(14);
  s.updated_by = r.get<std::string>(15);
  s.updated_at = r.get<std::string>(16);
  return s;
}

// Fills service_ids of the listed assets, in the order they were given.
void load_services(Tx& tx, const std::string& tenant_id, std::vector<StoredAsset>& assets) {
  if (assets.empty()) return;
  soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT asset_id, service_id FROM asset_services "
                                                      "WHERE tenant_id = :t ORDER BY asset_id, seq",
                                  soci::use(tenant_id));
  for (const auto& r : rows) {
    const std::string asset_id = r.get<std::string>(0);
    for (auto& a : assets)
      if (a.id == asset_id) a.asset.service_ids.push_back(r.get<std::string>(1));
  }
}

void insert_services(Tx& tx, const std::string& tenant_id, const domain::Asset& a) {
  int seq = 0;
  for (const auto& service_id : a.service_ids) {
    ++seq;
    tx.sql() << "INSERT INTO asset_services (tenant_id, asset_id, service_id, seq) VALUES (:t, :a, :s, :q)",
        soci::use(tenant_id), soci::use(a.id), soci::use(service_id), soci::use(seq);
  }
}

Result<std::optional<StoredAsset>> find_where(Tx& tx, const std::string& tenant_id, const char* column,
                                              const std::string& value) {
  std::vector<StoredAsset> found;
  soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT " << kAssetColumns
                                                   << " FROM assets a WHERE a.tenant_id = :t AND a." << column
                                                   << " = :v",
                                  soci::use(tenant_id), soci::use(value));
  for (const auto& r : rows) found.push_back(asset_from_row(r));
  if (found.empty()) return std::optional<StoredAsset>();
  soci::rowset<soci::row> services = (tx.sql().prepare << "SELECT service_id FROM asset_services "
                                                          "WHERE tenant_id = :t AND asset_id = :a ORDER BY seq",
                                      soci::use(tenant_id), soci::use(found.front().id));
  for (const auto& r : services) found.front().asset.service_ids.push_back(r.get<std::string>(0));
  return std::optional<StoredAsset>(std::move(found.front()));
}

// Bound values of an asset row, kept alive for the statement.
struct AssetValues {
  std::string type, category, suppliers;
  int c, i, a, personal;
  explicit AssetValues(const domain::Asset& x)
      : type(domain::to_string(x.type)),
        category(domain::to_string(x.category)),
        suppliers(json(x.suppliers).dump()),
        c(x.confidentiality),
        i(x.integrity),
        a(x.availability),
        personal(x.personal_info ? 1 : 0) {}
};

}  // namespace

Result<std::vector<StoredAsset>> list_assets(Tx& tx, const std::string& tenant_id, const AssetFilter& f) {
  std::vector<StoredAsset> out;
  const int personal = !f.personal_info ? -1 : (*f.personal_info ? 1 : 0);
  // Empty filter values match everything; one statement for every filter.
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT " << kAssetColumns
                        << " FROM assets a WHERE a.tenant_id = :t AND (:ty = '' OR a.asset_type = :ty2) "
                           "AND (:ca = '' OR a.data_category = :ca2) AND (:p < 0 OR a.personal_info = :p2) "
                           "AND (:c = 0 OR a.confidentiality = :c2) AND (:s = '' OR EXISTS (SELECT 1 FROM "
                           "asset_services x WHERE x.asset_id = a.id AND x.service_id = :s2)) ORDER BY a.name, a.id",
       soci::use(tenant_id), soci::use(f.type), soci::use(f.type), soci::use(f.category), soci::use(f.category),
       soci::use(personal), soci::use(personal), soci::use(f.confidentiality), soci::use(f.confidentiality),
       soci::use(f.service_id), soci::use(f.service_id));
  for (const auto& r : rows) out.push_back(asset_from_row(r));
  load_services(tx, tenant_id, out);
  return out;
}

Result<std::optional<StoredAsset>> find_asset(Tx& tx, const std::string& tenant_id, const std::string& id) {
  return find_where(tx, tenant_id, "id", id);
}

Result<std::optional<StoredAsset>> find_asset_by_name(Tx& tx, const std::string& tenant_id, const std::string& name) {
  return find_where(tx, tenant_id, "name", name);
}

Status insert_asset(Tx& tx, const std::string& tenant_id, const StoredAsset& s) {
  const auto& x = s.asset;
  AssetValues v(x);
  tx.sql() << "INSERT INTO assets (id, tenant_id, name, asset_type, description, owner, confidentiality, integrity, "
              "availability, personal_info, data_category, storage_location, storage_country, suppliers, created_by, "
              "created_at, updated_by, updated_at) VALUES (:id, :t, :n, :ty, :d, :o, :c, :i, :a, :p, :ca, :sl, :sc, "
              ":su, :cb, :cat, :ub, :uat)",
      soci::use(x.id), soci::use(tenant_id), soci::use(x.name), soci::use(v.type), soci::use(x.description),
      soci::use(x.owner), soci::use(v.c), soci::use(v.i), soci::use(v.a), soci::use(v.personal), soci::use(v.category),
      soci::use(x.storage_location), soci::use(x.storage_country), soci::use(v.suppliers), soci::use(s.created_by),
      soci::use(s.created_at), soci::use(s.updated_by), soci::use(s.updated_at);
  insert_services(tx, tenant_id, x);
  return ok();
}

Status update_asset(Tx& tx, const std::string& tenant_id, const StoredAsset& s) {
  const auto& x = s.asset;
  AssetValues v(x);
  tx.sql() << "UPDATE assets SET name = :n, asset_type = :ty, description = :d, owner = :o, confidentiality = :c, "
              "integrity = :i, availability = :a, personal_info = :p, data_category = :ca, storage_location = :sl, "
              "storage_country = :sc, suppliers = :su, updated_by = :ub, updated_at = :uat "
              "WHERE tenant_id = :t AND id = :id",
      soci::use(x.name), soci::use(v.type), soci::use(x.description), soci::use(x.owner), soci::use(v.c),
      soci::use(v.i), soci::use(v.a), soci::use(v.personal), soci::use(v.category), soci::use(x.storage_location),
      soci::use(x.storage_country), soci::use(v.suppliers), soci::use(s.updated_by), soci::use(s.updated_at),
      soci::use(tenant_id), soci::use(x.id);
  tx.sql() << "DELETE FROM asset_services WHERE tenant_id = :t AND asset_id = :a", soci::use(tenant_id),
      soci::use(x.id);
  insert_services(tx, tenant_id, x);
  return ok();
}

Status delete_asset(Tx& tx, const std::string& tenant_id, const std::string& id) {
  try {
    tx.sql() << "DELETE FROM asset_services WHERE tenant_id = :t AND asset_id = :a", soci::use(tenant_id),
        soci::use(id);
    tx.sql() << "DELETE FROM assets WHERE tenant_id = :t AND id = :a", soci::use(tenant_id), soci::use(id);
  } catch (const soci::soci_error& e) {
    // Other records (risks) point at it; the transaction is rolled back.
    if (is_foreign_key_violation(e))
      return make_error(ErrorCode::conflict, "in_use",
                        "other records (e.g. risks) refer to this asset: remove them from it first "
                        "(他の記録が参照しています)",
                        Location::in_field("id"));
    throw;
  }
  return ok();
}

}  // namespace mamori::store
