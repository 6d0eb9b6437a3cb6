// Health, readiness, metrics and the OpenAPI document.
#include "server/metrics.h"
#include "server/openapi.h"
#include "server/routes.h"

namespace mamori::server {

using nlohmann::json;

void add_system_routes(std::vector<Route>& routes) {
  Route health;
  health.method = "GET";
  health.path = "/healthz";
  health.summary = "Liveness: the process answers (no database access)";
  health.tag = "system";
  health.auth = Auth::none;
  health.handler = [](RequestContext&) -> Result<HttpResponse> { return json_response(200, {{"status", "ok"}}); };
  routes.push_back(health);

  Route ready;
  ready.method = "GET";
  ready.path = "/readyz";
  ready.summary = "Readiness: the database answers";
  ready.tag = "system";
  ready.auth = Auth::none;
  ready.handler = [](RequestContext& rc) -> Result<HttpResponse> {
    auto& db = rc.server.services.db;
    if (!db.ping()) return json_response(503, {{"status", "unavailable"}});
    return json_response(200, {{"status", "ready"}, {"schema_version", db.schema_version()}});
  };
  routes.push_back(ready);

  Route metrics;
  metrics.method = "GET";
  metrics.path = "/metrics";
  metrics.summary = "Prometheus metrics: requests and latency per route, errors, database pool, audit log size";
  metrics.tag = "system";
  metrics.auth = Auth::none;
  metrics.response_type = "text/plain";
  metrics.handler = [](RequestContext& rc) -> Result<HttpResponse> {
    HttpResponse r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = rc.server.metrics.render(rc.server.services.db);
    return r;
  };
  routes.push_back(metrics);

  Route openapi;
  openapi.method = "GET";
  openapi.path = "/api/v1/openapi.json";
  openapi.summary = "This API, described in OpenAPI 3.1";
  openapi.tag = "system";
  openapi.auth = Auth::none;
  openapi.handler = [](RequestContext&) -> Result<HttpResponse> {
    HttpResponse r;
    r.body = openapi_document().dump();
    return r;
  };
  routes.push_back(openapi);
}

}  // namespace mamori::server
