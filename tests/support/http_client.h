// The smallest HTTP/1.1 client the tests need: one request per connection
// to 127.0.0.1, the whole response read until the server closes.
#pragma once

#include <map>
#include <string>

namespace mamori::test {

struct HttpResponse {
  int status = 0;  // 0 when the connection failed
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

HttpResponse http_request(int port, const std::string& method, const std::string& target,
                          const std::string& body = "", const std::map<std::string, std::string>& headers = {});

// Polls GET `target` until it answers (any status) or `timeout_seconds` pass.
bool wait_for_http(int port, const std::string& target, int timeout_seconds);

}  // namespace mamori::test
