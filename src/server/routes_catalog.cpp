// Catalogs: shared reference data, readable by anyone signed in.
#include "app/authorize.h"
#include "app/catalog_queries.h"
#include "server/json_views.h"
#include "server/routes.h"

namespace mamori::server {

using nlohmann::json;

namespace {

Route make(std::string path, std::string summary) {
  Route r;
  r.method = "GET";
  r.path = std::move(path);
  r.summary = std::move(summary);
  r.tag = "catalogs";
  r.auth = Auth::signed_in;
  return r;
}

FieldSpec version_param() {
  FieldSpec f;
  f.name = "version";
  f.max_length = 64;
  f.description = "a loaded version (default: the latest)";
  return f;
}

}  // namespace

void add_catalog_routes(std::vector<Route>& routes) {
  {
    Route r = make("/api/v1/catalogs", "The loaded catalogs (latest version of each)");
    FieldSpec all;
    all.name = "all_versions";
    all.type = FieldType::boolean;
    all.description = "every loaded version";
    r.query = {all};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto list = app::list_catalogs(rc.server.services.db, rc.query.boolean("all_versions").value_or(false));
      if (!list) return list.error();
      json out = json::array();
      for (const auto& c : list.value()) out.push_back(to_json(c));
      return json_response(200, out);
    };
    routes.push_back(r);
  }
  {
    Route r = make("/api/v1/catalogs/{catalog}", "One catalog: its header, flags and attribute vocabularies");
    r.query = {version_param()};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto c = app::find_catalog(rc.server.services.db, rc.request.params.at("catalog"), rc.query.text("version"));
      if (!c) return c.error();
      return json_response(200, to_json(c.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("/api/v1/catalogs/{catalog}/nodes", "Every node of a catalog, in document order");
    r.query = {version_param()};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto nodes = app::catalog_nodes(rc.server.services.db, rc.request.params.at("catalog"), rc.query.text("version"));
      if (!nodes) return nodes.error();
      json out = json::array();
      for (const auto& n : nodes.value()) out.push_back(to_json(n));
      return json_response(200, out);
    };
    routes.push_back(r);
  }
  {
    Route r = make("/api/v1/catalogs/{catalog}/nodes/{ref}", "One node with its parent, children and mappings");
    r.query = {version_param()};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto d = app::show_node(rc.server.services.db, rc.request.params.at("catalog"), rc.request.params.at("ref"),
                              rc.query.text("version"));
      if (!d) return d.error();
      return json_response(200, to_json(d.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("/api/v1/catalogs/{catalog}/search",
                   "Nodes containing a text (Japanese substrings; width and case do not matter)");
    FieldSpec q;
    q.name = "q";
    q.required = true;
    q.max_length = app::kMaxSearchQueryBytes;
    q.description = "the text to find";
    FieldSpec limit;
    limit.name = "limit";
    limit.type = FieldType::integer;
    limit.min = 1;
    limit.max = 10000;
    limit.description = "at most this many (default 200)";
    r.query = {q, limit, version_param()};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto found = app::search_catalog(rc.server.services.db, rc.request.params.at("catalog"), rc.query.text("q"),
                                       static_cast<int>(rc.query.integer("limit").value_or(app::kDefaultSearchLimit)),
                                       rc.query.text("version"));
      if (!found) return found.error();
      json out = json::array();
      for (const auto& n : found.value()) out.push_back(to_json(n));
      return json_response(200, out);
    };
    routes.push_back(r);
  }
}

}  // namespace mamori::server
