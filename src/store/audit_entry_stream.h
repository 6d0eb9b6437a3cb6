// Reading audit entries one at a time, in constant memory, for the
// operator's verification and export: a million entries never sit in memory
// at once, and each row's text is copied once into reused strings (SOCI's
// row conversions allocate several times per cell, which was most of the
// time of verifying a million entries).
#pragma once

#include <functional>
#include <string>

#include "domain/audit_chain.h"
#include "domain/error.h"

namespace mamori::store {

class Tx;

// Every entry of one chain in (seq, id) order; `visit` returns false to stop.
Status for_each_audit_entry(Tx& tx, const std::string& chain,
                            const std::function<bool(const domain::AuditEntry&)>& visit);

// Every entry of every chain, in the order storage holds them (one pass
// over the table, no index): for domain::LogVerifier. `visit` may keep the
// entry by swapping it with one of its own, whose buffers the next row is
// then read into (no copy of the row, no allocation once warm).
Status scan_audit_log(Tx& tx, const std::function<void(domain::AuditEntry&)>& visit);

}  // namespace mamori::store
