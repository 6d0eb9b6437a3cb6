// Reading the audit log: an organisation's view (its chain plus its
// members' sign-ins), the operator's verification of every chain, and
// export as JSON lines.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/caller.h"
#include "app/services.h"
#include "domain/audit_chain.h"
#include "domain/error.h"

namespace mamori::app {

Result<std::vector<domain::AuditEntry>> list_audit_log(Services& services, const Caller& caller,
                                                       const std::string& tenant_id, const std::string& before_id,
                                                       int limit);

// History of one object in an organisation (for detail pages).
Result<std::vector<domain::AuditEntry>> object_history(Services& services, const Caller& caller,
                                                       const std::string& tenant_id, const std::string& object_type,
                                                       const std::string& object_id);

struct VerifyReport {
  int chains = 0;
  std::int64_t entries = 0;
  std::optional<domain::ChainBreak> first_break;
};
// Recomputes every hash of every chain (constant memory per chain).
Result<VerifyReport> verify_audit_log(store::Database& db);

// One JSON object per line, oldest first. The export itself is recorded
// (a sensitive read). With an empty tenant_id the operator exports all.
Status export_audit_log(Services& services, const Caller& caller, const std::string& tenant_id,
                        const std::function<void(const std::string& line)>& write_line);

std::string audit_entry_json(const domain::AuditEntry& entry);

}  // namespace mamori::app
