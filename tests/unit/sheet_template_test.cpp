#include <gtest/gtest.h>

#include "domain/catalog_rules.h"
#include "domain/sheet_template.h"

namespace mamori::domain {

namespace {

Node node(const std::string& ref, const std::string& parent, const std::string& kind,
          std::vector<std::string> flags = {}) {
  Node n;
  n.ref = ref;
  n.parent = parent;
  n.kind = kind;
  n.title = "t" + ref;
  n.flags = std::move(flags);
  return n;
}

}  // namespace

TEST(SheetTemplate, RequiredItemsFollowTheIsmapRule) {
  EXPECT_TRUE(is_required_ismap_item(node("5.1.1", "5.1", "objective")));
  EXPECT_TRUE(is_required_ismap_item(node("9.4.2.2.B", "9.4.2", "detail", {"B"})));
  EXPECT_TRUE(is_required_ismap_item(node("6.1.1.13.PB", "6.1.1", "detail", {"P", "B"})));
  EXPECT_FALSE(is_required_ismap_item(node("6.1.1.1", "6.1.1", "detail")));  // 4-digit without B: optional
  EXPECT_FALSE(is_required_ismap_item(node("5.1", "5", "category")));
  EXPECT_TRUE(is_required_ismap_item(node("3.1.2.1", "3.1.2", "item")));
}

TEST(SheetTemplate, DetailedSheetGroupsQuestionsByRootInOrder) {
  Catalog ismap;
  ismap.info.id = "ismap-2024";
  ismap.info.version = "2024-08-01";
  ismap.info.flags = {{"P", {"p", "p"}}, {"B", {"b", "b"}}};
  ismap.nodes = {node("3", "", "part"),         node("3.1", "3", "clause"),          node("3.1.2", "3.1", "process"),
                 node("3.1.2.1", "3.1.2", "item"), node("5", "", "domain"),          node("5.1", "5", "category"),
                 node("5.1.1", "5.1", "objective"), node("5.1.1.1", "5.1.1", "detail"),
                 node("5.1.1.2.PB", "5.1.1", "detail", {"P", "B"}), node("5.1.2", "5.1", "objective"),
                 node("6", "", "domain")};
  auto sheet = derive_detailed_sheet(ismap);
  std::vector<std::string> refs;
  for (const auto& n : sheet.nodes) refs.push_back(n.ref);
  EXPECT_EQ(refs, (std::vector<std::string>{"3", "3.1.2.1", "5", "5.1.1", "5.1.1.2.PB", "5.1.2"}));
  EXPECT_EQ(sheet.nodes[1].parent, "3");
  EXPECT_EQ(sheet.nodes[4].refers_to, std::vector<std::string>{"ismap-2024:5.1.1.2.PB"});
  EXPECT_TRUE(sheet.nodes[4].required);
  EXPECT_EQ(sheet.nodes[4].flags, (std::vector<std::string>{"P", "B"}));
  sheet.info.source = "x";
  EXPECT_TRUE(check_catalog(sheet).empty());
}

}  // namespace mamori::domain
