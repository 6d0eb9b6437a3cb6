#include "server/pipeline.h"

#include <nlohmann/json.hpp>

#include <cstdio>

#include "app/auth.h"
#include "app/authorize.h"
#include "app/data_version.h"
#include "app/sheet_evaluation.h"
#include "server/compression.h"
#include "server/response_cache.h"

namespace mamori::server {

using nlohmann::json;

int status_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_input: return 400;
    case ErrorCode::unauthorized: return 401;
    case ErrorCode::forbidden: return 403;
    case ErrorCode::not_found: return 404;
    case ErrorCode::conflict: return 409;
    case ErrorCode::too_large: return 413;
    case ErrorCode::rate_limited: return 429;
    case ErrorCode::io:
    case ErrorCode::database:
    case ErrorCode::internal: return 500;
  }
  return 500;
}

HttpResponse error_response(const Error& error) {
  int status = status_for(error.code);
  if (error.reason == "unsupported_media_type") status = 415;
  json body{{"code", to_string(error.code)}};
  if (!error.reason.empty()) body["reason"] = error.reason;
  if (status >= 500) {
    // Never show internals (SQL, paths) to the client; the server log has them.
    body["message"] = "internal error";
  } else {
    body["message"] = error.message;
  }
  if (!error.where.field.empty()) body["field"] = error.where.field;
  HttpResponse r = json_response(status, json{{"error", body}});
  if (error.code == ErrorCode::rate_limited && error.retry_after_seconds > 0)
    r.with_header("Retry-After", std::to_string(error.retry_after_seconds));
  if (error.code == ErrorCode::unauthorized && status == 401) r.with_header("WWW-Authenticate", "Session, Bearer");
  return r;
}

void add_security_headers(HttpResponse& r, bool tls) {
  // The UI is served from the same origin and loads nothing from elsewhere.
  r.with_header("Content-Security-Policy",
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  r.with_header("X-Content-Type-Options", "nosniff");
  r.with_header("X-Frame-Options", "DENY");
  r.with_header("Referrer-Policy", "no-referrer");
  r.with_header("Cross-Origin-Opener-Policy", "same-origin");
  r.with_header("Cross-Origin-Resource-Policy", "same-origin");
  r.with_header("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  if (tls) r.with_header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}

namespace {

bool is_write(const std::string& method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

// Whether this request's answer may come from (and go into) the cache.
bool may_cache(const ServerContext& context, const Route& route, const HttpRequest& request) {
  return context.cache && route.cacheable && request.method == "GET";
}

// Whether this route's answers may be sent gzipped: reads by a fully
// signed-in caller. Those carry records, never a secret (the CSRF token is
// only in GET /api/v1/me, an any-stage route; new API tokens and MFA secrets
// are answers to POSTs), so the length of a compressed answer cannot be used
// to guess a secret byte by byte (BREACH).
bool may_compress(const Route& route) { return route.method == "GET" && route.auth == Auth::signed_in; }

// `version`, when given, is read in the same transaction as the credentials.
Result<app::Caller> identify(ServerContext& context, const Route& route, const HttpRequest& request,
                             std::string& session_secret, app::DataVersionWanted* version) {
  const std::string user_agent = request.header("user-agent").substr(0, 500);
  const std::string authorization = request.header("authorization");
  if (auto it = request.cookies.find(kSessionCookie); it != request.cookies.end()) session_secret = it->second;
  if (route.auth == Auth::none) return app::Caller::anonymous(request.source_ip, user_agent);

  if (authorization.rfind("Bearer ", 0) == 0)
    return app::authenticate_api_token(context.services, authorization.substr(7), request.source_ip, user_agent,
                                       version);
  if (!authorization.empty())
    return make_error(ErrorCode::unauthorized, "invalid_token", "use Authorization: Bearer <API token>", Location{});
  if (session_secret.empty()) return make_error(ErrorCode::unauthorized, "not_signed_in", "sign in first", Location{});
  return app::authenticate_session(context.services, session_secret, request.source_ip, user_agent, version);
}

Status check_body_size(const Route& route, const HttpRequest& request) {
  if (request.body.size() > route.max_body_bytes)
    return make_error(ErrorCode::too_large, "body_too_large",
                      "the body is larger than " + std::to_string(route.max_body_bytes) + " bytes",
                      Location::in_field("body"));
  return ok();
}

Status check_body_shape(const Route& route, const HttpRequest& request) {
  const std::string type = request.header("content-type");
  if (!route.raw_body_types.empty()) {
    for (const auto& accepted : route.raw_body_types)
      if (type.rfind(accepted, 0) == 0) return ok();
    std::string list;
    for (const auto& accepted : route.raw_body_types) list += (list.empty() ? "" : ", ") + accepted;
    return make_error(ErrorCode::invalid_input, "unsupported_media_type", "send the file as one of: " + list,
                      Location::in_field("content-type"));
  }
  const bool blank = request.body.find_first_not_of(" \t\r\n") == std::string::npos;
  if (blank) return ok();
  if (!route.accepts_body && request.body != "{}")
    return make_error(ErrorCode::invalid_input, "unexpected_body", "this request takes no body", Location::in_field("body"));
  // JSON only: also keeps cross-site HTML forms (which cannot send it) out.
  if (type.rfind("application/json", 0) != 0)
    return make_error(ErrorCode::invalid_input, "unsupported_media_type", "send the body as application/json",
                      Location::in_field("content-type"));
  return ok();
}

// The cache key for this request, or "" when it may not be cached.
// `version` was read with the caller's credentials, before any data.
std::string cache_key_for(ServerContext& context, const Route& route, const HttpRequest& request,
                          const app::Caller& caller, const app::DataVersionWanted& version) {
  if (!may_cache(context, route, request) || !version.read) return "";
  if (caller.kind != app::Caller::Kind::session && caller.kind != app::Caller::Kind::api_token) return "";
  return response_cache_key(route, request, caller, version.version, app::today_in_japan());
}

}  // namespace

HttpResponse handle_request(ServerContext& context, const Route& route, HttpRequest& request, RequestLog* log) {
  // Cheap refusals first (size), then who is asking (401 before any talk
  // about the body's shape), then the shape.
  if (auto size = check_body_size(route, request); !size) return error_response(size.error());

  std::string session_secret;
  app::DataVersionWanted version;
  if (auto org = request.params.find("org"); org != request.params.end()) version.tenant_id = org->second;
  auto caller =
      identify(context, route, request, session_secret, may_cache(context, route, request) ? &version : nullptr);
  if (!caller) {
    HttpResponse r = error_response(caller.error());
    const auto& reason = caller.error().reason;
    if (reason == "session_ended" || reason == "session_expired" || reason == "no_session" ||
        reason == "account_disabled")
      r.with_header("Set-Cookie", expired_session_cookie(context.secure_cookies));
    return r;
  }
  if (log) {
    log->user_id = caller->user_id;
    log->via = caller->kind == app::Caller::Kind::session     ? "session"
               : caller->kind == app::Caller::Kind::api_token ? "api_token"
                                                              : "anonymous";
  }
  if (route.auth == Auth::signed_in)
    if (auto signed_in = app::require_signed_in(caller.value()); !signed_in) return error_response(signed_in.error());
  if (auto shape = check_body_shape(route, request); !shape) return error_response(shape.error());
  if (caller->kind == app::Caller::Kind::session && is_write(request.method) &&
      !app::csrf_token_matches(caller.value(), request.header("x-csrf-token")))
    return error_response(make_error(ErrorCode::forbidden, "csrf", "missing or wrong X-CSRF-Token header",
                                     Location::in_field("X-CSRF-Token")));

  auto query = parse_query(request.query, route.query);
  if (!query) return error_response(query.error());
  auto body = route.raw_body_types.empty() ? parse_body(request.body, route.body) : Result<JsonInput>(JsonInput());
  if (!body) return error_response(body.error());

  const std::string cache_key = cache_key_for(context, route, request, caller.value(), version);
  if (!cache_key.empty()) {
    if (auto hit = context.cache->find(cache_key)) {
      HttpResponse r = *hit;
      r.with_header("X-Mamori-Cache", "hit");
      if (may_compress(route)) encode_for_client(r, accepts_gzip(request.header("accept-encoding")), GzipEffort::kept);
      return r;
    }
  }

  RequestContext rc{context, request, std::move(caller.value()), std::move(body.value()), std::move(query.value()),
                    std::move(session_secret)};
  Result<HttpResponse> result = [&]() -> Result<HttpResponse> {
    try {
      return route.handler(rc);
    } catch (const std::exception& e) {
      return make_error(ErrorCode::internal, std::string("unexpected exception: ") + e.what());
    }
  }();
  if (!result) {
    if (status_for(result.error().code) >= 500)
      std::fprintf(stderr, "mamori: %s %s failed: %s\n", request.method.c_str(), route.path.c_str(),
                   result.error().describe().c_str());
    return error_response(result.error());
  }
  const bool kept = !cache_key.empty() && result->status == 200;
  if (kept) {
    // Compressed once here, for every client that takes gzip until the data
    // changes.
    if (may_compress(route) && worth_compressing(result->content_type, result->body_size()))
      result->gzip_body = gzip(result->body_view(), GzipEffort::kept);
    context.cache->store(cache_key, result.value());
    result->with_header("X-Mamori-Cache", "miss");
  }
  if (may_compress(route))
    encode_for_client(result.value(), accepts_gzip(request.header("accept-encoding")),
                      kept ? GzipEffort::kept : GzipEffort::per_request);
  return std::move(result.value());
}

}  // namespace mamori::server
