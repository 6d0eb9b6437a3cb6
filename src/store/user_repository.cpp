#include "store/user_repository.h"

#include "store/hot_query.h"
#include "store/ids.h"
#include "store/tx.h"

namespace mamori::store {

namespace {

constexpr const char* kUserColumns =
    "id, email, display_name, password_hash, password_changed_at, must_change_password, "
    "COALESCE(totp_secret_sealed, ''), COALESCE(totp_pending_sealed, ''), COALESCE(totp_enabled_at, ''), "
    "totp_last_step, COALESCE(disabled_at, ''), created_at";

}  // namespace

// The columns of kUserColumns as text (store/hot_query.h).
User user_from_columns(const std::vector<std::string>& c) {
  User u;
  u.id = c.at(0);
  u.email = c.at(1);
  u.display_name = c.at(2);
  u.password_hash = c.at(3);
  u.password_changed_at = c.at(4);
  u.must_change_password = c.at(5) != "0";
  u.totp_secret_sealed = c.at(6);
  u.totp_pending_sealed = c.at(7);
  u.totp_enabled_at = c.at(8);
  u.totp_last_step = std::stoll(c.at(9));  // a 30 s step count
  u.disabled_at = c.at(10);
  u.created_at = c.at(11);
  return u;
}

const std::string& user_by_session_secret_sql() {
  static const std::string kQuery = std::string("SELECT ") + kUserColumns +
                                    " FROM users WHERE id = (SELECT user_id FROM sessions WHERE secret_hash = $1)";
  return kQuery;
}

namespace {

// Every request's caller is looked up here: a kept statement.
Result<std::optional<User>> find_user_where(Tx& tx, const std::string& column, const std::string& value) {
  auto rows = hot_query(tx, std::string("SELECT ") + kUserColumns + " FROM users WHERE " + column + " = $1", {value});
  if (!rows) return rows.error();
  for (const auto& r : rows.value()) return std::optional<User>(user_from_columns(r));
  return std::optional<User>();
}

Membership membership_from_row(const soci::row& r) {
  Membership m;
  m.tenant_id = r.get<std::string>(0);
  m.tenant_name = r.get<std::string>(1);
  m.tenant_kind = r.get<std::string>(2);
  m.user_id = r.get<std::string>(3);
  m.email = r.get<std::string>(4);
  m.display_name = r.get<std::string>(5);
  m.role = domain::parse_role(r.get<std::string>(6)).value_or(domain::Role::viewer);
  m.created_at = r.get<std::string>(7);
  return m;
}

constexpr const char* kMembershipSelect =
    "SELECT m.tenant_id, t.name, t.kind, m.user_id, u.email, u.display_name, m.role, m.created_at "
    "FROM memberships m JOIN tenants t ON t.id = m.tenant_id JOIN users u ON u.id = m.user_id ";

}  // namespace

Result<User> insert_user(Tx& tx, const std::string& email, const std::string& display_name,
                         const std::string& password_hash, bool must_change_password) {
  User u;
  u.id = new_uuid_v7();
  u.email = email;
  u.display_name = display_name;
  u.password_hash = password_hash;
  u.password_changed_at = utc_now();
  u.must_change_password = must_change_password;
  u.created_at = u.password_changed_at;
  const int must = must_change_password ? 1 : 0;
  tx.sql() << "INSERT INTO users (id, email, display_name, password_hash, password_changed_at, must_change_password, "
              "totp_last_step, created_at) VALUES (:id, :e, :n, :h, :c, :m, 0, :a)",
      soci::use(u.id), soci::use(u.email), soci::use(u.display_name), soci::use(u.password_hash),
      soci::use(u.password_changed_at), soci::use(must), soci::use(u.created_at);
  return u;
}

Result<std::optional<User>> find_user_by_email(Tx& tx, const std::string& email) {
  return find_user_where(tx, "email", email);
}

Result<std::optional<User>> find_user_by_id(Tx& tx, const std::string& id) { return find_user_where(tx, "id", id); }

Status update_password(Tx& tx, const std::string& user_id, const std::string& password_hash, bool must_change) {
  const std::string now = utc_now();
  const int must = must_change ? 1 : 0;
  tx.sql() << "UPDATE users SET password_hash = :h, password_changed_at = :t, must_change_password = :m WHERE id = :id",
      soci::use(password_hash), soci::use(now), soci::use(must), soci::use(user_id);
  return ok();
}

Status set_user_disabled(Tx& tx, const std::string& user_id, bool disabled) {
  if (disabled) {
    const std::string now = utc_now();
    tx.sql() << "UPDATE users SET disabled_at = :t WHERE id = :id", soci::use(now), soci::use(user_id);
  } else {
    tx.sql() << "UPDATE users SET disabled_at = NULL WHERE id = :id", soci::use(user_id);
  }
  return ok();
}

Status set_totp_pending(Tx& tx, const std::string& user_id, const std::string& sealed) {
  soci::indicator ind = sealed.empty() ? soci::i_null : soci::i_ok;
  tx.sql() << "UPDATE users SET totp_pending_sealed = :s WHERE id = :id", soci::use(sealed, ind), soci::use(user_id);
  return ok();
}

Status enable_totp(Tx& tx, const std::string& user_id, std::int64_t used_step) {
  const std::string now = utc_now();
  const int step = static_cast<int>(used_step);
  tx.sql() << "UPDATE users SET totp_secret_sealed = totp_pending_sealed, totp_pending_sealed = NULL, "
              "totp_enabled_at = :t, totp_last_step = :s WHERE id = :id",
      soci::use(now), soci::use(step), soci::use(user_id);
  return ok();
}

Status disable_totp(Tx& tx, const std::string& user_id) {
  tx.sql() << "UPDATE users SET totp_secret_sealed = NULL, totp_pending_sealed = NULL, totp_enabled_at = NULL, "
              "totp_last_step = 0 WHERE id = :id",
      soci::use(user_id);
  tx.sql() << "DELETE FROM recovery_codes WHERE user_id = :id", soci::use(user_id);
  return ok();
}

Status set_totp_last_step(Tx& tx, const std::string& user_id, std::int64_t step) {
  const int s = static_cast<int>(step);
  tx.sql() << "UPDATE users SET totp_last_step = :s WHERE id = :id", soci::use(s), soci::use(user_id);
  return ok();
}

Status add_membership(Tx& tx, const std::string& tenant_id, const std::string& user_id, domain::Role role) {
  const std::string now = utc_now(), role_text = domain::to_string(role);
  tx.sql() << "INSERT INTO memberships (tenant_id, user_id, role, created_at) VALUES (:t, :u, :r, :a)",
      soci::use(tenant_id), soci::use(user_id), soci::use(role_text), soci::use(now);
  return ok();
}

Status set_membership_role(Tx& tx, const std::string& tenant_id, const std::string& user_id, domain::Role role) {
  const std::string role_text = domain::to_string(role);
  tx.sql() << "UPDATE memberships SET role = :r WHERE tenant_id = :t AND user_id = :u", soci::use(role_text),
      soci::use(tenant_id), soci::use(user_id);
  return ok();
}

Status remove_membership(Tx& tx, const std::string& tenant_id, const std::string& user_id) {
  tx.sql() << "DELETE FROM memberships WHERE tenant_id = :t AND user_id = :u", soci::use(tenant_id), soci::use(user_id);
  return ok();
}

Result<std::optional<Membership>> find_membership(Tx& tx, const std::string& tenant_id, const std::string& user_id) {
  soci::rowset<soci::row> rows = (tx.sql().prepare << kMembershipSelect << "WHERE m.tenant_id = :t AND m.user_id = :u",
                                  soci::use(tenant_id), soci::use(user_id));
  for (const auto& r : rows) return std::optional<Membership>(membership_from_row(r));
  return std::optional<Membership>();
}

Result<std::vector<Membership>> memberships_of_user(Tx& tx, const std::string& user_id) {
  std::vector<Membership> out;
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << kMembershipSelect << "WHERE m.user_id = :u ORDER BY t.name", soci::use(user_id));
  for (const auto& r : rows) out.push_back(membership_from_row(r));
  return out;
}

Result<std::vector<Membership>> members_of_tenant(Tx& tx, const std::string& tenant_id) {
  std::vector<Membership> out;
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << kMembershipSelect << "WHERE m.tenant_id = :t ORDER BY u.email", soci::use(tenant_id));
  for (const auto& r : rows) out.push_back(membership_from_row(r));
  return out;
}

Result<int> count_admins(Tx& tx, const std::string& tenant_id) {
  int n = 0;
  tx.sql() << "SELECT COUNT(*) FROM memberships m JOIN users u ON u.id = m.user_id "
              "WHERE m.tenant_id = :t AND m.role = 'admin' AND u.disabled_at IS NULL",
      soci::into(n), soci::use(tenant_id);
  return n;
}

Status replace_recovery_codes(Tx& tx, const std::string& user_id, const std::vector<std::string>& code_hashes) {
  tx.sql() << "DELETE FROM recovery_codes WHERE user_id = :u", soci::use(user_id);
  const std::string now = utc_now();
  std::string hash;
  soci::statement insert = (tx.sql().prepare << "INSERT INTO recovery_codes (user_id, code_hash, created_at) "
                                                "VALUES (:u, :h, :a)",
                            soci::use(user_id), soci::use(hash), soci::use(now));
  for (const auto& h : code_hashes) {
    hash = h;
    insert.execute(true);
  }
  return ok();
}

Result<bool> use_recovery_code(Tx& tx, const std::string& user_id, const std::string& code_hash) {
  const std::string now = utc_now();
  soci::statement st = (tx.sql().prepare << "UPDATE recovery_codes SET used_at = :a WHERE user_id = :u AND "
                                            "code_hash = :h AND used_at IS NULL",
                        soci::use(now), soci::use(user_id), soci::use(code_hash));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

Result<int> unused_recovery_codes(Tx& tx, const std::string& user_id) {
  int n = 0;
  tx.sql() << "SELECT COUNT(*) FROM recovery_codes WHERE user_id = :u AND used_at IS NULL", soci::into(n),
      soci::use(user_id);
  return n;
}

TenantSettings default_tenant_settings() {
  TenantSettings s;
  // Seed 004 7.1.2: whose system this is, and that access beyond the
  // authorised purpose is not allowed.
  s.banner_ja =
      "このシステムは当組織の管理下にあります。あらかじめ認可された利用者が、認可された目的のためにのみ利用できます。"
      "認可されていないアクセスは禁止されており、すべての操作は記録されます。";
  s.banner_en =
      "This system is under the control of the organisation. Only authorised users may use it, and only for "
      "authorised purposes. Unauthorised access is prohibited; all activity is logged.";
  return s;
}

Result<TenantSettings> tenant_settings(Tx& tx, const std::string& tenant_id) {
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT banner_ja, banner_en, require_mfa, password_min_length, idle_timeout_seconds, "
                           "absolute_lifetime_seconds FROM tenant_settings WHERE tenant_id = :t",
       soci::use(tenant_id));
  for (const auto& r : rows) {
    TenantSettings s;
    s.banner_ja = r.get<std::string>(0);
    s.banner_en = r.get<std::string>(1);
    s.require_mfa = r.get<int>(2) != 0;
    s.password.min_length = static_cast<std::size_t>(r.get<int>(3));
    s.session.idle_timeout_seconds = r.get<int>(4);
    s.session.absolute_lifetime_seconds = r.get<int>(5);
    return s;
  }
  return default_tenant_settings();
}

Status save_tenant_settings(Tx& tx, const std::string& tenant_id, const TenantSettings& s) {
  const std::string now = utc_now();
  const int mfa = s.require_mfa ? 1 : 0, min_length = static_cast<int>(s.password.min_length),
            idle = static_cast<int>(s.session.idle_timeout_seconds),
            lifetime = static_cast<int>(s.session.absolute_lifetime_seconds);
  tx.sql() << "DELETE FROM tenant_settings WHERE tenant_id = :t", soci::use(tenant_id);
  tx.sql() << "INSERT INTO tenant_settings (tenant_id, banner_ja, banner_en, require_mfa, password_min_length, "
              "idle_timeout_seconds, absolute_lifetime_seconds, updated_at) VALUES (:t, :bj, :be, :m, :p, :i, :l, :u)",
      soci::use(tenant_id), soci::use(s.banner_ja), soci::use(s.banner_en), soci::use(mfa), soci::use(min_length),
      soci::use(idle), soci::use(lifetime), soci::use(now);
  return ok();
}

}  // namespace mamori::store
