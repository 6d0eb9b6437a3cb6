// Bad input on every route: malformed JSON, wrong types, missing and
// unknown fields, oversize bodies, wrong content types, unknown query
// parameters. Each is a 4xx JSON error naming the field, never a 500, and
// nothing changes. Hostile HTTP does not take the server down.
#include <algorithm>

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <regex>

#include "server/routes.h"
#include "support/api_client.h"

namespace mamori {

namespace {

using nlohmann::json;
using test::ApiClient;
using test::body_json;

using test::kTestPassword;

std::string audit_heads(const std::string& db_path) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_busy_timeout(db, 5000);
  std::string out;
  sqlite3_exec(
      db, "SELECT chain, last_seq FROM audit_chains ORDER BY 1; SELECT COUNT(*) FROM login_failures",
      [](void* text, int n, char** values, char**) {
        for (int i = 0; i < n; ++i) *static_cast<std::string*>(text) += (values[i] ? values[i] : "NULL") + std::string("|");
        return 0;
      },
      &out, nullptr);
  sqlite3_close(db);
  return out;
}

json wrong_type(const server::FieldSpec& f) {
  switch (f.type) {
    case server::FieldType::string: return 12345;
    case server::FieldType::integer: return "twelve";
    case server::FieldType::boolean: return "yes";
    case server::FieldType::number: return "twelve";
    case server::FieldType::string_list: return 12345;
  }
  return nullptr;
}

json good_value(const server::FieldSpec& f) {
  switch (f.type) {
    case server::FieldType::integer: return f.min == INT64_MIN ? 1 : f.min;
    case server::FieldType::boolean: return true;
    case server::FieldType::number: return f.min_number > -1e300 ? f.min_number : 0.5;
    case server::FieldType::string_list: return json::array({"x"});
    case server::FieldType::string: break;
  }
  if (!f.one_of.empty()) return f.one_of.back();
  return f.name == "email" ? "x@example.jp" : "x";
}

class ApiInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    org = mamori.add_tenant("テスト株式会社");
    mamori.add_user("テスト株式会社", "admin@a.example.jp", "admin", kTestPassword);
    mamori.start();
  }
  test::MamoriInstance mamori;
  std::string org;
};

struct Expect {
  int status;
  std::string reason;
  std::string field;
};

}  // namespace

TEST_F(ApiInputTest, EveryRouteRefusesBadInputByNameAndChangesNothing) {
  ApiClient admin(mamori.port());
  ASSERT_EQ(admin.login("admin@a.example.jp", kTestPassword).status, 200);
  const std::string db = mamori.data() + "/mamori.db";
  const std::string before = audit_heads(db);
  int cases = 0;
  auto check = [&](const server::Route& route, const std::string& path, const std::string& body,
                   std::map<std::string, std::string> headers, const Expect& expect, const std::string& label) {
    auto r = admin.request(route.method, path, body, headers);
    const std::string what = route.method + " " + route.path + " (" + label + ")";
    EXPECT_EQ(r.status, expect.status) << what << ": " << r.body;
    EXPECT_LT(r.status, 500) << what;
    auto j = body_json(r);
    EXPECT_EQ(j["error"]["reason"], expect.reason) << what << ": " << r.body;
    if (!expect.field.empty()) {
      EXPECT_EQ(j["error"]["field"], expect.field) << what;
    }
    ++cases;
  };

  for (const auto& route : server::all_routes()) {
    std::string path = std::regex_replace(route.path, std::regex(R"(\{org\})"), org);
    path = std::regex_replace(path, std::regex(R"(\{catalog\})"), "ismap-2024");
    path = std::regex_replace(path, std::regex(R"(\{ref\})"), "12.4.4");
    path = std::regex_replace(path, std::regex(R"(\{[a-z_]+\})"), "00000000-0000-7000-8000-000000000000");
    const std::string sep = path.find('?') == std::string::npos ? "?" : "&";

    const std::map<std::string, std::string> file_type =
        route.raw_body_types.empty() ? std::map<std::string, std::string>{}
                                     : std::map<std::string, std::string>{{"Content-Type", route.raw_body_types.front()}};
    check(route, path + sep + "unexpected_param=1", "", file_type, {400, "unknown_field", "unexpected_param"},
          "unknown query");
    for (const auto& q : route.query)
      if (q.type != server::FieldType::string)
        check(route, path + sep + q.name + "=not-a-" + (q.type == server::FieldType::integer ? "number" : "bool"), "", {},
              {400, "type", q.name}, "query type");

    if (!route.raw_body_types.empty()) {  // a file, or a whole JSON document checked by its reader
      const auto& types = route.raw_body_types;
      const bool takes_json = std::find(types.begin(), types.end(), "application/json") != types.end();
      check(route, path, "catalog: {}", {{"Content-Type", takes_json ? "text/plain" : "application/json"}},
            {415, "unsupported_media_type", "content-type"}, "wrong file type");
      if (takes_json)
        check(route, path, "{\"broken\": ", {{"Content-Type", "application/json"}}, {400, "malformed_json", "body"},
              "broken JSON document");
      check(route, path, std::string(route.max_body_bytes + 1, ' '), {{"Content-Type", route.raw_body_types.front()}},
            {413, "body_too_large", "body"}, "oversize file");
      continue;
    }
    if (!route.accepts_body) {
      check(route, path, R"({"a": 1})", {}, {400, "unexpected_body", "body"}, "body where none is taken");
      continue;
    }
    json valid = json::object();
    for (const auto& f : route.body)
      if (f.required) valid[f.name] = good_value(f);
    check(route, path, "{\"email\": ", {}, {400, "malformed_json", "body"}, "malformed JSON");
    check(route, path, "[1, 2]", {}, {400, "type", "body"}, "not an object");
    check(route, path, std::string(5000, '[') + std::string(5000, ']'), {}, {400, "type", "body"}, "deep nesting");
    json unknown = valid;
    unknown["surprise"] = true;
    check(route, path, unknown.dump(), {}, {400, "unknown_field", "surprise"}, "unknown field");
    for (const auto& f : route.body) {
      json typed = valid;
      typed[f.name] = wrong_type(f);
      check(route, path, typed.dump(), {}, {400, "type", f.name}, "wrong type of " + f.name);
      if (f.type == server::FieldType::string) {
        json too_long = valid;
        too_long[f.name] = std::string(f.max_length + 1, 'a');
        check(route, path, too_long.dump(), {}, {400, "too_long", f.name}, "too long " + f.name);
        json bad_utf8 = valid;
        bad_utf8[f.name] = "x";
        std::string raw = bad_utf8.dump();
        raw.replace(raw.find("\"x\""), 3, "\"\\ud800\"");  // a lone surrogate: invalid
        check(route, path, raw, {}, {400, "malformed_json", "body"}, "invalid UTF-8 in " + f.name);
      }
      if (f.required) {
        json missing = valid;
        missing.erase(f.name);
        check(route, path, missing.dump(), {}, {400, "required", f.name}, "missing " + f.name);
      }
    }
    check(route, path, std::string(route.max_body_bytes + 1, ' '), {}, {413, "body_too_large", "body"}, "oversize");
    check(route, path, valid.dump(), {{"Content-Type", "text/plain"}}, {415, "unsupported_media_type", "content-type"},
          "not JSON");
  }
  EXPECT_EQ(audit_heads(db), before) << "refused input changed something";
  EXPECT_GT(cases, 150);
}

TEST_F(ApiInputTest, HostileHttpDoesNotTakeTheServerDown) {
  ApiClient c(mamori.port());
  // Far larger than any route allows: the transport refuses or the route says 413.
  auto huge = c.request("POST", "/api/v1/auth/login", std::string(20 << 20, 'x'));
  EXPECT_TRUE(huge.status == 0 || huge.status == 413) << huge.status;
  // An 8 KiB+ URL, a header of 20 KiB, a hundred-plus headers.
  c.request("GET", "/api/v1/catalogs?" + std::string(9000, 'a'));
  c.request("GET", "/healthz", "", {{"X-Long", std::string(20000, 'b')}});
  std::map<std::string, std::string> many;
  for (int i = 0; i < 150; ++i) many["X-H" + std::to_string(i)] = "v";
  c.request("GET", "/healthz", "", many);
  // Broken percent-encoding and injection in paths and queries.
  EXPECT_LT(c.request("GET", "/api/v1/auth/banner?org=%ZZ").status, 500);
  EXPECT_LT(c.request("GET", "/api/v1/auth/banner?org=' OR 1=1 --").status, 500);
  // Still serving.
  EXPECT_EQ(c.get("/healthz").status, 200);
  ApiClient admin(mamori.port());
  EXPECT_EQ(admin.login("admin@a.example.jp", kTestPassword).status, 200);
}

}  // namespace mamori
