// Time-based one-time passwords (RFC 6238: HMAC-SHA1, 6 digits, 30 s)
// through liboath, enrolment URIs, and one-time recovery codes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mamori::security {

// 20 random bytes (160 bits, RFC 4226's recommendation) in base32 (RFC 4648,
// upper case, no padding): what authenticator apps take.
std::string new_totp_secret();

// otpauth://totp/ISSUER:ACCOUNT?secret=…&issuer=ISSUER&algorithm=SHA1&digits=6&period=30
// with ISSUER and ACCOUNT percent-encoded.
std::string totp_uri(std::string_view secret_base32, std::string_view account, std::string_view issuer = "mamori");

// The code for a time (for tests and for clocks in the UI's help text);
// "" when the secret is not base32 of at least 128 bits (RFC 4226's minimum)
// or the time is before 1970.
std::string totp_code(std::string_view secret_base32, std::int64_t unix_time);

// Checks `code` (6 digits; spaces ignored) against the steps from
// `window` before to `window` after `unix_time`. Returns the matching time
// step (unix_time / 30), so the caller can refuse a step already used
// (replay); nullopt when no step matches or the input is malformed
// (including a negative window).
std::optional<std::int64_t> verify_totp(std::string_view secret_base32, std::string_view code, std::int64_t unix_time,
                                        int window = 1);

// `count` recovery codes, each 80 random bits as "xxxx-xxxx-xxxx-xxxx"
// (lower-case base32), all distinct. Shown once; only their hashes are stored.
std::vector<std::string> new_recovery_codes(int count = 10);
// A recovery code as typed (any case, with or without dashes or spaces) in
// the canonical form that is hashed; "" when it is not 16 base32 characters.
std::string normalize_recovery_code(std::string_view typed);

}  // namespace mamori::security
