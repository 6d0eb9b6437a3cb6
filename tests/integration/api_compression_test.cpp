// Answers sent gzipped to clients that ask (server/compression.h), through a
// real `mamori serve`: what a browser inflates is byte for byte the answer
// another client gets uncompressed, whether it was computed or came from the
// response cache; answers that carry a secret are never compressed; a
// client that does not ask gets the plain answer.
#include <gtest/gtest.h>

#include "support/api_client.h"
#include "support/gunzip.h"

namespace mamori {

namespace {

using nlohmann::json;
using test::ApiClient;
using test::body_json;
using test::gunzip;
using test::kTestPassword;

const std::map<std::string, std::string> kBrowser = {{"Accept-Encoding", "gzip, deflate, br, zstd"}};

std::string header(const test::HttpResponse& r, const std::string& name) {
  auto it = r.headers.find(name);
  return it == r.headers.end() ? "" : it->second;
}

class ApiCompressionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    org = mamori.add_tenant("圧縮市", "customer");
    mamori.add_user("圧縮市", "admin@gz.example.jp", "admin", kTestPassword);
    mamori.add_user("圧縮市", "viewer@gz.example.jp", "viewer", kTestPassword);
    mamori.start();
  }

  std::string create_sheet(ApiClient& c) {
    auto r = c.post("/api/v1/orgs/" + org + "/sheets", {{"title", "圧縮市 住民窓口システム"}, {"template", "ismap-summary"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return body_json(r)["id"];
  }

  test::MamoriInstance mamori;
  std::string org;
};

}  // namespace

TEST_F(ApiCompressionTest, ASheetInflatesToThePlainAnswerWhetherComputedOrCached) {
  ApiClient admin = signed_in(mamori, "admin@gz.example.jp");
  ApiClient viewer = signed_in(mamori, "viewer@gz.example.jp");
  const std::string sheet = "/api/v1/orgs/" + org + "/sheets/" + create_sheet(admin);

  // No Accept-Encoding: plain, computed, and marked as varying with it.
  auto plain = admin.get(sheet);
  ASSERT_EQ(plain.status, 200) << plain.body;
  ASSERT_GT(plain.body.size(), 4096u);
  EXPECT_EQ(header(plain, "content-encoding"), "");
  EXPECT_EQ(header(plain, "vary"), "Accept-Encoding");
  EXPECT_EQ(header(plain, "x-mamori-cache"), "miss");

  // The same caller as a browser: the cached answer, gzipped.
  auto cached = admin.request("GET", sheet, "", kBrowser);
  ASSERT_EQ(cached.status, 200);
  EXPECT_EQ(header(cached, "x-mamori-cache"), "hit");
  EXPECT_EQ(header(cached, "content-encoding"), "gzip");
  EXPECT_EQ(header(cached, "vary"), "Accept-Encoding");
  EXPECT_LT(cached.body.size(), plain.body.size() / 3);
  EXPECT_EQ(gunzip(cached.body), plain.body);

  // Another caller (a new cache key): computed for them and gzipped at once.
  auto computed = viewer.request("GET", sheet, "", kBrowser);
  ASSERT_EQ(computed.status, 200);
  EXPECT_EQ(header(computed, "x-mamori-cache"), "miss");
  EXPECT_EQ(header(computed, "content-encoding"), "gzip");
  EXPECT_EQ(gunzip(computed.body), plain.body);

  // A refusal of gzip is honoured on a cache hit too.
  auto refused = viewer.request("GET", sheet, "", {{"Accept-Encoding", "gzip;q=0, identity"}});
  EXPECT_EQ(header(refused, "x-mamori-cache"), "hit");
  EXPECT_EQ(header(refused, "content-encoding"), "");
  EXPECT_EQ(refused.body, plain.body);
}

TEST_F(ApiCompressionTest, ARouteOutsideTheCacheIsGzippedPerRequest) {
  ApiClient admin = signed_in(mamori, "admin@gz.example.jp");
  for (int i = 0; i < 3; ++i) create_sheet(admin);
  const std::string log = "/api/v1/orgs/" + org + "/audit-log";
  auto plain = admin.get(log);
  ASSERT_EQ(plain.status, 200) << plain.body;
  ASSERT_GT(plain.body.size(), 1024u);
  EXPECT_EQ(header(plain, "x-mamori-cache"), "");  // not a cached route
  auto gz = admin.request("GET", log, "", kBrowser);
  ASSERT_EQ(gz.status, 200);
  EXPECT_EQ(header(gz, "content-encoding"), "gzip");
  EXPECT_EQ(body_json(test::HttpResponse{200, {}, gunzip(gz.body)}), body_json(plain));
}

TEST_F(ApiCompressionTest, AnswersCarryingASecretAreNeverCompressed) {
  // /api/v1/me carries the session's CSRF token: made longer than 1 KB here
  // (many organisations), it would be worth compressing, and is not.
  for (int i = 0; i < 12; ++i) {
    const std::string name = "圧縮市 第" + std::to_string(i) + "情報システム部門 クラウドサービス調達担当課";
    mamori.add_tenant(name, "customer");
    mamori.add_user(name, "admin@gz.example.jp", "viewer", kTestPassword);
  }
  ApiClient admin = signed_in(mamori, "admin@gz.example.jp");
  auto me = admin.request("GET", "/api/v1/me", "", kBrowser);
  ASSERT_EQ(me.status, 200) << me.body;
  ASSERT_GT(me.body.size(), 1024u);
  ASSERT_TRUE(body_json(me).contains("csrf_token"));
  EXPECT_EQ(header(me, "content-encoding"), "");

  // The login answer (session cookie, CSRF token) neither.
  ApiClient fresh(mamori.port());
  auto login = fresh.request("POST", "/api/v1/auth/login",
                             json{{"email", "admin@gz.example.jp"}, {"password", kTestPassword}}.dump(),
                             {{"Accept-Encoding", "gzip"}, {"Content-Type", "application/json"}});
  EXPECT_EQ(header(login, "content-encoding"), "");
}

}  // namespace mamori
