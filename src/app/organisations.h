// Organisations, their members and their settings. The operator (CLI)
// creates organisations and first accounts; an organisation's admins manage
// their members and settings through the API.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/caller.h"
#include "app/services.h"
#include "domain/access.h"
#include "domain/error.h"
#include "domain/tenant.h"
#include "store/user_repository.h"

namespace mamori::app {

// A first password for a new account, shown once and changed at the first
// sign-in: 80 random bits as xxxx-xxxx-xxxx-xxxx without look-alikes.
std::string one_time_password();

Result<domain::Tenant> create_tenant(Services& services, const Caller& caller, const std::string& name,
                                     domain::TenantKind kind);
Result<std::vector<domain::Tenant>> list_tenants(Services& services, const Caller& caller);
// By name (the CLI's way of naming one) or id.
Result<domain::Tenant> find_tenant(Services& services, const std::string& name_or_id);

struct MemberAdded {
  store::Membership membership;
  bool account_created = false;
  std::string one_time_password;  // when the account was created without a password
};

// Adds a person to an organisation with a role. A new account gets
// `password` (checked against the organisation's policy) or, when empty, a
// one-time password that must be changed at first login. An existing
// account keeps its password.
struct OrganisationView {
  domain::Tenant tenant;
  domain::Role role = domain::Role::viewer;  // the caller's
};
Result<OrganisationView> get_organisation(Services& services, const Caller& caller, const std::string& tenant_id);

Result<MemberAdded> add_member(Services& services, const Caller& caller, const std::string& tenant_id,
                               const std::string& email, domain::Role role, const std::string& display_name,
                               const std::string& password);
Result<std::vector<store::Membership>> list_members(Services& services, const Caller& caller,
                                                    const std::string& tenant_id);
Result<store::Membership> change_member_role(Services& services, const Caller& caller, const std::string& tenant_id,
                                             const std::string& user_id, domain::Role role);
Status remove_member(Services& services, const Caller& caller, const std::string& tenant_id, const std::string& user_id);

// Operator actions on accounts (the CLI). A reset without a password makes
// a one-time password; both end all of the person's sessions.
Result<std::string> reset_password(Services& services, const Caller& caller, const std::string& email,
                                   const std::string& password);
Status set_account_disabled(Services& services, const Caller& caller, const std::string& email, bool disabled);

struct SettingsUpdate {
  std::optional<std::string> banner_ja;
  std::optional<std::string> banner_en;
  std::optional<bool> require_mfa;
  std::optional<std::int64_t> password_min_length;
  std::optional<std::int64_t> idle_timeout_seconds;
  std::optional<std::int64_t> absolute_lifetime_seconds;
};
Result<store::TenantSettings> get_settings(Services& services, const Caller& caller, const std::string& tenant_id);
Result<store::TenantSettings> update_settings(Services& services, const Caller& caller, const std::string& tenant_id,
                                              const SettingsUpdate& update);

}  // namespace mamori::app
