#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "security/password_hash.h"
#include "security/qr_svg.h"
#include "security/secret_box.h"
#include "security/tokens.h"
#include "security/totp.h"
#include "support/temp_dir.h"

namespace mamori::security {
namespace {

// ---------------------------------------------------------------- passwords

// The cheapest parameters libsodium allows keep the tests fast where the
// cost itself is not under test.
const Argon2Params kCheap{1, 8192};

TEST(PasswordHash, CurrentParamsAreLibsodiumInteractive) {
  auto params = current_password_params();
  EXPECT_EQ(params.opslimit, 2u);
  EXPECT_EQ(params.memlimit, 64u * 1024 * 1024);
}

TEST(PasswordHash, HashesWithArgon2idAndTheCurrentParams) {
  auto hash = hash_password("correct horse battery staple");
  ASSERT_TRUE(hash) << hash.error().describe();
  EXPECT_EQ(hash->rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0), 0u) << *hash;
  EXPECT_TRUE(verify_password(*hash, "correct horse battery staple"));
  EXPECT_FALSE(verify_password(*hash, "correct horse battery stapl"));
  EXPECT_FALSE(verify_password(*hash, ""));
  EXPECT_FALSE(password_needs_rehash(*hash));
}

TEST(PasswordHash, SaltsEachHash) {
  auto a = hash_password("same", kCheap);
  auto b = hash_password("same", kCheap);
  ASSERT_TRUE(a && b);
  EXPECT_NE(*a, *b);
  EXPECT_TRUE(verify_password(*a, "same"));
  EXPECT_TRUE(verify_password(*b, "same"));
}

TEST(PasswordHash, TakesAnyBytes) {
  const std::string with_nul("pass\0word", 9);
  auto japanese = hash_password("パスワード：まもり", kCheap);
  auto nul = hash_password(with_nul, kCheap);
  auto empty = hash_password(std::string_view{}, kCheap);
  ASSERT_TRUE(japanese && nul && empty);
  EXPECT_TRUE(verify_password(*japanese, "パスワード：まもり"));
  EXPECT_FALSE(verify_password(*japanese, "パスワード:まもり"));
  EXPECT_TRUE(verify_password(*nul, with_nul));
  EXPECT_FALSE(verify_password(*nul, "pass"));
  EXPECT_TRUE(verify_password(*empty, ""));
  EXPECT_TRUE(verify_password(*empty, std::string_view{}));
  EXPECT_FALSE(verify_password(*empty, " "));
}

TEST(PasswordHash, MalformedHashesNeverVerify) {
  auto good = hash_password("pw", kCheap);
  ASSERT_TRUE(good);
  std::string tampered = *good;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(verify_password(tampered, "pw"));
  EXPECT_FALSE(verify_password(good->substr(0, good->size() - 5), "pw"));
  EXPECT_FALSE(verify_password(*good + std::string("\0x", 2), "pw"));
  EXPECT_FALSE(verify_password("", "pw"));
  EXPECT_FALSE(verify_password("pw", "pw"));
  EXPECT_FALSE(verify_password("$argon2id$", "pw"));
  EXPECT_FALSE(verify_password(std::string(1000, 'x'), "pw"));
}

TEST(PasswordHash, NeedsRehashWhenParamsDiffer) {
  auto cheap = hash_password("pw", kCheap);
  ASSERT_TRUE(cheap);
  EXPECT_TRUE(password_needs_rehash(*cheap));
  EXPECT_FALSE(password_needs_rehash(*cheap, kCheap));
  EXPECT_TRUE(password_needs_rehash(*cheap, Argon2Params{2, 8192}));
  EXPECT_TRUE(password_needs_rehash("", kCheap));
  EXPECT_TRUE(password_needs_rehash("not a hash", kCheap));
  // argon2i with the same parameters is still an old algorithm.
  std::string argon2i = *cheap;
  argon2i.replace(0, 10, "$argon2i$");
  EXPECT_TRUE(password_needs_rehash(argon2i, kCheap));
}

TEST(PasswordHash, RejectsParamsOutOfRange) {
  auto hash = hash_password("pw", Argon2Params{0, 8192});
  ASSERT_FALSE(hash);
  EXPECT_EQ(hash.error().code, ErrorCode::internal);
}

// --------------------------------------------------------------------- TOTP

// RFC 6238 Appendix B: the SHA-1 key is the ASCII "12345678901234567890".
const std::string kRfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

TEST(Totp, MatchesRfc6238Vectors) {
  const std::vector<std::pair<std::int64_t, std::string>> vectors = {
      {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
      {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
  };
  for (const auto& [time, eight_digits] : vectors) {
    const std::string six = eight_digits.substr(2);
    EXPECT_EQ(totp_code(kRfcSecret, time), six) << "t=" << time;
    EXPECT_EQ(verify_totp(kRfcSecret, six, time, 0), time / 30) << "t=" << time;
  }
}

TEST(Totp, SecretIsCaseAndSpaceInsensitive) {
  EXPECT_EQ(totp_code("gezdgnbvgy3tqojqgezdgnbvgy3tqojq", 59), "287082");
  EXPECT_EQ(totp_code("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ", 59), "287082");
}

TEST(Totp, WindowAcceptsNeighboursAndReturnsTheirStep) {
  const std::int64_t now = 1111111109;
  const std::int64_t step = now / 30;
  EXPECT_EQ(verify_totp(kRfcSecret, totp_code(kRfcSecret, now), now), step);
  EXPECT_EQ(verify_totp(kRfcSecret, totp_code(kRfcSecret, now - 30), now), step - 1);
  EXPECT_EQ(verify_totp(kRfcSecret, totp_code(kRfcSecret, now + 30), now), step + 1);
  EXPECT_EQ(verify_totp(kRfcSecret, totp_code(kRfcSecret, now - 60), now), std::nullopt);
  EXPECT_EQ(verify_totp(kRfcSecret, totp_code(kRfcSecret, now + 60), now), std::nullopt);
  EXPECT_EQ(verify_totp(kRfcSecret, totp_code(kRfcSecret, now + 60), now, 2), step + 2);
  EXPECT_EQ(verify_totp(kRfcSecret, totp_code(kRfcSecret, now - 30), now, 0), std::nullopt);
  EXPECT_EQ(verify_totp(kRfcSecret, totp_code(kRfcSecret, now), now, -1), std::nullopt);
}

TEST(Totp, WindowDoesNotReachBeforeTheEpoch) {
  EXPECT_EQ(verify_totp(kRfcSecret, totp_code(kRfcSecret, 0), 10), 0);
  EXPECT_EQ(verify_totp(kRfcSecret, totp_code(kRfcSecret, 30), 10), 1);
  EXPECT_EQ(totp_code(kRfcSecret, -1), "");
  EXPECT_EQ(verify_totp(kRfcSecret, "287082", -1), std::nullopt);
}

TEST(Totp, IgnoresSpacesInTheCode) {
  EXPECT_EQ(verify_totp(kRfcSecret, "287 082", 59), 1);
  EXPECT_EQ(verify_totp(kRfcSecret, " 2 8 7 0 8 2 ", 59), 1);
}

TEST(Totp, RejectsMalformedCodes) {
  for (const char* code : {"", "      ", "28708a", "28708", "2870820", "287-082", "287082\n", "+87082", "-87082",
                           "２８７０８２", "0x1234"}) {
    EXPECT_EQ(verify_totp(kRfcSecret, code, 59), std::nullopt) << code;
  }
  EXPECT_EQ(verify_totp(kRfcSecret, std::string("287082\0", 7), 59), std::nullopt);
  EXPECT_EQ(verify_totp(kRfcSecret, "000000", 59), std::nullopt);
}

TEST(Totp, RejectsMalformedSecrets) {
  // Not base32, too short (RFC 4226 wants at least 128 bits), or empty.
  for (const char* secret : {"", "not base32!", "A", "GEZDG", "GEZDGNBVGY3TQOJQGEZDGNA", "1234567890123456",
                             "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ====", "ＧＥＺＤＧＮＢＶＧＹ３ＴＱＯＪＱ"}) {
    EXPECT_EQ(totp_code(secret, 59), "") << secret;
    EXPECT_EQ(verify_totp(secret, "287082", 59), std::nullopt) << secret;
  }
  EXPECT_EQ(totp_code(std::string_view{}, 59), "");
  EXPECT_EQ(verify_totp(std::string_view{}, "287082", 59), std::nullopt);
  EXPECT_EQ(verify_totp(kRfcSecret, std::string_view{}, 59), std::nullopt);
}

TEST(Totp, NewSecretsAre160BitBase32) {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    std::string secret = new_totp_secret();
    EXPECT_TRUE(std::regex_match(secret, std::regex("[A-Z2-7]{32}"))) << secret;
    seen.insert(secret);
    std::string code = totp_code(secret, 1700000000);
    EXPECT_TRUE(std::regex_match(code, std::regex("[0-9]{6}"))) << code;
    EXPECT_EQ(verify_totp(secret, code, 1700000000), 1700000000 / 30);
  }
  EXPECT_EQ(seen.size(), 50u);
}

TEST(Totp, UriPercentEncodesIssuerAndAccount) {
  EXPECT_EQ(totp_uri(kRfcSecret, "taro+mfa@example.co.jp", "まもり 株式会社"),
            "otpauth://totp/%E3%81%BE%E3%82%82%E3%82%8A%20%E6%A0%AA%E5%BC%8F%E4%BC%9A%E7%A4%BE:"
            "taro%2Bmfa%40example.co.jp?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            "&issuer=%E3%81%BE%E3%82%82%E3%82%8A%20%E6%A0%AA%E5%BC%8F%E4%BC%9A%E7%A4%BE"
            "&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(totp_uri("ABC", "a:b&c=d?e/f#g"),
            "otpauth://totp/mamori:a%3Ab%26c%3Dd%3Fe%2Ff%23g?secret=ABC&issuer=mamori"
            "&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(totp_uri("ABC", "Ok-._~09"), "otpauth://totp/mamori:Ok-._~09?secret=ABC&issuer=mamori"
                                          "&algorithm=SHA1&digits=6&period=30");
}

TEST(TotpRecoveryCodes, AreTenDistinctGroupsOfBase32) {
  auto codes = new_recovery_codes();
  ASSERT_EQ(codes.size(), 10u);
  const std::regex shape("[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}");
  for (const auto& code : codes) {
    EXPECT_TRUE(std::regex_match(code, shape)) << code;
    EXPECT_EQ(normalize_recovery_code(code), code);
  }
  EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), codes.size());
  EXPECT_EQ(new_recovery_codes(3).size(), 3u);
  EXPECT_TRUE(new_recovery_codes(0).empty());
  EXPECT_TRUE(new_recovery_codes(-1).empty());
}

TEST(TotpRecoveryCodes, DifferBetweenCalls) {
  std::set<std::string> all;
  for (int i = 0; i < 20; ++i) {
    for (auto& code : new_recovery_codes()) all.insert(code);
  }
  EXPECT_EQ(all.size(), 200u);
}

TEST(TotpRecoveryCodes, NormalizeAcceptsHowPeopleType) {
  EXPECT_EQ(normalize_recovery_code("ABCD EFGH-ijkl mnop"), "abcd-efgh-ijkl-mnop");
  EXPECT_EQ(normalize_recovery_code("abcdefghijklmnop"), "abcd-efgh-ijkl-mnop");
  EXPECT_EQ(normalize_recovery_code(" abcd--efgh  ijkl-mn op "), "abcd-efgh-ijkl-mnop");
  EXPECT_EQ(normalize_recovery_code("2345-67ab-cdef-ghij"), "2345-67ab-cdef-ghij");
}

TEST(TotpRecoveryCodes, NormalizeRejectsAnythingElse) {
  for (const char* typed : {"", "----", "abcd-efgh-ijkl-mno", "abcd-efgh-ijkl-mnopq", "abcd-efgh-ijkl-mno1",
                            "abcd-efgh-ijkl-mno8", "abcd-efgh-ijkl-mno0", "abcd_efgh_ijkl_mnop", "abcd.efgh.ijkl.mnop",
                            "ａｂｃｄ-efgh-ijkl-mnop", "abcd\tefgh-ijkl-mnop"}) {
    EXPECT_EQ(normalize_recovery_code(typed), "") << typed;
  }
  EXPECT_EQ(normalize_recovery_code(std::string("abcd-efgh-ijkl-mnop\0", 20)), "");
  EXPECT_EQ(normalize_recovery_code(std::string_view{}), "");
}

// ----------------------------------------------------------------------- QR

struct ParsedSvg {
  int size = 0;
  std::vector<std::vector<bool>> dark;
};

// Rebuilds the module grid from the one <path>, so the structure of the
// symbol can be checked without a QR decoder. (Parsed by hand: libstdc++'s
// std::regex recurses per character and overflows the stack on large SVGs.)
ParsedSvg parse_svg(const std::string& svg) {
  ParsedSvg out;
  const std::string head = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ";
  if (svg.rfind(head, 0) != 0) {
    ADD_FAILURE() << "unexpected SVG start: " << svg.substr(0, 200);
    return out;
  }
  out.size = std::atoi(svg.c_str() + head.size());
  const std::string n = std::to_string(out.size);
  const std::string prefix = head + n + " " + n + "\" shape-rendering=\"crispEdges\"><rect width=\"" + n +
                             "\" height=\"" + n + "\" fill=\"#fff\"/><path d=\"";
  const std::string suffix = "\" fill=\"#000\"/></svg>";
  if (out.size <= 0 || svg.rfind(prefix, 0) != 0 || svg.size() < prefix.size() + suffix.size() ||
      svg.compare(svg.size() - suffix.size(), suffix.size(), suffix) != 0) {
    ADD_FAILURE() << "unexpected SVG: " << svg.substr(0, 300);
    out.size = 0;
    return out;
  }
  out.dark.assign(out.size, std::vector<bool>(out.size, false));
  const std::string d = svg.substr(prefix.size(), svg.size() - prefix.size() - suffix.size());
  EXPECT_EQ(d.find_first_not_of("0123456789 Mhvz-"), std::string::npos);
  const char* p = d.c_str();
  const char* end = p + d.size();
  while (p < end) {
    int x = 0, y = 0, w = 0, back = 0, used = 0;
    if (std::sscanf(p, "M%d %dh%dv1h-%dz%n", &x, &y, &w, &back, &used) != 4 || used == 0) {
      ADD_FAILURE() << "bad path command at: " << std::string(p, std::min<std::size_t>(40, end - p));
      break;
    }
    p += used;
    EXPECT_EQ(w, back);
    EXPECT_GE(w, 1);
    if (x < 0 || y < 0 || y >= out.size || x + w > out.size) {
      ADD_FAILURE() << "run outside the symbol: " << x << "," << y << " w " << w;
      continue;
    }
    for (int i = 0; i < w; ++i) {
      EXPECT_FALSE(out.dark[y][x + i]) << "module drawn twice";
      out.dark[y][x + i] = true;
    }
  }
  return out;
}

// 7x7: a dark border, a light ring, a dark 3x3 centre.
void expect_finder_at(const ParsedSvg& svg, int left, int top) {
  for (int y = 0; y < 7; ++y) {
    for (int x = 0; x < 7; ++x) {
      bool light_ring = x >= 1 && x <= 5 && y >= 1 && y <= 5 && (x == 1 || x == 5 || y == 1 || y == 5);
      EXPECT_EQ(svg.dark[top + y][left + x], !light_ring)
          << "finder at " << left << "," << top << ", module " << x << "," << y;
    }
  }
}

void expect_valid_symbol(const ParsedSvg& svg) {
  const int width = svg.size - 8;
  ASSERT_GE(width, 21);
  EXPECT_EQ((width - 17) % 4, 0) << "not a QR symbol width: " << width;
  for (int i = 0; i < svg.size; ++i) {
    for (int q = 0; q < 4; ++q) {
      EXPECT_FALSE(svg.dark[q][i] || svg.dark[svg.size - 1 - q][i] || svg.dark[i][q] || svg.dark[i][svg.size - 1 - q])
          << "dark module in the quiet zone";
    }
  }
  expect_finder_at(svg, 4, 4);
  expect_finder_at(svg, svg.size - 11, 4);
  expect_finder_at(svg, 4, svg.size - 11);
  // Timing patterns alternate between the finders.
  for (int i = 8; i < width - 8; ++i) {
    EXPECT_EQ(svg.dark[4 + 6][4 + i], i % 2 == 0);
    EXPECT_EQ(svg.dark[4 + i][4 + 6], i % 2 == 0);
  }
}

TEST(QrSvg, RendersAVersion1SymbolForShortText) {
  auto svg = qr_svg("hello");
  ASSERT_TRUE(svg) << svg.error().describe();
  auto parsed = parse_svg(*svg);
  EXPECT_EQ(parsed.size, 21 + 8);
  expect_valid_symbol(parsed);
}

TEST(QrSvg, GrowsWithTheText) {
  auto small = qr_svg("a");
  auto uri = qr_svg(totp_uri(new_totp_secret(), "taro+mfa@example.co.jp", "まもり 株式会社"));
  auto large = qr_svg(std::string(1000, 'x'));
  ASSERT_TRUE(small && uri && large);
  auto s = parse_svg(*small), u = parse_svg(*uri), l = parse_svg(*large);
  EXPECT_LT(s.size, u.size);
  EXPECT_LT(u.size, l.size);
  expect_valid_symbol(u);
  expect_valid_symbol(l);
}

TEST(QrSvg, TakesUtf8) {
  auto svg = qr_svg("情報セキュリティ");
  ASSERT_TRUE(svg) << svg.error().describe();
  expect_valid_symbol(parse_svg(*svg));
}

TEST(QrSvg, IsDeterministic) {
  auto a = qr_svg("otpauth://totp/x");
  auto b = qr_svg("otpauth://totp/x");
  auto c = qr_svg("otpauth://totp/y");
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(*a, *b);
  EXPECT_NE(*a, *c);
}

TEST(QrSvg, RejectsEmptyAndTooLongText) {
  auto empty = qr_svg(std::string_view{});
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().code, ErrorCode::invalid_input);

  auto huge = qr_svg(std::string(5000, 'x'));
  ASSERT_FALSE(huge);
  EXPECT_EQ(huge.error().code, ErrorCode::too_large);

  auto nul = qr_svg(std::string("ab\0cd", 5));
  ASSERT_FALSE(nul);
  EXPECT_EQ(nul.error().code, ErrorCode::invalid_input);
}

// ------------------------------------------------------------------- tokens

TEST(Tokens, RandomSecretsAreBase64UrlAndDistinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    std::string s = random_secret();
    EXPECT_TRUE(std::regex_match(s, std::regex("[A-Za-z0-9_-]{43}"))) << s;
    seen.insert(s);
  }
  EXPECT_EQ(seen.size(), 100u);
  EXPECT_EQ(random_secret(16).size(), 22u);
  EXPECT_EQ(random_secret(1).size(), 2u);
  EXPECT_EQ(random_secret(0), "");
}

TEST(Tokens, ApiTokensAreRecognisable) {
  std::string token = new_api_token();
  EXPECT_TRUE(std::regex_match(token, std::regex("mamori_[A-Za-z0-9_-]{43}"))) << token;
  EXPECT_NE(new_api_token(), token);
}

TEST(Tokens, SecretHashIsHexSha256) {
  EXPECT_EQ(secret_hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(secret_hash(std::string_view{}), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(secret_hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_NE(secret_hash(std::string("a\0b", 3)), secret_hash("a"));
}

TEST(Tokens, ConstantTimeEqual) {
  EXPECT_TRUE(constant_time_equal("", ""));
  EXPECT_TRUE(constant_time_equal(std::string_view{}, ""));
  EXPECT_TRUE(constant_time_equal("secret", "secret"));
  EXPECT_FALSE(constant_time_equal("secret", "secreT"));
  EXPECT_FALSE(constant_time_equal("Secret", "secret"));
  EXPECT_FALSE(constant_time_equal("secret", "secret "));
  EXPECT_FALSE(constant_time_equal("", "x"));
  EXPECT_FALSE(constant_time_equal(std::string("a\0b", 3), std::string("a\0c", 3)));
  std::string h = secret_hash("token");
  EXPECT_TRUE(constant_time_equal(h, secret_hash("token")));
}

// --------------------------------------------------------------- SecretBox

std::array<unsigned char, SecretBox::kKeyBytes> test_key(unsigned char first) {
  std::array<unsigned char, SecretBox::kKeyBytes> key{};
  for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<unsigned char>(first + i);
  return key;
}

std::string hex_of(const std::array<unsigned char, SecretBox::kKeyBytes>& key) {
  std::string hex;
  char byte[3];
  for (unsigned char c : key) {
    std::snprintf(byte, sizeof byte, "%02x", c);
    hex += byte;
  }
  return hex;
}

unsigned mode_of(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

void write_key(const std::string& path, const std::string& bytes, unsigned mode = 0600) {
  test::write_file(path, bytes);
  ASSERT_EQ(::chmod(path.c_str(), mode), 0);
}

TEST(SecretBox, SealsAndOpens) {
  auto box = SecretBox::from_key(test_key(1));
  const std::vector<std::string> plains = {"JBSWY3DPEHPK3PXP", "二要素認証の秘密 🔑", "", std::string("a\0b", 3),
                                          std::string(100000, 'z')};
  for (const auto& plain : plains) {
    std::string sealed = box.seal(plain);
    // Not std::regex: it overflows the stack on the 133 KB sealed text.
    EXPECT_EQ(sealed.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"),
              std::string::npos);
    if (plain.size() > 3) {
      EXPECT_EQ(sealed.find(plain), std::string::npos);
    }
    auto opened = box.open(sealed);
    ASSERT_TRUE(opened) << opened.error().describe();
    EXPECT_EQ(*opened, plain);
  }
}

TEST(SecretBox, UsesAFreshNonceEachTime) {
  auto box = SecretBox::from_key(test_key(1));
  std::string a = box.seal("same");
  std::string b = box.seal("same");
  EXPECT_NE(a, b);
  // 24-byte nonce + 16-byte tag + 4 bytes of text, base64url without padding.
  EXPECT_EQ(a.size(), 59u);
  EXPECT_EQ(box.seal("").size(), 54u);
  EXPECT_EQ(*box.open(box.seal(std::string_view{})), "");
}

TEST(SecretBox, RefusesWhatItDidNotSeal) {
  auto box = SecretBox::from_key(test_key(1));
  const std::string sealed = box.seal("JBSWY3DPEHPK3PXP");
  EXPECT_FALSE(box.open(std::string_view{}));
  std::vector<std::string> bad = {
      "",
      "not base64!",
      sealed + "=",
      sealed.substr(0, sealed.size() - 1),
      sealed.substr(0, sealed.size() - 4),
      sealed.substr(0, 20),
      sealed + "AAAA",
      std::string(sealed.size(), 'A'),
      sealed.substr(0, 10) + "+" + sealed.substr(11),
      sealed.substr(0, 10) + "/" + sealed.substr(11),
      sealed.substr(0, 10) + " " + sealed.substr(10),
  };
  // Flipping any one character must break the seal (or the base64).
  for (std::size_t i = 0; i < sealed.size(); ++i) {
    std::string tampered = sealed;
    tampered[i] = tampered[i] == 'A' ? 'B' : 'A';
    bad.push_back(tampered);
  }
  for (const auto& s : bad) {
    auto opened = box.open(s);
    EXPECT_FALSE(opened) << s;
    if (!opened) {
      EXPECT_EQ(opened.error().code, ErrorCode::invalid_input);
    }
  }
  auto other = SecretBox::from_key(test_key(2)).open(sealed);
  ASSERT_FALSE(other);
  EXPECT_NE(other.error().message.find("key"), std::string::npos);
}

TEST(SecretBox, CreatesAPrivateKeyFileOnce) {
  test::TempDir dir;
  const std::string path = dir.file("secret.key");
  auto first = SecretBox::from_key_file(path, true);
  ASSERT_TRUE(first) << first.error().describe();
  EXPECT_EQ(mode_of(path), 0600u);
  EXPECT_EQ(std::filesystem::file_size(path), 32u);
  const std::string sealed = first->seal("seed");

  auto again = SecretBox::from_key_file(path, true);
  ASSERT_TRUE(again) << again.error().describe();
  auto opened = again->open(sealed);
  ASSERT_TRUE(opened);
  EXPECT_EQ(*opened, "seed");
  auto read_only = SecretBox::from_key_file(path, false);
  ASSERT_TRUE(read_only);
  EXPECT_TRUE(read_only->open(sealed));

  // Only the key file is left behind: no temporary files.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);

  test::TempDir other;
  auto fresh = SecretBox::from_key_file(other.file("secret.key"), true);
  ASSERT_TRUE(fresh);
  EXPECT_FALSE(fresh->open(sealed)) << "two new key files got the same key";
}

TEST(SecretBox, ConcurrentCreatorsAgreeOnOneKey) {
  test::TempDir dir;
  const std::string path = dir.file("secret.key");
  constexpr int kThreads = 8;
  std::vector<std::string> sealed(kThreads);
  std::vector<std::string> errors(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      auto box = SecretBox::from_key_file(path, true);
      if (box) {
        sealed[i] = box->seal("thread " + std::to_string(i));
      } else {
        errors[i] = box.error().describe();
      }
    });
  }
  for (auto& t : threads) t.join();
  auto box = SecretBox::from_key_file(path, false);
  ASSERT_TRUE(box);
  for (int i = 0; i < kThreads; ++i) {
    EXPECT_EQ(errors[i], "");
    auto opened = box->open(sealed[i]);
    ASSERT_TRUE(opened) << "thread " << i << " used another key";
    EXPECT_EQ(*opened, "thread " + std::to_string(i));
  }
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1);
}

TEST(SecretBox, ReadsRawAndHexKeys) {
  test::TempDir dir;
  const auto key = test_key(7);
  const std::string sealed = SecretBox::from_key(key).seal("seed");
  const std::string raw(key.begin(), key.end());
  const std::string hex = hex_of(key);
  std::string upper_hex = hex;
  for (char& c : upper_hex) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));

  int n = 0;
  for (const std::string& content : {raw, hex, hex + "\n", hex + "\r\n", upper_hex + "\n"}) {
    const std::string path = dir.file("key" + std::to_string(n++));
    write_key(path, content);
    auto box = SecretBox::from_key_file(path, false);
    ASSERT_TRUE(box) << box.error().describe();
    auto opened = box->open(sealed);
    ASSERT_TRUE(opened) << "content #" << n;
    EXPECT_EQ(*opened, "seed");
  }
  // A raw key that happens to end in a newline byte is still a raw key.
  auto newline_key = test_key(7);
  newline_key[31] = '\n';
  write_key(dir.file("raw-nl"), std::string(newline_key.begin(), newline_key.end()));
  auto box = SecretBox::from_key_file(dir.file("raw-nl"), false);
  ASSERT_TRUE(box) << box.error().describe();
  EXPECT_EQ(*box->open(SecretBox::from_key(newline_key).seal("x")), "x");
}

TEST(SecretBox, RejectsKeyFilesOfTheWrongShape) {
  test::TempDir dir;
  const std::string hex = hex_of(test_key(7));
  int n = 0;
  for (const std::string& content :
       {std::string(), std::string(31, 'k'), std::string(33, 'k'), hex.substr(0, 63), hex + "0", hex + "\n\n\n\n",
        " " + hex, hex + " ", hex.substr(0, 62) + "zz", std::string(4096, 'k'), std::string(32, 'k') + "\n"}) {
    const std::string path = dir.file("bad" + std::to_string(n++));
    write_key(path, content);
    auto box = SecretBox::from_key_file(path, true);
    ASSERT_FALSE(box) << "content #" << n;
    EXPECT_EQ(box.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(box.error().where.file, path);
    EXPECT_NE(box.error().describe().find(path), std::string::npos);
    // The bad file is left alone for the operator to look at.
    EXPECT_EQ(test::read_file(path), content);
  }
}

TEST(SecretBox, RefusesKeyFilesOthersCanRead) {
  test::TempDir dir;
  const std::string path = dir.file("secret.key");
  for (unsigned mode : {0644u, 0640u, 0604u, 0620u, 0602u, 0660u, 0666u, 0610u}) {
    write_key(path, hex_of(test_key(3)), mode);
    auto box = SecretBox::from_key_file(path, true);
    ASSERT_FALSE(box) << std::oct << mode;
    EXPECT_EQ(box.error().where.file, path);
    EXPECT_NE(box.error().message.find("chmod 600 " + path), std::string::npos) << box.error().message;
    char shown[8];
    std::snprintf(shown, sizeof shown, "%04o", mode);
    EXPECT_NE(box.error().message.find(shown), std::string::npos) << box.error().message;
  }
  for (unsigned mode : {0600u, 0400u}) {
    write_key(path, hex_of(test_key(3)), mode);
    EXPECT_TRUE(SecretBox::from_key_file(path, false)) << std::oct << mode;
  }
}

TEST(SecretBox, ErrorsNameTheFile) {
  test::TempDir dir;
  const std::string missing = dir.file("missing.key");
  auto box = SecretBox::from_key_file(missing, false);
  ASSERT_FALSE(box);
  EXPECT_EQ(box.error().code, ErrorCode::not_found);
  EXPECT_EQ(box.error().where.file, missing);
  EXPECT_FALSE(std::filesystem::exists(missing)) << "created without create_if_missing";

  const std::string no_dir = dir.file("no/such/dir/secret.key");
  box = SecretBox::from_key_file(no_dir, true);
  ASSERT_FALSE(box);
  EXPECT_EQ(box.error().code, ErrorCode::io);
  EXPECT_EQ(box.error().where.file, no_dir);

  box = SecretBox::from_key_file(dir.path(), true);
  ASSERT_FALSE(box);
  EXPECT_EQ(box.error().where.file, dir.path());
}

TEST(SecretBox, ErrorsNeverShowTheKey) {
  test::TempDir dir;
  const std::string path = dir.file("secret.key");
  const std::string hex = hex_of(test_key(9));
  write_key(path, hex + "x", 0600);
  auto bad_shape = SecretBox::from_key_file(path, false);
  write_key(path, hex, 0644);
  auto readable = SecretBox::from_key_file(path, false);
  ASSERT_FALSE(bad_shape);
  ASSERT_FALSE(readable);
  for (const auto& e : {bad_shape.error(), readable.error()}) {
    EXPECT_EQ(e.describe().find(hex.substr(0, 8)), std::string::npos) << e.describe();
  }
}

}  // namespace
}  // namespace mamori::security
