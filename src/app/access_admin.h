// An organisation's admins: API tokens for scripts, and the live sessions of
// their members (seed 004 12.3: an admin can end a session).
#pragma once

#include <string>
#include <vector>

#include "app/caller.h"
#include "app/services.h"
#include "domain/access.h"
#include "domain/error.h"
#include "store/session_repository.h"

namespace mamori::app {

inline constexpr std::int64_t kMaxTokenDays = 366;

struct TokenCreated {
  store::ApiToken token;
  std::string secret;  // shown once
};
Result<TokenCreated> create_api_token(Services& services, const Caller& caller, const std::string& tenant_id,
                                      const std::string& name, domain::Role role, std::int64_t expires_in_days);
Result<std::vector<store::ApiToken>> list_api_tokens(Services& services, const Caller& caller, const std::string& tenant_id);
Status revoke_api_token(Services& services, const Caller& caller, const std::string& tenant_id, const std::string& token_id);

struct SessionView {
  store::Session session;
  std::string email;
};
Result<std::vector<SessionView>> list_member_sessions(Services& services, const Caller& caller,
                                                      const std::string& tenant_id);
Status revoke_member_session(Services& services, const Caller& caller, const std::string& tenant_id,
                             const std::string& session_id);

}  // namespace mamori::app
