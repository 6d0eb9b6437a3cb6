// Tailored control standards in the database: the standard's row, its
// operation log, its approved versions (snapshots) and saved audit scopes.
// Every function takes the organisation (tenant) from the caller's
// authorised scope.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/tailored_attributes.h"
#include "domain/tailored_standard.h"

namespace mamori::store {

class Tx;

struct StoredStandard {
  std::string id;
  std::string name;
  std::string description;
  std::string base_catalog_key;
  std::string base_catalog_version;
  int review_months = 12;
  int operation_count = 0;
  int approved_version = 0;  // 0: none approved yet
  std::string created_by, created_at, updated_by, updated_at;
};

struct StoredOperation {
  domain::Operation op;  // seq, kind, reason and payload
  std::string created_by;
  std::string created_at;
};

struct StoredVersion {
  int version = 0;
  int operation_count = 0;
  std::vector<domain::TailoredItem> items;
  std::string note;
  std::string approved_by;
  std::string approved_at;
};

// An item as an audit scope keeps it: enough to audit from.
struct ScopeItem {
  std::string key;
  std::string number;
  std::string title;
  bool operator==(const ScopeItem&) const = default;
};

struct StoredAuditScope {
  std::string id;
  std::string standard_id;
  int version = 0;
  std::string name;
  std::string purpose;
  domain::ItemFilter filter;
  std::vector<ScopeItem> items;
  std::string created_by;
  std::string created_at;
};

Status insert_standard(Tx& tx, const std::string& tenant_id, const StoredStandard& s);
// Rewrites operation_count, approved_version, updated_by/at.
Status update_standard(Tx& tx, const std::string& tenant_id, const StoredStandard& s);
Result<std::optional<StoredStandard>> find_standard(Tx& tx, const std::string& tenant_id, const std::string& id);
Result<std::optional<StoredStandard>> find_standard_by_name(Tx& tx, const std::string& tenant_id,
                                                            const std::string& name);
Result<std::vector<StoredStandard>> list_standards(Tx& tx, const std::string& tenant_id);

Status insert_operation(Tx& tx, const std::string& tenant_id, const std::string& standard_id,
                        const StoredOperation& op);
// In seq order.
Result<std::vector<StoredOperation>> list_operations(Tx& tx, const std::string& tenant_id,
                                                     const std::string& standard_id);

Status insert_version(Tx& tx, const std::string& tenant_id, const std::string& standard_id, const StoredVersion& v);
Result<std::optional<StoredVersion>> find_version(Tx& tx, const std::string& tenant_id, const std::string& standard_id,
                                                  int version);
// Oldest first, without their items (a list, not the content).
Result<std::vector<StoredVersion>> list_versions(Tx& tx, const std::string& tenant_id, const std::string& standard_id);

Status insert_audit_scope(Tx& tx, const std::string& tenant_id, const StoredAuditScope& s);
Result<std::optional<StoredAuditScope>> find_audit_scope(Tx& tx, const std::string& tenant_id, const std::string& id);
// standard_id "" lists every scope of the organisation; newest first.
Result<std::vector<StoredAuditScope>> list_audit_scopes(Tx& tx, const std::string& tenant_id,
                                                        const std::string& standard_id = {});

}  // namespace mamori::store
