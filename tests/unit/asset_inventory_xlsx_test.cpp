// The asset inventory .xlsx (formats/asset_inventory_xlsx.h): a whole large
// provider's inventory (10,000 assets, issue 7's lab) goes out and comes back
// in one file, one more row is refused, and list cells split as documented.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>

#include "domain/classification.h"
#include "formats/asset_inventory_xlsx.h"

namespace mamori::formats {

namespace {

std::vector<AssetExportRow> inventory(int count) {
  std::vector<AssetExportRow> rows;
  for (int i = 0; i < count; ++i) {
    AssetExportRow row;
    row.asset.name = "顧客データベース #" + std::to_string(i + 1);
    row.asset.type = i % 2 ? domain::AssetType::hardware : domain::AssetType::information;
    row.asset.owner = "情報システム部";
    row.asset.confidentiality = 1 + i % 3;
    row.asset.personal_info = i % 5 == 0;
    row.asset.category = i % 2 ? domain::DataCategory::own : domain::DataCategory::customer_data;
    row.asset.storage_country = "JP";
    row.asset.suppliers = {"株式会社東日本データセンター", "西日本通信株式会社"};
    row.service_names = {"電子申請サービス"};
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

TEST(AssetInventoryXlsxTest, TenThousandAssetsGoOutAndComeBackInOneFile) {
  const auto scheme = domain::government_scheme();
  auto bytes = asset_inventory_xlsx(inventory(kMaxAssetRows), scheme);
  ASSERT_TRUE(bytes) << bytes.error().describe();
  auto parsed = read_asset_inventory(bytes.value(), "assets.xlsx", scheme);
  ASSERT_TRUE(parsed) << parsed.error().describe();
  EXPECT_TRUE(parsed->problems.empty());
  ASSERT_EQ(parsed->rows.size(), 10'000u);
  const ParsedAssetRow& last = parsed->rows.back();
  EXPECT_EQ(last.row, 10'001);
  EXPECT_EQ(last.name, "顧客データベース #10000");
  EXPECT_EQ(last.type, domain::AssetType::hardware);
  EXPECT_EQ(last.confidentiality, 1 + 9'999 % 3);
  EXPECT_EQ(last.category, domain::DataCategory::own);
  EXPECT_EQ(last.service_names(), std::vector<std::string>{"電子申請サービス"});
  EXPECT_TRUE(parsed->rows.front().personal_info);
  // asset() is the domain value the row describes.
  const domain::Asset asset = last.asset();
  EXPECT_EQ(asset.name, "顧客データベース #10000");
  EXPECT_EQ(asset.owner, "情報システム部");
  EXPECT_EQ(asset.type, domain::AssetType::hardware);
  EXPECT_EQ(asset.confidentiality, 1 + 9'999 % 3);
  EXPECT_EQ(asset.storage_country, "JP");
  EXPECT_EQ(asset.suppliers, (std::vector<std::string>{"株式会社東日本データセンター", "西日本通信株式会社"}));
  EXPECT_TRUE(asset.service_ids.empty());
}

// The rows are views into the workbook the sheet holds: they stay readable
// in a copy after the original and the file's bytes are gone (ASan would
// catch a dangling view).
TEST(AssetInventoryXlsxTest, RowsOutliveTheFileAndTheOriginalSheet) {
  const auto scheme = domain::government_scheme();
  std::optional<ParsedAssetSheet> copy;
  {
    auto bytes = asset_inventory_xlsx(inventory(3), scheme);
    ASSERT_TRUE(bytes);
    auto parsed = read_asset_inventory(bytes.value(), "assets.xlsx", scheme);
    ASSERT_TRUE(parsed) << parsed.error().describe();
    copy = parsed.value();
  }
  ASSERT_EQ(copy->rows.size(), 3u);
  EXPECT_EQ(copy->rows[2].name, "顧客データベース #3");
  EXPECT_EQ(copy->rows[2].owner, "情報システム部");
  EXPECT_EQ(copy->rows[2].asset().suppliers.size(), 2u);
}

TEST(AssetInventoryXlsxTest, OneRowMoreThanTheLimitIsRefusedAsAProblem) {
  const auto scheme = domain::government_scheme();
  auto bytes = asset_inventory_xlsx(inventory(kMaxAssetRows + 1), scheme);
  ASSERT_TRUE(bytes);
  auto parsed = read_asset_inventory(bytes.value(), "assets.xlsx", scheme);
  ASSERT_TRUE(parsed);
  ASSERT_EQ(parsed->problems.size(), 1u);
  EXPECT_EQ(parsed->problems.front().reason, "too_many_rows");
  EXPECT_TRUE(parsed->rows.empty());
}

TEST(AssetInventoryXlsxTest, ListCellsSplitOnLinesAndJapaneseOrAsciiSeparators) {
  EXPECT_EQ(split_list_cell(" a \n b、c，d,e;f\r\n\n"),
            (std::vector<std::string>{"a", "b", "c", "d", "e", "f"}));
  EXPECT_EQ(split_list_cell("東京、 大阪"), (std::vector<std::string>{"東京", "大阪"}));
  EXPECT_TRUE(split_list_cell(" ;,、 ").empty());
  EXPECT_EQ(split_list_cell("あいう"), std::vector<std::string>{"あいう"});
}

// Rows and problems of a large sheet come back complete and in row order,
// each problem with its own row, column and field.
TEST(AssetInventoryXlsxTest, ALargeSheetKeepsRowOrderAndEachProblemsPlace) {
  const auto scheme = domain::government_scheme();
  auto rows = inventory(3000);
  const std::vector<int> bad_rows = {0, 1499, 1500, 1501, 2999};  // indexes; sheet row = index + 2
  for (int i : bad_rows) rows[static_cast<std::size_t>(i)].asset.storage_country = "日本国";
  auto bytes = asset_inventory_xlsx(rows, scheme);
  ASSERT_TRUE(bytes) << bytes.error().describe();
  auto parsed = read_asset_inventory(bytes.value(), "assets.xlsx", scheme);
  ASSERT_TRUE(parsed) << parsed.error().describe();

  ASSERT_EQ(parsed->rows.size(), 3000u);
  for (std::size_t i = 0; i < parsed->rows.size(); ++i) {
    const ParsedAssetRow& row = parsed->rows[i];
    ASSERT_EQ(row.row, static_cast<int>(i) + 2);
    EXPECT_EQ(row.name, "顧客データベース #" + std::to_string(i + 1));
    const bool bad = std::find(bad_rows.begin(), bad_rows.end(), static_cast<int>(i)) != bad_rows.end();
    EXPECT_EQ(row.has_problems, bad) << "row " << row.row;
  }
  ASSERT_EQ(parsed->problems.size(), bad_rows.size());
  for (std::size_t k = 0; k < bad_rows.size(); ++k) {
    EXPECT_EQ(parsed->problems[k].where.row, bad_rows[k] + 2);
    EXPECT_EQ(parsed->problems[k].where.field, "storage_country");
    EXPECT_EQ(parsed->problems[k].where.column, parsed->columns.at("storage_country"));
    EXPECT_EQ(parsed->problems[k].reason, "invalid_country");
  }
}

}  // namespace mamori::formats
