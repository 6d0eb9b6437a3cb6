// Signing in and staying signed in (seed 004 4.4.5 and 12.3): passwords,
// TOTP and recovery codes, sessions that lock when idle and end at a fixed
// lifetime, throttling of failed attempts. Every event is in the audit log.
#pragma once

#include <string>
#include <vector>

#include "app/caller.h"
#include "app/data_version.h"
#include "app/services.h"
#include "domain/error.h"
#include "domain/session_rules.h"
#include "store/user_repository.h"

namespace mamori::app {

// What the browser holds: the session secret (cookie) and the CSRF token
// (sent back in X-CSRF-Token on writes). Only a hash of the secret is
// stored; the CSRF token is a MAC of the secret under the server key, so it
// can be given again (GET /me) after a reload without storing it.
struct SessionCredentials {
  std::string secret;
  std::string csrf_token;
};

struct AccountView {
  std::string user_id;
  std::string email;
  std::string display_name;
  bool mfa_enabled = false;
  int recovery_codes_left = 0;
  bool mfa_required = false;
  std::vector<store::Membership> memberships;
  // The session, when the view is of a signed-in session.
  std::string session_id;
  std::string active_tenant_id;
  domain::SessionStage stage = domain::SessionStage::active;
  std::string session_expires_at;
  std::int64_t idle_timeout_seconds = 0;
};

struct LoginOutcome {
  SessionCredentials credentials;
  AccountView account;
};

inline constexpr std::size_t kMaxEmailBytes = 254;
inline constexpr std::size_t kMaxPasswordBytes = 1024;

// E-mail as stored and compared: trimmed, ASCII lower case.
std::string normalize_email(std::string_view email);

// Password first. The stage of the outcome says what comes next.
Result<LoginOutcome> login(Services& services, const std::string& email, const std::string& password,
                           const std::string& source_ip, const std::string& user_agent);

// The second step when the person has MFA: a TOTP code or a recovery code.
Result<LoginOutcome> verify_second_factor(Services& services, const Caller& caller, const std::string& totp,
                                          const std::string& recovery_code);

// Resolves a session cookie. Locks an idle session (reason
// "session_locked") and ends an expired one ("session_expired").
// With `version`, also reads that organisation's data version in the same
// read transaction (app/data_version.h), whatever the outcome.
Result<Caller> authenticate_session(Services& services, const std::string& secret, const std::string& source_ip,
                                    const std::string& user_agent, DataVersionWanted* version = nullptr);
// Where a session stands, without counting as activity (the UI asks before
// showing the lock screen): "live", "locked", "expired", "ended" or "none".
struct SessionStatus {
  std::string state;
  std::int64_t idle_seconds_left = 0;
  std::int64_t lifetime_seconds_left = 0;
};
Result<SessionStatus> session_status(Services& services, const std::string& secret);

// Resolves "Authorization: Bearer mamori_…".
Result<Caller> authenticate_api_token(Services& services, const std::string& token, const std::string& source_ip,
                                      const std::string& user_agent, DataVersionWanted* version = nullptr);
// Cookie-authenticated writes must echo the session's CSRF token.
bool csrf_token_matches(const Caller& caller, std::string_view header_value);
std::string csrf_token_for(const Services& services, std::string_view session_secret);

// An idle-locked session is reopened by re-entering the password; it gets a
// new secret.
Result<SessionCredentials> unlock_session(Services& services, const std::string& secret, const std::string& password,
                                          const std::string& source_ip, const std::string& user_agent);

Status logout(Services& services, const Caller& caller);

// Ends every other session of the person; the current one gets a new secret.
Result<SessionCredentials> change_password(Services& services, const Caller& caller, const std::string& current,
                                           const std::string& replacement);

Result<AccountView> account_of(Services& services, const Caller& caller);
Status switch_organisation(Services& services, const Caller& caller, const std::string& tenant_id);

struct TotpEnrolment {
  std::string secret;  // base32, for typing into an app
  std::string uri;     // otpauth://…
  std::string qr_svg;
};
Result<TotpEnrolment> start_totp_enrolment(Services& services, const Caller& caller);
// Returns the recovery codes, shown once.
Result<std::vector<std::string>> confirm_totp_enrolment(Services& services, const Caller& caller, const std::string& code);
Result<std::vector<std::string>> regenerate_recovery_codes(Services& services, const Caller& caller,
                                                           const std::string& password);
Status disable_totp(Services& services, const Caller& caller, const std::string& password);

struct Banner {
  std::string ja;
  std::string en;
};
// The warning shown before login (seed 004 7.1.2): the organisation's own
// text, or the default when `tenant_id` is empty or unknown.
Result<Banner> login_banner(Services& services, const std::string& tenant_id);

}  // namespace mamori::app
