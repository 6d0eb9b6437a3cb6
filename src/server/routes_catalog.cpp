// Catalogs: shared reference data, readable by anyone signed in.
#include "app/authorize.h"
#include "app/catalog_import.h"
#include "app/catalog_queries.h"
#include "formats/catalog_json.h"
#include "formats/catalog_xlsx.h"
#include "formats/catalog_yaml.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
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

// "file:12: message" lines -> [{line, message}]
json problems_of(const std::string& message) {
  json out = json::array();
  std::stringstream lines(message);
  for (std::string line; std::getline(lines, line);) {
    int number = 0;
    std::string text = line;
    auto first = line.find(": ");
    auto colon = line.find(':');
    if (colon != std::string::npos && first != std::string::npos && colon < first) {
      try {
        number = std::stoi(line.substr(colon + 1, first - colon - 1));
      } catch (...) {
        number = 0;
      }
      text = line.substr(first + 2);
    }
    out.push_back({{"line", number}, {"message", text}});
  }
  return out;
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
    r.cacheable = true;  // server/response_cache.h
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
  {
    Route r = make("/api/v1/catalogs/{catalog}/export", "Download a catalog as .xlsx, YAML or JSON");
    FieldSpec format;
    format.name = "format";
    format.required = true;
    format.max_length = 8;
    format.one_of = {"xlsx", "yaml", "json"};
    format.description = "xlsx | yaml | json";
    r.query = {format, version_param()};
    r.response_type = "application/octet-stream";
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      const std::string id = rc.request.params.at("catalog"), fmt = rc.query.text("format");
      auto catalog = app::export_catalog(rc.server.services.db, id, rc.query.text("version"));
      if (!catalog) return catalog.error();
      HttpResponse out;
      if (fmt == "xlsx") {
        auto bytes = formats::catalog_xlsx(catalog.value());
        if (!bytes) return bytes.error();
        out.body = std::move(bytes.value());
        out.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
      } else if (fmt == "yaml") {
        out.body = formats::write_catalog_yaml(catalog.value());
        out.content_type = "application/yaml; charset=utf-8";
      } else {
        json doc{{"catalog", formats::info_to_json(catalog->info)}, {"nodes", json::array()}};
        const domain::CatalogIndex index(catalog.value());
        for (std::size_t i = 0; i < catalog->nodes.size(); ++i)
          doc["nodes"].push_back(formats::node_to_json(catalog->nodes[i], index.level(i)));
        out.body = doc.dump(2);
      }
      out.with_header("Content-Disposition",
                      "attachment; filename=\"" + id + "-" + catalog->info.version + "." + fmt + "\"");
      return out;
    };
    routes.push_back(r);
  }
  {
    Route r;
    r.method = "POST";
    r.path = "/api/v1/catalogs/check";
    r.summary = "Check a catalog or mapping file (YAML) by the build's rules; nothing is stored";
    r.tag = "catalogs";
    r.auth = Auth::signed_in;
    r.raw_body_types = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain"};
    r.max_body_bytes = formats::kMaxCatalogFileBytes;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto checked = app::check_catalog_files({{"upload.yaml", rc.request.body}});
      if (!checked) {
        json error{{"code", "invalid_input"},
                   {"reason", "catalog_invalid"},
                   {"message", "the file breaks the catalog rules"},
                   {"field", "body"},
                   {"problems", problems_of(checked.error().message)}};
        return json_response(400, {{"error", error}});
      }
      return json_response(200, {{"ok", true}, {"catalogs", checked.value()}});
    };
    routes.push_back(r);
  }
}

}  // namespace mamori::server
