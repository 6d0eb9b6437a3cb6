// The HTTP server (RESTinio). This header stays free of RESTinio and asio:
// only server.cpp pays their compile cost.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "domain/error.h"
#include "store/database.h"

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
  // Called once the socket is listening, with the bound port (for port 0).
  std::function<void(std::uint16_t port)> on_listening;
};

// Serves until SIGINT or SIGTERM: then stops accepting, lets requests in
// flight finish, and returns.
Status serve(store::Database& db, const ServeOptions& options);

}  // namespace mamori::server
