// What sign-in, sessions and MFA share (app/auth_support.h).
#include "app/auth_support.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "app/authorize.h"
#include "security/password_hash.h"
#include "security/tokens.h"
#include "store/ids.h"
#include "store/session_repository.h"

namespace mamori::app::auth_support {

using nlohmann::json;


Result<Person> load_person(store::Tx& tx, store::User user, const SecurityConfig& config) {
  Person p;
  auto memberships = store::memberships_of_user(tx, user.id);
  if (!memberships) return memberships.error();
  p.memberships = std::move(memberships.value());
  std::vector<domain::SessionPolicy> policies;
  for (const auto& m : p.memberships) {
    auto settings = store::tenant_settings(tx, m.tenant_id);
    if (!settings) return settings.error();
    p.mfa_required = p.mfa_required || settings->require_mfa;
    policies.push_back(settings->session);
    p.password.min_length = std::max(p.password.min_length, settings->password.min_length);
  }
  p.session = domain::strictest(policies, config.session);
  p.user = std::move(user);
  return p;
}

Result<Person> load_person_by_id(store::Tx& tx, const std::string& user_id, const SecurityConfig& config) {
  auto user = store::find_user_by_id(tx, user_id);
  if (!user) return user.error();
  if (!user.value()) return make_error(ErrorCode::unauthorized, "no_session", "the account no longer exists", Location{});
  return load_person(tx, std::move(*user.value()), config);
}

std::int64_t unix_of(const std::string& iso) { return store::unix_from_iso(iso).value_or(0); }

// Failed attempts (password, second factor, unlock) count against the
// account and the source address alike.
Result<domain::ThrottleDecision> throttle(store::Tx& tx, const std::string& email, const std::string& source_ip,
                                          const domain::ThrottlePolicy& policy) {
  const std::int64_t now = store::unix_now();
  const std::string since = store::iso_from_unix(now - policy.window_seconds);
  auto account = store::login_failures_for_email(tx, email, since);
  if (!account) return account.error();
  auto address = store::login_failures_for_address(tx, source_ip, since);
  if (!address) return address.error();
  auto a = domain::decide_login_throttle(account->count, unix_of(account->last_at), now,
                                         domain::ThrottleScope::account, policy);
  auto b = domain::decide_login_throttle(address->count, unix_of(address->last_at), now,
                                         domain::ThrottleScope::address, policy);
  domain::ThrottleDecision d;
  d.allowed = a.allowed && b.allowed;
  d.locked = a.locked || b.locked;
  d.retry_after_seconds = std::max(a.retry_after_seconds, b.retry_after_seconds);
  return d;
}

Error throttled_error(const domain::ThrottleDecision& d) {
  Error e = make_error(ErrorCode::rate_limited, d.locked ? "temporarily_locked" : "too_many_attempts",
                       d.locked ? "too many failed attempts: sign-in is locked for a while"
                                : "too many failed attempts: wait before trying again",
                       Location{});
  e.retry_after_seconds = d.retry_after_seconds;
  return e;
}

Error invalid_credentials() {
  // One message for an unknown account, a wrong password and a disabled
  // account: the response must not tell which.
  return make_error(ErrorCode::unauthorized, "invalid_credentials", "the e-mail address or the password is wrong",
                    Location::in_field("password"));
}

// Verifying against a real hash when the account does not exist keeps the
// time of a failed login the same either way.
const std::string& decoy_hash() {
  static const std::string hash = security::hash_password("mamori-decoy-password").value();
  return hash;
}

Caller caller_for(const store::User& user, const std::string& source_ip, const std::string& user_agent) {
  Caller c;
  c.kind = Caller::Kind::session;
  c.user_id = user.id;
  c.email = user.email;
  c.source_ip = source_ip;
  c.user_agent = user_agent;
  return c;
}

SessionCredentials new_credentials(const Services& services) {
  SessionCredentials c;
  c.secret = security::random_secret();
  c.csrf_token = csrf_token_for(services, c.secret);
  return c;
}

AccountView view_of(const Person& p, const store::Session* session, int recovery_codes_left) {
  AccountView v;
  v.user_id = p.user.id;
  v.email = p.user.email;
  v.display_name = p.user.display_name;
  v.mfa_enabled = p.user.mfa_enabled();
  v.mfa_required = p.mfa_required;
  v.recovery_codes_left = recovery_codes_left;
  v.memberships = p.memberships;
  if (session) {
    v.session_id = session->id;
    v.active_tenant_id = session->active_tenant_id;
    v.stage = session->stage;
    v.session_expires_at = session->expires_at;
    v.idle_timeout_seconds = session->idle_timeout_seconds;
  }
  return v;
}

// Records a failed attempt and its audit entry; the caller then refuses.
Status record_failure(store::Tx& tx, AuditWriter& audit, const std::string& email, const std::string& source_ip,
                      const std::string& action, const std::string& reason, const std::string& user_id) {
  if (auto r = store::record_login_failure(tx, email, source_ip); !r) return r;
  return audit.record({"", action, "user", user_id.empty() ? email : user_id, "failure", false,
                       json{{"reason", reason}, {"email", email}}.dump()});
}


Result<SessionAndPerson> current_session(store::Tx& tx, const Caller& caller, const SecurityConfig& config) {
  if (caller.kind != Caller::Kind::session)
    return make_error(ErrorCode::forbidden, "session_only", "only a signed-in person can do this (not an API token)",
                      Location{});
  auto session = store::find_session(tx, caller.session_id);
  if (!session) return session.error();
  if (!session.value() || !session.value()->ended_at.empty())
    return make_error(ErrorCode::unauthorized, "session_ended", "the session has ended", Location{});
  auto person = load_person_by_id(tx, caller.user_id, config);
  if (!person) return person.error();
  return SessionAndPerson{std::move(*session.value()), std::move(person.value())};
}

Status require_stage(const Caller& caller, std::initializer_list<domain::SessionStage> allowed) {
  for (auto s : allowed)
    if (caller.stage == s) return ok();
  return make_error(ErrorCode::forbidden, "wrong_login_stage",
                    std::string("not possible while the login is at stage ") + domain::to_string(caller.stage),
                    Location{});
}

}  // namespace mamori::app::auth_support
