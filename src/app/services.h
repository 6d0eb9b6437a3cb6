// What the use cases run on: the database, the key that seals stored
// secrets, the instance-wide security settings, and where audit entries are
// copied outside the database (seed 004 11.1.12).
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "domain/audit_chain.h"
#include "domain/login_throttle.h"
#include "domain/session_rules.h"
#include "security/secret_box.h"
#include "store/database.h"

namespace mamori::app {

// Receives every audit entry after its transaction committed.
class AuditSink {
 public:
  virtual ~AuditSink() = default;
  virtual void write(const domain::AuditEntry& entry) = 0;
};

struct SecurityConfig {
  // The instance's own bounds; organisations may only be stricter.
  domain::SessionPolicy session;
  domain::ThrottlePolicy throttle;
  // Only touch last_seen_at when it is older than this, so a busy session
  // does not write on every request.
  std::int64_t touch_interval_seconds = 30;
};

struct CallerCache;  // app/caller_cache.h

struct Services {
  store::Database& db;
  const security::SecretBox& secrets;
  SecurityConfig config;
  AuditSink* sink = nullptr;
  // Who is calling, kept between requests where the database watches for
  // changes (PostgreSQL); `mamori serve` sets it, nullptr reads every time.
  CallerCache* callers = nullptr;
};

}  // namespace mamori::app
