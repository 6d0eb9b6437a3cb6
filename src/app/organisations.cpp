#include "app/organisations.h"

#include <nlohmann/json.hpp>

#include "app/audited_write.h"
#include "app/auth.h"
#include "app/authorize.h"
#include "domain/account_rules.h"
#include "domain/text.h"
#include "domain/password_policy.h"
#include "security/password_hash.h"
#include "security/tokens.h"
#include "store/session_repository.h"
#include "store/tenant_repository.h"

namespace mamori::app {

// 80 random bits as xxxx-xxxx-xxxx-xxxx from an alphabet without look-alikes
// (no l, o, 0, 1): read aloud or typed from a note without mistakes.
std::string one_time_password() {
  static const char alphabet[] = "abcdefghijkmnpqrstuvwxyz23456789";  // 32 characters
  const std::string random = security::random_secret(24);             // base64url: 64 symbols, 2 per letter
  std::string out;
  for (std::size_t i = 0; i < random.size() && out.size() < 19; ++i) {
    if (out.size() == 4 || out.size() == 9 || out.size() == 14) out += '-';
    const char c = random[i];
    int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ? c - 'a' + 26 : c >= '0' && c <= '9' ? c - '0' + 52
                                                                                   : c == '-' ? 62 : 63;
    out += alphabet[v % 32];
  }
  return out;
}

namespace {

using nlohmann::json;

Status operator_only(const Caller& caller) {
  if (caller.kind == Caller::Kind::operator_cli) return ok();
  return make_error(ErrorCode::forbidden, "operator_only", "only the operator (mamori on the server) can do this",
                    Location{});
}

json membership_json(const store::Membership& m) {
  return {{"user_id", m.user_id}, {"email", m.email}, {"role", domain::to_string(m.role)}};
}

Error last_admin() {
  return make_error(ErrorCode::conflict, "last_admin", "an organisation needs at least one admin", Location::in_field("role"));
}

Result<store::Membership> existing_member(store::Tx& tx, const std::string& tenant_id, const std::string& user_id) {
  auto m = store::find_membership(tx, tenant_id, user_id);
  if (!m) return m.error();
  if (!m.value()) return make_error(ErrorCode::not_found, "no_such_member", "no such member", Location::in_field("user_id"));
  return std::move(*m.value());
}

}  // namespace

Result<domain::Tenant> create_tenant(Services& services, const Caller& caller, const std::string& name,
                                     domain::TenantKind kind) {
  if (auto r = operator_only(caller); !r) return r.error();
  if (auto problem = domain::tenant_name_problem(name))
    return make_error(ErrorCode::invalid_input, "invalid", *problem, Location::in_field("name"));
  std::optional<domain::Tenant> created;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto t = store::create_tenant(tx, name, kind);
    if (!t) return t.error();
    created = t.value();
    return audit.record({t->id, "tenant.create", "tenant", t->id, "success", true,
                         json{{"name", name}, {"kind", domain::to_string(kind)}}.dump()});
  });
  if (!status) return status.error();
  return *created;
}

Result<std::vector<domain::Tenant>> list_tenants(Services& services, const Caller& caller) {
  if (auto r = operator_only(caller); !r) return r.error();
  std::vector<domain::Tenant> out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto list = store::list_tenants(tx);
    if (!list) return list.error();
    out = std::move(list.value());
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<domain::Tenant> find_tenant(Services& services, const std::string& name_or_id) {
  std::optional<domain::Tenant> found;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto by_name = store::find_tenant_by_name(tx, name_or_id);
    if (!by_name) return by_name.error();
    if (by_name.value()) {
      found = by_name.value();
      return ok();
    }
    auto by_id = store::find_tenant(tx, name_or_id);
    if (!by_id) return by_id.error();
    found = by_id.value();
    return ok();
  });
  if (!status) return status.error();
  if (!found)
    return make_error(ErrorCode::not_found, "no_such_organisation", "no organisation named \"" + name_or_id + "\"",
                      Location::in_field("tenant"));
  return *found;
}

Result<OrganisationView> get_organisation(Services& services, const Caller& caller, const std::string& tenant_id) {
  std::optional<OrganisationView> out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::view_organisation);
    if (!scope) return scope.error();
    auto tenant = store::find_tenant(tx, tenant_id);
    if (!tenant) return tenant.error();
    out = OrganisationView{*tenant.value(), scope->role()};
    return ok();
  });
  if (!status) return status.error();
  return *out;
}

Result<MemberAdded> add_member(Services& services, const Caller& caller, const std::string& tenant_id,
                               const std::string& raw_email, domain::Role role, const std::string& display_name,
                               const std::string& password) {
  const std::string email = normalize_email(raw_email);
  if (auto problem = domain::email_problem(email))
    return make_error(ErrorCode::invalid_input, "invalid", *problem, Location::in_field("email"));
  const std::string name = display_name.empty() ? email.substr(0, email.find('@')) : display_name;
  if (auto problem = domain::display_name_problem(name))
    return make_error(ErrorCode::invalid_input, "invalid", *problem, Location::in_field("display_name"));

  // Who may add whom, and is the account new? (read first: hashing is slow)
  std::optional<store::User> existing;
  store::TenantSettings settings;
  auto read = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::manage_members);
    if (!scope) return scope.error();
    if (!domain::role_covers(scope->role(), role))
      return make_error(ErrorCode::forbidden, "role_too_high",
                        std::string("a ") + domain::to_string(scope->role()) + " cannot give the role " +
                            domain::to_string(role),
                        Location::in_field("role"));
    auto user = store::find_user_by_email(tx, email);
    if (!user) return user.error();
    existing = user.value();
    auto s = store::tenant_settings(tx, tenant_id);
    if (!s) return s.error();
    settings = s.value();
    return ok();
  });
  if (!read) return read.error();

  MemberAdded added;
  std::string hash;
  if (!existing) {
    const std::string initial = password.empty() ? one_time_password() : password;
    if (!password.empty())
      if (auto problem = domain::password_problem(settings.password, password, email))
        return make_error(ErrorCode::invalid_input, "weak_password", problem->en, Location::in_field("password"));
    auto h = security::hash_password(initial);
    if (!h) return h.error();
    hash = h.value();
    added.account_created = true;
    if (password.empty()) added.one_time_password = initial;
  }

  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::manage_members);
    if (!scope) return scope.error();
    std::string user_id;
    if (existing) {
      user_id = existing->id;
      auto already = store::find_membership(tx, tenant_id, user_id);
      if (!already) return already.error();
      if (already.value())
        return make_error(ErrorCode::conflict, "already_member", email + " is already a member", Location::in_field("email"));
    } else {
      auto user = store::insert_user(tx, email, name, hash, password.empty());
      if (!user) {
        return user.error();
      }
      user_id = user->id;
      if (auto r = audit.record({tenant_id, "user.create", "user", user_id, "success", true,
                                 json{{"email", email}, {"one_time_password", password.empty()}}.dump()});
          !r)
        return r;
    }
    if (auto r = store::add_membership(tx, tenant_id, user_id, role); !r) return r;
    auto m = store::find_membership(tx, tenant_id, user_id);
    if (!m) return m.error();
    added.membership = *m.value();
    return audit.record({tenant_id, "member.add", "membership", user_id, "success", true, membership_json(added.membership).dump()});
  });
  if (!status) return status.error();
  return added;
}

Result<std::vector<store::Membership>> list_members(Services& services, const Caller& caller,
                                                    const std::string& tenant_id) {
  std::vector<store::Membership> out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_records);
    if (!scope) return scope.error();
    auto members = store::members_of_tenant(tx, tenant_id);
    if (!members) return members.error();
    out = std::move(members.value());
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<store::Membership> change_member_role(Services& services, const Caller& caller, const std::string& tenant_id,
                                             const std::string& user_id, domain::Role role) {
  std::optional<store::Membership> changed;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::manage_members);
    if (!scope) return scope.error();
    auto before = existing_member(tx, tenant_id, user_id);
    if (!before) return before.error();
    if (!domain::role_covers(scope->role(), role) || !domain::role_covers(scope->role(), before->role))
      return make_error(ErrorCode::forbidden, "role_too_high", "you cannot give or take that role", Location::in_field("role"));
    if (before->role == domain::Role::admin && role != domain::Role::admin) {
      auto admins = store::count_admins(tx, tenant_id);
      if (!admins) return admins.error();
      if (admins.value() <= 1) return last_admin();
    }
    if (auto r = store::set_membership_role(tx, tenant_id, user_id, role); !r) return r;
    changed = before.value();
    changed->role = role;
    return audit.record({tenant_id, "member.role_change", "membership", user_id, "success", true,
                         json{{"email", before->email},
                              {"before", domain::to_string(before->role)},
                              {"after", domain::to_string(role)}}.dump()});
  });
  if (!status) return status.error();
  return *changed;
}

Status remove_member(Services& services, const Caller& caller, const std::string& tenant_id, const std::string& user_id) {
  return audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::manage_members);
    if (!scope) return scope.error();
    auto before = existing_member(tx, tenant_id, user_id);
    if (!before) return before.error();
    if (!domain::role_covers(scope->role(), before->role))
      return make_error(ErrorCode::forbidden, "role_too_high", "you cannot remove that member", Location::in_field("user_id"));
    if (before->role == domain::Role::admin) {
      auto admins = store::count_admins(tx, tenant_id);
      if (!admins) return admins.error();
      if (admins.value() <= 1) return last_admin();
    }
    if (auto r = store::remove_membership(tx, tenant_id, user_id); !r) return r;
    return audit.record({tenant_id, "member.remove", "membership", user_id, "success", true,
                         membership_json(before.value()).dump()});
  });
}

Result<std::string> reset_password(Services& services, const Caller& caller, const std::string& raw_email,
                                   const std::string& password) {
  if (auto r = operator_only(caller); !r) return r.error();
  const std::string email = normalize_email(raw_email);
  std::optional<store::User> user;
  std::vector<store::Membership> memberships;
  domain::PasswordPolicy policy;
  auto read = services.db.with_read([&](store::Tx& tx) -> Status {
    auto u = store::find_user_by_email(tx, email);
    if (!u) return u.error();
    user = u.value();
    if (!user) return ok();
    auto m = store::memberships_of_user(tx, user->id);
    if (!m) return m.error();
    memberships = m.value();
    for (const auto& membership : memberships) {
      auto s = store::tenant_settings(tx, membership.tenant_id);
      if (!s) return s.error();
      policy.min_length = std::max(policy.min_length, s->password.min_length);
    }
    return ok();
  });
  if (!read) return read.error();
  if (!user) return make_error(ErrorCode::not_found, "no_such_account", "no account " + email, Location::in_field("email"));
  const std::string next = password.empty() ? one_time_password() : password;
  if (!password.empty())
    if (auto problem = domain::password_problem(policy, password, email))
      return make_error(ErrorCode::invalid_input, "weak_password", problem->en, Location::in_field("password"));
  auto hash = security::hash_password(next);
  if (!hash) return hash.error();
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    if (auto r = store::update_password(tx, user->id, hash.value(), password.empty()); !r) return r;
    auto ended = store::end_user_sessions(tx, user->id, "password_reset");
    if (!ended) return ended.error();
    if (auto r = store::clear_login_failures(tx, email); !r) return r;
    return audit.record({"", "user.password_reset", "user", user->id, "success", true,
                         json{{"email", email}, {"one_time", password.empty()}, {"sessions_ended", ended.value()}}.dump()});
  });
  if (!status) return status.error();
  return password.empty() ? next : std::string();
}

Status set_account_disabled(Services& services, const Caller& caller, const std::string& raw_email, bool disabled) {
  if (auto r = operator_only(caller); !r) return r;
  const std::string email = normalize_email(raw_email);
  return audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto user = store::find_user_by_email(tx, email);
    if (!user) return user.error();
    if (!user.value())
      return make_error(ErrorCode::not_found, "no_such_account", "no account " + email, Location::in_field("email"));
    if (auto r = store::set_user_disabled(tx, user.value()->id, disabled); !r) return r;
    int ended = 0;
    if (disabled) {
      auto n = store::end_user_sessions(tx, user.value()->id, "account_disabled");
      if (!n) return n.error();
      ended = n.value();
    }
    return audit.record({"", disabled ? "user.disable" : "user.enable", "user", user.value()->id, "success", true,
                         json{{"email", email}, {"sessions_ended", ended}}.dump()});
  });
}

Result<store::TenantSettings> get_settings(Services& services, const Caller& caller, const std::string& tenant_id) {
  std::optional<store::TenantSettings> out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_records);
    if (!scope) return scope.error();
    auto s = store::tenant_settings(tx, tenant_id);
    if (!s) return s.error();
    out = s.value();
    return ok();
  });
  if (!status) return status.error();
  return *out;
}

Result<store::TenantSettings> update_settings(Services& services, const Caller& caller, const std::string& tenant_id,
                                              const SettingsUpdate& u) {
  auto banner_problem = [](const std::string& text) -> std::optional<std::string> {
    if (domain::fold_for_search(text).empty()) return "the banner text is empty";
    if (domain::utf8_length(text) > 2000) return "the banner text is longer than 2000 characters";
    return std::nullopt;
  };
  if (u.banner_ja)
    if (auto p = banner_problem(*u.banner_ja)) return make_error(ErrorCode::invalid_input, "invalid", *p, Location::in_field("banner_ja"));
  if (u.banner_en)
    if (auto p = banner_problem(*u.banner_en)) return make_error(ErrorCode::invalid_input, "invalid", *p, Location::in_field("banner_en"));
  if (u.password_min_length && (*u.password_min_length < 8 || *u.password_min_length > 128))
    return make_error(ErrorCode::invalid_input, "out_of_range", "the minimum password length must be 8 to 128",
                      Location::in_field("password_min_length"));
  if (u.idle_timeout_seconds &&
      (*u.idle_timeout_seconds < domain::kMinOrgIdleSeconds || *u.idle_timeout_seconds > domain::kMaxIdleSeconds))
    return make_error(ErrorCode::invalid_input, "out_of_range", "the idle timeout must be 60 seconds to 24 hours",
                      Location::in_field("idle_timeout_seconds"));
  if (u.absolute_lifetime_seconds && (*u.absolute_lifetime_seconds < domain::kMinOrgLifetimeSeconds ||
                                      *u.absolute_lifetime_seconds > domain::kMaxLifetimeSeconds))
    return make_error(ErrorCode::invalid_input, "out_of_range", "the session lifetime must be 5 minutes to 30 days",
                      Location::in_field("absolute_lifetime_seconds"));

  std::optional<store::TenantSettings> out;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::manage_settings);
    if (!scope) return scope.error();
    auto current = store::tenant_settings(tx, tenant_id);
    if (!current) return current.error();
    store::TenantSettings next = current.value();
    json changed = json::object();
    if (u.banner_ja && *u.banner_ja != next.banner_ja) next.banner_ja = *u.banner_ja, changed["banner_ja"] = true;
    if (u.banner_en && *u.banner_en != next.banner_en) next.banner_en = *u.banner_en, changed["banner_en"] = true;
    if (u.require_mfa && *u.require_mfa != next.require_mfa)
      changed["require_mfa"] = {next.require_mfa, *u.require_mfa}, next.require_mfa = *u.require_mfa;
    if (u.password_min_length && static_cast<std::size_t>(*u.password_min_length) != next.password.min_length)
      changed["password_min_length"] = {next.password.min_length, *u.password_min_length},
      next.password.min_length = static_cast<std::size_t>(*u.password_min_length);
    if (u.idle_timeout_seconds && *u.idle_timeout_seconds != next.session.idle_timeout_seconds)
      changed["idle_timeout_seconds"] = {next.session.idle_timeout_seconds, *u.idle_timeout_seconds},
      next.session.idle_timeout_seconds = *u.idle_timeout_seconds;
    if (u.absolute_lifetime_seconds && *u.absolute_lifetime_seconds != next.session.absolute_lifetime_seconds)
      changed["absolute_lifetime_seconds"] = {next.session.absolute_lifetime_seconds, *u.absolute_lifetime_seconds},
      next.session.absolute_lifetime_seconds = *u.absolute_lifetime_seconds;
    if (auto r = store::save_tenant_settings(tx, tenant_id, next); !r) return r;
    out = next;
    return audit.record({tenant_id, "settings.update", "settings", tenant_id, "success", true, changed.dump()});
  });
  if (!status) return status.error();
  return *out;
}

}  // namespace mamori::app
