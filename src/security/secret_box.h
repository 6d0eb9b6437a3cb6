// Secrets mamori must read back (TOTP seeds) are sealed with a server key
// (libsodium secretbox: XSalsa20-Poly1305), so a database dump alone does not
// reveal them. The key lives outside the database: DIR/secret.key (0600),
// created by `mamori init`, or the file MAMORI_KEY_FILE names.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "domain/error.h"

namespace mamori::security {

class SecretBox {
 public:
  static constexpr std::size_t kKeyBytes = 32;

  // Reads the key file (exactly 32 bytes, or 64 hex characters and an
  // optional line break); with create_if_missing, writes a new random key
  // with mode 0600 first (safe when several processes start at once).
  // Refuses a key file with any group or other permission bits. Errors name
  // the file (Location::in_file).
  static Result<SecretBox> from_key_file(const std::string& path, bool create_if_missing);
  static SecretBox from_key(const std::array<unsigned char, kKeyBytes>& key);

  // base64url(nonce || ciphertext), a fresh random nonce each time.
  std::string seal(std::string_view plaintext) const;
  // Fails when the text was not sealed with this key or was altered.
  Result<std::string> open(std::string_view sealed) const;

  // A keyed MAC of `message` (HMAC-SHA-512-256 under a subkey derived for
  // `purpose`, 8 characters), base64url. The same inputs always give the
  // same tag, on every node that holds the key: used for CSRF tokens derived
  // from the session secret, so nothing needs storing.
  std::string mac(std::string_view purpose, std::string_view message) const;

 private:
  std::array<unsigned char, kKeyBytes> key_{};
};

}  // namespace mamori::security
