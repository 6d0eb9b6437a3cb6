// Signing in, the second factor, locking, passwords, MFA enrolment.
#include "app/auth.h"
#include "server/json_views.h"
#include "server/route_fields.h"
#include "server/routes.h"

namespace mamori::server {

using nlohmann::json;

namespace {

using fields::text;

Route make(std::string method, std::string path, std::string summary, Auth auth) {
  Route r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.summary = std::move(summary);
  r.tag = "auth";
  r.auth = auth;
  return r;
}

// A response that hands the browser new credentials: the cookie and the
// CSRF token in the body.
HttpResponse with_credentials(RequestContext& rc, json body, const app::SessionCredentials& credentials) {
  body["csrf_token"] = credentials.csrf_token;
  HttpResponse r = json_response(200, body);
  r.with_header("Set-Cookie", session_cookie(credentials.secret, rc.server.secure_cookies));
  return r;
}

HttpResponse no_content() {
  HttpResponse r;
  r.status = 204;
  return r;
}

}  // namespace

void add_auth_routes(std::vector<Route>& routes) {
  {
    Route r = make("GET", "/api/v1/auth/banner", "The warning shown before sign-in (seed 004 7.1.2)", Auth::none);
    r.query = {text("org", false, 64, "organisation id; without it the instance default")};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto banner = app::login_banner(rc.server.services, rc.query.text("org"));
      if (!banner) return banner.error();
      return json_response(200, {{"ja", banner->ja}, {"en", banner->en}});
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", "/api/v1/auth/login", "Sign in with e-mail and password; then the second factor if enabled",
                   Auth::none);
    r.accepts_body = true;
    r.body = {text("email", true, app::kMaxEmailBytes, "e-mail address"),
              text("password", true, app::kMaxPasswordBytes, "password")};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto outcome = app::login(rc.server.services, rc.body.text("email"), rc.body.text("password"),
                                rc.request.source_ip, rc.request.header("user-agent"));
      if (!outcome) return outcome.error();
      return with_credentials(rc, {{"stage", domain::to_string(outcome->account.stage)}, {"account", to_json(outcome->account)}},
                              outcome->credentials);
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", "/api/v1/auth/totp", "The second factor: a TOTP code or a recovery code", Auth::any_stage);
    r.accepts_body = true;
    r.body = {text("totp", false, 20, "6-digit code from the authenticator app"),
              text("recovery_code", false, 40, "one of the one-time recovery codes")};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto outcome = app::verify_second_factor(rc.server.services, rc.caller, rc.body.text("totp"),
                                               rc.body.text("recovery_code"));
      if (!outcome) return outcome.error();
      return with_credentials(rc, {{"stage", domain::to_string(outcome->account.stage)}, {"account", to_json(outcome->account)}},
                              outcome->credentials);
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", "/api/v1/auth/unlock", "Unlock an idle-locked session with the password", Auth::none);
    r.accepts_body = true;
    r.body = {text("password", true, app::kMaxPasswordBytes, "password")};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      if (rc.session_secret.empty())
        return make_error(ErrorCode::unauthorized, "no_session", "there is no session to unlock", Location{});
      auto credentials = app::unlock_session(rc.server.services, rc.session_secret, rc.body.text("password"),
                                             rc.request.source_ip, rc.request.header("user-agent"));
      if (!credentials) return credentials.error();
      return with_credentials(rc, {{"unlocked", true}}, credentials.value());
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", "/api/v1/auth/status",
                   "Where the browser's session stands (live, locked, expired, ended, none), without counting as activity",
                   Auth::none);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto status = app::session_status(rc.server.services, rc.session_secret);
      if (!status) return status.error();
      return json_response(200, {{"state", status->state},
                                 {"idle_seconds_left", status->idle_seconds_left},
                                 {"lifetime_seconds_left", status->lifetime_seconds_left}});
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", "/api/v1/auth/logout", "Sign out: the session ends at once", Auth::any_stage);
    r.success_status = 204;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      if (auto s = app::logout(rc.server.services, rc.caller); !s) return s.error();
      HttpResponse out = no_content();
      out.with_header("Set-Cookie", expired_session_cookie(rc.server.secure_cookies));
      return out;
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", "/api/v1/me",
                   "Who is signed in: account, organisations and roles, session (and its CSRF token)", Auth::any_stage);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto account = app::account_of(rc.server.services, rc.caller);
      if (!account) return account.error();
      json out = to_json(account.value());
      // After a reload the browser has its cookie but not the CSRF token.
      if (rc.caller.kind == app::Caller::Kind::session) out["csrf_token"] = rc.caller.csrf_token;
      return json_response(200, out);
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", "/api/v1/me/organisation", "Switch the session's active organisation", Auth::signed_in);
    r.accepts_body = true;
    r.body = {text("organisation_id", true, 64, "id of an organisation you belong to")};
    r.success_status = 204;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      if (auto s = app::switch_organisation(rc.server.services, rc.caller, rc.body.text("organisation_id")); !s)
        return s.error();
      return no_content();
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", "/api/v1/auth/password", "Change the password; every other session ends", Auth::any_stage);
    r.accepts_body = true;
    r.body = {text("current_password", true, app::kMaxPasswordBytes, "the password now"),
              text("new_password", true, app::kMaxPasswordBytes, "the new password")};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto credentials = app::change_password(rc.server.services, rc.caller, rc.body.text("current_password"),
                                              rc.body.text("new_password"));
      if (!credentials) return credentials.error();
      return with_credentials(rc, {{"changed", true}}, credentials.value());
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", "/api/v1/auth/mfa/totp/start", "Start TOTP enrolment: a secret and its QR code",
                   Auth::any_stage);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto e = app::start_totp_enrolment(rc.server.services, rc.caller);
      if (!e) return e.error();
      return json_response(200, {{"secret", e->secret}, {"otpauth_uri", e->uri}, {"qr_svg", e->qr_svg}});
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", "/api/v1/auth/mfa/totp/confirm",
                   "Confirm TOTP enrolment with a code; returns the recovery codes once", Auth::any_stage);
    r.accepts_body = true;
    r.body = {text("totp", true, 20, "6-digit code from the authenticator app")};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto codes = app::confirm_totp_enrolment(rc.server.services, rc.caller, rc.body.text("totp"));
      if (!codes) return codes.error();
      return json_response(200, {{"recovery_codes", codes.value()}});
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", "/api/v1/auth/mfa/recovery-codes", "New recovery codes (the old ones stop working)",
                   Auth::signed_in);
    r.accepts_body = true;
    r.body = {text("password", true, app::kMaxPasswordBytes, "password")};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto codes = app::regenerate_recovery_codes(rc.server.services, rc.caller, rc.body.text("password"));
      if (!codes) return codes.error();
      return json_response(200, {{"recovery_codes", codes.value()}});
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", "/api/v1/auth/mfa/disable", "Turn TOTP off (not when an organisation requires it)",
                   Auth::signed_in);
    r.accepts_body = true;
    r.body = {text("password", true, app::kMaxPasswordBytes, "password")};
    r.success_status = 204;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      if (auto s = app::disable_totp(rc.server.services, rc.caller, rc.body.text("password")); !s) return s.error();
      return no_content();
    };
    routes.push_back(r);
  }
}

}  // namespace mamori::server
