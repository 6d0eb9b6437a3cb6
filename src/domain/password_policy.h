// Who may use which password: an organisation's policy (NIST SP 800-63B
// style: a minimum length, a maximum that allows pass phrases, a denylist of
// common and breached passwords, no composition rules, no forced expiry).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace mamori::domain {

struct PasswordPolicy {
  std::size_t min_length = 12;   // characters (code points), configurable per organisation (8..128)
  std::size_t max_length = 256;  // characters
};

// The reason (Japanese / English) when `password` is not acceptable for
// the account `email` under `policy`; nullopt when it is. Checks, in order:
// valid UTF-8, no control characters, length (code points) within the
// policy, not on the common-password denylist (case-insensitive, after
// fold_for_search), not mostly the e-mail's local part or "mamori", not a
// single repeated character or a keyboard / alphabet / digit run.
struct PasswordProblem {
  std::string ja;
  std::string en;
};
std::optional<PasswordProblem> password_problem(const PasswordPolicy& policy, std::string_view password,
                                                std::string_view email);

// True when the (folded) password is on the built-in denylist.
bool is_common_password(std::string_view password);

// Number of entries in the denylist (for docs and tests).
std::size_t common_password_count();

}  // namespace mamori::domain
