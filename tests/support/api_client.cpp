#include "support/api_client.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <csignal>

namespace mamori::test {

MamoriInstance::MamoriInstance() : data_(dir_.file("data")) {
  auto r = run({MAMORI_BINARY, "init", "--data", data_});
  if (r.exit_code != 0) ADD_FAILURE() << "init failed: " << r.err;
}

ProcessResult MamoriInstance::cli(std::vector<std::string> args, const std::string& input) {
  args.insert(args.begin(), MAMORI_BINARY);
  args.push_back("--data");
  args.push_back(data_);
  return run(args, input);
}

std::string MamoriInstance::add_tenant(const std::string& name, const std::string& kind) {
  auto r = cli({"tenant", "add", name, "--kind", kind});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // "created organisation NAME (KIND) ID"
  return r.out.substr(r.out.find_last_of(' ') + 1, 36);
}

void MamoriInstance::add_user(const std::string& tenant, const std::string& email, const std::string& role,
                              const std::string& password) {
  auto r = cli({"user", "add", "--tenant", tenant, "--email", email, "--role", role, "--password-stdin"}, password + "\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

void MamoriInstance::start(std::vector<std::string> extra) {
  port_ = free_port();
  std::vector<std::string> args{MAMORI_BINARY, "serve", "--data", data_, "--listen", "127.0.0.1:" + std::to_string(port_)};
  args.insert(args.end(), extra.begin(), extra.end());
  server_ = std::make_unique<Child>(args);
  if (!wait_for_http(port_, "/healthz", 30)) ADD_FAILURE() << "the server did not start: " << server_->output();
}

void MamoriInstance::stop() {
  if (!server_) return;
  server_->signal(SIGTERM);
  EXPECT_EQ(server_->wait(30), 0) << server_->output();
  server_.reset();
}

HttpResponse ApiClient::request(const std::string& method, const std::string& target, const std::string& body,
                                std::map<std::string, std::string> headers) {
  if (!bearer.empty()) headers.emplace("Authorization", "Bearer " + bearer);
  else if (!cookie.empty()) headers.emplace("Cookie", "mamori_session=" + cookie);
  if (send_csrf && !csrf.empty() && method != "GET") headers.emplace("X-CSRF-Token", csrf);
  if (!body.empty()) headers.emplace("Content-Type", "application/json");
  auto r = http_request(port_, method, target, body, headers);
  // Follow the server's cookie changes like a browser.
  auto set = r.headers.find("set-cookie");
  if (set != r.headers.end() && set->second.rfind("mamori_session=", 0) == 0) {
    std::string value = set->second.substr(15, set->second.find(';') - 15);
    cookie = set->second.find("Max-Age=0") != std::string::npos ? "" : value;
  }
  if (r.status == 200 && r.headers["content-type"].rfind("application/json", 0) == 0) {
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    if (j.is_object() && j.contains("csrf_token")) csrf = j["csrf_token"];
  }
  return r;
}

HttpResponse ApiClient::login(const std::string& email, const std::string& password) {
  cookie.clear();
  csrf.clear();
  return post("/api/v1/auth/login", {{"email", email}, {"password", password}});
}

ApiClient signed_in(MamoriInstance& instance, const std::string& email, const std::string& password) {
  ApiClient c(instance.port());
  auto r = c.login(email, password);
  EXPECT_EQ(r.status, 200) << email << ": " << r.body;
  return c;
}

nlohmann::json body_json(const HttpResponse& r) {
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  return j.is_discarded() ? nlohmann::json() : j;
}

std::string reason(const HttpResponse& r) {
  auto j = body_json(r);
  if (j.is_object() && j.contains("error") && j["error"].contains("reason")) return j["error"]["reason"];
  return "";
}

std::string sqlite_rows(const std::string& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_busy_timeout(db, 5000);
  std::string out;
  sqlite3_exec(
      db, sql.c_str(),
      [](void* text, int n, char** values, char**) {
        for (int i = 0; i < n; ++i) *static_cast<std::string*>(text) += (values[i] ? values[i] : "NULL") + std::string("|");
        *static_cast<std::string*>(text) += "\n";
        return 0;
      },
      &out, nullptr);
  sqlite3_close(db);
  return out;
}

}  // namespace mamori::test
