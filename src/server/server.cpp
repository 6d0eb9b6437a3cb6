#include "server/server.h"

#include <restinio/all.hpp>

#include <nlohmann/json.hpp>

#include <atomic>
#include <csignal>
#include <exception>
#include <thread>
#include <vector>

#include "store/tx.h"

namespace mamori::server {

namespace {

using router_t = restinio::router::express_router_t<>;

struct traits_t : public restinio::default_traits_t {
  using request_handler_t = router_t;
};

restinio::request_handling_status_t reply_json(const restinio::request_handle_t& req, restinio::http_status_line_t status,
                                               const nlohmann::json& body) {
  return req->create_response(status)
      .append_header(restinio::http_field::content_type, "application/json; charset=utf-8")
      .append_header("X-Content-Type-Options", "nosniff")
      .append_header("Cache-Control", "no-store")
      .set_body(body.dump())
      .done();
}

std::unique_ptr<router_t> make_router(store::Database& db) {
  auto router = std::make_unique<router_t>();
  // Liveness: the process answers. No database access, so a slow database
  // does not get a healthy process restarted.
  router->http_get("/healthz", [](auto req, auto) {
    return reply_json(req, restinio::status_ok(), {{"status", "ok"}});
  });
  // Readiness: the database answers a query.
  router->http_get("/readyz", [&db](auto req, auto) {
    auto status = db.with_read([](store::Tx& tx) -> Status {
      int one = 0;
      tx.sql() << "SELECT 1", soci::into(one);
      return ok();
    });
    if (!status) return reply_json(req, restinio::status_service_unavailable(), {{"status", "unavailable"}});
    return reply_json(req, restinio::status_ok(), {{"status", "ready"}, {"schema_version", db.schema_version()}});
  });
  router->non_matched_request_handler([](auto req) {
    return reply_json(req, restinio::status_not_found(), {{"error", {{"code", "not_found"}, {"message", "no such route"}}}});
  });
  return router;
}

}  // namespace

Status serve(store::Database& db, const ServeOptions& options) {
  asio::io_context io;
  using server_t = restinio::http_server_t<traits_t>;
  server_t server{restinio::external_io_context(io),
                  restinio::server_settings_t<traits_t>{}
                      .address(options.listen.host)
                      .port(options.listen.port)
                      .request_handler(make_router(db))
                      .read_next_http_message_timelimit(std::chrono::seconds(30))
                      .handle_request_timeout(std::chrono::seconds(30))
                      .max_pipelined_requests(1)};

  std::exception_ptr failure;
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const asio::error_code& ec, int) {
    if (ec) return;
    // Stop accepting; connections close once their current response is out.
    server.close_async([&io] { io.stop(); }, [&io](std::exception_ptr) { io.stop(); });
  });
  server.open_async(
      [&] {
        if (options.on_listening) {
          // RESTinio does not expose the acceptor; with port 0 the caller
          // learns nothing useful, so port 0 reports 0.
          options.on_listening(options.listen.port);
        }
      },
      [&](std::exception_ptr e) {
        failure = e;
        signals.cancel();
        io.stop();
      });

  std::vector<std::thread> pool;
  for (int i = 1; i < std::max(1, options.threads); ++i) pool.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& t : pool) t.join();

  if (failure) {
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      return make_error(ErrorCode::io, "cannot listen on " + options.listen.host + ":" +
                                           std::to_string(options.listen.port) + ": " + e.what());
    }
  }
  return ok();
}

}  // namespace mamori::server
