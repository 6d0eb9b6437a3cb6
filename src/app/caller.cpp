#include "app/caller.h"

namespace mamori::app {

std::string Caller::label() const {
  switch (kind) {
    case Kind::session: return email;
    case Kind::api_token: return "api-token:" + token_name;
    case Kind::operator_cli: return "cli";
    case Kind::anonymous: return "anonymous";
  }
  return "anonymous";
}

Caller Caller::operator_cli() {
  Caller c;
  c.kind = Kind::operator_cli;
  c.source_ip = "local";
  return c;
}

Caller Caller::anonymous(std::string source_ip, std::string user_agent) {
  Caller c;
  c.source_ip = std::move(source_ip);
  c.user_agent = std::move(user_agent);
  return c;
}

}  // namespace mamori::app
