#include <gtest/gtest.h>

#include "domain/catalog_rules.h"

namespace mamori::domain {

namespace {

Catalog valid() {
  Catalog c;
  c.info.id = "demo";
  c.info.version = "1";
  c.info.title = "デモ";
  c.info.title_en = "Demo";
  c.info.source = "test";
  c.info.kinds = {"part", "item"};
  c.info.flags = {{"P", {"クラウド", "Cloud"}}};
  c.info.attributes = {{"control_type", {"管理策タイプ", "Control type"}, {{"preventive", {"予防", "Preventive"}}}}};
  Node root;
  root.ref = "1";
  root.kind = "part";
  root.title = "一";
  root.source_line = 10;
  Node child;
  child.ref = "1.1";
  child.parent = "1";
  child.kind = "item";
  child.title = "一の一";
  child.flags = {"P"};
  child.attributes = {{"control_type", {"preventive"}}};
  child.source_line = 14;
  c.nodes = {root, child};
  return c;
}

bool mentions(const std::vector<Problem>& problems, const std::string& text, int line = -1) {
  for (const auto& p : problems)
    if (p.message.find(text) != std::string::npos && (line < 0 || p.line == line)) return true;
  return false;
}

}  // namespace

TEST(CheckCatalog, AcceptsAValidCatalog) { EXPECT_TRUE(check_catalog(valid()).empty()); }

TEST(CheckCatalog, DuplicateRefNamesBothLines) {
  auto c = valid();
  c.nodes.push_back(c.nodes[1]);
  c.nodes.back().source_line = 20;
  auto p = check_catalog(c);
  EXPECT_TRUE(mentions(p, "duplicate ref 1.1 (first defined at line 14)", 20));
}

TEST(CheckCatalog, DanglingParent) {
  auto c = valid();
  c.nodes[1].parent = "9";
  EXPECT_TRUE(mentions(check_catalog(c), "parent 9 is not defined above this node", 14));
}

TEST(CheckCatalog, ParentMustComeEarlier) {
  auto c = valid();
  std::swap(c.nodes[0], c.nodes[1]);
  EXPECT_TRUE(mentions(check_catalog(c), "dangling parent"));
}

TEST(CheckCatalog, UnknownFlagKindAndAttribute) {
  auto c = valid();
  c.nodes[1].flags = {"Q"};
  c.nodes[1].kind = "chapter";
  c.nodes[1].attributes = {{"control_type", {"reactive"}}, {"colour", {"red"}}};
  auto p = check_catalog(c);
  EXPECT_TRUE(mentions(p, "unknown flag \"Q\"", 14));
  EXPECT_TRUE(mentions(p, "unknown kind \"chapter\"", 14));
  EXPECT_TRUE(mentions(p, "unknown value \"reactive\"", 14));
  EXPECT_TRUE(mentions(p, "unknown attribute \"colour\"", 14));
}

TEST(CheckCatalog, HeaderAndRequiredFields) {
  auto c = valid();
  c.info.id = "Bad Id";
  c.info.source.clear();
  c.nodes[0].title.clear();
  c.nodes[1].ref = "1 1";
  auto p = check_catalog(c);
  EXPECT_TRUE(mentions(p, "catalog.id"));
  EXPECT_TRUE(mentions(p, "catalog.source is missing"));
  EXPECT_TRUE(mentions(p, "title is missing", 10));
  EXPECT_TRUE(mentions(p, "ref \"1 1\""));
}

TEST(CheckCatalog, AnswerSpecs) {
  auto c = valid();
  c.nodes[1].answer = AnswerSpec{"choice", {}, {}};
  EXPECT_TRUE(mentions(check_catalog(c), "needs options"));
  c.nodes[1].answer = AnswerSpec{"slider", {}, {}};
  EXPECT_TRUE(mentions(check_catalog(c), "unknown answer type"));
}

TEST(CheckMapping, EveryEndMustResolve) {
  auto from = valid();
  auto to = valid();
  to.info.id = "other";
  Mapping m{"m", "demo", "other", "t", "s", "method", "", {{"1.1", "1", Relationship::subset, "", 3}, {"9", "1", Relationship::equal, "", 4}, {"1", "7", Relationship::equal, "", 5}, {"1.1", "1", Relationship::equal, "", 6}}, "m.yaml"};
  auto p = check_mapping(m, &from, &to);
  EXPECT_TRUE(mentions(p, "from \"9\" is not a node of demo", 4));
  EXPECT_TRUE(mentions(p, "to \"7\" is not a node of other", 5));
  EXPECT_TRUE(mentions(p, "listed twice", 6));
  EXPECT_TRUE(mentions(check_mapping(m, nullptr, &to), "not loaded"));
}

TEST(CheckMapping, AttributeMappingsUseTheVocabulary) {
  auto from = valid();
  auto to = valid();
  Mapping m{"m", "demo", "demo", "t", "s", "method", "control_type", {{"preventive", "1", Relationship::equal, "", 3}, {"curative", "1", Relationship::equal, "", 4}}, "m.yaml"};
  auto p = check_mapping(m, &from, &to);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_TRUE(mentions(p, "\"curative\" is not a value of attribute control_type", 4));
  auto expanded = expand_mapping(m, from);
  ASSERT_EQ(expanded.size(), 1u);  // only 1.1 has control_type = preventive
  EXPECT_EQ(expanded[0].from, "1.1");
  EXPECT_EQ(expanded[0].rel, Relationship::subset);
}

TEST(CheckReferences, RefersToMustResolve) {
  auto sheet = valid();
  auto target = valid();
  target.info.id = "ismap";
  sheet.nodes[1].refers_to = {"ismap:1.1", "ismap:9.9", "nope:1"};
  auto p = check_references(sheet, {&target});
  EXPECT_EQ(p.size(), 2u);
  EXPECT_TRUE(mentions(p, "ismap:9.9 does not exist"));
  EXPECT_TRUE(mentions(p, "catalog \"nope\""));
}

TEST(Relationship, InverseAndParse) {
  EXPECT_EQ(inverse(Relationship::subset), Relationship::superset);
  EXPECT_EQ(inverse(Relationship::equal), Relationship::equal);
  EXPECT_EQ(parse_relationship("intersect"), Relationship::intersect);
  EXPECT_FALSE(parse_relationship("overlaps"));
}

}  // namespace mamori::domain
