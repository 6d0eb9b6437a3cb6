// The server's response cache (issue 7, server/response_cache.h) through a
// real `mamori serve`: an answer is kept for the caller who asked and never
// served to anyone else (so never to another organisation); a change made
// through the API, losing access, a revoked token, or a catalog written by
// another process are all seen at the very next request. The header
// X-Mamori-Cache says whether an answer came from the cache, so each test
// also shows the cache was really in play.
#include <gtest/gtest.h>

#include "app/catalog_loader.h"
#include "store/catalog_repository.h"
#include "store/database.h"
#include "support/api_client.h"

namespace mamori {

namespace {

using nlohmann::json;
using test::ApiClient;
using test::body_json;

using test::kTestPassword;

std::string cache_of(const test::HttpResponse& r) {
  auto it = r.headers.find("x-mamori-cache");
  return it == r.headers.end() ? "" : it->second;
}

class ApiResponseCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    a = mamori.add_tenant("キャッシュ市A", "customer");
    b = mamori.add_tenant("キャッシュ市B", "customer");
    mamori.add_user("キャッシュ市A", "admin@a.example.jp", "admin", kTestPassword);
    mamori.add_user("キャッシュ市A", "viewer@a.example.jp", "viewer", kTestPassword);
    mamori.add_user("キャッシュ市B", "admin@b.example.jp", "admin", kTestPassword);
    mamori.start();
  }


  std::string create_sheet(ApiClient& c, const std::string& org, const std::string& title) {
    auto r = c.post("/api/v1/orgs/" + org + "/sheets", {{"title", title}, {"template", "ismap-summary"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return body_json(r)["id"];
  }

  std::string sheets(const std::string& org) { return "/api/v1/orgs/" + org + "/sheets"; }

  test::MamoriInstance mamori;
  std::string a, b;
};

}  // namespace

TEST_F(ApiResponseCacheTest, AnAnswerIsKeptForItsCallerAndNeverServedToAnotherOrganisation) {
  ApiClient admin_a = signed_in(mamori, "admin@a.example.jp");
  ApiClient viewer_a = signed_in(mamori, "viewer@a.example.jp");
  ApiClient admin_b = signed_in(mamori, "admin@b.example.jp");
  create_sheet(admin_a, a, "A市 住民窓口システム");
  create_sheet(admin_b, b, "B市 文書管理");

  auto first = admin_a.get(sheets(a));
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(cache_of(first), "miss");
  auto again = admin_a.get(sheets(a));
  EXPECT_EQ(cache_of(again), "hit");
  EXPECT_EQ(again.body, first.body);

  // Another member of the same organisation: computed for them, same data.
  auto viewer = viewer_a.get(sheets(a));
  EXPECT_EQ(cache_of(viewer), "miss");
  EXPECT_EQ(viewer.body, first.body);

  // B's admin asks for A's cached list: refused, as without a cache.
  auto foreign = admin_b.get(sheets(a));
  EXPECT_EQ(foreign.status, 404) << foreign.body;
  EXPECT_EQ(cache_of(foreign), "");
  // ... and for its own, while A's list is cached: only B's sheet.
  for (int i = 0; i < 2; ++i) {
    auto own = admin_b.get(sheets(b));
    ASSERT_EQ(own.status, 200);
    auto list = body_json(own);
    ASSERT_EQ(list.size(), 1u) << own.body;
    EXPECT_EQ(list[0]["title"], "B市 文書管理");
    EXPECT_EQ(cache_of(own), i == 0 ? "miss" : "hit");
  }
  // A's list, asked again by A, was not touched by B's.
  EXPECT_EQ(admin_a.get(sheets(a)).body, first.body);
}

TEST_F(ApiResponseCacheTest, AChangeIsSeenAtTheNextRead) {
  ApiClient admin = signed_in(mamori, "admin@a.example.jp");
  const std::string sheet = create_sheet(admin, a, "調達その1");
  const std::string detail = sheets(a) + "/" + sheet;
  ASSERT_EQ(admin.get(detail).status, 200);
  ASSERT_EQ(cache_of(admin.get(detail)), "hit");
  ASSERT_EQ(cache_of(admin.get(sheets(a))), "miss");
  ASSERT_EQ(cache_of(admin.get(sheets(a))), "hit");

  auto changed = admin.patch(detail, {{"title", "調達その1（改題）"}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  auto after = admin.get(detail);
  EXPECT_EQ(cache_of(after), "miss");
  EXPECT_EQ(body_json(after)["title"], "調達その1（改題）");

  create_sheet(admin, a, "調達その2");
  auto list = admin.get(sheets(a));
  EXPECT_EQ(cache_of(list), "miss");
  EXPECT_EQ(body_json(list).size(), 2u) << list.body;
}

TEST_F(ApiResponseCacheTest, LosingAccessOrARevokedTokenEndsTheCachedAnswer) {
  ApiClient admin = signed_in(mamori, "admin@a.example.jp");
  ApiClient viewer = signed_in(mamori, "viewer@a.example.jp");
  create_sheet(admin, a, "調達");
  ASSERT_EQ(viewer.get(sheets(a)).status, 200);
  ASSERT_EQ(cache_of(viewer.get(sheets(a))), "hit");

  auto token = admin.post("/api/v1/orgs/" + a + "/api-tokens", {{"name", "連携"}, {"role", "viewer"}, {"expires_in_days", 5}});
  ASSERT_EQ(token.status, 201) << token.body;
  ApiClient by_token(mamori.port());
  by_token.bearer = body_json(token)["token"];
  ASSERT_EQ(by_token.get(sheets(a)).status, 200);
  ASSERT_EQ(cache_of(by_token.get(sheets(a))), "hit");

  std::string viewer_id;
  for (const auto& m : body_json(admin.get("/api/v1/orgs/" + a + "/members")))
    if (m["email"] == "viewer@a.example.jp") viewer_id = m["user_id"];
  ASSERT_FALSE(viewer_id.empty());
  ASSERT_EQ(admin.del("/api/v1/orgs/" + a + "/members/" + viewer_id).status, 204);
  auto removed = viewer.get(sheets(a));
  EXPECT_NE(removed.status, 200) << "a removed member was served the cached list: " << removed.body;

  ASSERT_EQ(admin.del("/api/v1/orgs/" + a + "/api-tokens/" + body_json(token)["id"].get<std::string>()).status, 204);
  EXPECT_EQ(by_token.get(sheets(a)).status, 401);
}

TEST_F(ApiResponseCacheTest, ACatalogWrittenByAnotherProcessIsSeenAtTheNextSearch) {
  ApiClient admin = signed_in(mamori, "admin@a.example.jp");
  const std::string search = "/api/v1/catalogs/ismap-2024/search?q=%E3%82%AD%E3%83%A3%E3%83%83%E3%82%B7%E3%83%A5%E7%A2%BA%E8%AA%8D";  // キャッシュ確認
  ASSERT_EQ(body_json(admin.get(search)).size(), 0u);
  ASSERT_EQ(cache_of(admin.get(search)), "hit");

  // This test process is the other process: a corrected revision of the
  // catalog straight into the database file the server uses.
  {
    auto db = store::Database::open(store::sqlite_in_dir(mamori.data()));
    ASSERT_TRUE(db) << db.error().describe();
    auto bundle = app::builtin_bundle();
    ASSERT_TRUE(bundle);
    const domain::Catalog* ismap = bundle.value()->find("ismap-2024");
    ASSERT_NE(ismap, nullptr);
    domain::Catalog corrected = *ismap;
    ASSERT_FALSE(corrected.nodes.empty());
    corrected.nodes.back().title += "（キャッシュ確認）";
    ASSERT_TRUE(db.value()->with_write([&](store::Tx& tx) -> Status {
      auto stored = store::store_catalog(tx, corrected, "imported");
      if (!stored) return stored.error();
      return ok();
    }));
  }
  auto after = admin.get(search);
  EXPECT_EQ(cache_of(after), "miss");
  EXPECT_EQ(body_json(after).size(), 1u) << after.body;
}

}  // namespace mamori
