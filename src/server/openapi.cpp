#include "server/openapi.h"

#include <regex>

#include "server/routes.h"

#ifndef MAMORI_VERSION
#define MAMORI_VERSION "dev"
#endif

namespace mamori::server {

using nlohmann::json;

namespace {

json error_schema() {
  return {{"type", "object"},
          {"required", {"error"}},
          {"properties",
           {{"error",
             {{"type", "object"},
              {"required", {"code", "message"}},
              {"properties",
               {{"code", {{"type", "string"}}},
                {"reason", {{"type", "string"}, {"description", "stable machine-readable reason, e.g. session_locked"}}},
                {"message", {{"type", "string"}}},
                {"field", {{"type", "string"}, {"description", "the input field at fault"}}}}}}}}}};
}

json operation(const Route& r) {
  json op{{"summary", r.summary}, {"tags", {r.tag}}, {"operationId", r.method + " " + r.path}};
  json parameters = json::array();
  static const std::regex placeholder(R"(\{([a-z_]+)\})");
  for (std::sregex_iterator it(r.path.begin(), r.path.end(), placeholder), end; it != end; ++it)
    parameters.push_back({{"name", (*it)[1].str()}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
  for (const auto& q : r.query)
    parameters.push_back({{"name", q.name}, {"in", "query"}, {"required", q.required}, {"schema", schema_of(q)}});
  if (!parameters.empty()) op["parameters"] = parameters;
  if (r.accepts_body)
    op["requestBody"] = {{"required", true}, {"content", {{"application/json", {{"schema", schema_of(r.body)}}}}}};
  if (!r.raw_body_types.empty()) {
    json content = json::object();
    for (const auto& type : r.raw_body_types) content[type] = {{"schema", {{"type", "string"}}}};
    op["requestBody"] = {{"required", true}, {"content", content}};
  }
  json responses;
  responses[std::to_string(r.success_status)] = {{"description", "success"},
                                                 {"content", {{r.response_type, json::object()}}}};
  auto error = [](const char* what) {
    return json{{"description", what}, {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
  };
  responses["400"] = error("bad input: the field is named");
  if (r.auth != Auth::none) responses["401"] = error("not signed in, session locked, expired or ended");
  if (r.auth != Auth::none) responses["403"] = error("the role lacks the permission, or the CSRF token is missing");
  if (r.path.find('{') != std::string::npos) responses["404"] = error("no such object (or not in your organisation)");
  if (r.accepts_body || !r.raw_body_types.empty()) responses["413"] = error("the body is too large");
  if (r.path.rfind("/api/v1/auth/", 0) == 0) responses["429"] = error("too many failed attempts (Retry-After)");
  op["responses"] = responses;
  if (r.auth == Auth::none) op["security"] = json::array();
  if (r.action) op["x-mamori-permission"] = domain::to_string(*r.action);
  return op;
}

}  // namespace

const json& openapi_document() {
  static const json doc = [] {
    json paths = json::object();
    for (const auto& r : all_routes()) {
      std::string method = r.method;
      for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      paths[r.path][method] = operation(r);
    }
    return json{
        {"openapi", "3.1.0"},
        {"info",
         {{"title", "mamori API"},
          {"version", MAMORI_VERSION},
          {"description",
           "mamori (守り): ISMS platform for cloud services under Japanese standards. Sign in with POST "
           "/api/v1/auth/login (a session cookie and a CSRF token for X-CSRF-Token on writes), or use an API token "
           "(Authorization: Bearer)."}}},
        {"paths", paths},
        {"components",
         {{"schemas", {{"Error", error_schema()}}},
          {"securitySchemes",
           {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", kSessionCookie}}},
            {"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}},
        {"security", {{{"session", json::array()}}, {{"bearer", json::array()}}}}};
  }();
  return doc;
}

}  // namespace mamori::server
