#include "server/server.h"

#include <restinio/all.hpp>
#include <restinio/tls.hpp>

#include <nlohmann/json.hpp>
#include <sodium.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "server/metrics.h"
#include "server/pipeline.h"
#include "server/compression.h"
#include "server/response_cache.h"
#include "server/route_matcher.h"
#include "server/routes.h"
#include "server/static_files.h"
#include "store/ids.h"

namespace mamori::server {

namespace {

// One request handler (a std::function) that finds the route itself
// (server/route_matcher.h says why not RESTinio's router).
using traits_t = restinio::default_traits_t;
using tls_traits_t = restinio::default_tls_traits_t;
using handler_t = restinio::default_request_handler_t;

// Requests being handled or written; shutdown waits for zero.
struct InFlight {
  std::atomic<int> count{0};
  std::atomic<bool> draining{false};
};

std::mutex access_log_mutex;

void access_log(const HttpRequest& request, const std::string& route, int status, std::size_t bytes, double seconds,
                const RequestLog& log, const std::string& request_id) {
  // One JSON line per request. No query strings, cookies, tokens or bodies.
  nlohmann::json line{{"t", store::utc_now()},
                      {"id", request_id},
                      {"ip", request.source_ip},
                      {"method", request.method},
                      {"route", route},
                      {"path", request.path},
                      {"status", status},
                      {"ms", static_cast<double>(static_cast<long long>(seconds * 100000)) / 100.0},
                      {"bytes", bytes},
                      {"user", log.user_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(log.user_id)},
                      {"via", log.via}};
  const std::string text = line.dump() + "\n";
  std::lock_guard lock(access_log_mutex);
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}

std::string request_id() {
  unsigned char bytes[8];
  randombytes_buf(bytes, sizeof bytes);
  char out[17];
  for (int i = 0; i < 8; ++i) std::snprintf(out + 2 * i, 3, "%02x", bytes[i]);
  return std::string(out, 16);
}

const char* reason_phrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 429: return "Too Many Requests";
    case 503: return "Service Unavailable";
    default: return status >= 500 ? "Internal Server Error" : "OK";
  }
}

std::string source_address(const restinio::request_handle_t& req, bool trust_proxy) {
  if (trust_proxy) {
    // Behind a reverse proxy, the client is the last address it appended.
    const auto& header = req->header();
    if (header.has_field("X-Forwarded-For")) {
      std::string forwarded(header.get_field("X-Forwarded-For"));
      auto comma = forwarded.rfind(',');
      std::string last = comma == std::string::npos ? forwarded : forwarded.substr(comma + 1);
      last.erase(0, last.find_first_not_of(' '));
      while (!last.empty() && last.back() == ' ') last.pop_back();
      if (!last.empty() && last.size() < 64) return last;
    }
  }
  return req->remote_endpoint().address().to_string();
}

Result<HttpRequest> to_request(const restinio::request_handle_t& req,
                               const std::vector<std::pair<std::string, std::string_view>>& params, bool trust_proxy) {
  HttpRequest r;
  r.method = req->header().method().c_str();
  r.path = std::string(req->header().path());
  r.source_ip = source_address(req, trust_proxy);
  for (const auto& field : req->header()) {
    std::string name(field.name());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers.emplace(std::move(name), std::string(field.value()));
  }
  r.cookies = parse_cookies(r.header("cookie"));
  try {
    const auto query = restinio::parse_query(req->header().query());
    for (const auto& [key, value] : query) r.query.emplace(std::string(key), std::string(value));
    for (const auto& [name, value] : params)
      r.params.emplace(name, restinio::utils::unescape_percent_encoding<restinio::utils::relaxed_unescape_traits>(
                                 restinio::string_view_t(value.data(), value.size())));
  } catch (const std::exception&) {
    return make_error(ErrorCode::invalid_input, "malformed_url", "the URL's query or path is not properly encoded",
                      Location::in_field("url"));
  }
  r.body = req->body();
  return r;
}

restinio::request_handling_status_t send(const restinio::request_handle_t& req, HttpResponse response, bool tls,
                                         const std::string& id, InFlight& in_flight, bool close) {
  add_security_headers(response, tls);
  auto builder = req->create_response(restinio::http_status_line_t{
      restinio::http_status_code_t{static_cast<std::uint16_t>(response.status)}, reason_phrase(response.status)});
  if (response.status != 204) builder.append_header(restinio::http_field::content_type, response.content_type);
  if (response.content_type.rfind("application/json", 0) == 0 || response.content_type.rfind("application/x-ndjson", 0) == 0)
    builder.append_header(restinio::http_field::cache_control, "no-store");
  builder.append_header("X-Request-Id", id);
  for (auto& [name, value] : response.headers) builder.append_header(name, value);
  if (close) builder.connection_close();
  if (response.status != 204) {
    if (response.shared_body)
      builder.set_body(std::move(response.shared_body));
    else
      builder.set_body(std::move(response.body));
  }
  ++in_flight.count;
  return builder.done([&in_flight](const asio::error_code&) { --in_flight.count; });
}

// Answers one request for an API route.
restinio::request_handling_status_t handle_route(ServerContext& context, InFlight& in_flight, bool tls, bool trust_proxy,
                                                 const Route& route, const RouteMatcher::Match& match,
                                                 const restinio::request_handle_t& req) {
  const auto started = std::chrono::steady_clock::now();
  const std::string id = request_id();
  auto request = to_request(req, match.params, trust_proxy);
  HttpResponse response;
  RequestLog log;
  if (in_flight.draining) {
    response = json_response(503, {{"error", {{"code", "unavailable"}, {"message", "the server is shutting down"}}}});
  } else if (!request) {
    response = error_response(request.error());
  } else {
    response = handle_request(context, route, request.value(), &log);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  context.metrics.observe(route.method, route.path, response.status, seconds);
  static const HttpRequest empty;
  access_log(request ? request.value() : empty, route.path, response.status, response.body_size(), seconds, log, id);
  return send(req, std::move(response), tls, id, in_flight, in_flight.draining);
}

// Everything that is no API route: the UI's files (GET only), or a JSON 404.
restinio::request_handling_status_t handle_unmatched(ServerContext& context, InFlight& in_flight, bool tls,
                                                     bool trust_proxy, const StaticFiles& web,
                                                     const restinio::request_handle_t& req) {
  const auto started = std::chrono::steady_clock::now();
  const std::string id = request_id();
  auto request = to_request(req, {}, trust_proxy);
  std::optional<HttpResponse> file;
  try {
    if (request && (request->method == "GET" || request->method == "HEAD"))
      file = web.respond(restinio::utils::unescape_percent_encoding<restinio::utils::relaxed_unescape_traits>(request->path),
                         accepts_gzip(request->header("accept-encoding")));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mamori: static %s failed: %s\n", request ? request->path.c_str() : "?", e.what());
  }
  HttpResponse response =
      file ? std::move(*file) : json_response(404, {{"error", {{"code", "not_found"}, {"message", "no such route"}}}});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const std::string label = file ? "static" : "unmatched";
  context.metrics.observe(request ? request->method : "?", label, response.status, seconds);
  static const HttpRequest empty;
  access_log(request ? request.value() : empty, label, response.status, response.body_size(), seconds, RequestLog{}, id);
  return send(req, std::move(response), tls, id, in_flight, false);
}

std::vector<RouteMatcher::Pattern> route_patterns() {
  std::vector<RouteMatcher::Pattern> patterns;
  for (const auto& route : all_routes()) patterns.push_back({route.method, route.path});
  return patterns;
}

handler_t make_handler(ServerContext& context, InFlight& in_flight, bool tls, bool trust_proxy, const StaticFiles& web) {
  auto matcher = std::make_shared<const RouteMatcher>(route_patterns());
  return [&context, &in_flight, &web, tls, trust_proxy, matcher](const restinio::request_handle_t& req) {
    const auto method = req->header().method().c_str();
    const auto path = req->header().path();
    if (auto match = matcher->match(method, std::string_view(path.data(), path.size())))
      return handle_route(context, in_flight, tls, trust_proxy, all_routes()[match->index], *match, req);
    return handle_unmatched(context, in_flight, tls, trust_proxy, web, req);
  };
}

// The same server over plain TCP or TLS: only the traits and the TLS
// context differ.
template <class Traits>
Status run_server(app::Services& services, const ServeOptions& options, std::shared_ptr<asio::ssl::context> tls,
                  const StaticFiles& web) {
  asio::io_context io;
  Metrics metrics;
  std::unique_ptr<ResponseCache> cache;
  if (options.response_cache_bytes > 0) cache = std::make_unique<ResponseCache>(options.response_cache_bytes);
  ServerContext context{services, metrics, options.secure_cookies || tls != nullptr, cache.get()};
  InFlight in_flight;

  restinio::incoming_http_msg_limits_t limits;
  limits.max_url_size(8 * 1024).max_field_name_size(256).max_field_value_size(16 * 1024).max_field_count(100).max_body_size(
      options.max_body_bytes);
  auto settings = restinio::server_settings_t<Traits>{}
                      .address(options.listen.host)
                      .port(options.listen.port)
                      .request_handler(make_handler(context, in_flight, tls != nullptr, options.trust_proxy, web))
                      .incoming_http_msg_limits(limits)
                      .read_next_http_message_timelimit(std::chrono::seconds(options.idle_connection_seconds))
                      .handle_request_timeout(std::chrono::seconds(options.request_timeout_seconds))
                      .write_http_response_timelimit(std::chrono::seconds(options.request_timeout_seconds))
                      .max_pipelined_requests(1)
                      .socket_options_setter([](restinio::socket_options_t& socket) {
                        // Answers go out as headers, then body: without this the
                        // last segment of a large answer waited for the client's
                        // delayed ACK (a 160 KB sheet: p99 42 ms at 1 connection).
                        asio::error_code ignored;
                        socket.set_option(asio::ip::tcp::no_delay{true}, ignored);
                      });
  if constexpr (std::is_same_v<Traits, tls_traits_t>) settings.tls_context(std::move(tls));
  restinio::http_server_t<Traits> server{restinio::external_io_context(io), std::move(settings)};

  std::exception_ptr failure;
  asio::signal_set signals(io, SIGINT, SIGTERM);
  asio::steady_timer drain_timer(io);
  auto drain_deadline = std::chrono::steady_clock::now();
  std::function<void()> wait_for_in_flight = [&] {
    // Requests already being handled finish and are written; then close.
    if (in_flight.count.load() > 0 && std::chrono::steady_clock::now() < drain_deadline) {
      drain_timer.expires_after(std::chrono::milliseconds(10));
      drain_timer.async_wait([&](const asio::error_code&) { wait_for_in_flight(); });
      return;
    }
    server.close_async([&io] { io.stop(); }, [&io](std::exception_ptr) { io.stop(); });
  };
  signals.async_wait([&](const asio::error_code& ec, int) {
    if (ec) return;
    in_flight.draining = true;
    drain_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(options.shutdown_grace_seconds);
    wait_for_in_flight();
  });
  server.open_async(
      [&] {
        if (options.on_listening) options.on_listening(options.listen.port);
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

Result<std::shared_ptr<asio::ssl::context>> tls_context(const ServeOptions& options) {
  auto context = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_server);
  // TLS 1.2 and 1.3 only.
  context->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                       asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1 |
                       asio::ssl::context::single_dh_use);
  asio::error_code ec;
  context->use_certificate_chain_file(options.tls_cert_file, ec);
  if (ec)
    return make_error(ErrorCode::io, "cannot read the TLS certificate: " + ec.message(),
                      Location::in_file(options.tls_cert_file));
  context->use_private_key_file(options.tls_key_file, asio::ssl::context::pem, ec);
  if (ec)
    return make_error(ErrorCode::io, "cannot read the TLS key (or it does not match the certificate): " + ec.message(),
                      Location::in_file(options.tls_key_file));
  return context;
}

}  // namespace

Status serve(app::Services& services, const ServeOptions& options) {
  if (options.tls_cert_file.empty() != options.tls_key_file.empty())
    return make_error(ErrorCode::invalid_input, "give both --tls-cert and --tls-key, or neither",
                      Location::in_field("--tls-cert"));
  auto web = StaticFiles::load(options.web_root);
  if (!web) return web.error();
  if (web->empty() && !options.web_root.empty())
    std::fprintf(stderr, "mamori: no web UI in %s (build it with `make build`); serving the API only\n",
                 options.web_root.c_str());
  if (options.tls_cert_file.empty()) return run_server<traits_t>(services, options, nullptr, web.value());
  auto tls = tls_context(options);
  if (!tls) return tls.error();
  return run_server<tls_traits_t>(services, options, std::move(tls.value()), web.value());
}

}  // namespace mamori::server
