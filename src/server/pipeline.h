// What happens to every request, whatever the route: limits, identity,
// CSRF, input checks, the handler, errors as JSON, security headers, the
// access log and metrics.
#pragma once

#include <string>

#include "server/http.h"
#include "server/routes.h"

namespace mamori::server {

// What the access log says about who made the request.
struct RequestLog {
  std::string user_id;
  std::string via;  // session | api_token | anonymous
};

HttpResponse handle_request(ServerContext& context, const Route& route, HttpRequest& request, RequestLog* log = nullptr);

// The response for an error, with the HTTP status for its code.
HttpResponse error_response(const Error& error);
int status_for(ErrorCode code);

// Headers every response carries (seed 004 12.1, OWASP secure headers).
void add_security_headers(HttpResponse& response, bool tls);

}  // namespace mamori::server
