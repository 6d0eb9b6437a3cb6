#include "app/auth.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>

#include "app/audited_write.h"
#include "app/authorize.h"
#include "domain/login_throttle.h"
#include "domain/password_policy.h"
#include "security/password_hash.h"
#include "security/qr_svg.h"
#include "security/tokens.h"
#include "security/totp.h"
#include "store/ids.h"
#include "store/session_repository.h"
#include "store/tenant_repository.h"

namespace mamori::app {

namespace {

using nlohmann::json;

// The person behind a login, with what their organisations ask of them.
struct Person {
  store::User user;
  std::vector<store::Membership> memberships;
  bool mfa_required = false;
  domain::SessionPolicy session;
  domain::PasswordPolicy password;

  domain::LoginFacts facts() const { return {user.mfa_enabled(), user.must_change_password, mfa_required}; }
};

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

struct SessionAndPerson {
  store::Session session;
  Person person;
};

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

}  // namespace

std::string normalize_email(std::string_view email) {
  auto begin = email.find_first_not_of(" \t\r\n");
  auto end = email.find_last_not_of(" \t\r\n");
  std::string out = begin == std::string_view::npos ? std::string() : std::string(email.substr(begin, end - begin + 1));
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c); });
  return out;
}

Result<LoginOutcome> login(Services& services, const std::string& raw_email, const std::string& password,
                           const std::string& source_ip, const std::string& user_agent) {
  const std::string email = normalize_email(raw_email);
  if (email.empty() || email.size() > kMaxEmailBytes)
    return make_error(ErrorCode::invalid_input, "invalid", "enter the e-mail address", Location::in_field("email"));
  if (password.empty() || password.size() > kMaxPasswordBytes)
    return make_error(ErrorCode::invalid_input, "invalid", "enter the password", Location::in_field("password"));

  // 1. Read: is this attempt allowed, and who is it?
  std::optional<domain::ThrottleDecision> decision;
  std::optional<Person> person;
  auto read = services.db.with_read([&](store::Tx& tx) -> Status {
    auto d = throttle(tx, email, source_ip, services.config.throttle);
    if (!d) return d.error();
    decision = d.value();
    auto user = store::find_user_by_email(tx, email);
    if (!user) return user.error();
    if (user.value()) {
      auto p = load_person(tx, std::move(*user.value()), services.config);
      if (!p) return p.error();
      person = std::move(p.value());
    }
    return ok();
  });
  if (!read) return read.error();
  const Caller anonymous = Caller::anonymous(source_ip, user_agent);
  if (!decision->allowed) {
    if (auto r = record_audit_events(services, anonymous,
                                     {{"", "auth.login", "user", email, "failure", false,
                                       json{{"reason", "throttled"}, {"email", email}, {"locked", decision->locked}}.dump()}});
        !r)
      return r.error();
    return throttled_error(*decision);
  }

  // 2. The slow part, outside any transaction: argon2id.
  const bool password_ok = security::verify_password(person ? person->user.password_hash : decoy_hash(), password);
  std::string rehashed;
  if (person && password_ok && security::password_needs_rehash(person->user.password_hash)) {
    auto h = security::hash_password(password);
    if (h) rehashed = h.value();
  }

  // 3. Write: the failure, or the new session.
  if (!person || !password_ok || person->user.disabled()) {
    const std::string reason = !person ? "unknown_account" : !password_ok ? "wrong_password" : "account_disabled";
    auto status = audited_write(services, anonymous, [&](store::Tx& tx, AuditWriter& audit) -> Status {
      return record_failure(tx, audit, email, source_ip, "auth.login", reason, person ? person->user.id : "");
    });
    if (!status) return status.error();
    return invalid_credentials();
  }

  const Caller actor = caller_for(person->user, source_ip, user_agent);
  const std::int64_t now = store::unix_now();
  store::Session session;
  session.id = store::new_uuid_v7();
  SessionCredentials credentials = new_credentials(services);
  session.secret_hash = security::secret_hash(credentials.secret);
  session.user_id = person->user.id;
  session.active_tenant_id = person->memberships.empty() ? "" : person->memberships.front().tenant_id;
  session.stage = domain::first_stage(person->facts());
  session.created_at = session.last_seen_at = store::iso_from_unix(now);
  session.idle_timeout_seconds = person->session.idle_timeout_seconds;
  session.expires_at = store::iso_from_unix(now + person->session.absolute_lifetime_seconds);
  session.source_ip = source_ip;
  session.user_agent = user_agent.substr(0, 500);
  int codes_left = 0;
  auto status = audited_write(services, actor, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    if (auto r = store::clear_login_failures(tx, email); !r) return r;
    if (!rehashed.empty())
      if (auto r = store::update_password(tx, person->user.id, rehashed, person->user.must_change_password); !r) return r;
    if (auto r = store::insert_session(tx, session); !r) return r;
    auto left = store::unused_recovery_codes(tx, person->user.id);
    if (!left) return left.error();
    codes_left = left.value();
    return audit.record({"", "auth.login", "session", session.id, "success", false,
                         json{{"stage", domain::to_string(session.stage)}, {"rehashed", !rehashed.empty()}}.dump()});
  });
  if (!status) return status.error();
  return LoginOutcome{credentials, view_of(*person, &session, codes_left)};
}

Result<LoginOutcome> verify_second_factor(Services& services, const Caller& caller, const std::string& totp,
                                          const std::string& recovery_code) {
  if (auto r = require_stage(caller, {domain::SessionStage::mfa}); !r) return r.error();
  if (totp.empty() == recovery_code.empty())
    return make_error(ErrorCode::invalid_input, "required", "give either a TOTP code or a recovery code",
                      Location::in_field("totp"));

  std::optional<SessionAndPerson> current;
  std::optional<domain::ThrottleDecision> decision;
  std::string secret_b32;
  auto read = services.db.with_read([&](store::Tx& tx) -> Status {
    auto c = current_session(tx, caller, services.config);
    if (!c) return c.error();
    current = std::move(c.value());
    auto d = throttle(tx, caller.email, caller.source_ip, services.config.throttle);
    if (!d) return d.error();
    decision = d.value();
    return ok();
  });
  if (!read) return read.error();
  if (!decision->allowed) return throttled_error(*decision);
  auto& person = current->person;
  if (!person.user.mfa_enabled())
    return make_error(ErrorCode::conflict, "mfa_not_enabled", "this account has no second factor", Location{});
  auto secret = services.secrets.open(person.user.totp_secret_sealed);
  if (!secret) return make_error(ErrorCode::internal, "the stored TOTP secret cannot be opened: " + secret.error().message);

  std::optional<std::int64_t> step;
  const std::string code_hash =
      recovery_code.empty() ? std::string() : security::secret_hash(security::normalize_recovery_code(recovery_code));
  if (!totp.empty()) {
    step = security::verify_totp(secret.value(), totp, store::unix_now());
    if (step && *step <= person.user.totp_last_step) step.reset();  // a code is good once
  }

  SessionCredentials credentials = new_credentials(services);
  std::optional<Error> refusal;
  int codes_left = 0;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    bool passed = step.has_value();
    if (!code_hash.empty()) {
      auto used = store::use_recovery_code(tx, person.user.id, code_hash);
      if (!used) return used.error();
      passed = used.value();
    }
    if (!passed) {
      refusal = make_error(ErrorCode::unauthorized, "invalid_code", "the code is wrong or was already used",
                           Location::in_field(totp.empty() ? "recovery_code" : "totp"));
      return record_failure(tx, audit, person.user.email, caller.source_ip, "auth.mfa", "wrong_code", person.user.id);
    }
    if (step)
      if (auto r = store::set_totp_last_step(tx, person.user.id, *step); !r) return r;
    current->session.stage = domain::stage_after(domain::SessionStage::mfa, person.facts());
    if (auto r = store::set_session_stage(tx, current->session.id, current->session.stage); !r) return r;
    // A new secret once the second factor is proven (no fixation).
    if (auto r = store::rotate_session_secret(tx, current->session.id, security::secret_hash(credentials.secret));
        !r)
      return r;
    if (auto r = store::clear_login_failures(tx, person.user.email); !r) return r;
    auto left = store::unused_recovery_codes(tx, person.user.id);
    if (!left) return left.error();
    codes_left = left.value();
    return audit.record({"", "auth.mfa", "session", current->session.id, "success", false,
                         json{{"method", totp.empty() ? "recovery_code" : "totp"},
                              {"recovery_codes_left", codes_left}}.dump()});
  });
  if (!status) return status.error();
  if (refusal) return *refusal;
  return LoginOutcome{credentials, view_of(person, &current->session, codes_left)};
}

Result<Caller> authenticate_session(Services& services, const std::string& secret, const std::string& source_ip,
                                    const std::string& user_agent) {
  auto no_session = [] {
    return make_error(ErrorCode::unauthorized, "no_session", "sign in first", Location{});
  };
  if (secret.empty() || secret.size() > 128) return no_session();
  std::optional<store::Session> session;
  std::optional<store::User> user;
  auto read = services.db.with_read([&](store::Tx& tx) -> Status {
    auto s = store::find_session_by_secret(tx, security::secret_hash(secret));
    if (!s) return s.error();
    if (!s.value()) return ok();
    session = std::move(s.value());
    auto u = store::find_user_by_id(tx, session->user_id);
    if (!u) return u.error();
    if (u.value()) user = std::move(u.value());
    return ok();
  });
  if (!read) return read.error();
  if (!session || !user) return no_session();
  if (!session->ended_at.empty())
    return make_error(ErrorCode::unauthorized, "session_ended", "the session has ended: sign in again", Location{});
  if (!session->locked_at.empty())
    return make_error(ErrorCode::unauthorized, "session_locked", "the session is locked: enter the password", Location{});

  Caller caller = caller_for(*user, source_ip, user_agent);
  caller.session_id = session->id;
  caller.stage = session->stage;
  caller.active_tenant_id = session->active_tenant_id;
  caller.csrf_token = csrf_token_for(services, secret);

  const std::int64_t now = store::unix_now();
  const auto timing =
      domain::session_timing(now, unix_of(session->last_seen_at), session->idle_timeout_seconds, unix_of(session->expires_at));
  if (user->disabled() || timing != domain::SessionTiming::live) {
    const bool disabled = user->disabled();
    const bool expired = timing == domain::SessionTiming::expired;
    auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
      if (disabled || expired) {
        if (auto r = store::end_session(tx, session->id, disabled ? "account_disabled" : "expired"); !r) return r;
      } else {
        if (auto r = store::lock_session(tx, session->id, store::iso_from_unix(now)); !r) return r;
      }
      return audit.record({"", disabled ? "auth.session_end" : expired ? "auth.session_expired" : "auth.session_locked",
                           "session", session->id, "success", false,
                           json{{"idle_seconds", now - unix_of(session->last_seen_at)}}.dump()});
    });
    if (!status) return status.error();
    if (disabled) return make_error(ErrorCode::unauthorized, "account_disabled", "the account is disabled", Location{});
    if (expired)
      return make_error(ErrorCode::unauthorized, "session_expired", "the session has expired: sign in again", Location{});
    return make_error(ErrorCode::unauthorized, "session_locked", "the session was idle and is locked: enter the password",
                      Location{});
  }
  // Touch at most every touch_interval, and always well within the idle
  // timeout, or an active person would be locked out.
  const std::int64_t interval =
      std::min(services.config.touch_interval_seconds, std::max<std::int64_t>(0, session->idle_timeout_seconds / 4));
  if (now - unix_of(session->last_seen_at) >= interval) {
    auto touched = services.db.with_write(
        [&](store::Tx& tx) -> Status { return store::touch_session(tx, session->id, store::iso_from_unix(now)); });
    if (!touched) return touched.error();
  }
  return caller;
}

Result<SessionStatus> session_status(Services& services, const std::string& secret) {
  SessionStatus status{"none", 0, 0};
  if (secret.empty() || secret.size() > 128) return status;
  std::optional<store::Session> session;
  auto read = services.db.with_read([&](store::Tx& tx) -> Status {
    auto s = store::find_session_by_secret(tx, security::secret_hash(secret));
    if (!s) return s.error();
    session = s.value();
    return ok();
  });
  if (!read) return read.error();
  if (!session) return status;
  const std::int64_t now = store::unix_now(), last = unix_of(session->last_seen_at), end = unix_of(session->expires_at);
  const auto timing = domain::session_timing(now, last, session->idle_timeout_seconds, end);
  if (!session->ended_at.empty()) status.state = "ended";
  else if (timing == domain::SessionTiming::expired) status.state = "expired";
  else if (!session->locked_at.empty() || timing == domain::SessionTiming::idle) status.state = "locked";
  else status.state = "live";
  if (status.state == "live") {
    status.idle_seconds_left = last + session->idle_timeout_seconds - now;
    status.lifetime_seconds_left = end - now;
  }
  return status;
}

Result<Caller> authenticate_api_token(Services& services, const std::string& token, const std::string& source_ip,
                                      const std::string& user_agent) {
  auto invalid = [] {
    return make_error(ErrorCode::unauthorized, "invalid_token", "the API token is unknown, expired or revoked", Location{});
  };
  if (token.rfind("mamori_", 0) != 0 || token.size() > 128) return invalid();
  std::optional<store::ApiToken> found;
  std::optional<store::User> creator;
  auto read = services.db.with_read([&](store::Tx& tx) -> Status {
    auto t = store::find_api_token_by_secret(tx, security::secret_hash(token));
    if (!t) return t.error();
    if (!t.value()) return ok();
    found = std::move(t.value());
    auto u = store::find_user_by_id(tx, found->created_by);
    if (!u) return u.error();
    if (u.value()) creator = std::move(u.value());
    return ok();
  });
  if (!read) return read.error();
  const std::int64_t now = store::unix_now();
  if (!found || !found->revoked_at.empty() || now >= unix_of(found->expires_at)) return invalid();
  Caller c;
  c.kind = Caller::Kind::api_token;
  c.user_id = found->created_by;
  c.email = creator ? creator->email : "";
  c.source_ip = source_ip;
  c.user_agent = user_agent;
  c.token_id = found->id;
  c.token_name = found->name;
  c.token_tenant_id = found->tenant_id;
  c.token_role = found->role;
  c.active_tenant_id = found->tenant_id;
  if (now - unix_of(found->last_used_at) >= services.config.touch_interval_seconds) {
    auto touched = services.db.with_write(
        [&](store::Tx& tx) -> Status { return store::touch_api_token(tx, found->id, store::iso_from_unix(now)); });
    if (!touched) return touched.error();
  }
  return c;
}

std::string csrf_token_for(const Services& services, std::string_view session_secret) {
  return services.secrets.mac("csrf", session_secret);
}

bool csrf_token_matches(const Caller& caller, std::string_view header_value) {
  if (caller.kind != Caller::Kind::session || caller.csrf_token.empty() || header_value.size() != caller.csrf_token.size())
    return false;
  return security::constant_time_equal(header_value, caller.csrf_token);
}

Result<SessionCredentials> unlock_session(Services& services, const std::string& secret, const std::string& password,
                                          const std::string& source_ip, const std::string& user_agent) {
  if (password.empty() || password.size() > kMaxPasswordBytes)
    return make_error(ErrorCode::invalid_input, "invalid", "enter the password", Location::in_field("password"));
  std::optional<store::Session> session;
  std::optional<store::User> user;
  std::optional<domain::ThrottleDecision> decision;
  auto read = services.db.with_read([&](store::Tx& tx) -> Status {
    auto s = store::find_session_by_secret(tx, security::secret_hash(secret));
    if (!s) return s.error();
    if (!s.value()) return ok();
    session = std::move(s.value());
    auto u = store::find_user_by_id(tx, session->user_id);
    if (!u) return u.error();
    if (!u.value()) return ok();
    user = std::move(u.value());
    auto d = throttle(tx, user->email, source_ip, services.config.throttle);
    if (!d) return d.error();
    decision = d.value();
    return ok();
  });
  if (!read) return read.error();
  if (!session || !user || !session->ended_at.empty() || user->disabled())
    return make_error(ErrorCode::unauthorized, "no_session", "there is no session to unlock: sign in again", Location{});
  // Locked, or idle past its timeout but not yet marked (nothing asked since).
  const bool idle = domain::session_timing(store::unix_now(), unix_of(session->last_seen_at), session->idle_timeout_seconds,
                                           unix_of(session->expires_at)) == domain::SessionTiming::idle;
  if (session->locked_at.empty() && !idle)
    return make_error(ErrorCode::conflict, "not_locked", "the session is not locked", Location{});
  if (store::unix_now() >= unix_of(session->expires_at))
    return make_error(ErrorCode::unauthorized, "session_expired", "the session has expired: sign in again", Location{});
  if (!decision->allowed) return throttled_error(*decision);

  Caller caller = caller_for(*user, source_ip, user_agent);
  caller.session_id = session->id;
  const bool password_ok = security::verify_password(user->password_hash, password);
  SessionCredentials credentials = new_credentials(services);
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    if (!password_ok)
      return record_failure(tx, audit, user->email, source_ip, "auth.unlock", "wrong_password", user->id);
    if (auto r = store::unlock_session(tx, session->id, store::utc_now()); !r) return r;
    if (auto r = store::rotate_session_secret(tx, session->id, security::secret_hash(credentials.secret));
        !r)
      return r;
    if (auto r = store::clear_login_failures(tx, user->email); !r) return r;
    return audit.record({"", "auth.unlock", "session", session->id, "success", false, "{}"});
  });
  if (!status) return status.error();
  if (!password_ok) return invalid_credentials();
  return credentials;
}

Status logout(Services& services, const Caller& caller) {
  if (caller.kind != Caller::Kind::session)
    return make_error(ErrorCode::forbidden, "session_only", "only a browser session can log out", Location{});
  return audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    if (auto r = store::end_session(tx, caller.session_id, "logout"); !r) return r;
    return audit.record({"", "auth.logout", "session", caller.session_id, "success", false, "{}"});
  });
}

Result<SessionCredentials> change_password(Services& services, const Caller& caller, const std::string& current,
                                           const std::string& replacement) {
  if (auto r = require_stage(caller, {domain::SessionStage::active, domain::SessionStage::password_change}); !r)
    return r.error();
  if (current.size() > kMaxPasswordBytes || replacement.size() > kMaxPasswordBytes)
    return make_error(ErrorCode::invalid_input, "too_long", "the password is too long", Location::in_field("new_password"));
  std::optional<SessionAndPerson> state;
  std::optional<domain::ThrottleDecision> decision;
  auto read = services.db.with_read([&](store::Tx& tx) -> Status {
    auto c = current_session(tx, caller, services.config);
    if (!c) return c.error();
    state = std::move(c.value());
    auto d = throttle(tx, caller.email, caller.source_ip, services.config.throttle);
    if (!d) return d.error();
    decision = d.value();
    return ok();
  });
  if (!read) return read.error();
  if (!decision->allowed) return throttled_error(*decision);
  auto& person = state->person;
  if (auto problem = domain::password_problem(person.password, replacement, person.user.email)) {
    Error e = make_error(ErrorCode::invalid_input, "weak_password", problem->en, Location::in_field("new_password"));
    return e;
  }
  const bool current_ok = security::verify_password(person.user.password_hash, current);
  if (current_ok && security::verify_password(person.user.password_hash, replacement))
    return make_error(ErrorCode::invalid_input, "same_password", "choose a password different from the current one",
                      Location::in_field("new_password"));
  std::string new_hash;
  if (current_ok) {
    auto h = security::hash_password(replacement);
    if (!h) return h.error();
    new_hash = h.value();
  }
  SessionCredentials credentials = new_credentials(services);
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    if (!current_ok)
      return record_failure(tx, audit, person.user.email, caller.source_ip, "auth.password_change", "wrong_password",
                            person.user.id);
    if (auto r = store::update_password(tx, person.user.id, new_hash, false); !r) return r;
    auto ended = store::end_user_sessions(tx, person.user.id, "password_changed", caller.session_id);
    if (!ended) return ended.error();
    if (auto r = store::rotate_session_secret(tx, caller.session_id, security::secret_hash(credentials.secret));
        !r)
      return r;
    if (caller.stage == domain::SessionStage::password_change) {
      domain::LoginFacts facts = person.facts();
      facts.must_change_password = false;
      if (auto r = store::set_session_stage(tx, caller.session_id,
                                            domain::stage_after(domain::SessionStage::password_change, facts));
          !r)
        return r;
    }
    return audit.record({"", "auth.password_change", "user", person.user.id, "success", false,
                         json{{"other_sessions_ended", ended.value()}}.dump()});
  });
  if (!status) return status.error();
  if (!current_ok)
    return make_error(ErrorCode::unauthorized, "invalid_credentials", "the current password is wrong",
                      Location::in_field("current_password"));
  return credentials;
}

Result<AccountView> account_of(Services& services, const Caller& caller) {
  std::optional<AccountView> view;
  auto read = services.db.with_read([&](store::Tx& tx) -> Status {
    if (caller.kind == Caller::Kind::api_token) {
      auto person = load_person_by_id(tx, caller.user_id, services.config);
      if (!person) return person.error();
      AccountView v = view_of(person.value(), nullptr, 0);
      // A token sees itself: one organisation, the token's role.
      v.memberships.erase(std::remove_if(v.memberships.begin(), v.memberships.end(),
                                         [&](const store::Membership& m) { return m.tenant_id != caller.token_tenant_id; }),
                          v.memberships.end());
      for (auto& m : v.memberships) m.role = caller.token_role;
      v.active_tenant_id = caller.token_tenant_id;
      view = std::move(v);
      return ok();
    }
    auto state = current_session(tx, caller, services.config);
    if (!state) return state.error();
    auto left = store::unused_recovery_codes(tx, caller.user_id);
    if (!left) return left.error();
    view = view_of(state->person, &state->session, left.value());
    return ok();
  });
  if (!read) return read.error();
  return std::move(*view);
}

Status switch_organisation(Services& services, const Caller& caller, const std::string& tenant_id) {
  if (auto r = require_signed_in(caller); !r) return r;
  if (caller.kind != Caller::Kind::session)
    return make_error(ErrorCode::forbidden, "session_only", "only a browser session can switch", Location{});
  return audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_records);
    if (!scope) {
      // A respondent has no read_records but may still work in the organisation.
      auto membership = store::find_membership(tx, tenant_id, caller.user_id);
      if (!membership) return membership.error();
      if (!membership.value()) return scope.error();
    }
    if (auto r = store::set_session_tenant(tx, caller.session_id, tenant_id); !r) return r;
    return audit.record({"", "auth.switch_organisation", "session", caller.session_id, "success", false,
                         json{{"tenant_id", tenant_id}}.dump()});
  });
}

Result<TotpEnrolment> start_totp_enrolment(Services& services, const Caller& caller) {
  if (auto r = require_stage(caller, {domain::SessionStage::active, domain::SessionStage::mfa_enrolment}); !r)
    return r.error();
  if (caller.kind != Caller::Kind::session)
    return make_error(ErrorCode::forbidden, "session_only", "only a signed-in person can enrol", Location{});
  TotpEnrolment e;
  e.secret = security::new_totp_secret();
  e.uri = security::totp_uri(e.secret, caller.email, "mamori");
  auto svg = security::qr_svg(e.uri);
  if (!svg) return svg.error();
  e.qr_svg = std::move(svg.value());
  const std::string sealed = services.secrets.seal(e.secret);
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    if (auto r = store::set_totp_pending(tx, caller.user_id, sealed); !r) return r;
    return audit.record({"", "auth.mfa_enrolment_start", "user", caller.user_id, "success", false, "{}"});
  });
  if (!status) return status.error();
  return e;
}

Result<std::vector<std::string>> confirm_totp_enrolment(Services& services, const Caller& caller,
                                                        const std::string& code) {
  if (auto r = require_stage(caller, {domain::SessionStage::active, domain::SessionStage::mfa_enrolment}); !r)
    return r.error();
  std::optional<SessionAndPerson> state;
  auto read = services.db.with_read([&](store::Tx& tx) -> Status {
    auto c = current_session(tx, caller, services.config);
    if (!c) return c.error();
    state = std::move(c.value());
    return ok();
  });
  if (!read) return read.error();
  auto& user = state->person.user;
  if (user.totp_pending_sealed.empty())
    return make_error(ErrorCode::conflict, "no_enrolment", "start the enrolment first", Location{});
  auto secret = services.secrets.open(user.totp_pending_sealed);
  if (!secret) return make_error(ErrorCode::internal, "the pending TOTP secret cannot be opened");
  auto step = security::verify_totp(secret.value(), code, store::unix_now());
  if (!step)
    return make_error(ErrorCode::invalid_input, "invalid_code", "the code does not match: check the app's clock",
                      Location::in_field("totp"));
  std::vector<std::string> codes = security::new_recovery_codes();
  std::vector<std::string> hashes;
  for (const auto& c : codes) hashes.push_back(security::secret_hash(c));
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    if (auto r = store::enable_totp(tx, user.id, *step); !r) return r;
    if (auto r = store::replace_recovery_codes(tx, user.id, hashes); !r) return r;
    if (caller.stage == domain::SessionStage::mfa_enrolment)
      if (auto r = store::set_session_stage(tx, caller.session_id, domain::SessionStage::active); !r) return r;
    return audit.record({"", "auth.mfa_enabled", "user", user.id, "success", false,
                         json{{"recovery_codes", codes.size()}}.dump()});
  });
  if (!status) return status.error();
  return codes;
}

Result<std::vector<std::string>> regenerate_recovery_codes(Services& services, const Caller& caller,
                                                           const std::string& password) {
  if (auto r = require_signed_in(caller); !r) return r.error();
  std::optional<SessionAndPerson> state;
  auto read = services.db.with_read([&](store::Tx& tx) -> Status {
    auto c = current_session(tx, caller, services.config);
    if (!c) return c.error();
    state = std::move(c.value());
    return ok();
  });
  if (!read) return read.error();
  if (!state->person.user.mfa_enabled())
    return make_error(ErrorCode::conflict, "mfa_not_enabled", "enable MFA first", Location{});
  if (!security::verify_password(state->person.user.password_hash, password))
    return make_error(ErrorCode::unauthorized, "invalid_credentials", "the password is wrong", Location::in_field("password"));
  std::vector<std::string> codes = security::new_recovery_codes();
  std::vector<std::string> hashes;
  for (const auto& c : codes) hashes.push_back(security::secret_hash(c));
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    if (auto r = store::replace_recovery_codes(tx, caller.user_id, hashes); !r) return r;
    return audit.record({"", "auth.recovery_codes_regenerated", "user", caller.user_id, "success", false, "{}"});
  });
  if (!status) return status.error();
  return codes;
}

Status disable_totp(Services& services, const Caller& caller, const std::string& password) {
  if (auto r = require_signed_in(caller); !r) return r;
  std::optional<SessionAndPerson> state;
  auto read = services.db.with_read([&](store::Tx& tx) -> Status {
    auto c = current_session(tx, caller, services.config);
    if (!c) return c.error();
    state = std::move(c.value());
    return ok();
  });
  if (!read) return read;
  if (state->person.mfa_required)
    return make_error(ErrorCode::conflict, "mfa_required_by_organisation",
                      "an organisation you belong to requires MFA", Location{});
  if (!security::verify_password(state->person.user.password_hash, password))
    return make_error(ErrorCode::unauthorized, "invalid_credentials", "the password is wrong", Location::in_field("password"));
  return audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    if (auto r = store::disable_totp(tx, caller.user_id); !r) return r;
    return audit.record({"", "auth.mfa_disabled", "user", caller.user_id, "success", false, "{}"});
  });
}

Result<Banner> login_banner(Services& services, const std::string& tenant_id) {
  store::TenantSettings settings = store::default_tenant_settings();
  if (!tenant_id.empty() && tenant_id.size() <= 64) {
    auto read = services.db.with_read([&](store::Tx& tx) -> Status {
      auto tenant = store::find_tenant(tx, tenant_id);
      if (!tenant) return tenant.error();
      if (!tenant.value()) return ok();
      auto s = store::tenant_settings(tx, tenant_id);
      if (!s) return s.error();
      settings = std::move(s.value());
      return ok();
    });
    if (!read) return read.error();
  }
  return Banner{settings.banner_ja, settings.banner_en};
}

}  // namespace mamori::app
