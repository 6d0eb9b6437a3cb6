// The ISMS scope and the cloud services in it: the scope text, exclusions
// with reasons, and services with their role, supply chain (runs_on) and
// data countries. Handlers pass {org} to app/isms_scope.h, which
// authorises; `action` documents the permission.
#include "app/isms_json.h"
#include "app/isms_scope.h"
#include "server/route_fields.h"
#include "server/routes.h"

namespace mamori::server {

using nlohmann::json;

namespace {

using fields::text;

Route make(std::string method, std::string path, std::string summary, domain::Action action) {
  return fields::org_route("scope", std::move(method), std::move(path), std::move(summary), action);
}

FieldSpec list(std::string name, std::size_t max_item_bytes, std::size_t max_items, std::string description) {
  FieldSpec f;
  f.name = std::move(name);
  f.type = FieldType::string_list;
  f.max_length = max_item_bytes;
  f.max_items = max_items;
  f.description = std::move(description);
  return f;
}

const std::string& org(RequestContext& rc) { return rc.request.params.at("org"); }

// Byte limits are 4x the domain's character limits, so the domain's
// message (in characters) is the one people see.
std::vector<FieldSpec> service_fields(bool create) {
  return {text("name", create, 4 * domain::kMaxServiceNameChars, "the service's name, unique in the organisation"),
          text("description", false, 4 * domain::kMaxServiceDescriptionChars, "what it is"),
          fields::choice("model", create, {"iaas", "paas", "saas", "other"}, "service model"),
          fields::choice("role", create, {"customer", "provider", "both"},
                         "the organisation's role: customer (uses it), provider (provides it on its own "
                         "infrastructure), both (provides it on another provider's cloud service; JIP-ISMS517 4.1)"),
          fields::flag("in_scope", "in the ISMS scope (default true)"),
          text("owner", false, 800, "who is responsible for it"),
          list("runs_on_services", 64, domain::kMaxServiceDependencies,
               "ids of the organisation's services it runs on. On change, the three runs_on lists together "
               "replace the supply chain (a list left out counts as empty)"),
          list("runs_on_external", 4 * domain::kMaxServiceNameChars, domain::kMaxServiceDependencies,
               "external cloud services it runs on, by name, e.g. AWS 東京リージョン (IaaS)"),
          list("ismap_registered_external", 4 * domain::kMaxServiceNameChars, domain::kMaxServiceDependencies,
               "which of runs_on_external are in the ISMAP cloud service list"),
          list("data_countries", 8, domain::kMaxDataCountries,
               "where its data is stored: ISO 3166-1 alpha-2 codes, e.g. JP"),
          text("data_location_note", false, 8000, "regions, data centres, backups")};
}

Result<std::optional<std::vector<domain::ServiceDependency>>> runs_on_from(const JsonInput& b) {
  if (!b.has("runs_on_services") && !b.has("runs_on_external") && !b.has("ismap_registered_external"))
    return std::optional<std::vector<domain::ServiceDependency>>();
  const std::vector<std::string> none;
  auto deps = domain::dependencies_from_lists(b.string_list("runs_on_services").value_or(none),
                                              b.string_list("runs_on_external").value_or(none),
                                              b.string_list("ismap_registered_external").value_or(none));
  if (!deps) return deps.error();
  return std::optional<std::vector<domain::ServiceDependency>>(std::move(deps.value()));
}

Result<HttpResponse> service_response(RequestContext& rc, int status, const store::StoredCloudService& s) {
  auto all = app::list_cloud_services(rc.server.services, rc.caller, org(rc));
  if (!all) return all.error();
  return json_response(status, app::cloud_service_json(s, all.value()));
}

}  // namespace

void add_scope_routes(std::vector<Route>& routes) {
  using A = domain::Action;
  const std::string base = "/api/v1/orgs/{org}";
  {
    Route r = make("GET", base + "/scope", "The ISMS scope: boundaries, interfaces, exclusions", A::read_records);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto s = app::get_isms_scope(rc.server.services, rc.caller, org(rc));
      if (!s) return s.error();
      return json_response(200, app::scope_json(s.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("PATCH", base + "/scope", "Change the scope text (only the fields given)", A::write_records);
    r.accepts_body = true;
    const std::size_t max = 4 * app::kMaxScopeTextChars;
    r.body = {text("organisational", false, max, "組織的範囲: the organisation, departments and people in scope"),
              text("system_boundary", false, max, "システム的範囲: the systems and networks in scope"),
              text("physical", false, max, "物理的範囲: sites, offices and data centres in scope"),
              text("interfaces", false, max, "interfaces and dependencies with parties outside the scope")};
    r.max_body_bytes = 512 * 1024;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      app::ScopeChange c{rc.body.optional_text("organisational"), rc.body.optional_text("system_boundary"),
                         rc.body.optional_text("physical"), rc.body.optional_text("interfaces")};
      auto s = app::change_isms_scope(rc.server.services, rc.caller, org(rc), c);
      if (!s) return s.error();
      return json_response(200, app::scope_json(s.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", base + "/scope/exclusions", "Exclude something from the scope, with the reason",
                   A::write_records);
    r.accepts_body = true;
    r.body = {text("item", true, 4000, "what is left out"), text("reason", true, 16000, "why")};
    r.success_status = 201;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto s = app::add_scope_exclusion(rc.server.services, rc.caller, org(rc), rc.body.text("item"),
                                        rc.body.text("reason"));
      if (!s) return s.error();
      return json_response(201, app::scope_json(s.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("DELETE", base + "/scope/exclusions/{exclusion_id}", "Remove an exclusion", A::write_records);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto s = app::remove_scope_exclusion(rc.server.services, rc.caller, org(rc),
                                           rc.request.params.at("exclusion_id"));
      if (!s) return s.error();
      return json_response(200, app::scope_json(s.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", base + "/services", "The cloud services in scope, each with its role and supply chain",
                   A::read_records);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto all = app::list_cloud_services(rc.server.services, rc.caller, org(rc));
      if (!all) return all.error();
      json out = json::array();
      for (const auto& s : all.value()) out.push_back(app::cloud_service_json(s, all.value()));
      return json_response(200, out);
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", base + "/services", "Add a cloud service", A::write_records);
    r.accepts_body = true;
    r.body = service_fields(true);
    r.max_body_bytes = 256 * 1024;
    r.success_status = 201;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      const JsonInput& b = rc.body;
      domain::CloudService s;
      s.name = b.text("name");
      s.description = b.text("description");
      s.model = domain::parse_service_model(b.text("model")).value_or(domain::ServiceModel::other);
      s.role = domain::parse_service_role(b.text("role")).value_or(domain::ServiceRole::provider);
      s.in_scope = b.boolean("in_scope").value_or(true);
      s.owner = b.text("owner");
      auto runs_on = runs_on_from(b);
      if (!runs_on) return runs_on.error();
      s.runs_on = runs_on.value().value_or(std::vector<domain::ServiceDependency>{});
      s.data_countries = b.string_list("data_countries").value_or(std::vector<std::string>{});
      s.data_location_note = b.text("data_location_note");
      auto created = app::create_cloud_service(rc.server.services, rc.caller, org(rc), s);
      if (!created) return created.error();
      return service_response(rc, 201, created.value());
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", base + "/services/{service_id}", "One cloud service", A::read_records);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto s = app::get_cloud_service(rc.server.services, rc.caller, org(rc), rc.request.params.at("service_id"));
      if (!s) return s.error();
      return service_response(rc, 200, s.value());
    };
    routes.push_back(r);
  }
  {
    Route r = make("PATCH", base + "/services/{service_id}",
                   "Change a cloud service (only the fields given); the services that run on it must stay valid",
                   A::write_records);
    r.accepts_body = true;
    r.body = service_fields(false);
    r.max_body_bytes = 256 * 1024;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      const JsonInput& b = rc.body;
      app::CloudServiceChange c;
      c.name = b.optional_text("name");
      c.description = b.optional_text("description");
      if (auto m = b.optional_text("model")) c.model = domain::parse_service_model(*m);
      if (auto role = b.optional_text("role")) c.role = domain::parse_service_role(*role);
      c.in_scope = b.boolean("in_scope");
      c.owner = b.optional_text("owner");
      auto runs_on = runs_on_from(b);
      if (!runs_on) return runs_on.error();
      c.runs_on = runs_on.value();
      c.data_countries = b.string_list("data_countries");
      c.data_location_note = b.optional_text("data_location_note");
      auto changed =
          app::change_cloud_service(rc.server.services, rc.caller, org(rc), rc.request.params.at("service_id"), c);
      if (!changed) return changed.error();
      return service_response(rc, 200, changed.value());
    };
    routes.push_back(r);
  }
  {
    Route r = make("DELETE", base + "/services/{service_id}",
                   "Delete a cloud service no other service runs on and no asset touches", A::write_records);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto done =
          app::delete_cloud_service(rc.server.services, rc.caller, org(rc), rc.request.params.at("service_id"));
      if (!done) return done.error();
      return json_response(200, json{{"deleted", true}});
    };
    routes.push_back(r);
  }
}

}  // namespace mamori::server
