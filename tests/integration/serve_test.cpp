// `mamori serve` as a process: it answers /healthz and /readyz on loopback,
// says where it listens, and stops cleanly on SIGTERM.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <csignal>
#include <filesystem>
#include <thread>

#include "support/gunzip.h"
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

  auto missing = test::http_request(port, "GET", "/api/v1/no/such/route");
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

namespace mamori {

// A request in flight when SIGTERM arrives is finished and answered; then
// the server stops accepting, closes the database and exits 0.
TEST(Serve, ShutdownFinishesRequestsInFlight) {
  test::TempDir dir;
  const std::string data = init_data(dir);
  auto added = test::run({MAMORI_BINARY, "user", "add", "--data", data, "--tenant", "デモクラウド株式会社", "--email",
                          "slow@demo.example.jp", "--role", "viewer", "--password-stdin"},
                         "correct horse battery staple\n");
  ASSERT_EQ(added.exit_code, 0) << added.err;
  const int port = test::free_port();
  test::Child server({MAMORI_BINARY, "serve", "--data", data, "--listen", "127.0.0.1:" + std::to_string(port)});
  ASSERT_TRUE(test::wait_for_http(port, "/healthz", 20)) << server.output();

  // A login takes a while (argon2id): SIGTERM arrives while it runs.
  test::HttpResponse in_flight;
  std::thread client([&] {
    in_flight = test::http_request(port, "POST", "/api/v1/auth/login",
                                   R"({"email":"slow@demo.example.jp","password":"correct horse battery staple"})",
                                   {{"Content-Type", "application/json"}});
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(15));
  server.signal(SIGTERM);
  client.join();
  EXPECT_EQ(in_flight.status, 200) << in_flight.body;
  EXPECT_EQ(server.wait(20), 0) << server.output();
  EXPECT_EQ(test::http_request(port, "GET", "/healthz").status, 0);
  // The database was closed cleanly: it opens and verifies.
  EXPECT_EQ(test::run({MAMORI_BINARY, "audit", "verify", "--data", data}).exit_code, 0);
}

}  // namespace mamori

namespace mamori {

// TLS is optional: with a certificate and key the server speaks HTTPS, sends
// HSTS and marks the session cookie Secure.
TEST(Serve, ServesTlsWithHstsAndSecureCookies) {
  test::TempDir dir;
  const std::string data = init_data(dir);
  auto added = test::run({MAMORI_BINARY, "user", "add", "--data", data, "--tenant", "デモクラウド株式会社", "--email",
                          "tls@demo.example.jp", "--role", "viewer", "--password-stdin"},
                         "correct horse battery staple\n");
  ASSERT_EQ(added.exit_code, 0) << added.err;
  const std::string cert = dir.file("cert.pem"), key = dir.file("key.pem");
  auto made = test::run({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out",
                         cert, "-days", "1", "-subj", "/CN=127.0.0.1"});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const int port = test::free_port();
  const std::string base = "https://127.0.0.1:" + std::to_string(port);
  test::Child server({MAMORI_BINARY, "serve", "--data", data, "--listen", "127.0.0.1:" + std::to_string(port),
                      "--tls-cert", cert, "--tls-key", key});
  bool up = false;
  for (int i = 0; i < 100 && !up; ++i) {
    up = test::run({"/usr/bin/curl", "-sk", "-o", "/dev/null", base + "/healthz"}).exit_code == 0;
    if (!up) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_TRUE(up) << server.output();
  auto health = test::run({"/usr/bin/curl", "-sk", "-D", "-", base + "/healthz"});
  EXPECT_NE(health.out.find("HTTP/1.1 200"), std::string::npos) << health.out;
  EXPECT_NE(health.out.find("Strict-Transport-Security: max-age=31536000"), std::string::npos) << health.out;
  auto login = test::run({"/usr/bin/curl", "-sk", "-D", "-", "-H", "Content-Type: application/json", "--data",
                          R"({"email":"tls@demo.example.jp","password":"correct horse battery staple"})",
                          base + "/api/v1/auth/login"});
  EXPECT_NE(login.out.find("; Secure"), std::string::npos) << login.out;
  // Plain HTTP on the TLS port gets nothing useful.
  EXPECT_NE(test::http_request(port, "GET", "/healthz").status, 200);
  server.signal(SIGTERM);
  EXPECT_EQ(server.wait(20), 0) << server.output();

  // A missing key is a clear error.
  auto bad = test::run({MAMORI_BINARY, "serve", "--data", data, "--listen", "127.0.0.1:0", "--tls-cert", cert,
                        "--tls-key", dir.file("missing.pem")});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("missing.pem"), std::string::npos) << bad.err;
}

}  // namespace mamori

namespace mamori {

// The browser UI's files: the app at "/" and at every UI path (so a reload
// of /catalogs/… works), hashed assets cached, nothing outside the web root.
TEST(Serve, ServesTheWebUiWithFallbackAndNothingElse) {
  test::TempDir dir;
  const std::string data = init_data(dir);
  const std::string web = dir.file("web");
  std::filesystem::create_directories(web + "/assets");
  test::write_file(web + "/index.html", "<!doctype html><html lang=\"ja\"><title>mamori</title></html>");
  test::write_file(web + "/assets/app-1234.js", "console.log('mamori');");
  std::string big_script;
  for (int i = 0; i < 400; ++i) big_script += "export const label" + std::to_string(i) + " = '管理策 " + std::to_string(i) + "';\n";
  test::write_file(web + "/assets/big-5678.js", big_script);
  test::write_file(dir.file("secret.txt"), "outside the web root");
  std::filesystem::create_symlink(dir.file("secret.txt"), web + "/assets/link.txt");
  const int port = test::free_port();
  test::Child server({MAMORI_BINARY, "serve", "--data", data, "--listen", "127.0.0.1:" + std::to_string(port),
                      "--web-root", web});
  ASSERT_TRUE(test::wait_for_http(port, "/healthz", 20)) << server.output();

  auto index = test::http_request(port, "GET", "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.headers["content-type"], "text/html; charset=utf-8");
  EXPECT_NE(index.body.find("lang=\"ja\""), std::string::npos);
  EXPECT_EQ(index.headers["cache-control"], "no-cache");
  EXPECT_NE(index.headers["content-security-policy"].find("script-src 'self'"), std::string::npos);
  auto deep = test::http_request(port, "GET", "/catalogs/ismap-2024/nodes/12.4.4");
  EXPECT_EQ(deep.status, 200);
  EXPECT_EQ(deep.body, index.body);
  auto asset = test::http_request(port, "GET", "/assets/app-1234.js");
  EXPECT_EQ(asset.status, 200);
  EXPECT_EQ(asset.headers["content-type"], "text/javascript; charset=utf-8");
  EXPECT_EQ(asset.headers["cache-control"], "public, max-age=31536000, immutable");
  // Text files are kept gzipped for browsers that take it; the bytes
  // inflate to the file as it is on disk.
  EXPECT_EQ(asset.headers["content-encoding"], "");  // too small to gain
  auto big = test::http_request(port, "GET", "/assets/big-5678.js", "", {{"Accept-Encoding", "gzip, deflate, br"}});
  EXPECT_EQ(big.status, 200);
  EXPECT_EQ(big.headers["content-encoding"], "gzip");
  EXPECT_EQ(big.headers["vary"], "Accept-Encoding");
  EXPECT_EQ(big.headers["cache-control"], "public, max-age=31536000, immutable");
  EXPECT_LT(big.body.size(), big_script.size() / 4);
  EXPECT_EQ(test::gunzip(big.body), big_script);
  auto big_plain = test::http_request(port, "GET", "/assets/big-5678.js");
  EXPECT_EQ(big_plain.headers["content-encoding"], "");
  EXPECT_EQ(big_plain.body, big_script);
  EXPECT_EQ(test::http_request(port, "GET", "/assets/missing-9999.js").status, 404);
  EXPECT_EQ(test::http_request(port, "GET", "/assets/link.txt").status, 404);  // a symlink out is not served
  for (const char* sneaky : {"/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt"}) {
    auto r = test::http_request(port, "GET", sneaky);
    EXPECT_EQ(r.body.find("outside the web root"), std::string::npos) << sneaky;
  }
  auto api = test::http_request(port, "GET", "/api/v1/nothing-here");
  EXPECT_EQ(api.status, 404);
  EXPECT_EQ(api.headers["content-type"], "application/json; charset=utf-8");
  EXPECT_EQ(test::http_request(port, "POST", "/", "{}", {{"Content-Type", "application/json"}}).status, 404);
  server.signal(SIGTERM);
  EXPECT_EQ(server.wait(20), 0);
}

}  // namespace mamori
