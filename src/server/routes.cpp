#include "server/routes.h"

namespace mamori::server {

const std::vector<Route>& all_routes() {
  static const std::vector<Route> routes = [] {
    std::vector<Route> r;
    add_system_routes(r);
    add_auth_routes(r);
    add_catalog_routes(r);
    add_organisation_routes(r);
    add_sheet_routes(r);
    add_sheet_response_routes(r);
    add_library_routes(r);
    add_incoming_sheet_routes(r);
    add_scope_routes(r);
    add_asset_routes(r);
    add_risk_routes(r);
    add_soa_routes(r);
    add_standard_routes(r);
    return r;
  }();
  return routes;
}

HttpResponse json_response(int status, const nlohmann::json& body) {
  HttpResponse r;
  r.status = status;
  r.body = body.dump();
  return r;
}

std::string session_cookie(const std::string& secret, bool secure) {
  // HttpOnly: scripts cannot read it. SameSite=Lax: not sent on cross-site
  // subrequests. No Max-Age: gone when the browser closes.
  return std::string(kSessionCookie) + "=" + secret + "; Path=/; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
}

std::string expired_session_cookie(bool secure) {
  return std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0" + (secure ? "; Secure" : "");
}

}  // namespace mamori::server
