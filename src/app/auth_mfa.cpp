// TOTP enrolment, recovery codes, turning MFA off.
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

}  // namespace mamori::app
