// Password sign-in and the second factor, and changing the password.
// What sign-in, sessions and MFA share is in app/auth_support.h.
#include "app/auth.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>

#include "app/audited_write.h"
#include "app/auth_support.h"
#include "app/authorize.h"
#include "domain/password_policy.h"
#include "security/password_hash.h"
#include "security/qr_svg.h"
#include "security/tokens.h"
#include "security/totp.h"
#include "store/ids.h"
#include "store/session_repository.h"
#include "store/tenant_repository.h"

namespace mamori::app {

using nlohmann::json;
using namespace auth_support;

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

}  // namespace mamori::app
