// The signed-in person: their account view, switching organisation, and the sign-in banner.
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
