// Every change made through app runs here: one transaction that holds the
// change and its audit entries, so there is never a change without its
// entry or an entry without its change. After the commit the entries go to
// the outside copy (AuditSink).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "app/caller.h"
#include "app/services.h"
#include "domain/audit_chain.h"
#include "domain/error.h"

namespace mamori::store {
class Tx;
}

namespace mamori::app {

struct AuditEvent {
  std::string tenant_id;  // empty: the system (account-level) chain
  std::string action;     // "member.add", "auth.login", …
  std::string object_type;
  std::string object_id;
  std::string outcome = "success";
  bool privileged = false;
  std::string details = "{}";  // JSON object: what changed
};

class AuditWriter {
 public:
  AuditWriter(store::Tx& tx, const Caller& caller) : tx_(tx), caller_(caller) {}
  Status record(const AuditEvent& event);
  const std::vector<domain::AuditEntry>& entries() const { return entries_; }

 private:
  store::Tx& tx_;
  const Caller& caller_;
  std::vector<domain::AuditEntry> entries_;
};

// Runs `work` in a write transaction. The work must record at least one
// audit entry when it succeeds (a change nobody can trace is a bug: the
// transaction is rolled back with an internal error).
Status audited_write(Services& services, const Caller& caller,
                     const std::function<Status(store::Tx&, AuditWriter&)>& work);

// Records entries in their own transaction: for events that change nothing
// else (failed logins, sensitive reads such as exports).
Status record_audit_events(Services& services, const Caller& caller, const std::vector<AuditEvent>& events);

}  // namespace mamori::app
