#include "store/session_repository.h"

#include <charconv>

#include "store/data_version.h"
#include "store/ids.h"
#include "store/hot_query.h"
#include "store/tx.h"

namespace mamori::store {

namespace {

constexpr const char* kSessionColumns =
    "id, secret_hash, user_id, COALESCE(active_tenant_id, ''), stage, created_at, last_seen_at, "
    "idle_timeout_seconds, expires_at, COALESCE(locked_at, ''), COALESCE(ended_at, ''), COALESCE(end_reason, ''), "
    "source_ip, user_agent";

// kSessionColumns as text (idle_timeout_seconds in decimal), in order.
Session session_from_columns(const std::vector<std::string>& c) {
  Session s;
  s.id = c.at(0);
  s.secret_hash = c.at(1);
  s.user_id = c.at(2);
  s.active_tenant_id = c.at(3);
  s.stage = domain::parse_session_stage(c.at(4)).value_or(domain::SessionStage::mfa);
  s.created_at = c.at(5);
  s.last_seen_at = c.at(6);
  const std::string& idle = c.at(7);
  std::from_chars(idle.data(), idle.data() + idle.size(), s.idle_timeout_seconds);
  s.expires_at = c.at(8);
  s.locked_at = c.at(9);
  s.ended_at = c.at(10);
  s.end_reason = c.at(11);
  s.source_ip = c.at(12);
  s.user_agent = c.at(13);
  return s;
}

Session session_from_row(const soci::row& r) {
  std::vector<std::string> c;
  for (std::size_t i = 0; i < 14; ++i) c.push_back(i == 7 ? std::to_string(r.get<int>(i)) : r.get<std::string>(i));
  return session_from_columns(c);
}

// Every browser request starts here: a kept statement (store/hot_query.h).
Result<std::optional<Session>> find_session_where(Tx& tx, const char* column, const std::string& value) {
  auto rows = hot_query(tx, std::string("SELECT ") + kSessionColumns + " FROM sessions WHERE " + column + " = $1", {value});
  if (!rows) return rows.error();
  for (const auto& r : rows.value()) return std::optional<Session>(session_from_columns(r));
  return std::optional<Session>();
}

constexpr const char* kTokenColumns =
    "id, secret_hash, tenant_id, created_by, name, role, created_at, expires_at, COALESCE(revoked_at, ''), "
    "COALESCE(last_used_at, '')";

// Every column of kTokenColumns is text.
ApiToken token_from_columns(const std::vector<std::string>& c) {
  ApiToken t;
  t.id = c.at(0);
  t.secret_hash = c.at(1);
  t.tenant_id = c.at(2);
  t.created_by = c.at(3);
  t.name = c.at(4);
  t.role = domain::parse_role(c.at(5)).value_or(domain::Role::viewer);
  t.created_at = c.at(6);
  t.expires_at = c.at(7);
  t.revoked_at = c.at(8);
  t.last_used_at = c.at(9);
  return t;
}

ApiToken token_from_row(const soci::row& r) {
  std::vector<std::string> c;
  for (std::size_t i = 0; i < 10; ++i) c.push_back(r.get<std::string>(i));
  return token_from_columns(c);
}

Result<FailureCount> count_failures(Tx& tx, const char* column, const std::string& value, const std::string& since) {
  FailureCount c;
  std::string last;
  soci::indicator ind = soci::i_null;
  tx.sql() << "SELECT COUNT(*), MAX(at) FROM login_failures WHERE " << column << " = :v AND at >= :s",
      soci::into(c.count), soci::into(last, ind), soci::use(value), soci::use(since);
  if (ind == soci::i_ok) c.last_at = last;
  return c;
}

}  // namespace

Status insert_session(Tx& tx, const Session& s) {
  const std::string stage = domain::to_string(s.stage);
  const int idle = static_cast<int>(s.idle_timeout_seconds);
  soci::indicator tenant_ind = s.active_tenant_id.empty() ? soci::i_null : soci::i_ok;
  tx.sql() << "INSERT INTO sessions (id, secret_hash, user_id, active_tenant_id, stage, created_at, "
              "last_seen_at, idle_timeout_seconds, expires_at, source_ip, user_agent) VALUES (:id, :sh, :u, :t, "
              ":st, :c, :l, :i, :e, :ip, :ua)",
      soci::use(s.id), soci::use(s.secret_hash), soci::use(s.user_id),
      soci::use(s.active_tenant_id, tenant_ind), soci::use(stage), soci::use(s.created_at), soci::use(s.last_seen_at),
      soci::use(idle), soci::use(s.expires_at), soci::use(s.source_ip), soci::use(s.user_agent);
  return ok();
}

Result<std::optional<Session>> find_session_by_secret(Tx& tx, const std::string& secret_hash) {
  return find_session_where(tx, "secret_hash", secret_hash);
}

Result<SessionLookup> look_up_session(Tx& tx, const std::string& secret_hash, const std::string* stamp_tenant) {
  static const std::string kSession = std::string("SELECT ") + kSessionColumns + " FROM sessions WHERE secret_hash = $1";
  std::vector<HotQuery> queries;
  if (stamp_tenant) queries.push_back({data_version_sql(), {*stamp_tenant, data_version_system_chain()}});
  queries.push_back({kSession, {secret_hash}});
  queries.push_back({user_by_session_secret_sql(), {secret_hash}});
  auto results = hot_queries(tx, queries);
  if (!results) return results.error();
  const auto& rows = results.value();
  SessionLookup out;
  if (stamp_tenant) out.stamp = data_version_stamp_of(rows.front());
  for (const auto& r : rows[rows.size() - 2]) out.session = session_from_columns(r);
  for (const auto& r : rows.back()) out.user = user_from_columns(r);
  return out;
}

Result<std::optional<Session>> find_session(Tx& tx, const std::string& id) { return find_session_where(tx, "id", id); }

Status touch_session(Tx& tx, const std::string& id, const std::string& at) {
  tx.sql() << "UPDATE sessions SET last_seen_at = :a WHERE id = :id", soci::use(at), soci::use(id);
  return ok();
}

Status lock_session(Tx& tx, const std::string& id, const std::string& at) {
  tx.sql() << "UPDATE sessions SET locked_at = :a WHERE id = :id AND locked_at IS NULL", soci::use(at), soci::use(id);
  return ok();
}

Status unlock_session(Tx& tx, const std::string& id, const std::string& at) {
  tx.sql() << "UPDATE sessions SET locked_at = NULL, last_seen_at = :a WHERE id = :id", soci::use(at), soci::use(id);
  return ok();
}

Status set_session_stage(Tx& tx, const std::string& id, domain::SessionStage stage) {
  const std::string text = domain::to_string(stage);
  tx.sql() << "UPDATE sessions SET stage = :s WHERE id = :id", soci::use(text), soci::use(id);
  return ok();
}

Status set_session_tenant(Tx& tx, const std::string& id, const std::string& tenant_id) {
  tx.sql() << "UPDATE sessions SET active_tenant_id = :t WHERE id = :id", soci::use(tenant_id), soci::use(id);
  return ok();
}

Status rotate_session_secret(Tx& tx, const std::string& id, const std::string& secret_hash) {
  tx.sql() << "UPDATE sessions SET secret_hash = :s WHERE id = :id", soci::use(secret_hash), soci::use(id);
  return ok();
}

Status end_session(Tx& tx, const std::string& id, const std::string& reason) {
  const std::string now = utc_now();
  tx.sql() << "UPDATE sessions SET ended_at = :a, end_reason = :r WHERE id = :id AND ended_at IS NULL", soci::use(now),
      soci::use(reason), soci::use(id);
  return ok();
}

Result<int> end_user_sessions(Tx& tx, const std::string& user_id, const std::string& reason, const std::string& keep) {
  const std::string now = utc_now();
  soci::statement st = (tx.sql().prepare << "UPDATE sessions SET ended_at = :a, end_reason = :r WHERE user_id = :u "
                                            "AND ended_at IS NULL AND id <> :k",
                        soci::use(now), soci::use(reason), soci::use(user_id), soci::use(keep));
  st.execute(true);
  return static_cast<int>(st.get_affected_rows());
}

Result<std::vector<Session>> live_sessions_of_tenant_members(Tx& tx, const std::string& tenant_id) {
  std::vector<Session> out;
  const std::string now = utc_now();
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT " << kSessionColumns << " FROM sessions WHERE ended_at IS NULL AND expires_at > :n "
                        << "AND user_id IN (SELECT user_id FROM memberships WHERE tenant_id = :t) ORDER BY created_at",
       soci::use(now), soci::use(tenant_id));
  for (const auto& r : rows) out.push_back(session_from_row(r));
  return out;
}

Status insert_api_token(Tx& tx, const ApiToken& t) {
  const std::string role = domain::to_string(t.role);
  tx.sql() << "INSERT INTO api_tokens (id, secret_hash, tenant_id, created_by, name, role, created_at, expires_at) "
              "VALUES (:id, :s, :t, :c, :n, :r, :a, :e)",
      soci::use(t.id), soci::use(t.secret_hash), soci::use(t.tenant_id), soci::use(t.created_by), soci::use(t.name),
      soci::use(role), soci::use(t.created_at), soci::use(t.expires_at);
  return ok();
}

Result<ApiTokenLookup> look_up_api_token(Tx& tx, const std::string& secret_hash, const std::string* stamp_tenant) {
  // Every API request starts here: kept statements (store/hot_query.h).
  // The creator's e-mail only while the creator's account is enabled and
  // still a member of the token's organisation: a token acts for its
  // creator, and removing a person's access (disabling the account, taking
  // them out of the organisation) must remove it from their tokens too.
  static const std::string kToken =
      std::string("SELECT ") + kTokenColumns +
      ", COALESCE((SELECT u.email FROM users u JOIN memberships m ON m.user_id = u.id AND m.tenant_id = "
      "api_tokens.tenant_id WHERE u.id = api_tokens.created_by AND u.disabled_at IS NULL), '') "
      "FROM api_tokens WHERE secret_hash = $1";
  std::vector<HotQuery> queries;
  if (stamp_tenant) queries.push_back({data_version_sql(), {*stamp_tenant, data_version_system_chain()}});
  queries.push_back({kToken, {secret_hash}});
  auto results = hot_queries(tx, queries);
  if (!results) return results.error();
  ApiTokenLookup out;
  if (stamp_tenant) out.stamp = data_version_stamp_of(results.value().front());
  for (const auto& r : results.value().back()) {
    out.token = token_from_columns(r);
    out.creator_email = r.at(10);
  }
  return out;
}

Result<std::optional<ApiToken>> find_api_token(Tx& tx, const std::string& tenant_id, const std::string& id) {
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT " << kTokenColumns << " FROM api_tokens WHERE tenant_id = :t AND id = :id",
       soci::use(tenant_id), soci::use(id));
  for (const auto& r : rows) return std::optional<ApiToken>(token_from_row(r));
  return std::optional<ApiToken>();
}

Result<std::vector<ApiToken>> api_tokens_of_tenant(Tx& tx, const std::string& tenant_id) {
  std::vector<ApiToken> out;
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT " << kTokenColumns << " FROM api_tokens WHERE tenant_id = :t ORDER BY created_at",
       soci::use(tenant_id));
  for (const auto& r : rows) out.push_back(token_from_row(r));
  return out;
}

Status revoke_api_token(Tx& tx, const std::string& id) {
  const std::string now = utc_now();
  tx.sql() << "UPDATE api_tokens SET revoked_at = :a WHERE id = :id AND revoked_at IS NULL", soci::use(now),
      soci::use(id);
  return ok();
}

Status touch_api_token(Tx& tx, const std::string& id, const std::string& at) {
  tx.sql() << "UPDATE api_tokens SET last_used_at = :a WHERE id = :id", soci::use(at), soci::use(id);
  return ok();
}

Status record_login_failure(Tx& tx, const std::string& email, const std::string& source_ip) {
  const std::string id = new_uuid_v7(), now = utc_now();
  tx.sql() << "INSERT INTO login_failures (id, email, source_ip, at) VALUES (:id, :e, :ip, :a)", soci::use(id),
      soci::use(email), soci::use(source_ip), soci::use(now);
  return ok();
}

Result<FailureCount> login_failures_for_email(Tx& tx, const std::string& email, const std::string& since) {
  return count_failures(tx, "email", email, since);
}

Result<FailureCount> login_failures_for_address(Tx& tx, const std::string& source_ip, const std::string& since) {
  return count_failures(tx, "source_ip", source_ip, since);
}

Status clear_login_failures(Tx& tx, const std::string& email) {
  tx.sql() << "DELETE FROM login_failures WHERE email = :e", soci::use(email);
  return ok();
}

Status prune_login_failures(Tx& tx, const std::string& before) {
  tx.sql() << "DELETE FROM login_failures WHERE at < :b", soci::use(before);
  return ok();
}

}  // namespace mamori::store
