// The API as data: every route with its method, path, who may call it, the
// shape of its input and its handler. The router, the OpenAPI document and
// the tests all read this one table, so they cannot disagree.
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/caller.h"
#include "app/services.h"
#include "domain/access.h"
#include "server/http.h"
#include "server/json_input.h"

namespace mamori::server {

class Metrics;
class ResponseCache;

enum class Auth {
  none,       // public (login, banner, health)
  any_stage,  // a session at any login stage (second factor, password change, MFA enrolment)
  signed_in,  // a fully signed-in session or an API token
};

struct ServerContext {
  app::Services& services;
  Metrics& metrics;
  bool secure_cookies = false;  // TLS, or --secure-cookies behind a TLS proxy
  ResponseCache* cache = nullptr;  // null: every request is computed
};

struct RequestContext {
  ServerContext& server;
  const HttpRequest& request;
  app::Caller caller;
  JsonInput body;
  JsonInput query;
  // The raw session cookie, for the one route that works on a locked session.
  std::string session_secret;
};

using Handler = std::function<Result<HttpResponse>(RequestContext&)>;

struct Route {
  std::string method;  // GET POST PATCH DELETE
  std::string path;    // OpenAPI form: /api/v1/orgs/{org}/members
  std::string summary;
  std::string tag;
  Auth auth = Auth::signed_in;
  std::optional<domain::Action> action;  // the permission it needs in the organisation {org}
  std::vector<FieldSpec> body;
  bool accepts_body = false;
  // Routes that take a file instead of JSON: the accepted content types; the
  // body reaches the handler as it came (RequestContext.request.body).
  std::vector<std::string> raw_body_types;
  std::vector<FieldSpec> query;
  int success_status = 200;
  std::string response_type = "application/json";
  std::size_t max_body_bytes = 64 * 1024;
  // GET routes whose answer depends only on who asks, the path and query,
  // the data of the organisation {org} (or of no organisation), the
  // catalogs and today's date: their 200 answers may be served from the
  // response cache (server/response_cache.h explains why that is safe).
  bool cacheable = false;
  Handler handler;
};

// Every route of the server, in the order they are documented.
const std::vector<Route>& all_routes();

// Route groups (each in its own routes_*.cpp).
void add_system_routes(std::vector<Route>& routes);
void add_auth_routes(std::vector<Route>& routes);
void add_catalog_routes(std::vector<Route>& routes);
void add_organisation_routes(std::vector<Route>& routes);
void add_sheet_routes(std::vector<Route>& routes);
void add_sheet_response_routes(std::vector<Route>& routes);
void add_library_routes(std::vector<Route>& routes);         // routes_library.cpp
void add_incoming_sheet_routes(std::vector<Route>& routes);  // routes_incoming_sheets.cpp
void add_scope_routes(std::vector<Route>& routes);            // routes_scope.cpp (scope, cloud services)
void add_asset_routes(std::vector<Route>& routes);            // routes_assets.cpp (classification, assets)
void add_risk_routes(std::vector<Route>& routes);             // routes_risks.cpp (criteria, register, treatment)
void add_soa_routes(std::vector<Route>& routes);              // routes_soa.cpp (適用宣言書 per cloud service)
void add_standard_routes(std::vector<Route>& routes);         // routes_standards.cpp (個別管理基準, audit scopes)

// JSON helpers for handlers.
HttpResponse json_response(int status, const nlohmann::json& body);
std::string session_cookie(const std::string& secret, bool secure);
std::string expired_session_cookie(bool secure);
inline constexpr const char* kSessionCookie = "mamori_session";

}  // namespace mamori::server
