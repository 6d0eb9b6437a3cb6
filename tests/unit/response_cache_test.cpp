// The response cache's key and its bounds (server/response_cache.h). That
// a cached answer never reaches another caller through a real server is
// ApiResponseCacheTest; here each part of the key is checked on its own,
// with the date given explicitly (the server passes today in Japan).
#include <gtest/gtest.h>

#include "server/response_cache.h"
#include "server/routes.h"

namespace mamori::server {
namespace {

struct KeyInputs {
  Route route;
  HttpRequest request;
  app::Caller caller;
  std::string version = "v1";
  std::string today = "2026-11-23";

  KeyInputs() {
    route.method = "GET";
    route.path = "/api/v1/orgs/{org}/sheets";
    request.method = "GET";
    request.path = "/api/v1/orgs/org-a/sheets";
    request.query = {{"status", "draft"}};
    caller.kind = app::Caller::Kind::api_token;
    caller.user_id = "user-1";
    caller.token_id = "token-1";
    caller.active_tenant_id = "org-a";
  }
  std::string key() const { return response_cache_key(route, request, caller, version, today); }
};

TEST(ResponseCacheKeyTest, TheSameRequestGivesTheSameKey) {
  KeyInputs a, b;
  EXPECT_EQ(a.key(), b.key());
}

TEST(ResponseCacheKeyTest, EveryPartOfTheKeyChangesIt) {
  const std::string base = KeyInputs().key();
  auto differs = [&](auto change) {
    KeyInputs k;
    change(k);
    return k.key() != base;
  };
  EXPECT_TRUE(differs([](KeyInputs& k) { k.today = "2026-11-24"; }));  // a new day in Japan
  EXPECT_TRUE(differs([](KeyInputs& k) { k.version = "v2"; }));
  EXPECT_TRUE(differs([](KeyInputs& k) { k.caller.user_id = "user-2"; }));
  EXPECT_TRUE(differs([](KeyInputs& k) { k.caller.token_id = "token-2"; }));
  EXPECT_TRUE(differs([](KeyInputs& k) { k.caller.session_id = "session-1"; }));
  EXPECT_TRUE(differs([](KeyInputs& k) { k.caller.active_tenant_id = "org-b"; }));
  EXPECT_TRUE(differs([](KeyInputs& k) { k.caller.kind = app::Caller::Kind::session; }));
  EXPECT_TRUE(differs([](KeyInputs& k) { k.request.path = "/api/v1/orgs/org-b/sheets"; }));
  EXPECT_TRUE(differs([](KeyInputs& k) { k.request.query["status"] = "submitted"; }));
  EXPECT_TRUE(differs([](KeyInputs& k) { k.request.query["page"] = "2"; }));
  EXPECT_TRUE(differs([](KeyInputs& k) { k.route.path = "/api/v1/orgs/{org}/soas"; }));
}

TEST(ResponseCacheKeyTest, PartsCannotRunIntoEachOther) {
  KeyInputs a, b;
  a.request.query = {{"a", "bc"}};
  b.request.query = {{"ab", "c"}};
  EXPECT_NE(a.key(), b.key());
  a.caller.user_id = "u";
  a.caller.token_id = "1t";
  b.caller.user_id = "u1";
  b.caller.token_id = "t";
  b.request.query = a.request.query;
  EXPECT_NE(a.key(), b.key());
}

HttpResponse answer(std::size_t bytes) {
  HttpResponse r;
  r.body.assign(bytes, 'x');
  return r;
}

TEST(ResponseCacheTest, KeepsAnswersWithTheirBodiesShared) {
  ResponseCache cache(1 << 20);
  cache.store("k", answer(1000));
  auto hit = cache.find("k");
  ASSERT_TRUE(hit);
  ASSERT_TRUE(hit->shared_body);
  EXPECT_EQ(hit->body_size(), 1000u);
  EXPECT_TRUE(hit->body.empty());  // the bytes are held once, in shared_body
  EXPECT_FALSE(cache.find("other"));
  EXPECT_EQ(cache.stats().hits, 1u);
  EXPECT_EQ(cache.stats().misses, 1u);
}

TEST(ResponseCacheTest, StaysWithinItsBytesDroppingTheLeastRecentlyUsed) {
  ResponseCache cache(100 * 1000);
  for (int i = 0; i < 30; ++i) {
    cache.store("k" + std::to_string(i), answer(9000));
    ASSERT_TRUE(cache.find("k0")) << "k0 is used after every store, so it stays";
  }
  EXPECT_LE(cache.stats().bytes, 100u * 1000u);
  EXPECT_FALSE(cache.find("k1"));  // among the oldest unused: dropped
  EXPECT_TRUE(cache.find("k29"));
}

TEST(ResponseCacheTest, AnAnswerLargerThanAnEighthIsNotKept) {
  ResponseCache cache(80 * 1000);
  cache.store("big", answer(20 * 1000));
  EXPECT_FALSE(cache.find("big"));
  EXPECT_EQ(cache.stats().entries, 0u);
}

}  // namespace
}  // namespace mamori::server
