#include "domain/password_policy.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>

#include "domain/text.h"

namespace mamori::domain {

namespace {

#include "domain/common_passwords.inc"

// NIST SP 800-63B: at least 8; the header documents 8..128 as the range an
// organisation may choose.
constexpr std::size_t kMinLengthFloor = 8;
constexpr std::size_t kMinLengthCeiling = 128;
// Shorter local parts ("a", "ceo") are too short to call a password "based
// on the e-mail address"; a password made of it plus fewer than
// kMostlyRemainder other characters is.
constexpr std::size_t kMinLocalPartLength = 4;
constexpr std::size_t kMostlyRemainder = 4;
constexpr std::string_view kProductName = "mamori";

// Decodes valid UTF-8 into code points (callers check validity first).
std::u32string code_points(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = s[i];
    std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < len && i + k < text.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

// C0 controls, DEL and C1 controls (Unicode general category Cc).
bool is_control(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

std::string without_spaces(std::string_view folded) {
  std::string out;
  out.reserve(folded.size());
  for (char c : folded)
    if (c != ' ') out += c;
  return out;
}

bool on_denylist(std::string_view key) {
  return std::binary_search(std::begin(kCommonPasswords), std::end(kCommonPasswords), key);
}

// Removes every non-overlapping occurrence of `token` from `text`.
std::string remove_all(std::string text, std::string_view token) {
  if (token.empty()) return text;
  std::string out;
  out.reserve(text.size());
  std::size_t from = 0;
  for (std::size_t at; (at = text.find(token, from)) != std::string::npos; from = at + token.size())
    out.append(text, from, at - from);
  out.append(text, from, std::string::npos);
  return out;
}

// True when `token` occurs in `password` (both folded, without spaces) and
// what is left once every occurrence is removed is shorter than
// kMostlyRemainder code points.
bool mostly(const std::string& password, std::string_view token) {
  if (password.find(token) == std::string::npos) return false;
  return utf8_length(remove_all(password, token)) < kMostlyRemainder;
}

// Sequences a "run" walks along, in either direction, wrapping at the end
// (so "1234567890" continues with "12", "qwertyuiop" with "qw"). Each
// sequence holds every character at most once.
constexpr std::u32string_view kSequences[] = {
    U"0123456789",
    U"abcdefghijklmnopqrstuvwxyz",
    // Keyboard rows (JIS and US layouts agree on these keys), and the rows
    // one after another.
    U"1234567890-",
    U"qwertyuiop",
    U"asdfghjkl",
    U"zxcvbnm",
    U"qwertyuiopasdfghjklzxcvbnm",
    // Keyboard columns: 1qaz2wsx3edc...
    U"1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/",
    // Gojūon order, hiragana and katakana (あいうえおかきくけこ...).
    U"あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん",
    U"アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン",
};

bool walks_along(std::u32string_view password, std::u32string_view sequence, int step) {
  const auto n = static_cast<std::ptrdiff_t>(sequence.size());
  std::size_t at = sequence.find(password[0]);
  if (at == std::u32string_view::npos) return false;
  for (std::size_t i = 1; i < password.size(); ++i) {
    const auto next = ((static_cast<std::ptrdiff_t>(at) + step) % n + n) % n;
    at = static_cast<std::size_t>(next);
    if (sequence[at] != password[i]) return false;
  }
  return true;
}

bool is_single_repeated(std::u32string_view password) {
  return std::all_of(password.begin(), password.end(), [&](char32_t c) { return c == password.front(); });
}

bool is_sequence(std::u32string_view password) {
  if (password.size() < 2) return false;
  return std::any_of(std::begin(kSequences), std::end(kSequences), [&](std::u32string_view seq) {
    return walks_along(password, seq, 1) || walks_along(password, seq, -1);
  });
}

PasswordProblem problem(std::string ja, std::string en) { return PasswordProblem{std::move(ja), std::move(en)}; }

}  // namespace

std::optional<PasswordProblem> password_problem(const PasswordPolicy& policy, std::string_view password,
                                                std::string_view email) {
  // 1. Valid UTF-8.
  if (!is_valid_utf8(password))
    return problem("パスワードに文字として読めないデータ（不正な UTF-8）が含まれています。入力し直してください。",
                   "The password contains bytes that are not valid UTF-8 text. Please type it again.");

  // 2. No control characters (tabs, line breaks, NUL, ...). Spaces are fine.
  const std::u32string typed = code_points(password);
  if (std::any_of(typed.begin(), typed.end(), is_control))
    return problem("パスワードに制御文字（タブや改行など）は使えません。",
                   "Don't use control characters such as tabs or line breaks in the password.");

  // 3. Length in code points, within the policy. A policy outside the
  // documented range is brought into it, so that a bad setting never allows
  // passwords shorter than NIST's minimum of 8.
  const std::size_t min_length = std::clamp(policy.min_length, kMinLengthFloor, kMinLengthCeiling);
  const std::size_t max_length = std::max(policy.max_length, min_length);
  const std::size_t length = typed.size();
  if (length < min_length)
    return problem("パスワードは" + std::to_string(min_length) + "文字以上にしてください（現在" +
                       std::to_string(length) + "文字）。",
                   "Use at least " + std::to_string(min_length) + " characters (this one has " +
                       std::to_string(length) + ").");
  if (length > max_length)
    return problem("パスワードは" + std::to_string(max_length) + "文字以内にしてください（現在" +
                       std::to_string(length) + "文字）。",
                   "Use at most " + std::to_string(max_length) + " characters (this one has " +
                       std::to_string(length) + ").");

  // 4. The common-password denylist.
  if (is_common_password(password))
    return problem("このパスワードはよく使われているため、簡単に推測されます。別のパスワードにしてください。",
                   "This password is one of the most commonly used and easy to guess. Choose another one.");

  // 5. Mostly the e-mail's local part, or the product name.
  const std::string folded = without_spaces(fold_for_search(password));
  const std::size_t at = email.rfind('@');
  const std::string local = without_spaces(fold_for_search(email.substr(0, at)));
  if (utf8_length(local) >= kMinLocalPartLength && mostly(folded, local))
    return problem("メールアドレスの @ より前の部分をほぼそのまま使ったパスワードは推測されやすいため使えません。",
                   "Don't base the password on your e-mail address (the part before the @); it is easy to guess.");
  if (mostly(folded, kProductName))
    return problem("サービス名「mamori」をほぼそのまま使ったパスワードは推測されやすいため使えません。",
                   "Don't base the password on the service name \"mamori\"; it is easy to guess.");

  // 6. Runs, over the whole password (folded, spaces ignored).
  const std::u32string runs = code_points(folded);
  if (is_single_repeated(runs))
    return problem("同じ文字を繰り返しただけのパスワードは使えません。",
                   "Don't use a single character repeated over and over.");
  if (is_sequence(runs))
    return problem("「123456…」「abcdef…」「qwerty…」のように、数字・文字・キーボードの並び順をなぞっただけのパスワードは使えません。",
                   "Don't use a simple sequence such as 123456…, abcdef… or qwerty… (digits, letters or keys in a row).");

  return std::nullopt;
}

bool is_common_password(std::string_view password) {
  const std::string folded = fold_for_search(password);
  if (on_denylist(folded)) return true;
  // "pass word" is "password" with a space typed in: look it up without.
  return folded.find(' ') != std::string::npos && on_denylist(without_spaces(folded));
}

std::size_t common_password_count() { return std::size(kCommonPasswords); }

}  // namespace mamori::domain
