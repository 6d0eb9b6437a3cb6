#include "security/tokens.h"

#include <sodium.h>

#include <cstdlib>
#include <vector>

namespace mamori::security {

namespace {

// Without a working CSPRNG every token would be guessable; stopping is
// safer than handing one out.
void require_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) std::abort();
}

}  // namespace

std::string random_secret(std::size_t bytes) {
  require_sodium();
  if (bytes == 0) return {};  // libsodium's buffers must not be null
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string text(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(text.data(), text.size(), raw.data(), raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  sodium_memzero(raw.data(), raw.size());
  text.resize(text.size() - 1);  // the encoder's NUL terminator
  return text;
}

std::string new_api_token() { return "mamori_" + random_secret(32); }

std::string secret_hash(std::string_view secret) {
  require_sodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(secret.data()), secret.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, crypto_hash_sha256_BYTES * 2);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  require_sodium();
  // Only the length leaks; callers compare fixed-length hashes.
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace mamori::security
