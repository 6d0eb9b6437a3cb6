#include <charconv>

#include "server/server.h"

namespace mamori::server {

Result<ListenAddress> parse_listen_address(const std::string& text) {
  auto bad = [&text](const std::string& why) {
    return make_error(ErrorCode::invalid_input, "cannot listen on \"" + text + "\": " + why + " (use ADDR:PORT, e.g. 127.0.0.1:8080)",
                      Location::in_field("--listen"));
  };
  std::string host, port;
  if (!text.empty() && text.front() == '[') {
    auto close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':') return bad("unclosed [");
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    auto colon = text.rfind(':');
    if (colon == std::string::npos) return bad("no port");
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (host.find(':') != std::string::npos) return bad("write IPv6 addresses in brackets");
  }
  if (host.empty()) return bad("no address");
  unsigned value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc() || end != port.data() + port.size() || value > 65535) return bad("the port is not 0–65535");
  return ListenAddress{host, static_cast<std::uint16_t>(value)};
}

}  // namespace mamori::server
