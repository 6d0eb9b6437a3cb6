// The Statement of Applicability (適用宣言書) use cases: one SoA per cloud
// service; its draft rows are edited (in bulk), checked by the rules of
// domain/soa_rules.h, and approved into numbered versions that are kept and
// compared. The rows a draft has follow the service's current role and the
// loaded catalogs (domain::reconcile_rows); the risks whose treatment chose
// a control are shown on its row.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/caller.h"
#include "app/services.h"
#include "domain/error.h"
#include "domain/soa.h"
#include "domain/soa_diff.h"
#include "domain/soa_rules.h"
#include "store/soa_repository.h"

namespace mamori::app {

inline constexpr std::size_t kMaxSoaCommentChars = 2000;
inline constexpr std::size_t kMaxSoaRowEditsPerCall = 1000;

struct SoaCounts {
  int rows = 0;
  int applicable = 0;
  int not_applicable = 0;
  int unevaluated = 0;
  int errors = 0;
  int warnings = 0;
};

struct SoaView {
  store::StoredSoa soa;
  std::string service_name;
  std::string role;  // the service's role now: customer | provider | both
  std::vector<domain::SoaRow> rows;          // the draft, in catalog order, with treatments
  std::vector<domain::SoaFinding> findings;  // of the draft
  std::map<std::string, std::string> risk_titles;  // risk id -> title, for the treatments shown
  SoaCounts counts;
  std::string approved_at;  // of the latest version, "" when none
  std::string approved_by_name;  // who approved it (display name or email)
  int draft_changes = 0;    // rows that differ from the latest version (all rows when none)
};

Result<std::vector<SoaView>> list_soas(Services& services, const Caller& caller, const std::string& tenant_id);
// conflict when the service already has one; not_found (field service_id) when there is no such service.
Result<SoaView> create_soa(Services& services, const Caller& caller, const std::string& tenant_id,
                           const std::string& service_id);
Result<SoaView> get_soa(Services& services, const Caller& caller, const std::string& tenant_id, const std::string& id);

// One row's change: the fields given change, the rest stay. Setting a row
// not applicable clears its status unless a status is given.
struct SoaRowEdit {
  std::string catalog_key;
  std::string ref;
  std::optional<domain::Applicability> applicable;
  std::optional<std::string> reason;
  std::optional<domain::ImplementationStatus> status;
  std::optional<std::vector<std::string>> evidence;
};
// All edits or none: a row that is not in the SoA or a malformed value is
// invalid_input naming "rows[i].field". Findings do not stop a save.
Result<SoaView> change_soa_rows(Services& services, const Caller& caller, const std::string& tenant_id,
                                const std::string& id, const std::vector<SoaRowEdit>& edits);

// ok when the caller may change the organisation's SoAs; the error
// otherwise (not_found for an outsider, forbidden for a reader). For a route
// that must refuse access before it judges a malformed body.
Status authorize_soa_write(Services& services, const Caller& caller, const std::string& tenant_id);

// Makes the next version from the draft. conflict (reason soa_has_errors)
// while the draft has findings of severity error; conflict (no_change) when
// the draft equals the latest version.
Result<SoaView> approve_soa(Services& services, const Caller& caller, const std::string& tenant_id,
                            const std::string& id, const std::string& comment);

struct SoaVersionView {
  store::SoaVersion version;  // without rows (findings included)
  std::string approved_by_name;
};
// Every version, oldest first.
Result<std::vector<SoaVersionView>> list_soa_versions(Services& services, const Caller& caller,
                                                         const std::string& tenant_id, const std::string& id);

// One side of a comparison or an export: a version number, or 0 = the draft.
struct SoaSnapshot {
  int version = 0;
  std::string service_name;
  std::string role;
  std::vector<domain::SoaRow> rows;
  std::vector<domain::SoaFinding> findings;
  std::string approved_by;  // "" for the draft
  std::string approved_at;
  std::string comment;
  std::string approved_by_name;
};
Result<SoaSnapshot> soa_snapshot(Services& services, const Caller& caller, const std::string& tenant_id,
                                 const std::string& id, int version);

struct SoaComparison {
  int from = 0;  // 0 = the draft
  int to = 0;
  std::vector<domain::SoaRowChange> changes;
};
// not_found (field from / to) for a version that does not exist.
Result<SoaComparison> compare_soa(Services& services, const Caller& caller, const std::string& tenant_id,
                                  const std::string& id, int from, int to);

struct SoaFile {
  std::string file_name;  // "適用宣言書_<service>_v2.xlsx" or "…_draft.xlsx"
  std::string bytes;
};
// The draft (version 0) or a version as .xlsx (formats/soa_xlsx.h), with the
// organisation's name in its header (app/soa_export.cpp).
Result<SoaFile> export_soa_xlsx(Services& services, const Caller& caller, const std::string& tenant_id,
                                const std::string& id, int version);

}  // namespace mamori::app
