// Continuous copies of the audit log outside the database (seed 004
// 11.1.12: copy logs to a system outside the administrators' control): a
// JSON-lines file (e.g. on a separately mounted, append-only volume) or
// syslog (forwarded to a log host).
#pragma once

#include <memory>
#include <string>

#include "app/services.h"
#include "domain/error.h"

namespace mamori::app {

// "file:/var/log/mamori/audit.jsonl", "syslog", or a plain path.
Result<std::unique_ptr<AuditSink>> open_audit_sink(const std::string& target);

}  // namespace mamori::app
