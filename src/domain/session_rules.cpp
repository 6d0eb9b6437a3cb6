#include "domain/session_rules.h"

#include <algorithm>

namespace mamori::domain {

SessionPolicy strictest(const std::vector<SessionPolicy>& policies, const SessionPolicy& instance) {
  SessionPolicy out = instance;
  for (const auto& p : policies) {
    out.idle_timeout_seconds = std::min(out.idle_timeout_seconds, p.idle_timeout_seconds);
    out.absolute_lifetime_seconds = std::min(out.absolute_lifetime_seconds, p.absolute_lifetime_seconds);
  }
  return out;
}

const char* to_string(SessionStage stage) {
  switch (stage) {
    case SessionStage::mfa: return "mfa";
    case SessionStage::mfa_enrolment: return "mfa_enrolment";
    case SessionStage::password_change: return "password_change";
    case SessionStage::active: return "active";
  }
  return "mfa";
}

std::optional<SessionStage> parse_session_stage(std::string_view text) {
  for (auto s : {SessionStage::mfa, SessionStage::mfa_enrolment, SessionStage::password_change, SessionStage::active})
    if (text == to_string(s)) return s;
  return std::nullopt;
}

SessionStage first_stage(const LoginFacts& f) {
  if (f.mfa_enabled) return SessionStage::mfa;
  return stage_after(SessionStage::mfa, f);
}

SessionStage stage_after(SessionStage completed, const LoginFacts& f) {
  switch (completed) {
    case SessionStage::mfa:
      if (f.must_change_password) return SessionStage::password_change;
      [[fallthrough]];
    case SessionStage::password_change:
      if (f.mfa_required && !f.mfa_enabled) return SessionStage::mfa_enrolment;
      [[fallthrough]];
    case SessionStage::mfa_enrolment:
    case SessionStage::active:
      return SessionStage::active;
  }
  return SessionStage::active;
}

SessionTiming session_timing(std::int64_t now, std::int64_t last_seen, std::int64_t idle_timeout_seconds,
                             std::int64_t expires_at) {
  if (now >= expires_at) return SessionTiming::expired;
  if (now - last_seen >= idle_timeout_seconds) return SessionTiming::idle;
  return SessionTiming::live;
}

}  // namespace mamori::domain
