#include "domain/account_rules.h"

#include "domain/text.h"

namespace mamori::domain {

std::optional<std::string> email_problem(std::string_view email) {
  if (email.empty()) return "the e-mail address is empty";
  if (email.size() > 254) return "the e-mail address is longer than 254 characters";
  if (!is_valid_utf8(email)) return "the e-mail address is not valid UTF-8";
  for (unsigned char c : email)
    if (c <= ' ' || c == 0x7f || c == '<' || c == '>' || c == '"' || c == ',' || c == ';')
      return "the e-mail address contains a space or a character addresses may not hold";
  const auto at = email.find('@');
  if (at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos)
    return "an e-mail address has exactly one @";
  const auto local = email.substr(0, at), host = email.substr(at + 1);
  if (local.empty() || local.size() > 64) return "the part before @ must be 1 to 64 characters";
  if (host.size() < 3 || host.find('.') == std::string_view::npos || host.front() == '.' || host.back() == '.' ||
      host.find("..") != std::string_view::npos)
    return "the part after @ must be a domain such as example.jp";
  return std::nullopt;
}

std::optional<std::string> display_name_problem(std::string_view name) {
  if (!is_valid_utf8(name)) return "the name is not valid UTF-8";
  if (fold_for_search(name).empty()) return "the name is empty";
  if (utf8_length(name) > 100) return "the name is longer than 100 characters";
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7f) return "the name contains a control character";
  return std::nullopt;
}

}  // namespace mamori::domain
