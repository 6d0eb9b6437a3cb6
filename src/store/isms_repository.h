// The ISMS core that other records hang from: the organisation's scope, its
// cloud services (with what they run on), its classification scheme and its
// asset inventory (tables of migration 5). Every function takes the
// organisation (tenant) from the caller's authorised scope. Other slices
// (risks, SoA) read services and assets through list_/find_ here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/asset.h"
#include "domain/classification.h"
#include "domain/cloud_service.h"
#include "domain/error.h"

namespace mamori::store {

class Tx;

// ---- scope ----

struct ScopeExclusion {
  std::string id;
  std::string item;    // what is left out
  std::string reason;  // why (required)
  bool operator==(const ScopeExclusion&) const = default;
};

struct StoredScope {
  std::string organisational;   // 組織的範囲
  std::string system_boundary;  // システム的範囲
  std::string physical;         // 物理的範囲
  std::string interfaces;       // interfaces and dependencies with outside parties
  std::vector<ScopeExclusion> exclusions;
  std::string updated_by;
  std::string updated_at;
};

// nullopt until the organisation writes one.
Result<std::optional<StoredScope>> find_isms_scope(Tx& tx, const std::string& tenant_id);
// Inserts or replaces the organisation's scope.
Status save_isms_scope(Tx& tx, const std::string& tenant_id, const StoredScope& scope);

// ---- cloud services ----

struct StoredCloudService {
  std::string id;    // = service.id
  std::string name;  // = service.name
  std::string role;  // customer | provider | both (= to_string(service.role))
  domain::CloudService service;  // everything, runs_on in order
  std::string created_by;
  std::string created_at;
  std::string updated_by;
  std::string updated_at;
};

// By name.
Result<std::vector<StoredCloudService>> list_cloud_services(Tx& tx, const std::string& tenant_id);
Result<std::optional<StoredCloudService>> find_cloud_service(Tx& tx, const std::string& tenant_id,
                                                             const std::string& id);
Result<std::optional<StoredCloudService>> find_cloud_service_by_name(Tx& tx, const std::string& tenant_id,
                                                                     const std::string& name);
// Write the row from `service` (id, name, role … runs_on) and the stamps.
Status insert_cloud_service(Tx& tx, const std::string& tenant_id, const StoredCloudService& service);
Status update_cloud_service(Tx& tx, const std::string& tenant_id, const StoredCloudService& service);
// The caller checks nothing of this slice refers to it (dependants,
// assets); a row of another table that does is conflict (in_use).
Status delete_cloud_service(Tx& tx, const std::string& tenant_id, const std::string& id);

// ---- classification scheme ----

// The stored scheme, or the government default when none was saved.
Result<domain::ClassificationScheme> classification_scheme(Tx& tx, const std::string& tenant_id);
Status save_classification_scheme(Tx& tx, const std::string& tenant_id, const domain::ClassificationScheme& scheme,
                                  const std::string& by, const std::string& at);

// ---- assets ----

struct StoredAsset {
  std::string id;    // = asset.id
  std::string name;  // = asset.name
  domain::Asset asset;
  std::string created_by;
  std::string created_at;
  std::string updated_by;
  std::string updated_at;
};

// Empty / unset members match everything.
struct AssetFilter {
  std::string type;        // asset type key
  std::string category;    // customer_data | derived_data | own
  std::string service_id;  // assets that touch this service
  std::optional<bool> personal_info;
  int confidentiality = 0;  // 0 any, else exactly this level
};

// By name.
Result<std::vector<StoredAsset>> list_assets(Tx& tx, const std::string& tenant_id, const AssetFilter& filter = {});
Result<std::optional<StoredAsset>> find_asset(Tx& tx, const std::string& tenant_id, const std::string& id);
Result<std::optional<StoredAsset>> find_asset_by_name(Tx& tx, const std::string& tenant_id, const std::string& name);
Status insert_asset(Tx& tx, const std::string& tenant_id, const StoredAsset& asset);
Status update_asset(Tx& tx, const std::string& tenant_id, const StoredAsset& asset);
// conflict (in_use) when another table's row refers to it.
Status delete_asset(Tx& tx, const std::string& tenant_id, const std::string& id);

}  // namespace mamori::store
