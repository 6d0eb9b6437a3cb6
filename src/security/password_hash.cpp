#include "security/password_hash.h"

#include <sodium.h>

#include <cstdlib>
#include <cstring>

namespace mamori::security {

namespace {

// Without a working CSPRNG every salt would be predictable; stopping is
// safer than hashing with one.
void require_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) std::abort();
}

constexpr std::string_view kArgon2idPrefix = "$argon2id$";

// libsodium reads the encoded hash as a C string; an over-long or
// NUL-containing value cannot be one of ours.
bool to_c_hash(std::string_view encoded_hash, std::string& out) {
  if (encoded_hash.size() >= crypto_pwhash_STRBYTES) return false;
  if (encoded_hash.find('\0') != std::string_view::npos) return false;
  out.assign(encoded_hash);
  return true;
}

// An empty string_view may hold a null pointer, which libsodium must not get.
const char* bytes_of(std::string_view text) { return text.empty() ? "" : text.data(); }

}  // namespace

Argon2Params current_password_params() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

Result<std::string> hash_password(std::string_view password, const Argon2Params& params) {
  require_sodium();
  if (params.opslimit < crypto_pwhash_OPSLIMIT_MIN || params.opslimit > crypto_pwhash_OPSLIMIT_MAX ||
      params.memlimit < crypto_pwhash_MEMLIMIT_MIN || params.memlimit > crypto_pwhash_MEMLIMIT_MAX) {
    return make_error(ErrorCode::internal, "argon2id parameters out of libsodium's range");
  }
  if (password.size() > crypto_pwhash_PASSWD_MAX) return make_error(ErrorCode::too_large, "password too long");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, bytes_of(password), password.size(), params.opslimit, params.memlimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return make_error(ErrorCode::internal, "argon2id could not allocate its memory");
  }
  return std::string(out);
}

bool verify_password(std::string_view encoded_hash, std::string_view password) {
  require_sodium();
  std::string hash;
  if (!to_c_hash(encoded_hash, hash)) return false;
  return crypto_pwhash_str_verify(hash.c_str(), bytes_of(password), password.size()) == 0;
}

bool password_needs_rehash(std::string_view encoded_hash, const Argon2Params& params) {
  require_sodium();
  std::string hash;
  // libsodium's generic check would also accept argon2i; new hashes must be argon2id.
  if (!to_c_hash(encoded_hash, hash) || encoded_hash.substr(0, kArgon2idPrefix.size()) != kArgon2idPrefix) {
    return true;
  }
  return crypto_pwhash_str_needs_rehash(hash.c_str(), params.opslimit, params.memlimit) != 0;
}

}  // namespace mamori::security
