#include <gtest/gtest.h>

#include "domain/catalog.h"

namespace mamori::domain {

TEST(CompareVersions, NumbersCompareAsNumbers) {
  EXPECT_GT(compare_versions("2024-08-01", "2023-09-22"), 0);
  EXPECT_LT(compare_versions("1.9", "1.10"), 0);
  EXPECT_EQ(compare_versions("2022", "2022"), 0);
  EXPECT_EQ(compare_versions("01", "1"), 0);
  EXPECT_GT(compare_versions("2.0.1", "2.0"), 0);
  EXPECT_LT(compare_versions("2015", "2022"), 0);
}

Catalog tiny() {
  Catalog c;
  c.info.id = "t";
  c.nodes = {{}, {}, {}, {}};
  c.nodes[0].ref = "5";
  c.nodes[1].ref = "5.1";
  c.nodes[1].parent = "5";
  c.nodes[2].ref = "5.1.1";
  c.nodes[2].parent = "5.1";
  c.nodes[3].ref = "6";
  return c;
}

TEST(CatalogIndex, LevelsChildrenAndRoots) {
  auto c = tiny();
  CatalogIndex index(c);
  EXPECT_EQ(index.level_of("5"), 1);
  EXPECT_EQ(index.level_of("5.1.1"), 3);
  EXPECT_EQ(index.level_of("nope"), 0);
  ASSERT_EQ(index.roots().size(), 2u);
  EXPECT_EQ(index.children(*index.index_of("5.1")).size(), 1u);
  EXPECT_EQ(index.find("5.1.1")->parent, "5.1");
  EXPECT_EQ(index.find("x"), nullptr);
}

}  // namespace mamori::domain
