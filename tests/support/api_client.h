// Test support for the API: a mamori instance (data directory, CLI, a real
// server on a loopback port) and a client that keeps a session like a
// browser (cookie + CSRF token) or uses an API token.
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

#include "support/http_client.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace mamori::test {

class MamoriInstance {
 public:
  MamoriInstance();
  const std::string& data() const { return data_; }
  // Runs `mamori ARGS --data DIR` (the data option is added).
  ProcessResult cli(std::vector<std::string> args, const std::string& input = "");
  // Creates an organisation, returns its id.
  std::string add_tenant(const std::string& name, const std::string& kind = "provider");
  // Adds a person with a known password; returns nothing (ids via the API).
  void add_user(const std::string& tenant, const std::string& email, const std::string& role,
                const std::string& password);
  // Starts `mamori serve` on a free port with extra options; waits until it answers.
  void start(std::vector<std::string> extra = {});
  void stop();  // SIGTERM, waits, expects exit 0
  int port() const { return port_; }
  Child& server() { return *server_; }

 private:
  TempDir dir_;
  std::string data_;
  int port_ = 0;
  std::unique_ptr<Child> server_;
};

class ApiClient {
 public:
  explicit ApiClient(int port) : port_(port) {}

  HttpResponse request(const std::string& method, const std::string& target, const std::string& body = "",
                       std::map<std::string, std::string> headers = {});
  HttpResponse get(const std::string& target) { return request("GET", target); }
  HttpResponse post(const std::string& target, const nlohmann::json& body = nlohmann::json::object()) {
    return request("POST", target, body.dump());
  }
  HttpResponse patch(const std::string& target, const nlohmann::json& body) { return request("PATCH", target, body.dump()); }
  HttpResponse del(const std::string& target) { return request("DELETE", target); }

  // POST /api/v1/auth/login; keeps the cookie and CSRF token on success.
  HttpResponse login(const std::string& email, const std::string& password);

  std::string cookie;      // session secret
  std::string csrf;        // X-CSRF-Token for writes
  std::string bearer;      // API token (used instead of the cookie when set)
  bool send_csrf = true;

 private:
  int port_;
};

// The password the API tests give the people they create.
inline const std::string kTestPassword = "correct horse battery staple";

// A client signed in as `email` on `instance` (the login is expected to
// succeed; a failure is reported with the answer).
ApiClient signed_in(MamoriInstance& instance, const std::string& email, const std::string& password = kTestPassword);

nlohmann::json body_json(const HttpResponse& r);
// The error reason of a JSON error response, or "".
std::string reason(const HttpResponse& r);

// Every row of `sql` run read-only on the SQLite file of an instance, each
// cell followed by "|" (NULL as "NULL") and each row by "\n": what the API
// tests compare to check what was stored, or that nothing changed.
std::string sqlite_rows(const std::string& db_path, const std::string& sql);

}  // namespace mamori::test
