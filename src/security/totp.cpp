#include "security/totp.h"

#include <liboath/oath.h>
#include <sodium.h>

#include <cstdlib>
#include <ctime>
#include <set>

namespace mamori::security {

namespace {

constexpr unsigned kStep = 30;
constexpr unsigned kDigits = 6;
// RFC 4226 section 4, R6: a shared secret MUST be at least 128 bits.
constexpr std::size_t kMinSecretBytes = 16;
constexpr std::size_t kSecretBytes = 20;
constexpr std::size_t kRecoveryBytes = 10;  // 80 bits: 16 base32 characters

// Without a working CSPRNG secrets would be predictable; stopping is safer.
void require_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) std::abort();
}

bool oath_ready() {
  static const bool ready = oath_init() == OATH_OK;
  return ready;
}

// RFC 4648 base32 without padding; `alphabet` picks the case.
std::string base32(const unsigned char* data, std::size_t size, const char* alphabet) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < size; ++i) {
    buffer = (buffer << 8) | data[i];
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += alphabet[(buffer >> bits) & 31];
    }
  }
  if (bits > 0) out += alphabet[(buffer << (5 - bits)) & 31];
  return out;
}

constexpr const char* kUpper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr const char* kLower = "abcdefghijklmnopqrstuvwxyz234567";

// The decoded secret, or "" when it is not base32 or too short to be safe.
std::string decode_secret(std::string_view secret_base32) {
  if (!oath_ready()) return {};
  char* raw = nullptr;
  std::size_t size = 0;
  if (oath_base32_decode(secret_base32.data(), secret_base32.size(), &raw, &size) != OATH_OK) return {};
  std::string secret;
  if (raw != nullptr && size >= kMinSecretBytes) secret.assign(raw, size);
  if (raw != nullptr) {
    sodium_memzero(raw, size);
    std::free(raw);
  }
  return secret;
}

std::string code_for_step(const std::string& secret, std::int64_t step) {
  char otp[kDigits + 1] = {};
  if (oath_totp_generate(secret.data(), secret.size(), static_cast<std::time_t>(step * kStep), kStep,
                         OATH_TOTP_DEFAULT_START_TIME, kDigits, otp) != OATH_OK) {
    return {};
  }
  return std::string(otp, kDigits);
}

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string new_totp_secret() {
  require_sodium();
  unsigned char raw[kSecretBytes];
  randombytes_buf(raw, sizeof raw);
  std::string secret = base32(raw, sizeof raw, kUpper);
  sodium_memzero(raw, sizeof raw);
  return secret;
}

std::string totp_uri(std::string_view secret_base32, std::string_view account, std::string_view issuer) {
  std::string enc_issuer = percent_encode(issuer);
  return "otpauth://totp/" + enc_issuer + ":" + percent_encode(account) + "?secret=" + percent_encode(secret_base32) +
         "&issuer=" + enc_issuer + "&algorithm=SHA1&digits=6&period=30";
}

std::string totp_code(std::string_view secret_base32, std::int64_t unix_time) {
  if (unix_time < 0) return {};
  std::string secret = decode_secret(secret_base32);
  if (secret.empty()) return {};
  std::string code = code_for_step(secret, unix_time / kStep);
  sodium_memzero(secret.data(), secret.size());
  return code;
}

std::optional<std::int64_t> verify_totp(std::string_view secret_base32, std::string_view code, std::int64_t unix_time,
                                        int window) {
  require_sodium();
  std::string digits;
  for (char c : code) {
    if (c == ' ') continue;
    if (c < '0' || c > '9') return std::nullopt;
    digits += c;
  }
  if (digits.size() != kDigits || unix_time < 0 || window < 0) return std::nullopt;
  std::string secret = decode_secret(secret_base32);
  if (secret.empty()) return std::nullopt;

  std::optional<std::int64_t> matched;
  const std::int64_t now = unix_time / kStep;
  for (std::int64_t step = now - window; step <= now + window && !matched; ++step) {
    if (step < 0) continue;
    std::string expected = code_for_step(secret, step);
    if (expected.size() == kDigits && sodium_memcmp(expected.data(), digits.data(), kDigits) == 0) matched = step;
  }
  sodium_memzero(secret.data(), secret.size());
  return matched;
}

std::vector<std::string> new_recovery_codes(int count) {
  require_sodium();
  std::vector<std::string> codes;
  std::set<std::string> seen;
  while (static_cast<int>(codes.size()) < count) {
    unsigned char raw[kRecoveryBytes];
    randombytes_buf(raw, sizeof raw);
    std::string plain = base32(raw, sizeof raw, kLower);
    sodium_memzero(raw, sizeof raw);
    // A repeat is astronomically unlikely, but two equal codes would be one code.
    if (seen.insert(plain).second) codes.push_back(normalize_recovery_code(plain));
  }
  return codes;
}

std::string normalize_recovery_code(std::string_view typed) {
  std::string plain;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (!((c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'))) return {};
    plain += c;
    if (plain.size() > 16) return {};
  }
  if (plain.size() != 16) return {};
  return plain.substr(0, 4) + "-" + plain.substr(4, 4) + "-" + plain.substr(8, 4) + "-" + plain.substr(12, 4);
}

}  // namespace mamori::security
