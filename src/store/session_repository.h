// Login sessions, API tokens and failed-login records. Secrets are never
// stored: sessions and tokens are found by the SHA-256 of their secret.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/access.h"
#include "domain/error.h"
#include "domain/session_rules.h"
#include "store/user_repository.h"

namespace mamori::store {

class Tx;

struct Session {
  std::string id;  // public id: listing and revocation, never a credential
  std::string secret_hash;
  std::string user_id;
  std::string active_tenant_id;
  domain::SessionStage stage = domain::SessionStage::mfa;
  std::string created_at;
  std::string last_seen_at;
  std::int64_t idle_timeout_seconds = 0;
  std::string expires_at;
  std::string locked_at;  // non-empty: idle-locked, unlock with the password
  std::string ended_at;   // non-empty: over (logout, revocation, password change, expiry)
  std::string end_reason;
  std::string source_ip;
  std::string user_agent;
};

Status insert_session(Tx& tx, const Session& session);
Result<std::optional<Session>> find_session_by_secret(Tx& tx, const std::string& secret_hash);
// What a browser request reads before anything else, sent together (one
// round trip on PostgreSQL, store/hot_query.h): when `stamp_tenant` is
// given, that organisation's data-version stamp, read first; the session;
// its user.
struct SessionLookup {
  std::optional<Session> session;
  std::optional<User> user;
  std::optional<std::string> stamp;  // when asked for
};
Result<SessionLookup> look_up_session(Tx& tx, const std::string& secret_hash, const std::string* stamp_tenant);
Result<std::optional<Session>> find_session(Tx& tx, const std::string& id);
Status touch_session(Tx& tx, const std::string& id, const std::string& at);
Status lock_session(Tx& tx, const std::string& id, const std::string& at);
Status unlock_session(Tx& tx, const std::string& id, const std::string& at);
Status set_session_stage(Tx& tx, const std::string& id, domain::SessionStage stage);
Status set_session_tenant(Tx& tx, const std::string& id, const std::string& tenant_id);
// A fresh secret for the same session (after MFA, unlock, password change).
Status rotate_session_secret(Tx& tx, const std::string& id, const std::string& secret_hash);
Status end_session(Tx& tx, const std::string& id, const std::string& reason);
// Ends all of a user's live sessions but `keep` (may be empty); returns how many.
Result<int> end_user_sessions(Tx& tx, const std::string& user_id, const std::string& reason, const std::string& keep = {});
// Live sessions of the members of an organisation (for its admins).
Result<std::vector<Session>> live_sessions_of_tenant_members(Tx& tx, const std::string& tenant_id);

struct ApiToken {
  std::string id;
  std::string secret_hash;
  std::string tenant_id;
  std::string created_by;
  std::string name;
  domain::Role role = domain::Role::viewer;
  std::string created_at;
  std::string expires_at;
  std::string revoked_at;
  std::string last_used_at;
};

Status insert_api_token(Tx& tx, const ApiToken& token);
// What an API request reads before anything else, sent together (one
// round trip on PostgreSQL, store/hot_query.h): when `stamp_tenant` is
// given, that organisation's data-version stamp (store/data_version.h), read
// first; then the token with its creator's e-mail.
struct ApiTokenLookup {
  std::optional<ApiToken> token;
  // "" when the creator's account is gone or disabled, or the creator is no
  // longer a member of the token's organisation: the token is then refused.
  std::string creator_email;
  std::optional<std::string> stamp;  // when asked for
};
Result<ApiTokenLookup> look_up_api_token(Tx& tx, const std::string& secret_hash, const std::string* stamp_tenant);
Result<std::optional<ApiToken>> find_api_token(Tx& tx, const std::string& tenant_id, const std::string& id);
Result<std::vector<ApiToken>> api_tokens_of_tenant(Tx& tx, const std::string& tenant_id);
Status revoke_api_token(Tx& tx, const std::string& id);
Status touch_api_token(Tx& tx, const std::string& id, const std::string& at);

// Failed logins: recorded per e-mail and source address, counted in a window.
struct FailureCount {
  int count = 0;
  std::string last_at;
};
Status record_login_failure(Tx& tx, const std::string& email, const std::string& source_ip);
Result<FailureCount> login_failures_for_email(Tx& tx, const std::string& email, const std::string& since);
Result<FailureCount> login_failures_for_address(Tx& tx, const std::string& source_ip, const std::string& since);
Status clear_login_failures(Tx& tx, const std::string& email);
// Housekeeping: failures older than `before` are of no further use.
Status prune_login_failures(Tx& tx, const std::string& before);

}  // namespace mamori::store
