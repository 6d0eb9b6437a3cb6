#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

#include "domain/password_policy.h"
#include "domain/text.h"

namespace mamori::domain {

namespace denylist_data {
#include "domain/common_passwords.inc"
}  // namespace denylist_data

namespace {

constexpr std::string_view kEmail = "taro.yamada@example.co.jp";

std::optional<PasswordProblem> check(std::string_view password, std::string_view email = kEmail,
                                     PasswordPolicy policy = {}) {
  return password_problem(policy, password, email);
}

// The English reason, or "" when the password is accepted (for readable
// failure messages).
std::string reason(std::string_view password, std::string_view email = kEmail, PasswordPolicy policy = {}) {
  auto p = check(password, email, policy);
  return p ? p->en : "";
}

bool mentions(std::string_view password, std::string_view needle, std::string_view email = kEmail,
              PasswordPolicy policy = {}) {
  return reason(password, email, policy).find(needle) != std::string::npos;
}

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

}  // namespace

// --- Accepted passwords ---------------------------------------------------

TEST(PasswordPolicy, AcceptsPassPhrases) {
  EXPECT_EQ(reason("correct horse battery staple"), "");
  EXPECT_EQ(reason("けさは富士山がよく見えた"), "");
  EXPECT_EQ(reason("Tr0ub4dor&3-horse!"), "");
  EXPECT_EQ(reason("kaisha no wifi ha osoi"), "");
  EXPECT_EQ(reason("ＩＳＭＳの監査は来週の火曜日"), "");
}

TEST(PasswordPolicy, NoCompositionRules) {
  // Only lower-case letters, only digits of no pattern, only kana: all fine.
  EXPECT_EQ(reason("purplemonkeydishwasher"), "");
  EXPECT_EQ(reason("394857201938"), "");
  EXPECT_EQ(reason("ひらがなだけのぱすふれーず"), "");
}

TEST(PasswordPolicy, ReasonsComeInJapaneseAndEnglish) {
  auto p = check("short");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->ja, "パスワードは12文字以上にしてください（現在5文字）。");
  EXPECT_EQ(p->en, "Use at least 12 characters (this one has 5).");
  EXPECT_TRUE(is_valid_utf8(p->ja));
}

// --- 1. UTF-8 ---------------------------------------------------------------

TEST(PasswordPolicy, RejectsInvalidUtf8) {
  EXPECT_TRUE(mentions(std::string("abcdefghijk\xff" "xyz"), "not valid UTF-8"));
  EXPECT_TRUE(mentions(std::string("\xe3\x81" "abcdefghijklmn"), "not valid UTF-8"));     // truncated
  EXPECT_TRUE(mentions(std::string("\xc0\xaf" "abcdefghijklmn"), "not valid UTF-8"));     // overlong '/'
  EXPECT_TRUE(mentions(std::string("\xed\xa0\x80" "abcdefghijklm"), "not valid UTF-8"));  // surrogate
  auto p = check(std::string("\xff"));
  ASSERT_TRUE(p);
  EXPECT_NE(p->ja.find("UTF-8"), std::string::npos);
}

TEST(PasswordPolicy, Utf8IsCheckedBeforeLength) {
  // Too short as well, but the encoding is reported first.
  EXPECT_TRUE(mentions(std::string("a\xff"), "not valid UTF-8"));
}

// --- 2. Control characters ----------------------------------------------------

TEST(PasswordPolicy, RejectsControlCharacters) {
  EXPECT_TRUE(mentions("correct horse\tbattery", "control characters"));
  EXPECT_TRUE(mentions("correct horse\nbattery", "control characters"));
  EXPECT_TRUE(mentions("correct horse battery\r", "control characters"));
  EXPECT_TRUE(mentions(std::string("correct horse\0battery", 21), "control characters"));
  EXPECT_TRUE(mentions("correct horse\x7f" "battery", "control characters"));     // DEL
  EXPECT_TRUE(mentions("correct horse\xc2\x85" "battery", "control characters"));  // U+0085 (C1)
  EXPECT_TRUE(mentions("\x1b[31mcorrect horse", "control characters"));           // ESC
}

TEST(PasswordPolicy, SpacesAreNotControlCharacters) {
  EXPECT_EQ(reason("correct horse battery staple"), "");
  EXPECT_EQ(reason("correct　horse　battery"), "");  // ideographic space
}

TEST(PasswordPolicy, ControlCharactersAreCheckedBeforeLength) {
  EXPECT_TRUE(mentions("a\tb", "control characters"));
}

// --- 3. Length ------------------------------------------------------------------

TEST(PasswordPolicy, MinimumLengthBoundary) {
  EXPECT_TRUE(mentions("qpzmwlxnckv", "Use at least 12"));  // 11
  EXPECT_EQ(reason("qpzmwlxnckvb"), "");                     // 12
}

TEST(PasswordPolicy, LengthCountsCodePointsNotBytes) {
  // 12 characters, 36 bytes: exactly the minimum.
  const std::string twelve = "けさは富士山がよく見えた";
  ASSERT_EQ(twelve.size(), 36u);
  EXPECT_EQ(reason(twelve), "");
  // 11 characters, 33 bytes: too short although it has more than 12 bytes.
  auto p = check("けさは富士山がよく見え");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->ja, "パスワードは12文字以上にしてください（現在11文字）。");
  // 4-byte characters (emoji) count one each.
  EXPECT_EQ(reason("🐱🐶🐭🐹🐰🦊🐻🐼🐨🐯🦁🐮"), "");
  EXPECT_TRUE(mentions("🐱🐶🐭🐹🐰🦊🐻🐼🐨🐯🦁", "Use at least 12"));
}

TEST(PasswordPolicy, MaximumLengthBoundary) {
  PasswordPolicy policy;  // max 256
  const std::string ok = repeat("gh5k", 64);  // 256
  EXPECT_EQ(reason(ok, kEmail, policy), "");
  EXPECT_TRUE(mentions(ok + "x", "Use at most 256", kEmail, policy));
  // In code points: 256 three-byte characters are fine, 257 are not.
  const std::string kana = repeat("あい", 128);
  ASSERT_EQ(utf8_length(kana), 256u);
  EXPECT_EQ(reason(kana, kEmail, policy), "");
  EXPECT_TRUE(mentions(kana + "う", "Use at most 256", kEmail, policy));
}

TEST(PasswordPolicy, OrganisationPolicyIsApplied) {
  PasswordPolicy policy{.min_length = 16, .max_length = 64};
  EXPECT_TRUE(mentions("qpzmwlxnckvbrtg", "Use at least 16", kEmail, policy));
  EXPECT_EQ(reason("qpzmwlxnckvbrtgh", kEmail, policy), "");
  EXPECT_EQ(reason(repeat("qpzmwlxn", 8), kEmail, policy), "");  // 64
  auto p = check(repeat("qpzmwlxn", 8) + "q", kEmail, policy);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->ja, "パスワードは64文字以内にしてください（現在65文字）。");
  EXPECT_EQ(p->en, "Use at most 64 characters (this one has 65).");

  PasswordPolicy eight{.min_length = 8};
  EXPECT_EQ(reason("qpzmwlxn", kEmail, eight), "");
  EXPECT_TRUE(mentions("qpzmwlx", "Use at least 8", kEmail, eight));
}

TEST(PasswordPolicy, PolicyBelowEightIsTreatedAsEight) {
  PasswordPolicy lax{.min_length = 4};
  EXPECT_TRUE(mentions("qpzmwlx", "Use at least 8", kEmail, lax));
  PasswordPolicy zero{.min_length = 0, .max_length = 0};
  EXPECT_TRUE(mentions("", "Use at least 8", kEmail, zero));
  EXPECT_EQ(reason("qpzmwlxn", kEmail, zero), "");  // max below min is raised to min
}

TEST(PasswordPolicy, EmptyPasswordIsTooShort) { EXPECT_TRUE(mentions("", "Use at least 12")); }

// --- 4. Denylist ---------------------------------------------------------------

TEST(PasswordPolicy, RejectsCommonPasswords) {
  EXPECT_TRUE(mentions("qwerty123456", "commonly used"));
  EXPECT_TRUE(mentions("leavemealone", "commonly used"));
  EXPECT_TRUE(mentions("sonyericsson", "commonly used"));
  auto p = check("qwerty123456");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->ja, "このパスワードはよく使われているため、簡単に推測されます。別のパスワードにしてください。");
}

TEST(PasswordPolicy, DenylistIgnoresCase) {
  EXPECT_TRUE(mentions("QWERTY123456", "commonly used"));
  EXPECT_TRUE(mentions("LeaveMeAlone", "commonly used"));
  EXPECT_TRUE(is_common_password("PaSsWoRd"));
}

TEST(PasswordPolicy, DenylistFoldsFullWidthLetters) {
  EXPECT_TRUE(mentions("ＱＷＥＲＴＹ１２３４５６", "commonly used"));
  EXPECT_TRUE(mentions("ｌｅａｖｅｍｅａｌｏｎｅ", "commonly used"));
  EXPECT_TRUE(is_common_password("ＰＡＳＳＷＯＲＤ１２３"));
  PasswordPolicy eight{.min_length = 8};
  EXPECT_TRUE(mentions("ＰＡＳＳＷＯＲＤ１２３", "commonly used", kEmail, eight));
  EXPECT_TRUE(mentions("Ｐａｓｓｗｏｒｄ１", "commonly used", kEmail, eight));
}

TEST(PasswordPolicy, DenylistIgnoresSpaces) {
  EXPECT_TRUE(mentions("  leavemealone  ", "commonly used"));
  EXPECT_TRUE(mentions("leave me alone", "commonly used"));
  EXPECT_TRUE(mentions("leave　me　alone", "commonly used"));  // ideographic spaces
  EXPECT_TRUE(is_common_password("pass word"));
}

TEST(PasswordPolicy, DenylistWithShorterMinimum) {
  PasswordPolicy eight{.min_length = 8};
  for (std::string_view pw : {"password", "12345678", "iloveyou", "sunshine", "1qaz2wsx", "trustno1", "baseball"})
    EXPECT_TRUE(mentions(pw, "commonly used", kEmail, eight)) << pw;
  // Japan-specific additions.
  for (std::string_view pw : {"takahiro", "pasuwado", "akubisa2020", "Garba3060", "uchipass", "ilove12345@"})
    EXPECT_TRUE(mentions(pw, "commonly used", kEmail, eight)) << pw;
}

TEST(PasswordPolicy, DenylistDoesNotMatchSubstrings) {
  // Containing a common password does not make a long password common.
  EXPECT_EQ(reason("password for the audit room"), "");
  EXPECT_EQ(reason("my dragon sleeps at noon"), "");
  EXPECT_FALSE(is_common_password("correct horse battery staple"));
  EXPECT_FALSE(is_common_password(""));
}

TEST(PasswordPolicy, LengthIsCheckedBeforeDenylist) {
  // "password" is listed, but at the default 12 the length is the reason.
  EXPECT_TRUE(mentions("password", "Use at least 12"));
}

TEST(PasswordPolicy, CommonPasswordCountIsTheListSize) {
  // 10,000 SecLists entries less case duplicates (Password/PASSWORD/...),
  // plus the Japan-specific additions.
  EXPECT_GT(common_password_count(), 9800u);
  EXPECT_LE(common_password_count(), 10100u);
  EXPECT_EQ(common_password_count(), std::size(denylist_data::kCommonPasswords));
}

TEST(PasswordPolicy, DenylistIsSortedFoldedAndUnique) {
  const auto& list = denylist_data::kCommonPasswords;
  EXPECT_TRUE(std::is_sorted(std::begin(list), std::end(list)));
  EXPECT_EQ(std::adjacent_find(std::begin(list), std::end(list)), std::end(list));
  for (std::string_view entry : list) {
    ASSERT_FALSE(entry.empty());
    ASSERT_TRUE(is_valid_utf8(entry)) << entry;
    ASSERT_EQ(fold_for_search(entry), entry) << "not folded: " << entry;
    ASSERT_EQ(entry.find(' '), std::string_view::npos) << entry;
  }
}

TEST(PasswordPolicy, BinarySearchFindsEveryEntry) {
  std::size_t found = 0;
  for (std::string_view entry : denylist_data::kCommonPasswords) {
    EXPECT_TRUE(is_common_password(entry)) << entry;
    found += is_common_password(entry) ? 1 : 0;
  }
  EXPECT_EQ(found, common_password_count());
  // Near misses are not found.
  EXPECT_FALSE(is_common_password("qwerty1234567"));
  EXPECT_FALSE(is_common_password("zzzzzzzzz0"));
  EXPECT_FALSE(is_common_password("!!!!!"));
}

TEST(PasswordPolicy, DenylistHoldsEntriesWithSpecialCharacters) {
  EXPECT_TRUE(is_common_password("??????"));
  EXPECT_TRUE(is_common_password("******"));
  EXPECT_TRUE(is_common_password("f**k"));
  EXPECT_TRUE(is_common_password("sasha_007"));
  EXPECT_TRUE(is_common_password("1234567890-"));
}

// --- 5. E-mail local part and product name ---------------------------------------

TEST(PasswordPolicy, RejectsPasswordMostlyTheLocalPart) {
  EXPECT_TRUE(mentions("taro.yamada1", "e-mail address"));
  EXPECT_TRUE(mentions("Taro.Yamada!!!", "e-mail address"));  // 3 left over
  EXPECT_TRUE(mentions("ＴＡＲＯ．ＹＡＭＡＤＡ１", "e-mail address"));
  EXPECT_TRUE(mentions("taro.yamada taro.yamada", "e-mail address"));  // repeated, spaces ignored
  EXPECT_TRUE(mentions("202taro.yamada", "e-mail address"));  // 3 left over
  auto p = check("taro.yamada1");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->ja, "メールアドレスの @ より前の部分をほぼそのまま使ったパスワードは推測されやすいため使えません。");
}

TEST(PasswordPolicy, AcceptsLocalPartWithEnoughElse) {
  EXPECT_EQ(reason("taro.yamada1234"), "");  // 4 left over
  EXPECT_EQ(reason("taro.yamada loves green tea"), "");
  // A different address does not matter.
  EXPECT_EQ(reason("taro.yamada1", "hanako@example.jp"), "");
}

TEST(PasswordPolicy, ShortLocalPartsAreIgnored) {
  // "ceo" (3) is too short to count; "taro" (4) counts.
  EXPECT_EQ(reason("ceoceoceoceo", "ceo@example.jp"), "");
  EXPECT_TRUE(mentions("tarotarotaro", "e-mail address", "taro@example.jp"));
}

TEST(PasswordPolicy, LocalPartIsFoldedAndTakenBeforeTheLastAt) {
  EXPECT_TRUE(mentions("yamada-taro12", "e-mail address", "Yamada-Taro@Example.JP"));
  EXPECT_TRUE(mentions("ｙａｍａｄａ－ｔａｒｏ！", "e-mail address", "yamada-taro@example.jp"));
  EXPECT_TRUE(mentions("\"a@b\"xyzw123", "e-mail address", "\"a@b\"xyzw@example.jp"));
  // No @ at all: the whole string is the local part.
  EXPECT_TRUE(mentions("someuser1234", "e-mail address", "someuser1234"));
  // Empty e-mail: only the product name rule applies.
  EXPECT_EQ(reason("qpzmwlxnckvb", ""), "");
}

TEST(PasswordPolicy, RejectsPasswordMostlyTheProductName) {
  EXPECT_TRUE(mentions("mamorimamori", "service name"));
  EXPECT_TRUE(mentions("MamoriMamori!", "service name"));
  EXPECT_TRUE(mentions("ＭＡＭＯＲＩ　ＭＡＭＯＲＩ", "service name"));
  PasswordPolicy eight{.min_length = 8};
  EXPECT_TRUE(mentions("mamori12", "service name", kEmail, eight));
  EXPECT_TRUE(mentions("mamori123", "service name", kEmail, eight));
  auto p = check("mamorimamori");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->ja, "サービス名「mamori」をほぼそのまま使ったパスワードは推測されやすいため使えません。");
}

TEST(PasswordPolicy, AcceptsProductNameWithEnoughElse) {
  EXPECT_EQ(reason("mamori2024!!"), "");
  EXPECT_EQ(reason("i use mamori at work"), "");
}

// --- 6. Runs ------------------------------------------------------------------------

TEST(PasswordPolicy, RejectsSingleRepeatedCharacter) {
  EXPECT_TRUE(mentions("aaaaaaaaaaaa", "single character repeated"));
  EXPECT_TRUE(mentions("AAAAAAaaaaaa", "single character repeated"));
  EXPECT_TRUE(mentions("ああああああああああああ", "single character repeated"));
  EXPECT_TRUE(mentions("000000000000", "single character repeated"));
  EXPECT_TRUE(mentions("!!!!!!!!!!!!", "single character repeated"));
  EXPECT_TRUE(mentions("ｱｱｱｱｱｱｱｱｱｱｱｱ", "single character repeated"));  // half-width kana fold
  EXPECT_TRUE(mentions("ま ま ま ま ま ま ま", "single character repeated"));  // spaces ignored
  EXPECT_TRUE(mentions("a a a a a a a", "commonly used"));  // "aaaaaaa" is listed
  EXPECT_TRUE(mentions("            ", "single character repeated"));   // only spaces
  auto p = check("aaaaaaaaaaaa");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->ja, "同じ文字を繰り返しただけのパスワードは使えません。");
}

TEST(PasswordPolicy, AcceptsAlmostRepeated) {
  EXPECT_EQ(reason("aaaaaaaaaaab"), "");
  EXPECT_EQ(reason("ああああああああああああい"), "");
}

TEST(PasswordPolicy, RejectsDigitSequences) {
  EXPECT_TRUE(mentions("123456789012", "simple sequence"));  // wraps 9 -> 0 -> 1, as on the keyboard
  EXPECT_TRUE(mentions("210987654321", "simple sequence"));  // descending
  EXPECT_TRUE(mentions("345678901234", "simple sequence"));
  EXPECT_TRUE(mentions("１２３４５６７８９０１２", "simple sequence"));  // full width
  auto p = check("123456789012");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->ja,
            "「123456…」「abcdef…」「qwerty…」のように、数字・文字・キーボードの並び順をなぞっただけのパスワードは"
            "使えません。");
}

TEST(PasswordPolicy, RejectsAlphabetSequences) {
  EXPECT_TRUE(mentions("abcdefghijkl", "simple sequence"));
  EXPECT_TRUE(mentions("ABCDEFGHIJKL", "simple sequence"));
  EXPECT_TRUE(mentions("zyxwvutsrqpo", "simple sequence"));
  EXPECT_TRUE(mentions("mnopqrstuvwxyz", "simple sequence"));
  EXPECT_TRUE(mentions("ａｂｃｄｅｆｇｈｉｊｋｌ", "simple sequence"));
  EXPECT_TRUE(mentions("あいうえおかきくけこさし", "simple sequence"));
  EXPECT_TRUE(mentions("アイウエオカキクケコサシ", "simple sequence"));
}

TEST(PasswordPolicy, RejectsKeyboardRows) {
  EXPECT_TRUE(mentions("qwertyuiopqw", "simple sequence"));  // the row, continued
  EXPECT_TRUE(mentions("poiuytrewqpo", "simple sequence"));  // backwards
  EXPECT_TRUE(mentions("qwertyuiopasdf", "simple sequence"));  // row after row
  EXPECT_TRUE(mentions("asdfghjklasdf", "simple sequence"));
  EXPECT_TRUE(mentions("lkjhgfdsalkjh", "simple sequence"));
  EXPECT_TRUE(mentions("zxcvbnmzxcvb", "simple sequence"));
  EXPECT_TRUE(mentions("1qaz2wsx3edc4rfv", "simple sequence"));  // columns
  EXPECT_TRUE(mentions("QWERTY UIOP ASDF", "simple sequence"));   // spaces ignored
  PasswordPolicy ten{.min_length = 10};
  EXPECT_TRUE(mentions("asdfghjklz", "simple sequence", kEmail, ten));
}

TEST(PasswordPolicy, RunsApplyToTheWholePasswordOnly) {
  EXPECT_EQ(reason("abcdef123456"), "");  // two runs, but not one
  EXPECT_EQ(reason("my pin is 123456789"), "");
  EXPECT_EQ(reason("qwertyuiop is a row"), "");
  EXPECT_EQ(reason("135791357913"), "");  // step 2 is not a run
  EXPECT_EQ(reason("abcdefghijkm"), "");  // broken at the end
}

TEST(PasswordPolicy, ChecksRunInOrder) {
  // Control character beats length beats denylist beats e-mail beats runs.
  EXPECT_TRUE(mentions("\t", "control characters"));
  EXPECT_TRUE(mentions("aaaa", "Use at least 12"));
  // "1234567890" is listed and is also a digit run: the denylist comes first.
  PasswordPolicy ten{.min_length = 10};
  EXPECT_TRUE(mentions("1234567890", "commonly used", kEmail, ten));
  // A local part that is itself a run: the e-mail rule comes first.
  EXPECT_TRUE(mentions("abcdefghijkl", "e-mail address", "abcdefghijkl@example.jp"));
}

}  // namespace mamori::domain
