// Who is calling a use case, as established by the server (a session or an
// API token) or the command line (the operator who holds the data
// directory). Use cases never take identity from request data.
#pragma once

#include <string>

#include "domain/access.h"
#include "domain/session_rules.h"

namespace mamori::app {

struct Caller {
  enum class Kind { anonymous, session, api_token, operator_cli };
  Kind kind = Kind::anonymous;
  std::string user_id;
  std::string email;
  std::string source_ip;
  std::string user_agent;
  // Sessions.
  std::string session_id;  // public id
  std::string csrf_token;  // what X-CSRF-Token must be on this session's writes (derived, not stored)
  domain::SessionStage stage = domain::SessionStage::active;
  std::string active_tenant_id;
  // API tokens: one organisation, one role.
  std::string token_id;
  std::string token_name;
  std::string token_tenant_id;
  domain::Role token_role = domain::Role::viewer;

  // How the audit log names the actor.
  std::string label() const;

  static Caller operator_cli();
  static Caller anonymous(std::string source_ip, std::string user_agent);
};

}  // namespace mamori::app
