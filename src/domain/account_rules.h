// What an account's e-mail address and display name may be.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mamori::domain {

// A plausible address: one '@', something before and a dotted domain after,
// no spaces or control characters, at most 254 bytes. (Deliverability is
// not checked: mamori sends no mail.)
std::optional<std::string> email_problem(std::string_view email);

// 1..100 characters, no control characters.
std::optional<std::string> display_name_problem(std::string_view name);

}  // namespace mamori::domain
