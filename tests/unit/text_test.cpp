#include <gtest/gtest.h>

#include "domain/text.h"

namespace mamori::domain {

TEST(FoldForSearch, FullWidthAsciiAndCase) {
  EXPECT_EQ(fold_for_search("ＩＳＭＡＰ　管理基準"), "ismap 管理基準");
  EXPECT_EQ(fold_for_search("ISO/IEC 27001"), "iso/iec 27001");
  EXPECT_EQ(fold_for_search("１２．４．４"), "12.4.4");
}

TEST(FoldForSearch, HalfWidthKatakanaBecomesFullWidthWithVoicedMarksJoined) {
  EXPECT_EQ(fold_for_search("ｸﾛｯｸ"), "クロック");
  EXPECT_EQ(fold_for_search("ｶﾞｲﾄﾞﾗｲﾝ"), "ガイドライン");
  EXPECT_EQ(fold_for_search("ﾊﾟｽﾜｰﾄﾞ"), "パスワード");
  EXPECT_EQ(fold_for_search("ｳﾞｪﾝﾀﾞｰ"), "ヴェンダー");
  EXPECT_EQ(fold_for_search("ﾃﾞｰﾀ"), "データ");
  // A voiced mark after a kana that has no voiced form stays separate.
  EXPECT_EQ(fold_for_search("ｱﾞ"), "ア゛");
}

TEST(FoldForSearch, WhitespaceCollapsesAndTrims) {
  EXPECT_EQ(fold_for_search("  a \n\t b　 "), "a b");
  EXPECT_EQ(fold_for_search(""), "");
  EXPECT_EQ(fold_for_search(" \n "), "");
}

TEST(FoldForSearch, DropsInvalidBytes) { EXPECT_EQ(fold_for_search(std::string("a\xff" "b")), "ab"); }

TEST(Utf8, Validity) {
  EXPECT_TRUE(is_valid_utf8("情報セキュリティ"));
  std::size_t at = 99;
  EXPECT_FALSE(is_valid_utf8(std::string("ok\xc0\xaf"), &at));  // overlong '/'
  EXPECT_EQ(at, 2u);
  EXPECT_FALSE(is_valid_utf8(std::string("\xed\xa0\x80")));  // surrogate
  EXPECT_FALSE(is_valid_utf8(std::string("\xe6\x83")));      // truncated
  EXPECT_FALSE(is_valid_utf8(std::string("\xf4\x90\x80\x80")));  // > U+10FFFF
  EXPECT_EQ(utf8_length("クロック"), 4u);
}

}  // namespace mamori::domain
