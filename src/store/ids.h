// Identifiers and timestamps the store stamps on rows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mamori::store {

// A UUID version 7 (RFC 9562): 48-bit Unix milliseconds, then random bits
// from libsodium's CSPRNG. Time-ordered, so new rows append to indexes.
std::string new_uuid_v7();

// Now, UTC, ISO 8601 with milliseconds: "2026-11-22T05:50:00.123Z".
std::string utc_now();

// Unix seconds now, and conversions to and from the stored text form.
std::int64_t unix_now();
std::string iso_from_unix(std::int64_t seconds);
// Accepts what utc_now() and iso_from_unix() write; nullopt otherwise.
std::optional<std::int64_t> unix_from_iso(const std::string& text);

// Lower-case hex SHA-256 of the bytes.
std::string sha256_hex(std::string_view bytes);

}  // namespace mamori::store
