// The session lifecycle of seed 004 12.3 as rules: when a session is idle
// (and locks), when it has expired, which stage of login it is in, and how
// the policies of several organisations combine.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace mamori::domain {

struct SessionPolicy {
  std::int64_t idle_timeout_seconds = 30 * 60;           // then the session locks
  std::int64_t absolute_lifetime_seconds = 12 * 60 * 60; // then it is over, whatever happens
};

// Per-organisation settings are validated against these bounds; a server
// operator may set shorter values for the whole instance (kiosks, tests).
inline constexpr std::int64_t kMinOrgIdleSeconds = 60;
inline constexpr std::int64_t kMaxIdleSeconds = 24 * 60 * 60;
inline constexpr std::int64_t kMinOrgLifetimeSeconds = 5 * 60;
inline constexpr std::int64_t kMaxLifetimeSeconds = 30 * 24 * 60 * 60;

// A person in several organisations gets the strictest of their policies.
SessionPolicy strictest(const std::vector<SessionPolicy>& policies, const SessionPolicy& instance);

// How far a session got through login.
enum class SessionStage {
  mfa,              // password accepted, TOTP (or a recovery code) still due
  mfa_enrolment,    // an organisation requires MFA and the person has none yet
  password_change,  // a one-time or reset password must be replaced first
  active,
};
const char* to_string(SessionStage stage);
std::optional<SessionStage> parse_session_stage(std::string_view text);

// What decides the steps of a login after the password.
struct LoginFacts {
  bool mfa_enabled = false;           // the person has TOTP
  bool must_change_password = false;  // a one-time or reset password
  bool mfa_required = false;          // one of their organisations requires MFA
};
// The order is: second factor, then the new password, then MFA enrolment.
SessionStage first_stage(const LoginFacts& facts);
SessionStage stage_after(SessionStage completed, const LoginFacts& facts);

enum class SessionTiming { live, idle, expired };

// `now`, `last_seen` and `expires_at` in Unix seconds.
SessionTiming session_timing(std::int64_t now, std::int64_t last_seen, std::int64_t idle_timeout_seconds,
                             std::int64_t expires_at);

}  // namespace mamori::domain
