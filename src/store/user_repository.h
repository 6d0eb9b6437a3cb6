// People (accounts), their memberships, recovery codes and organisation
// settings. Accounts are global: one per e-mail; what a person may do is in
// their memberships.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/access.h"
#include "domain/error.h"
#include "domain/password_policy.h"
#include "domain/session_rules.h"

namespace mamori::store {

class Tx;

struct User {
  std::string id;
  std::string email;  // lower case
  std::string display_name;
  std::string password_hash;
  std::string password_changed_at;
  bool must_change_password = false;
  std::string totp_secret_sealed;   // empty: no MFA
  std::string totp_pending_sealed;  // enrolment started, not confirmed
  std::string totp_enabled_at;
  std::int64_t totp_last_step = 0;  // replay guard
  std::string disabled_at;          // non-empty: cannot log in
  std::string created_at;

  bool mfa_enabled() const { return !totp_secret_sealed.empty(); }
  bool disabled() const { return !disabled_at.empty(); }
};

struct Membership {
  std::string tenant_id;
  std::string tenant_name;
  std::string tenant_kind;
  std::string user_id;
  std::string email;
  std::string display_name;
  domain::Role role = domain::Role::viewer;
  std::string created_at;
};

Result<User> insert_user(Tx& tx, const std::string& email, const std::string& display_name,
                         const std::string& password_hash, bool must_change_password);
Result<std::optional<User>> find_user_by_email(Tx& tx, const std::string& email);
Result<std::optional<User>> find_user_by_id(Tx& tx, const std::string& id);
// For store::look_up_session (internal to src/store): the user whose
// session has the secret hash $1, as a kept statement, and its row.
const std::string& user_by_session_secret_sql();
User user_from_columns(const std::vector<std::string>& columns);
Status update_password(Tx& tx, const std::string& user_id, const std::string& password_hash, bool must_change);
Status set_user_disabled(Tx& tx, const std::string& user_id, bool disabled);
Status set_totp_pending(Tx& tx, const std::string& user_id, const std::string& sealed);  // "" clears
Status enable_totp(Tx& tx, const std::string& user_id, std::int64_t used_step);  // pending becomes active
Status disable_totp(Tx& tx, const std::string& user_id);
Status set_totp_last_step(Tx& tx, const std::string& user_id, std::int64_t step);

Status add_membership(Tx& tx, const std::string& tenant_id, const std::string& user_id, domain::Role role);
Status set_membership_role(Tx& tx, const std::string& tenant_id, const std::string& user_id, domain::Role role);
Status remove_membership(Tx& tx, const std::string& tenant_id, const std::string& user_id);
Result<std::optional<Membership>> find_membership(Tx& tx, const std::string& tenant_id, const std::string& user_id);
Result<std::vector<Membership>> memberships_of_user(Tx& tx, const std::string& user_id);
Result<std::vector<Membership>> members_of_tenant(Tx& tx, const std::string& tenant_id);
Result<int> count_admins(Tx& tx, const std::string& tenant_id);

// Recovery codes: replaced as a set; using one marks it used.
Status replace_recovery_codes(Tx& tx, const std::string& user_id, const std::vector<std::string>& code_hashes);
Result<bool> use_recovery_code(Tx& tx, const std::string& user_id, const std::string& code_hash);
Result<int> unused_recovery_codes(Tx& tx, const std::string& user_id);

// Organisation settings (defaults when never saved).
struct TenantSettings {
  std::string banner_ja;
  std::string banner_en;
  bool require_mfa = false;
  domain::PasswordPolicy password;
  domain::SessionPolicy session;
};
TenantSettings default_tenant_settings();
Result<TenantSettings> tenant_settings(Tx& tx, const std::string& tenant_id);
Status save_tenant_settings(Tx& tx, const std::string& tenant_id, const TenantSettings& settings);

}  // namespace mamori::store
