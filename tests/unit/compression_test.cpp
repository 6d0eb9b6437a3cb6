// gzip for clients that ask for it (server/compression.h): which
// Accept-Encoding headers take it, which bodies are worth it, and that what
// is sent inflates back to the very bytes of the uncompressed answer.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "server/compression.h"
#include "support/gunzip.h"

namespace mamori::server {
namespace {

using test::gunzip;

std::string json_of_size(std::size_t n) {
  std::string s = "{\"items\":[";
  for (int i = 0; s.size() < n; ++i) s += "{\"ref\":\"5.1." + std::to_string(i) + "\",\"title\":\"情報セキュリティのための方針群\"},";
  s.back() = ']';
  return s + "}";
}

std::string header_of(const HttpResponse& r, const std::string& name) {
  for (const auto& [n, v] : r.headers)
    if (n == name) return v;
  return "";
}

TEST(AcceptsGzipTest, WhatBrowsersAndClientsSend) {
  EXPECT_TRUE(accepts_gzip("gzip, deflate, br, zstd"));  // Chromium
  EXPECT_TRUE(accepts_gzip("gzip, deflate, br"));        // Firefox, Safari
  EXPECT_TRUE(accepts_gzip("gzip"));
  EXPECT_TRUE(accepts_gzip("GZIP"));
  EXPECT_TRUE(accepts_gzip("x-gzip"));
  EXPECT_TRUE(accepts_gzip("br;q=1.0, gzip;q=0.8, *;q=0.1"));
  EXPECT_TRUE(accepts_gzip("*"));
  EXPECT_TRUE(accepts_gzip(" deflate ,gzip ; q=0.5 "));
}

TEST(AcceptsGzipTest, AbsentRefusedOrMalformedMeansIdentity) {
  EXPECT_FALSE(accepts_gzip(""));
  EXPECT_FALSE(accepts_gzip("identity"));
  EXPECT_FALSE(accepts_gzip("deflate, br"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0.000"));
  EXPECT_FALSE(accepts_gzip("*;q=0"));
  // A named coding wins over "*", either way.
  EXPECT_FALSE(accepts_gzip("*, gzip;q=0"));
  EXPECT_TRUE(accepts_gzip("*;q=0, gzip"));
  // Not a coding named gzip.
  EXPECT_FALSE(accepts_gzip("gzipped"));
  EXPECT_FALSE(accepts_gzip("agzip"));
  // Malformed weights: not taken as consent.
  EXPECT_FALSE(accepts_gzip("gzip;q=2"));
  EXPECT_FALSE(accepts_gzip("gzip;q=1.5"));
  EXPECT_FALSE(accepts_gzip("gzip;q=abc"));
  EXPECT_FALSE(accepts_gzip("gzip;q="));
  EXPECT_FALSE(accepts_gzip("gzip;q=0.12345"));
  EXPECT_FALSE(accepts_gzip("gzip;q=-1"));
}

TEST(AcceptsGzipTest, HostileHeadersAreParsedWithoutHarm) {
  EXPECT_FALSE(accepts_gzip(std::string(16 * 1024, ',')));
  EXPECT_FALSE(accepts_gzip(std::string(16 * 1024, ';')));
  EXPECT_TRUE(accepts_gzip(std::string(8 * 1024, ' ') + "gzip"));
  EXPECT_FALSE(accepts_gzip(std::string("gzip\0;q=0", 9)));
  EXPECT_FALSE(accepts_gzip("\xff\xfe;q=1"));
}

TEST(WorthCompressingTest, TextOfOneKilobyteOrMore) {
  EXPECT_TRUE(worth_compressing("application/json; charset=utf-8", 1024));
  EXPECT_TRUE(worth_compressing("application/x-ndjson", 5000));
  EXPECT_TRUE(worth_compressing("text/javascript; charset=utf-8", 677524));
  EXPECT_TRUE(worth_compressing("text/css; charset=utf-8", 44211));
  EXPECT_TRUE(worth_compressing("image/svg+xml", 2048));
  EXPECT_FALSE(worth_compressing("application/json; charset=utf-8", 1023));
  // Already compressed formats.
  EXPECT_FALSE(worth_compressing("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", 1 << 20));
  EXPECT_FALSE(worth_compressing("image/png", 1 << 20));
  EXPECT_FALSE(worth_compressing("font/woff2", 1 << 20));
  EXPECT_FALSE(worth_compressing("application/octet-stream", 1 << 20));
}

TEST(GzipTest, InflatesBackToTheSameBytesAtEitherEffort) {
  const std::string body = json_of_size(160 * 1024);
  for (GzipEffort effort : {GzipEffort::per_request, GzipEffort::kept}) {
    auto gz = gzip(body, effort);
    ASSERT_TRUE(gz);
    EXPECT_LT(gz->size(), body.size() / 4);
    EXPECT_EQ(gunzip(*gz), body);
  }
  auto empty = gzip("", GzipEffort::per_request);
  EXPECT_EQ(gunzip(*empty, 0), "");
}

TEST(EncodeForClientTest, GzipForAClientThatTakesIt) {
  HttpResponse r;
  r.body = json_of_size(4096);
  const std::string plain = r.body;
  encode_for_client(r, true, GzipEffort::per_request);
  EXPECT_EQ(header_of(r, "Content-Encoding"), "gzip");
  EXPECT_EQ(header_of(r, "Vary"), "Accept-Encoding");
  ASSERT_TRUE(r.shared_body);
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(gunzip(std::string(r.body_view()), plain.size()), plain);
}

TEST(EncodeForClientTest, IdentityWithVaryForAClientThatDoesNot) {
  HttpResponse r;
  r.body = json_of_size(4096);
  const std::string plain = r.body;
  encode_for_client(r, false, GzipEffort::per_request);
  EXPECT_EQ(header_of(r, "Content-Encoding"), "");
  EXPECT_EQ(header_of(r, "Vary"), "Accept-Encoding");
  EXPECT_EQ(r.body_view(), plain);
}

TEST(EncodeForClientTest, SmallAndBinaryBodiesAreLeftAlone) {
  HttpResponse small;
  small.body = R"({"ok":true})";
  encode_for_client(small, true, GzipEffort::per_request);
  EXPECT_TRUE(small.headers.empty());
  EXPECT_EQ(small.body, R"({"ok":true})");

  HttpResponse xlsx;
  xlsx.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  xlsx.body = std::string(64 * 1024, 'P');
  encode_for_client(xlsx, true, GzipEffort::per_request);
  EXPECT_TRUE(xlsx.headers.empty());
  EXPECT_EQ(xlsx.body.size(), 64u * 1024);
}

TEST(EncodeForClientTest, TheGzipMadeAheadIsSentAsItIs) {
  HttpResponse r;
  r.shared_body = std::make_shared<const std::string>(json_of_size(8192));
  r.gzip_body = gzip(*r.shared_body, GzipEffort::kept);
  const auto made_ahead = r.gzip_body;
  encode_for_client(r, true, GzipEffort::per_request);
  EXPECT_EQ(r.shared_body, made_ahead);  // the same bytes, not compressed again
  EXPECT_FALSE(r.gzip_body);
}

}  // namespace
}  // namespace mamori::server
