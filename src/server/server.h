// The HTTP server (RESTinio). This header stays free of RESTinio and asio:
// only server.cpp pays their compile cost.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "app/services.h"
#include "domain/error.h"

namespace mamori::server {

struct ListenAddress {
  std::string host;  // "127.0.0.1", "::1", "0.0.0.0"
  std::uint16_t port = 0;
};

// "127.0.0.1:8080", "[::1]:8080", "localhost:8080". Port 0 picks a free one.
Result<ListenAddress> parse_listen_address(const std::string& text);

struct ServeOptions {
  ListenAddress listen{"127.0.0.1", 8080};
  int threads = 2;
  bool secure_cookies = false;  // behind a TLS-terminating proxy: cookies get Secure
  bool trust_proxy = false;     // take the client address from X-Forwarded-For
  std::size_t max_body_bytes = 33u << 20;    // the transport limit: above every route's own (catalog files: 32 MiB)
  int request_timeout_seconds = 30;
  int idle_connection_seconds = 60;
  int shutdown_grace_seconds = 30;  // longest wait for requests in flight at SIGTERM
  // Memory for answers of read routes (server/response_cache.h); 0: off.
  std::size_t response_cache_bytes = 64u << 20;
  // TLS (optional; the documented deployment terminates TLS at a reverse
  // proxy). Both PEM files, or neither.
  std::string tls_cert_file;
  std::string tls_key_file;
  // The built browser UI (web/dist); empty or absent: the API only.
  std::string web_root;
  // Called once the socket is listening, with the bound port (for port 0).
  std::function<void(std::uint16_t port)> on_listening;
};

// Serves until SIGINT or SIGTERM: then refuses new requests (503), lets
// requests in flight finish and be written, closes, and returns. The caller
// then closes the database.
Status serve(app::Services& services, const ServeOptions& options);

}  // namespace mamori::server
