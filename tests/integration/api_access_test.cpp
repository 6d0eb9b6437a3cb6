// Authorisation on every route of the route table: a member of another
// organisation gets 404, a member whose role lacks the permission gets 403,
// a stranger gets 401, and nothing changes. And the OpenAPI document lists
// every route, each of which the server answers.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <regex>

#include "domain/access.h"
#include "server/openapi.h"
#include "server/routes.h"
#include "support/api_client.h"

namespace mamori {

namespace {

using nlohmann::json;
using test::ApiClient;
using test::body_json;

using test::kTestPassword;

// Everything a denied request could have changed, as text: who belongs
// where with which role, settings, tokens, sessions, accounts, and the
// audit chains (every change through app writes an entry).
std::string snapshot(const std::string& db_path) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_busy_timeout(db, 5000);
  std::string out;
  for (const char* query :
       {"SELECT tenant_id, user_id, role FROM memberships ORDER BY 1, 2",
        "SELECT * FROM tenant_settings ORDER BY 1",
        "SELECT id, name, role, expires_at, revoked_at FROM api_tokens ORDER BY 1",
        "SELECT id, user_id, stage, locked_at, ended_at, active_tenant_id FROM sessions ORDER BY 1",
        "SELECT id, email, password_hash, disabled_at, totp_secret_sealed, must_change_password FROM users ORDER BY 1",
        "SELECT id, name, kind FROM tenants ORDER BY 1", "SELECT chain, last_seq, last_hash FROM audit_chains ORDER BY 1"}) {
    sqlite3_exec(
        db, query,
        [](void* text, int n, char** values, char**) {
          auto* s = static_cast<std::string*>(text);
          for (int i = 0; i < n; ++i) *s += (values[i] ? values[i] : "NULL") + std::string("|");
          *s += "\n";
          return 0;
        },
        &out, nullptr);
    out += "--\n";
  }
  sqlite3_close(db);
  return out;
}

// A body that passes the route's declared shape, so a refusal is about
// access, not about input.
json sample_value(const server::FieldSpec& f) {
  switch (f.type) {
    case server::FieldType::integer: return f.min == INT64_MIN ? 1 : f.min;
    case server::FieldType::boolean: return false;
    case server::FieldType::number: return f.min_number > -1e300 ? f.min_number : 0.5;
    case server::FieldType::string_list: return json::array({"テスト"});
    case server::FieldType::string: break;
  }
  if (!f.one_of.empty())  // a role when it is a role field, else the first allowed value
    return std::find(f.one_of.begin(), f.one_of.end(), "viewer") != f.one_of.end() ? "viewer" : f.one_of.front();
  if (f.name == "email") return "someone.new@a.example.jp";
  return "テスト";
}

json valid_body(const server::Route& route) {
  json body = json::object();
  for (const auto& f : route.body)
    if (f.required) body[f.name] = sample_value(f);
  if (body.empty() && !route.body.empty()) body[route.body.front().name] = sample_value(route.body.front());
  return body;
}

class ApiAccessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    a = mamori.add_tenant("テスト株式会社");
    b = mamori.add_tenant("他社", "customer");
    for (auto role : domain::all_roles())
      mamori.add_user("テスト株式会社", std::string(domain::to_string(role)) + "@a.example.jp", domain::to_string(role),
                      kTestPassword);
    mamori.add_user("他社", "admin@b.example.jp", "admin", kTestPassword);
    mamori.start();
  }


  // The route's path with {org} = organisation A and real objects of A for
  // the other placeholders.
  std::string path_for(const server::Route& route, const std::map<std::string, std::string>& ids) {
    std::string path = route.path;
    static const std::regex placeholder(R"(\{([a-z_]+)\})");
    std::smatch m;
    while (std::regex_search(path, m, placeholder)) path.replace(m.position(), m.length(), ids.at(m[1]));
    return path;
  }

  test::MamoriInstance mamori;
  std::string a, b;
};

}  // namespace

TEST_F(ApiAccessTest, EveryOrganisationRouteRefusesOutsidersAndMissingRoles) {
  ApiClient admin = signed_in(mamori, "admin@a.example.jp");
  ApiClient viewer = signed_in(mamori, "viewer@a.example.jp");
  std::string viewer_id, viewer_session;
  for (const auto& m : body_json(admin.get("/api/v1/orgs/" + a + "/members")))
    if (m["email"] == "viewer@a.example.jp") viewer_id = m["user_id"];
  for (const auto& s : body_json(admin.get("/api/v1/orgs/" + a + "/sessions")))
    if (s["email"] == "viewer@a.example.jp") viewer_session = s["id"];
  auto token = body_json(admin.post("/api/v1/orgs/" + a + "/api-tokens",
                                    {{"name", "t"}, {"role", "viewer"}, {"expires_in_days", 5}}));
  const std::map<std::string, std::string> ids{{"org", a},
                                               {"user_id", viewer_id},
                                               {"session_id", viewer_session},
                                               {"token_id", token["id"]},
                                               {"object_type", "membership"},
                                               {"object_id", viewer_id},
                                               // Objects that need not exist: access is refused before lookup.
                                               {"answer_id", "00000000-0000-7000-8000-000000000000"},
                                               {"incoming_id", "00000000-0000-7000-8000-000000000000"},
                                               {"sheet", "00000000-0000-7000-8000-000000000000"},
                                               {"response", "00000000-0000-7000-8000-000000000000"},
                                               {"evidence", "00000000-0000-7000-8000-000000000000"},
                                               {"standard_id", "00000000-0000-7000-8000-000000000000"},
                                               {"scope_id", "00000000-0000-7000-8000-000000000000"},
                                               {"soa_id", "00000000-0000-7000-8000-000000000000"},
                                               {"version", "1"},
                                               {"ref", "5-1"},
                                               {"exclusion_id", "00000000-0000-7000-8000-000000000000"},
                                               {"service_id", "00000000-0000-7000-8000-000000000000"},
                                               {"asset_id", "00000000-0000-7000-8000-000000000000"},
                                               {"risk_id", "00000000-0000-7000-8000-000000000000"},
                                               {"axis", "confidentiality"},
                                               {"level", "1"},
                                               {"seq", "1"}};
  ASSERT_FALSE(viewer_id.empty());
  ASSERT_FALSE(viewer_session.empty());

  std::map<domain::Role, ApiClient> members;
  for (auto role : domain::all_roles())
    members.emplace(role, signed_in(mamori, std::string(domain::to_string(role)) + "@a.example.jp"));
  ApiClient outsider = signed_in(mamori, "admin@b.example.jp");
  ApiClient stranger(mamori.port());
  const std::string db = mamori.data() + "/mamori.db";

  int checked = 0;
  for (const auto& route : server::all_routes()) {
    if (route.path.find("{org}") == std::string::npos) continue;
    ASSERT_TRUE(route.action) << route.path << " is organisation-scoped but names no permission";
    std::string path = path_for(route, ids);
    std::string sep = "?";  // required query parameters given: the refusal is about access
    for (const auto& q : route.query)
      if (q.required) path += sep + q.name + "=x", sep = "&";
    const std::string body = route.accepts_body ? valid_body(route).dump() : "";
    const std::string what = route.method + " " + route.path;
    // File uploads: the declared type, so the refusal is about access.
    const std::map<std::string, std::string> headers =
        route.raw_body_types.empty() ? std::map<std::string, std::string>{}
                                     : std::map<std::string, std::string>{{"Content-Type", route.raw_body_types.front()}};

    const std::string before = snapshot(db);
    auto foreign = outsider.request(route.method, path, body, headers);
    EXPECT_EQ(foreign.status, 404) << what << " as another organisation's admin: " << foreign.body;
    auto anonymous = stranger.request(route.method, path, body, headers);
    EXPECT_EQ(anonymous.status, 401) << what << " without signing in";
    for (auto& [role, client] : members) {
      if (domain::role_allows(role, *route.action)) continue;
      auto denied = client.request(route.method, path, body, headers);
      EXPECT_EQ(denied.status, 403) << what << " as " << domain::to_string(role) << ": " << denied.body;
      EXPECT_EQ(body_json(denied)["error"]["reason"], "role_lacks_permission") << what;
      ++checked;
    }
    EXPECT_EQ(snapshot(db), before) << what << ": a refused request changed something";
  }
  EXPECT_GT(checked, 30);
}

TEST_F(ApiAccessTest, EveryOtherRouteNeedsASignedInCaller) {
  ApiClient stranger(mamori.port());
  for (const auto& route : server::all_routes()) {
    if (route.auth == server::Auth::none || route.path.find("{org}") != std::string::npos) continue;
    std::string path = std::regex_replace(route.path, std::regex(R"(\{catalog\})"), "ismap-2024");
    path = std::regex_replace(path, std::regex(R"(\{ref\})"), "12.4.4");
    if (path.find("/search") != std::string::npos) path += "?q=%E3%82%AF%E3%83%AD%E3%83%83%E3%82%AF";  // クロック
    auto r = stranger.request(route.method, path, route.accepts_body ? valid_body(route).dump() : "");
    EXPECT_EQ(r.status, 401) << route.method << " " << route.path;
  }
}

TEST_F(ApiAccessTest, MembersSeeOnlyTheirOwnOrganisation) {
  ApiClient outsider = signed_in(mamori, "admin@b.example.jp");
  EXPECT_EQ(outsider.get("/api/v1/orgs/" + a).status, 404);
  EXPECT_EQ(outsider.get("/api/v1/orgs/" + b).status, 200);
  EXPECT_EQ(outsider.get("/api/v1/orgs/no-such-organisation").status, 404);
  // 404 for a foreign organisation and for none at all look the same.
  EXPECT_EQ(body_json(outsider.get("/api/v1/orgs/" + a)), body_json(outsider.get("/api/v1/orgs/00000000-0000-7000-8000-000000000000")));
  // A respondent sees the organisation, not its records.
  ApiClient respondent = signed_in(mamori, "respondent@a.example.jp");
  EXPECT_EQ(body_json(respondent.get("/api/v1/orgs/" + a))["role"], "respondent");
  EXPECT_EQ(respondent.get("/api/v1/orgs/" + a + "/members").status, 403);
}

TEST_F(ApiAccessTest, TheLastAdminCannotBeRemovedOrDemoted) {
  ApiClient admin = signed_in(mamori, "admin@a.example.jp");
  std::string admin_id;
  for (const auto& m : body_json(admin.get("/api/v1/orgs/" + a + "/members")))
    if (m["email"] == "admin@a.example.jp") admin_id = m["user_id"];
  auto demote = admin.patch("/api/v1/orgs/" + a + "/members/" + admin_id, {{"role", "viewer"}});
  EXPECT_EQ(demote.status, 409);
  EXPECT_EQ(body_json(demote)["error"]["reason"], "last_admin");
  EXPECT_EQ(admin.del("/api/v1/orgs/" + a + "/members/" + admin_id).status, 409);
}

TEST_F(ApiAccessTest, TheOpenApiDocumentListsEveryRouteAndEachIsServed) {
  ApiClient c(mamori.port());
  auto r = c.get("/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  auto doc = body_json(r);
  EXPECT_EQ(doc["openapi"], "3.1.0");
  EXPECT_EQ(doc, server::openapi_document());
  std::set<std::string> documented;
  for (const auto& [path, operations] : doc["paths"].items())
    for (const auto& [method, op] : operations.items()) {
      documented.insert(method + " " + path);
      EXPECT_TRUE(op.contains("summary") && op.contains("responses")) << method << " " << path;
    }
  std::set<std::string> routed;
  for (const auto& route : server::all_routes()) {
    std::string method = route.method;
    for (auto& ch : method) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    routed.insert(method + " " + route.path);
  }
  EXPECT_EQ(documented, routed);
  // Each documented operation reaches a handler: never the router's "no such route".
  for (const auto& op : documented) {
    auto space = op.find(' ');
    std::string method = op.substr(0, space), path = op.substr(space + 1);
    for (auto& ch : method) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    path = std::regex_replace(path, std::regex(R"(\{[a-z_]+\})"), "x");
    auto answer = c.request(method, path);
    EXPECT_NE(body_json(answer)["error"]["message"], "no such route") << op;
  }
  EXPECT_EQ(body_json(c.get("/api/v1/not-a-route"))["error"]["message"], "no such route");
}

}  // namespace mamori
