// `mamori serve` as a process: it answers /healthz and /readyz on loopback,
// says where it listens, and stops cleanly on SIGTERM.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <csignal>

#include "support/http_client.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace mamori {

namespace {

std::string init_data(const test::TempDir& dir) {
  const std::string data = dir.file("data");
  auto r = test::run({MAMORI_BINARY, "init", "--data", data, "--demo"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return data;
}

}  // namespace

TEST(Serve, AnswersHealthAndReadinessThenStopsOnSigterm) {
  test::TempDir dir;
  const std::string data = init_data(dir);
  const int port = test::free_port();
  test::Child server({MAMORI_BINARY, "serve", "--data", data, "--listen", "127.0.0.1:" + std::to_string(port)});
  ASSERT_TRUE(test::wait_for_http(port, "/healthz", 20)) << server.output();

  auto health = test::http_request(port, "GET", "/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(nlohmann::json::parse(health.body)["status"], "ok");
  EXPECT_EQ(health.headers["content-type"], "application/json; charset=utf-8");
  EXPECT_EQ(health.headers["x-content-type-options"], "nosniff");

  auto ready = test::http_request(port, "GET", "/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(nlohmann::json::parse(ready.body)["status"], "ready");

  auto missing = test::http_request(port, "GET", "/no/such/route");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(nlohmann::json::parse(missing.body)["error"]["code"], "not_found");

  EXPECT_NE(server.output().find("serving sqlite:"), std::string::npos) << server.output();
  server.signal(SIGTERM);
  EXPECT_EQ(server.wait(15), 0) << server.output();
  EXPECT_NE(server.output().find("stopped"), std::string::npos);
  EXPECT_EQ(test::http_request(port, "GET", "/healthz").status, 0);  // nobody listens any more
}

TEST(Serve, APortInUseIsAClearError) {
  test::TempDir dir;
  const std::string data = init_data(dir);
  const int port = test::free_port();
  test::Child first({MAMORI_BINARY, "serve", "--data", data, "--listen", "127.0.0.1:" + std::to_string(port)});
  ASSERT_TRUE(test::wait_for_http(port, "/healthz", 20)) << first.output();
  auto second = test::run({MAMORI_BINARY, "serve", "--data", data, "--listen", "127.0.0.1:" + std::to_string(port)}, "", 30);
  EXPECT_EQ(second.exit_code, 2);
  EXPECT_NE(second.err.find("cannot listen on 127.0.0.1:" + std::to_string(port)), std::string::npos) << second.err;
  first.signal(SIGINT);
  EXPECT_EQ(first.wait(15), 0) << first.output();
}

}  // namespace mamori
