// An organisation: its members, settings, API tokens, sessions, audit log.
// Every handler passes the {org} of the path to an app use case, which
// authorises it (app/authorize.h); the `action` here only documents it.
#include "app/access_admin.h"
#include "app/audit_log.h"
#include "app/organisations.h"
#include "server/json_views.h"
#include "server/route_fields.h"
#include "server/routes.h"

namespace mamori::server {

using nlohmann::json;

namespace {

using fields::text;
using fields::integer;

Route make(std::string method, std::string path, std::string summary, domain::Action action) {
  return fields::org_route("organisations", std::move(method), std::move(path), std::move(summary), action);
}

std::vector<std::string> role_names() {
  std::vector<std::string> out;
  for (auto r : domain::all_roles()) out.push_back(domain::to_string(r));
  return out;
}

FieldSpec role_field(bool required) {
  FieldSpec f;
  f.name = "role";
  f.required = required;
  f.max_length = 32;
  f.one_of = role_names();
  f.description = "admin | isms_manager | editor | auditor | viewer | respondent";
  return f;
}

const std::string& org(RequestContext& rc) { return rc.request.params.at("org"); }

HttpResponse no_content() {
  HttpResponse r;
  r.status = 204;
  return r;
}

template <class T>
json array_of(const std::vector<T>& items) {
  json out = json::array();
  for (const auto& i : items) out.push_back(to_json(i));
  return out;
}

}  // namespace

void add_organisation_routes(std::vector<Route>& routes) {
  using A = domain::Action;
  {
    Route r = make("GET", "/api/v1/orgs/{org}", "The organisation and your role in it", A::view_organisation);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto view = app::get_organisation(rc.server.services, rc.caller, org(rc));
      if (!view) return view.error();
      json out = to_json(view->tenant);
      out["role"] = domain::to_string(view->role);
      return json_response(200, out);
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", "/api/v1/orgs/{org}/members", "Members and their roles", A::read_records);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto members = app::list_members(rc.server.services, rc.caller, org(rc));
      if (!members) return members.error();
      return json_response(200, array_of(members.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", "/api/v1/orgs/{org}/members",
                   "Add a person with a role; a new account gets a one-time password shown once", A::manage_members);
    r.accepts_body = true;
    r.body = {text("email", true, 254, "e-mail address"), role_field(true),
              text("display_name", false, 400, "name shown in mamori")};
    r.success_status = 201;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto role = domain::parse_role(rc.body.text("role"));
      auto added = app::add_member(rc.server.services, rc.caller, org(rc), rc.body.text("email"), *role,
                                   rc.body.text("display_name"), "");
      if (!added) return added.error();
      json out{{"member", to_json(added->membership)}, {"account_created", added->account_created}};
      if (!added->one_time_password.empty()) out["one_time_password"] = added->one_time_password;
      return json_response(201, out);
    };
    routes.push_back(r);
  }
  {
    Route r = make("PATCH", "/api/v1/orgs/{org}/members/{user_id}", "Change a member's role", A::manage_members);
    r.accepts_body = true;
    r.body = {role_field(true)};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto changed = app::change_member_role(rc.server.services, rc.caller, org(rc), rc.request.params.at("user_id"),
                                             *domain::parse_role(rc.body.text("role")));
      if (!changed) return changed.error();
      return json_response(200, to_json(changed.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("DELETE", "/api/v1/orgs/{org}/members/{user_id}", "Remove a member (not the last admin)",
                   A::manage_members);
    r.success_status = 204;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      if (auto s = app::remove_member(rc.server.services, rc.caller, org(rc), rc.request.params.at("user_id")); !s)
        return s.error();
      return no_content();
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", "/api/v1/orgs/{org}/settings", "Banner, MFA requirement, password and session policy",
                   A::read_records);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto s = app::get_settings(rc.server.services, rc.caller, org(rc));
      if (!s) return s.error();
      return json_response(200, to_json(s.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("PATCH", "/api/v1/orgs/{org}/settings", "Change settings (only the fields given)", A::manage_settings);
    r.accepts_body = true;
    FieldSpec mfa;
    mfa.name = "require_mfa";
    mfa.type = FieldType::boolean;
    mfa.description = "every member must use TOTP";
    r.body = {text("banner_ja", false, 8000, "warning banner, Japanese"),
              text("banner_en", false, 8000, "warning banner, English"),
              mfa,
              integer("password_min_length", 8, 128, "minimum password length in characters"),
              integer("idle_timeout_seconds", domain::kMinOrgIdleSeconds, domain::kMaxIdleSeconds,
                      "a session locks after this long without use"),
              integer("absolute_lifetime_seconds", domain::kMinOrgLifetimeSeconds, domain::kMaxLifetimeSeconds,
                      "a session ends this long after sign-in")};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      app::SettingsUpdate u;
      u.banner_ja = rc.body.optional_text("banner_ja");
      u.banner_en = rc.body.optional_text("banner_en");
      u.require_mfa = rc.body.boolean("require_mfa");
      u.password_min_length = rc.body.integer("password_min_length");
      u.idle_timeout_seconds = rc.body.integer("idle_timeout_seconds");
      u.absolute_lifetime_seconds = rc.body.integer("absolute_lifetime_seconds");
      auto s = app::update_settings(rc.server.services, rc.caller, org(rc), u);
      if (!s) return s.error();
      return json_response(200, to_json(s.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", "/api/v1/orgs/{org}/api-tokens", "API tokens (never their secrets)", A::manage_api_tokens);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto tokens = app::list_api_tokens(rc.server.services, rc.caller, org(rc));
      if (!tokens) return tokens.error();
      return json_response(200, array_of(tokens.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", "/api/v1/orgs/{org}/api-tokens",
                   "Create an API token for scripts; its secret is shown once", A::manage_api_tokens);
    r.accepts_body = true;
    r.body = {text("name", true, 400, "what the token is for"), role_field(true),
              integer("expires_in_days", 1, app::kMaxTokenDays, "days until it stops working")};
    r.body.back().required = true;
    r.success_status = 201;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto created = app::create_api_token(rc.server.services, rc.caller, org(rc), rc.body.text("name"),
                                           *domain::parse_role(rc.body.text("role")),
                                           *rc.body.integer("expires_in_days"));
      if (!created) return created.error();
      json out = to_json(created->token);
      out["token"] = created->secret;
      return json_response(201, out);
    };
    routes.push_back(r);
  }
  {
    Route r = make("DELETE", "/api/v1/orgs/{org}/api-tokens/{token_id}", "Revoke an API token", A::manage_api_tokens);
    r.success_status = 204;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      if (auto s = app::revoke_api_token(rc.server.services, rc.caller, org(rc), rc.request.params.at("token_id")); !s)
        return s.error();
      return no_content();
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", "/api/v1/orgs/{org}/sessions", "Live sessions of the members", A::manage_sessions);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto sessions = app::list_member_sessions(rc.server.services, rc.caller, org(rc));
      if (!sessions) return sessions.error();
      return json_response(200, array_of(sessions.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("DELETE", "/api/v1/orgs/{org}/sessions/{session_id}", "End a member's session",
                   A::manage_sessions);
    r.success_status = 204;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      if (auto s = app::revoke_member_session(rc.server.services, rc.caller, org(rc), rc.request.params.at("session_id"));
          !s)
        return s.error();
      return no_content();
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", "/api/v1/orgs/{org}/audit-log",
                   "The audit log, newest first: the organisation's chain and its members' sign-ins", A::read_audit_log);
    r.query = {text("before", false, 64, "page: entries older than this entry id"),
               integer("limit", 1, 1000, "at most this many (default 100)")};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto entries = app::list_audit_log(rc.server.services, rc.caller, org(rc), rc.query.text("before"),
                                         static_cast<int>(rc.query.integer("limit").value_or(100)));
      if (!entries) return entries.error();
      return json_response(200, array_of(entries.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", "/api/v1/orgs/{org}/audit-log/export",
                   "The organisation's chain as JSON lines, oldest first (the export is logged)", A::read_audit_log);
    r.response_type = "application/x-ndjson";
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      HttpResponse out;
      out.content_type = "application/x-ndjson; charset=utf-8";
      auto s = app::export_audit_log(rc.server.services, rc.caller, org(rc),
                                     [&](const std::string& line) { out.body += line + "\n"; });
      if (!s) return s.error();
      out.with_header("Content-Disposition", "attachment; filename=\"mamori-audit.jsonl\"");
      return out;
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", "/api/v1/orgs/{org}/history/{object_type}/{object_id}",
                   "The audit entries of one object, oldest first", A::read_records);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto entries = app::object_history(rc.server.services, rc.caller, org(rc), rc.request.params.at("object_type"),
                                         rc.request.params.at("object_id"));
      if (!entries) return entries.error();
      return json_response(200, array_of(entries.value()));
    };
    routes.push_back(r);
  }
}

}  // namespace mamori::server
