// The server's router: which route a method and path reach, and the raw
// values of its placeholders.
#include <gtest/gtest.h>

#include "server/route_matcher.h"
#include "server/routes.h"

namespace mamori::server {
namespace {

RouteMatcher sample() {
  return RouteMatcher({{"GET", "/api/v1/orgs/{org}/sheets"},
                       {"GET", "/api/v1/orgs/{org}/sheets/import-template"},
                       {"GET", "/api/v1/orgs/{org}/sheets/{sheet}"},
                       {"POST", "/api/v1/orgs/{org}/sheets"},
                       {"GET", "/healthz"}});
}

TEST(RouteMatcherTest, FindsTheRouteAndItsRawPlaceholderValues) {
  auto m = sample().match("GET", "/api/v1/orgs/a%2Fb/sheets/s1");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->index, 2u);
  ASSERT_EQ(m->params.size(), 2u);
  EXPECT_EQ(m->params[0].first, "org");
  EXPECT_EQ(m->params[0].second, "a%2Fb");  // decoded by the caller, after matching
  EXPECT_EQ(m->params[1].first, "sheet");
  EXPECT_EQ(m->params[1].second, "s1");
}

TEST(RouteMatcherTest, TheFirstRouteInTableOrderWins) {
  auto m = sample().match("GET", "/api/v1/orgs/o/sheets/import-template");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->index, 1u);  // the literal is listed before {sheet}
  EXPECT_EQ(m->params.size(), 1u);
}

TEST(RouteMatcherTest, MethodsAreSeparate) {
  auto m = sample().match("POST", "/api/v1/orgs/o/sheets");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->index, 3u);
  EXPECT_FALSE(sample().match("DELETE", "/api/v1/orgs/o/sheets"));
  EXPECT_FALSE(sample().match("HEAD", "/healthz"));
}

TEST(RouteMatcherTest, OneTrailingSlashIsAllowed) {
  EXPECT_TRUE(sample().match("GET", "/healthz/"));
  EXPECT_TRUE(sample().match("GET", "/api/v1/orgs/o/sheets/"));
  EXPECT_FALSE(sample().match("GET", "/healthz//"));
}

TEST(RouteMatcherTest, NoPlaceholderTakesAnEmptySegmentOrASlash) {
  EXPECT_FALSE(sample().match("GET", "/api/v1/orgs//sheets"));
  EXPECT_FALSE(sample().match("GET", "/api/v1/orgs/o/x/sheets"));
  EXPECT_FALSE(sample().match("GET", "/api/v1/orgs/o/sheets/s1/extra"));
}

TEST(RouteMatcherTest, OtherPathsDoNotMatch) {
  EXPECT_FALSE(sample().match("GET", ""));
  EXPECT_FALSE(sample().match("GET", "healthz"));
  EXPECT_FALSE(sample().match("GET", "/"));
  EXPECT_FALSE(sample().match("GET", "/HEALTHZ"));  // paths are case-sensitive
  EXPECT_FALSE(sample().match("GET", "/index.html"));
}

// Every route of the real table is reached by its own path (placeholders
// filled in), so no route is shadowed by an earlier one.
TEST(RouteMatcherTest, EveryServerRouteIsReachable) {
  std::vector<RouteMatcher::Pattern> patterns;
  for (const auto& r : all_routes()) patterns.push_back({r.method, r.path});
  RouteMatcher matcher(patterns);
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    std::string path;
    for (auto segment : path_segments(patterns[i].path)) {
      path += '/';
      path += segment.front() == '{' ? std::string("x-") + std::string(segment.substr(1, segment.size() - 2))
                                     : std::string(segment);
    }
    auto m = matcher.match(patterns[i].method, path.empty() ? "/" : path);
    ASSERT_TRUE(m) << patterns[i].method << " " << patterns[i].path;
    EXPECT_EQ(m->index, i) << patterns[i].method << " " << patterns[i].path << " is shadowed by "
                           << patterns[m->index].path;
  }
}

}  // namespace
}  // namespace mamori::server
