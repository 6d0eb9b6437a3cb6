#include "server/http.h"

namespace mamori::server {

std::string HttpRequest::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

std::map<std::string, std::string> parse_cookies(const std::string& header) {
  std::map<std::string, std::string> out;
  std::size_t pos = 0;
  while (pos < header.size()) {
    auto end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string pair = header.substr(pos, end - pos);
    auto first = pair.find_first_not_of(' ');
    auto eq = pair.find('=');
    if (first != std::string::npos && eq != std::string::npos && eq > first) {
      std::string name = pair.substr(first, eq - first);
      while (!name.empty() && name.back() == ' ') name.pop_back();
      std::string value = pair.substr(eq + 1);
      while (!value.empty() && value.back() == ' ') value.pop_back();
      out.emplace(std::move(name), std::move(value));  // the first of repeated names wins
    }
    pos = end + 1;
  }
  return out;
}

}  // namespace mamori::server
