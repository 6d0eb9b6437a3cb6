// Statements of Applicability in the database: one per cloud service (soas),
// the draft's stated rows (soa_rows) and every approved version as a
// snapshot (soa_versions). Every function takes the organisation (tenant)
// from the caller's authorised scope.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/soa.h"
#include "domain/soa_rules.h"

namespace mamori::store {

class Tx;

struct StoredSoa {
  std::string id;
  std::string service_id;
  int approved_version = 0;  // 0: none approved yet
  std::string created_by;
  std::string created_at;
  std::string updated_by;
  std::string updated_at;
};

struct SoaVersion {
  int version = 0;
  std::string role;  // customer | provider | both, at approval
  std::string service_name;
  std::vector<domain::SoaRow> rows;          // every row as approved, with titles and treatments
  std::vector<domain::SoaFinding> findings;  // shown at approval
  std::string comment;
  std::string approved_by;
  std::string approved_at;
};

Status insert_soa(Tx& tx, const std::string& tenant_id, const StoredSoa& soa);
// Rewrites approved_version and the update stamps.
Status update_soa(Tx& tx, const std::string& tenant_id, const StoredSoa& soa);
Result<std::optional<StoredSoa>> find_soa(Tx& tx, const std::string& tenant_id, const std::string& id);
Result<std::optional<StoredSoa>> find_soa_for_service(Tx& tx, const std::string& tenant_id,
                                                      const std::string& service_id);
// Oldest first.
Result<std::vector<StoredSoa>> list_soas(Tx& tx, const std::string& tenant_id);

// The stated fields (applicable, reason, status, evidence) of each row,
// inserted or replaced by catalog_key + ref. Kind, titles and treatments are
// not stored here (catalogs and risks give them).
Status save_soa_rows(Tx& tx, const std::string& tenant_id, const std::string& soa_id,
                     const std::vector<domain::SoaRow>& rows, const std::string& by, const std::string& at);
// What was stated, by catalog_key + ref; only the stated fields are set.
Result<std::vector<domain::SoaRow>> list_soa_rows(Tx& tx, const std::string& tenant_id, const std::string& soa_id);

Status insert_soa_version(Tx& tx, const std::string& tenant_id, const std::string& soa_id, const SoaVersion& version);
// Oldest first; with_rows = false leaves rows and findings empty (listing).
Result<std::vector<SoaVersion>> list_soa_versions(Tx& tx, const std::string& tenant_id, const std::string& soa_id,
                                                  bool with_rows);
Result<std::optional<SoaVersion>> find_soa_version(Tx& tx, const std::string& tenant_id, const std::string& soa_id,
                                                   int version);

// True when the service has an SoA (a service with one cannot be deleted).
Result<bool> service_has_soa(Tx& tx, const std::string& tenant_id, const std::string& service_id);

}  // namespace mamori::store
