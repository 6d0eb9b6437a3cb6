// The server's own view of a request and a response, independent of
// RESTinio: handlers, the pipeline and the tests of them use these.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mamori::server {

struct HttpRequest {
  std::string method;  // "GET", "POST", …
  std::string path;    // without the query
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // names in lower case
  std::map<std::string, std::string> cookies;
  std::map<std::string, std::string> params;   // from the route's {placeholders}
  std::string body;
  std::string source_ip;

  std::string header(const std::string& lower_name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // Set instead of `body` when the bytes are shared with the response cache:
  // a cached sheet is 160 KB, and a hit sends it without copying it.
  std::shared_ptr<const std::string> shared_body;
  // The same body gzipped ahead of time (kept answers, the UI's files), for
  // clients that take gzip (server/compression.h).
  std::shared_ptr<const std::string> gzip_body;

  std::size_t body_size() const { return shared_body ? shared_body->size() : body.size(); }
  std::string_view body_view() const { return shared_body ? std::string_view(*shared_body) : std::string_view(body); }

  HttpResponse& with_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

// "a=1; b=2" -> {a: 1, b: 2}
std::map<std::string, std::string> parse_cookies(const std::string& header);

}  // namespace mamori::server
