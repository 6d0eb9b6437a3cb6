#include "app/authorize.h"

#include "store/tenant_repository.h"
#include "store/user_repository.h"

namespace mamori::app {

namespace {

Error not_found() {
  return make_error(ErrorCode::not_found, "no_such_organisation", "no such organisation", Location::in_field("org"));
}

Error forbidden(domain::Role role, domain::Action action) {
  return make_error(ErrorCode::forbidden, "role_lacks_permission",
                    std::string("the role ") + domain::to_string(role) + " may not " + domain::to_string(action),
                    Location{});
}

Result<bool> tenant_exists(store::Tx& tx, const std::string& tenant_id) {
  auto tenant = store::find_tenant(tx, tenant_id);
  if (!tenant) return tenant.error();
  return tenant.value().has_value();
}

}  // namespace

Status require_signed_in(const Caller& caller) {
  switch (caller.kind) {
    case Caller::Kind::anonymous:
      return make_error(ErrorCode::unauthorized, "not_signed_in", "sign in first", Location{});
    case Caller::Kind::session:
      if (caller.stage != domain::SessionStage::active)
        return make_error(ErrorCode::unauthorized, "login_incomplete",
                          std::string("finish signing in first (") + domain::to_string(caller.stage) + ")", Location{});
      return ok();
    default:
      return ok();
  }
}

Result<TenantScope> authorize(store::Tx& tx, const Caller& caller, const std::string& tenant_id, domain::Action action) {
  if (auto signed_in = require_signed_in(caller); !signed_in) return signed_in.error();
  switch (caller.kind) {
    case Caller::Kind::operator_cli:
      // The operator holds the data directory: everything, but the
      // organisation must exist.
      if (auto exists = tenant_exists(tx, tenant_id); !exists) return exists.error();
      else if (!exists.value()) return not_found();
      return TenantScope(tenant_id, domain::Role::admin, caller);
    case Caller::Kind::api_token:
      if (caller.token_tenant_id != tenant_id) return not_found();
      if (!domain::role_allows(caller.token_role, action)) return forbidden(caller.token_role, action);
      return TenantScope(tenant_id, caller.token_role, caller);
    case Caller::Kind::session: {
      auto membership = store::find_membership(tx, tenant_id, caller.user_id);
      if (!membership) return membership.error();
      if (!membership.value()) return not_found();
      const auto role = membership.value()->role;
      if (!domain::role_allows(role, action)) return forbidden(role, action);
      return TenantScope(tenant_id, role, caller);
    }
    case Caller::Kind::anonymous:
      break;
  }
  return make_error(ErrorCode::unauthorized, "not_signed_in", "sign in first", Location{});
}

}  // namespace mamori::app
