// The tailored control standard (個別管理基準) use cases: create one from a
// base catalog (step ① take), record operations of the seven steps (each
// with its reason), approve (freezes version N), versions and their diff,
// filter/group/balance by attribute, and saved audit scopes.
// Reads need read_records, changes write_records, approval approve_records.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/caller.h"
#include "app/services.h"
#include "domain/error.h"
#include "domain/tailored_attributes.h"
#include "domain/tailored_diff.h"
#include "domain/tailored_standard.h"
#include "store/tailored_repository.h"

namespace mamori::app {

struct NewStandard {
  std::string name;
  std::string description;
  std::string base_catalog_key;
  std::string base_catalog_version;  // "" = the latest loaded
  int review_months = 12;
  std::vector<std::string> refs;   // items to take
  std::vector<std::string> kinds;  // and/or every node of these kinds (e.g. objective)
  std::string reason;              // why these items ("" = a default that says step ①)
};

// The standard as it stands now: its row, the items its operations give,
// the operations themselves, and the attribute vocabulary.
struct StandardState {
  store::StoredStandard standard;
  std::vector<domain::TailoredItem> items;
  std::vector<store::StoredOperation> operations;
  std::vector<domain::AttributeType> vocabulary;
  bool has_draft_changes() const { return standard.operation_count > last_approved_operation_count; }
  int last_approved_operation_count = 0;
};

Result<StandardState> create_standard(Services& services, const Caller& caller, const std::string& tenant_id,
                                      const NewStandard& request);
Result<std::vector<store::StoredStandard>> list_standards(Services& services, const Caller& caller,
                                                          const std::string& tenant_id);
Result<StandardState> get_standard(Services& services, const Caller& caller, const std::string& tenant_id,
                                   const std::string& id);

// Records one operation (op.seq is assigned). For take, `refs`/`kinds` name
// the base catalog's items; for add/split/merge, origins are checked against
// the loaded catalogs and their attributes inherited.
struct OperationRequest {
  domain::Operation op;
  std::vector<std::string> refs;
  std::vector<std::string> kinds;
};
Result<StandardState> record_operation(Services& services, const Caller& caller, const std::string& tenant_id,
                                       const std::string& id, OperationRequest request);

// Freezes the current items as the next version; conflict when nothing
// changed since the last approval.
Result<store::StoredVersion> approve_standard(Services& services, const Caller& caller, const std::string& tenant_id,
                                              const std::string& id, const std::string& note);
Result<std::vector<store::StoredVersion>> list_standard_versions(Services& services, const Caller& caller,
                                                                 const std::string& tenant_id, const std::string& id);
// version 0: the current draft (not a stored version).
Result<store::StoredVersion> get_standard_version(Services& services, const Caller& caller,
                                                  const std::string& tenant_id, const std::string& id, int version);
// Changes from version `from` to version `to` (0: the current draft).
Result<std::vector<domain::StandardItemChange>> diff_standard(Services& services, const Caller& caller,
                                                      const std::string& tenant_id, const std::string& id, int from,
                                                      int to);

struct NewAuditScope {
  std::string name;
  std::string purpose;
  int version = 0;  // 0: the latest approved version
  domain::ItemFilter filter;
};
Result<store::StoredAuditScope> create_audit_scope(Services& services, const Caller& caller,
                                                   const std::string& tenant_id, const std::string& standard_id,
                                                   const NewAuditScope& request);
Result<std::vector<store::StoredAuditScope>> list_audit_scopes(Services& services, const Caller& caller,
                                                               const std::string& tenant_id,
                                                               const std::string& standard_id);
Result<store::StoredAuditScope> get_audit_scope(Services& services, const Caller& caller, const std::string& tenant_id,
                                                const std::string& standard_id, const std::string& scope_id);

}  // namespace mamori::app

namespace mamori::app {

struct StandardFile {
  std::string file_name;
  std::string bytes;
};
// The standard (version `version`, 0 = the current draft) as .xlsx with
// every item's level, technical flag, attributes, origin and reasons.
Result<StandardFile> export_standard_xlsx(Services& services, const Caller& caller, const std::string& tenant_id,
                                          const std::string& id, int version);

}  // namespace mamori::app
