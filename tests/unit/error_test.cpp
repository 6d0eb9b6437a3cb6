#include <gtest/gtest.h>

#include "domain/error.h"

namespace mamori {

TEST(Location, NamesSpreadsheetCellsWithColumnLetters) {
  EXPECT_EQ(Location::in_cell("a.xlsx", "回答", 12, 3).to_string(), "a.xlsx, sheet 回答, row 12, column C");
  EXPECT_EQ(Location::in_cell("a.xlsx", "s", 1, 26).to_string(), "a.xlsx, sheet s, row 1, column Z");
  EXPECT_EQ(Location::in_cell("a.xlsx", "s", 1, 27).to_string(), "a.xlsx, sheet s, row 1, column AA");
  EXPECT_EQ(Location::in_cell("a.xlsx", "s", 1, 703).to_string(), "a.xlsx, sheet s, row 1, column AAA");
}

TEST(Location, NamesTextFilesLikeACompiler) {
  EXPECT_EQ(Location::in_file("c.yaml", 7).to_string(), "c.yaml:7");
  EXPECT_EQ(Location::in_file("c.yaml").to_string(), "c.yaml");
  EXPECT_EQ(Location::in_field("email").to_string(), "field email");
  EXPECT_TRUE(Location{}.empty());
}

TEST(Error, DescribeStartsWithThePlace) {
  auto e = make_error(ErrorCode::invalid_input, "unknown flag", Location::in_file("x.yaml", 3));
  EXPECT_EQ(e.describe(), "x.yaml:3: unknown flag");
  EXPECT_EQ(make_error(ErrorCode::io, "disk full").describe(), "disk full");
  EXPECT_STREQ(to_string(ErrorCode::not_found), "not_found");
}

TEST(Result, HoldsAValueOrAnError) {
  Result<int> good = 5;
  ASSERT_TRUE(good);
  EXPECT_EQ(*good, 5);
  Result<int> bad = make_error(ErrorCode::conflict, "taken");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::conflict);
}

}  // namespace mamori
