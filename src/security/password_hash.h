// Password hashing: argon2id through libsodium's crypto_pwhash_str, which
// stores the algorithm, its parameters and the salt in the hash string, so
// stronger parameters later apply on the user's next login (rehash).
//
// Parameters (docs/security.md): libsodium's INTERACTIVE limits,
// opslimit 2 (passes), memlimit 64 MiB, 1 lane: above OWASP's argon2id
// minimum (19 MiB, t=2) and about 50–100 ms per hash on one core.
#pragma once

#include <string>
#include <string_view>

#include "domain/error.h"

namespace mamori::security {

struct Argon2Params {
  unsigned long long opslimit;
  std::size_t memlimit;
};

// The parameters new hashes use.
Argon2Params current_password_params();

// An encoded "$argon2id$v=19$m=65536,t=2,p=1$…" string. Fails only when
// libsodium cannot allocate the memory (or, a bug, when `params` are outside
// libsodium's limits).
Result<std::string> hash_password(std::string_view password, const Argon2Params& params = current_password_params());

// Constant-time verification; false for a malformed hash.
bool verify_password(std::string_view encoded_hash, std::string_view password);

// True when the hash was made with other parameters than `params`, or with
// another algorithm than argon2id (the caller re-hashes after a successful
// login).
bool password_needs_rehash(std::string_view encoded_hash, const Argon2Params& params = current_password_params());

}  // namespace mamori::security
