// The audit log in the database: appended inside the transaction of the
// change it records, chained per organisation (domain/audit_chain.h).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/audit_chain.h"
#include "domain/error.h"
#include "store/audit_entry_stream.h"  // reading entries one at a time

namespace mamori::store {

class Tx;

// Appends `entry` (id, seq, at, prev_hash and hash are filled in here) to
// the end of its chain. The chain head is locked for the rest of the
// transaction, so concurrent writers append one after another.
Result<domain::AuditEntry> append_audit_entry(Tx& tx, domain::AuditEntry entry);

// Appends `entries`, all of one chain and in order, as one batch: the head is
// read and locked once, the rows go in with bulk statements, the head is
// written once. Same chain, same hashes as appending them one by one; a bulk
// change recording one entry per object (and the bench lab's million
// entries) costs a few statements instead of three per entry.
Result<std::vector<domain::AuditEntry>> append_audit_entries(Tx& tx, std::vector<domain::AuditEntry> entries);

struct AuditQuery {
  std::string tenant_id;        // the organisation's chain; ignored with all_chains
  bool all_chains = false;      // the operator's view (CLI)
  bool with_member_logins = true;  // account events (system chain) of the organisation's members
  std::string before_id;        // paging: entries older than this one (ids are time-ordered UUIDv7)
  int limit = 100;
};
Result<std::vector<domain::AuditEntry>> list_audit_entries(Tx& tx, const AuditQuery& query);

// The entries of one object, oldest first (a detail page's history).
Result<std::vector<domain::AuditEntry>> audit_entries_for_object(Tx& tx, const std::string& tenant_id,
                                                                 const std::string& object_type,
                                                                 const std::string& object_id);

using ChainHead = domain::ChainHead;
Result<std::vector<ChainHead>> audit_chain_heads(Tx& tx);

// First statement of a read transaction that verifies: on PostgreSQL a
// repeatable-read snapshot, so heads and entries read later in it agree
// even while writers append (SQLite's read transaction is one already).
Status begin_audit_snapshot(Tx& tx);

Result<std::int64_t> count_audit_entries(Tx& tx);
// Chains that have entries (to catch a chain whose head row was deleted).
Result<std::vector<std::string>> chains_with_entries(Tx& tx);

}  // namespace mamori::store
