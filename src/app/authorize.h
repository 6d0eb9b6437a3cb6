// The one authorisation mechanism. Every use case that touches an
// organisation's data first calls authorize(), which checks the caller's
// membership (or API token scope) and the role table (domain/access.h).
// A caller from another organisation learns nothing: not_found, as if the
// organisation did not exist; a member without the permission: forbidden.
#pragma once

#include <string>

#include "app/caller.h"
#include "domain/access.h"
#include "domain/error.h"

namespace mamori::store {
class Tx;
}

namespace mamori::app {

// Proof that the caller may act in an organisation. Only authorize()
// creates one; store calls for the organisation take the tenant from here.
class TenantScope {
 public:
  const std::string& tenant_id() const { return tenant_id_; }
  domain::Role role() const { return role_; }
  const Caller& caller() const { return *caller_; }

 private:
  friend Result<TenantScope> authorize(store::Tx& tx, const Caller& caller, const std::string& tenant_id,
                                       domain::Action action);
  TenantScope(std::string tenant_id, domain::Role role, const Caller& caller)
      : tenant_id_(std::move(tenant_id)), role_(role), caller_(&caller) {}
  std::string tenant_id_;
  domain::Role role_;
  const Caller* caller_;
};

Result<TenantScope> authorize(store::Tx& tx, const Caller& caller, const std::string& tenant_id, domain::Action action);

// Use cases that need a signed-in person but no organisation (own account,
// catalogs): anonymous callers and unfinished logins are refused.
Status require_signed_in(const Caller& caller);

}  // namespace mamori::app
