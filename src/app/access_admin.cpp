#include "app/access_admin.h"

#include <nlohmann/json.hpp>

#include "app/audited_write.h"
#include "app/authorize.h"
#include "domain/text.h"
#include "security/tokens.h"
#include "store/ids.h"
#include "store/user_repository.h"

namespace mamori::app {

using nlohmann::json;

Result<TokenCreated> create_api_token(Services& services, const Caller& caller, const std::string& tenant_id,
                                      const std::string& name, domain::Role role, std::int64_t expires_in_days) {
  if (domain::fold_for_search(name).empty() || domain::utf8_length(name) > 100 || !domain::is_valid_utf8(name))
    return make_error(ErrorCode::invalid_input, "invalid", "give the token a name of 1 to 100 characters",
                      Location::in_field("name"));
  if (expires_in_days < 1 || expires_in_days > kMaxTokenDays)
    return make_error(ErrorCode::invalid_input, "out_of_range", "a token expires in 1 to 366 days",
                      Location::in_field("expires_in_days"));
  if (caller.kind != Caller::Kind::session)
    return make_error(ErrorCode::forbidden, "session_only", "create API tokens from a signed-in session", Location{});
  TokenCreated out;
  out.secret = security::new_api_token();
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::manage_api_tokens);
    if (!scope) return scope.error();
    if (!domain::role_covers(scope->role(), role))
      return make_error(ErrorCode::forbidden, "role_too_high",
                        std::string("a token cannot have more rights than you: ") + domain::to_string(role),
                        Location::in_field("role"));
    const std::int64_t now = store::unix_now();
    out.token.id = store::new_uuid_v7();
    out.token.secret_hash = security::secret_hash(out.secret);
    out.token.tenant_id = tenant_id;
    out.token.created_by = caller.user_id;
    out.token.name = name;
    out.token.role = role;
    out.token.created_at = store::iso_from_unix(now);
    out.token.expires_at = store::iso_from_unix(now + expires_in_days * 24 * 60 * 60);
    if (auto r = store::insert_api_token(tx, out.token); !r) return r;
    return audit.record({tenant_id, "api_token.create", "api_token", out.token.id, "success", true,
                         json{{"name", name}, {"role", domain::to_string(role)}, {"expires_at", out.token.expires_at}}.dump()});
  });
  if (!status) return status.error();
  return out;
}

Result<std::vector<store::ApiToken>> list_api_tokens(Services& services, const Caller& caller,
                                                     const std::string& tenant_id) {
  std::vector<store::ApiToken> out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::manage_api_tokens);
    if (!scope) return scope.error();
    auto tokens = store::api_tokens_of_tenant(tx, tenant_id);
    if (!tokens) return tokens.error();
    out = std::move(tokens.value());
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Status revoke_api_token(Services& services, const Caller& caller, const std::string& tenant_id,
                        const std::string& token_id) {
  return audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::manage_api_tokens);
    if (!scope) return scope.error();
    auto token = store::find_api_token(tx, tenant_id, token_id);
    if (!token) return token.error();
    if (!token.value())
      return make_error(ErrorCode::not_found, "no_such_token", "no such token", Location::in_field("token_id"));
    if (auto r = store::revoke_api_token(tx, token_id); !r) return r;
    return audit.record({tenant_id, "api_token.revoke", "api_token", token_id, "success", true,
                         json{{"name", token.value()->name}}.dump()});
  });
}

Result<std::vector<SessionView>> list_member_sessions(Services& services, const Caller& caller,
                                                      const std::string& tenant_id) {
  std::vector<SessionView> out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::manage_sessions);
    if (!scope) return scope.error();
    auto sessions = store::live_sessions_of_tenant_members(tx, tenant_id);
    if (!sessions) return sessions.error();
    auto members = store::members_of_tenant(tx, tenant_id);
    if (!members) return members.error();
    for (auto& s : sessions.value()) {
      SessionView v{std::move(s), ""};
      for (const auto& m : members.value())
        if (m.user_id == v.session.user_id) v.email = m.email;
      out.push_back(std::move(v));
    }
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Status revoke_member_session(Services& services, const Caller& caller, const std::string& tenant_id,
                             const std::string& session_id) {
  return audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::manage_sessions);
    if (!scope) return scope.error();
    auto session = store::find_session(tx, session_id);
    if (!session) return session.error();
    // Only sessions of this organisation's members; others do not exist here.
    bool member = false;
    if (session.value()) {
      auto m = store::find_membership(tx, tenant_id, session.value()->user_id);
      if (!m) return m.error();
      member = m.value().has_value();
    }
    if (!member || !session.value()->ended_at.empty())
      return make_error(ErrorCode::not_found, "no_such_session", "no such live session", Location::in_field("session_id"));
    if (auto r = store::end_session(tx, session_id, "revoked"); !r) return r;
    return audit.record({tenant_id, "session.revoke", "session", session_id, "success", true,
                         json{{"user_id", session.value()->user_id}}.dump()});
  });
}

}  // namespace mamori::app
