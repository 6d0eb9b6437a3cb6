// Internal to app/auth_*.cpp: what sign-in, sessions and MFA share. Not
// for other layers (they use app/auth.h).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "app/audited_write.h"
#include "app/auth.h"
#include "domain/login_throttle.h"
#include "domain/password_policy.h"
#include "domain/session_rules.h"
#include "store/session_repository.h"
#include "store/user_repository.h"

namespace mamori::app::auth_support {

// The person behind a login, with what their organisations ask of them.
struct Person {
  store::User user;
  std::vector<store::Membership> memberships;
  bool mfa_required = false;
  domain::SessionPolicy session;
  domain::PasswordPolicy password;

  domain::LoginFacts facts() const { return {user.mfa_enabled(), user.must_change_password, mfa_required}; }
};

struct SessionAndPerson {
  store::Session session;
  Person person;
};

Result<Person> load_person(store::Tx& tx, store::User user, const SecurityConfig& config);

Result<Person> load_person_by_id(store::Tx& tx, const std::string& user_id, const SecurityConfig& config);

std::int64_t unix_of(const std::string& iso);

// Failed attempts (password, second factor, unlock) count against the
// account and the source address alike.
Result<domain::ThrottleDecision> throttle(store::Tx& tx, const std::string& email, const std::string& source_ip,
                                          const domain::ThrottlePolicy& policy);

Error throttled_error(const domain::ThrottleDecision& d);

Error invalid_credentials();

// Verifying against a real hash when the account does not exist keeps the
// time of a failed login the same either way.
const std::string& decoy_hash();

Caller caller_for(const store::User& user, const std::string& source_ip, const std::string& user_agent);

SessionCredentials new_credentials(const Services& services);

AccountView view_of(const Person& p, const store::Session* session, int recovery_codes_left);

// Records a failed attempt and its audit entry; the caller then refuses.
Status record_failure(store::Tx& tx, AuditWriter& audit, const std::string& email, const std::string& source_ip,
                      const std::string& action, const std::string& reason, const std::string& user_id);

Result<SessionAndPerson> current_session(store::Tx& tx, const Caller& caller, const SecurityConfig& config);

Status require_stage(const Caller& caller, std::initializer_list<domain::SessionStage> allowed);

}  // namespace mamori::app::auth_support
