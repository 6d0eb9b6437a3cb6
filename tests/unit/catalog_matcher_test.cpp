// CatalogMatcher: ranking by node or by the best node of a subtree, ties in
// catalog order, and the expansion of everyday security words.
#include <gtest/gtest.h>

#include "domain/catalog_matcher.h"
#include "domain/security_terms.h"

namespace mamori::domain {

namespace {

Node node(std::string ref, std::string parent, std::string title, std::string text = {}) {
  Node n;
  n.ref = std::move(ref);
  n.parent = std::move(parent);
  n.kind = "item";
  n.title = std::move(title);
  n.text = std::move(text);
  return n;
}

// Two categories, each with items whose words are more specific than the
// category's title: a question in the items' words must still land on the
// category at level 2.
Catalog sample() {
  Catalog c;
  c.info.id = "sample";
  c.nodes = {node("12", "", "運用のセキュリティ"),
             node("12.2", "12", "マルウェアからの保護"),
             node("12.2.1", "12.2", "検出の管理策", "定義ファイルを最新に保ち、ウイルス対策ソフトで全端末を走査する。"),
             node("12.3", "12", "バックアップ"),
             node("12.3.1", "12.3", "情報のバックアップ", "複製を定期的に取得し、復元を試験する。")};
  return c;
}

TEST(CatalogMatcher, RanksTheCategoryByTheBestItemBelowIt) {
  const Catalog c = sample();
  CatalogMatcher matcher(c, {.rank_level = 2, .expand_terms = false});
  auto m = matcher.match("ウイルス対策ソフトの定義ファイルは最新ですか", 5);
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(c.nodes[m[0].node].ref, "12.2");
  for (const auto& hit : m) EXPECT_NE(c.nodes[hit.node].ref, "12") << "nodes above the level are not returned";
}

TEST(CatalogMatcher, LevelZeroReturnsTheItemItself) {
  const Catalog c = sample();
  CatalogMatcher matcher(c, {.rank_level = 0, .expand_terms = false});
  auto m = matcher.match("ウイルス対策ソフトの定義ファイルは最新ですか", 1);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(c.nodes[m[0].node].ref, "12.2.1");
}

TEST(CatalogMatcher, TopLimitsAndScoresAreOrdered) {
  const Catalog c = sample();
  CatalogMatcher matcher(c, {.rank_level = 2});
  auto m = matcher.match("バックアップの複製を定期的に取得し、マルウェアから保護していますか", 1);
  ASSERT_EQ(m.size(), 1u);
  auto all = matcher.match("バックアップの複製を定期的に取得し、マルウェアから保護していますか", 10);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_GE(all[0].score, all[1].score);
  EXPECT_LE(all[0].score, 1.0);
  EXPECT_TRUE(matcher.match("", 5).empty());
  EXPECT_TRUE(matcher.match("zzzz", 5).empty());
}

TEST(CatalogMatcher, EverydayWordsFindTheStandardWording) {
  Catalog c;
  c.info.id = "sample";
  c.nodes = {node("15", "", "供給者関係"), node("15.1", "15", "供給者関係における情報セキュリティ"),
             node("7", "", "人的資源"), node("7.3", "7", "雇用の終了及び変更")};
  CatalogMatcher plain(c, {.rank_level = 2, .expand_terms = false});
  CatalogMatcher expanded(c, {.rank_level = 2, .expand_terms = true});
  EXPECT_TRUE(plain.match("委託先を管理していますか", 3).empty());
  auto m = expanded.match("委託先を管理していますか", 3);
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(c.nodes[m[0].node].ref, "15.1");
  auto leavers = expanded.match("退職者のIDを削除していますか", 3);
  ASSERT_FALSE(leavers.empty());
  EXPECT_EQ(c.nodes[leavers[0].node].ref, "7.3");
}

TEST(SecurityTerms, AppendsTheStandardWordingOnce) {
  EXPECT_EQ(expand_security_terms("特に関係のない文"), "特に関係のない文");
  EXPECT_EQ(expand_security_terms("パッチを当てる"), "パッチを当てる\n技術的ぜい弱性");
}

TEST(CatalogMatcher, DefaultLevelIsTwoForIsmapOnly) {
  Catalog ismap;
  ismap.info.id = "ismap-2024";
  Catalog other;
  other.info.id = "iso27001-2022";
  EXPECT_EQ(default_rank_level(ismap), 2);
  EXPECT_EQ(default_rank_level(other), 0);
}

}  // namespace

}  // namespace mamori::domain
