// Random secrets that identify sessions and API tokens, and how they are
// stored: only a SHA-256 of the secret, so a copy of the database does not
// let anyone in. (A fast hash is right here: these secrets carry 256 bits of
// entropy, unlike passwords.)
#pragma once

#include <string>
#include <string_view>

namespace mamori::security {

// 32 bytes from the CSPRNG, base64url without padding (43 characters).
std::string random_secret(std::size_t bytes = 32);

// API tokens: "mamori_" + random_secret(32), so they are recognisable in
// logs and secret scanners.
std::string new_api_token();

// Lower-case hex SHA-256, for storing secrets and comparing them.
std::string secret_hash(std::string_view secret);

// Constant-time equality of two strings of the same length.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace mamori::security
