// Importers look at the rows and columns that hold something
// (XlsxSheet::rows_with_text, XlsxSheet::row_texts), not at
// 1..max_row x 1..max_column: a file with text in A1 and XFD1048576 would
// otherwise cost 17 billion lookups. What they see must equal value().
#include <gtest/gtest.h>

#include "formats/check_sheet_import.h"
#include "formats/service_list.h"
#include "formats/xlsx_reader.h"
#include "formats/xlsx_writer.h"

namespace mamori::formats {
namespace {

using RowTexts = std::vector<std::pair<int, std::string>>;

RowTexts texts_of(const XlsxSheet& sheet, int row) {
  std::vector<XlsxSheet::RowText> texts;
  sheet.row_texts(row, texts);
  RowTexts out;
  for (const auto& t : texts) out.emplace_back(t.column, std::string(t.text));
  return out;
}

// B2:C3 merged with its text in B2, a hidden cell under it (C2), cells
// before and after it, and a far-away cell.
XlsxSheet sheet_with_merged_range() {
  XlsxSheet s;
  s.name = "S";
  s.cells.insert_or_assign({2, 1}, "a2");
  s.cells.insert_or_assign({2, 2}, "merged");
  s.cells.insert_or_assign({2, 3}, "hidden");
  s.cells.insert_or_assign({2, 4}, "d2");
  s.cells.insert_or_assign({3, 5}, "e3");
  s.cells.insert_or_assign({1048576, 16384}, "far");
  s.merged.push_back({{2, 2}, {3, 3}});
  s.max_row = 1048576;
  s.max_column = 16384;
  return s;
}

TEST(SparseSheet, RowTextsAreWhatValueShowsWithoutTheEmptyColumns) {
  for (const bool indexed : {false, true}) {
    XlsxSheet s = sheet_with_merged_range();
    if (indexed) s.index_merged();  // as read_xlsx leaves it
    EXPECT_EQ(s.rows_with_text(), (std::vector<int>{2, 3, 1048576})) << indexed;
    EXPECT_EQ(texts_of(s, 2), (RowTexts{{1, "a2"}, {2, "merged"}, {4, "d2"}})) << indexed;
    EXPECT_EQ(texts_of(s, 3), (RowTexts{{2, "merged"}, {5, "e3"}})) << indexed;  // the range's second row
    EXPECT_EQ(texts_of(s, 1048576), (RowTexts{{16384, "far"}})) << indexed;
    EXPECT_TRUE(texts_of(s, 1).empty()) << indexed;
    // Every text listed is value()'s at that column, and every column
    // outside the list shows nothing or continues a listed merged range.
    for (int row : {2, 3})
      for (const auto& [column, text] : texts_of(s, row)) EXPECT_EQ(s.value(row, column), text);
    EXPECT_EQ(s.value(3, 3), "merged");
    EXPECT_EQ(s.merged_range_at(3, 3), &s.merged[0]);
    EXPECT_EQ(s.merged_range_at(3, 4), nullptr);
  }
}

TEST(SparseSheet, ValueInTheRowsTextsIsValueForEveryColumn) {
  // The check-sheet importer reads an item's cells from its row's texts;
  // inside a merged range (even under it, where a hidden cell may hold
  // text) that must still be the range's text.
  for (const bool indexed : {false, true}) {
    XlsxSheet s = sheet_with_merged_range();
    if (indexed) s.index_merged();
    std::vector<XlsxSheet::RowText> texts;
    for (int row : {1, 2, 3, 4}) {
      s.row_texts(row, texts);
      for (int column = 1; column <= 8; ++column)
        EXPECT_EQ(XlsxSheet::value_in(texts, column), s.value(row, column)) << row << "," << column << " " << indexed;
    }
  }
}

TEST(SparseSheet, AFarAwayCellDoesNotMakeACheckSheetImportWalkTheWholeGrid) {
  XlsxWorkbook book;
  XlsxSheet s;
  s.name = "回答";
  s.cells.insert_or_assign({1, 1}, "項番");
  s.cells.insert_or_assign({1, 2}, "適合状況");
  s.cells.insert_or_assign({2, 1}, "1-1");
  s.cells.insert_or_assign({2, 2}, "○");
  s.cells.insert_or_assign({5, 1}, "1-2");
  s.cells.insert_or_assign({5, 2}, "×");
  s.cells.insert_or_assign({1048576, 16384}, "x");
  s.max_row = 1048576;
  s.max_column = 16384;
  book.sheets.push_back(s);
  // Before rows_with_text this loop did not end in any reasonable time.
  auto imported = import_check_sheet(book, "far.xlsx");
  ASSERT_TRUE(imported) << imported.error().describe();
  ASSERT_EQ(imported->items.size(), 2u);
  EXPECT_EQ(imported->items[0].ref, "1-1");
  EXPECT_EQ(imported->items[1].ref, "1-2");
  EXPECT_EQ(imported->items[1].answer_cell.row, 5);
}

// The service list turns a sheet into rows of cells: as wide as each row's
// last text, so a far-away cell costs one wide row, not the whole grid; past
// the list's 100,000 rows it is refused, naming the cell.
TEST(SparseSheet, AFarAwayCellInAServiceListCostsOneRowOrIsRefusedWithItsPlace) {
  auto list_with = [](int far_row) {
    xlsx::Workbook wb("services.xlsx");
    auto& ws = wb.add_worksheet("ISMAPクラウドサービスリスト");
    const char* header[] = {"登録番号", "サービス名称", "事業者名", "区分", "登録日", "有効期限"};
    const char* row[] = {"C23-0001", "電子申請サービス", "株式会社テスト", "ISMAP", "2023-04-01", "2027-03-31"};
    for (int c = 0; c < 6; ++c) {
      ws.write(0, c, header[c]);
      ws.write(1, c, row[c]);
    }
    ws.write(far_row - 1, 16383, "x");  // column XFD
    return wb.finish();
  };
  auto near = list_with(90'000);
  ASSERT_TRUE(near) << near.error().describe();
  auto imported = import_service_list(near.value(), "services.xlsx");
  ASSERT_TRUE(imported) << imported.error().describe();
  ASSERT_EQ(imported->entries.size(), 1u);
  EXPECT_EQ(imported->entries[0].service, "電子申請サービス");

  auto far = list_with(1'048'576);
  ASSERT_TRUE(far) << far.error().describe();
  auto refused = import_service_list(far.value(), "services.xlsx");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, ErrorCode::too_large);
  EXPECT_EQ(refused.error().where.row, 1'048'576);
  EXPECT_EQ(refused.error().where.column, 16384);
}

// Too many cells before the rows' last texts: refused, with the place.
TEST(SparseSheet, AServiceListWiderThanTheCellBudgetIsRefusedWithItsPlace) {
  xlsx::Workbook wb("wide.xlsx");
  auto& ws = wb.add_worksheet("一覧");
  ws.write(0, 0, "サービス名称");
  for (int r = 1; r <= 200; ++r) ws.write(r, 16383, "x");  // 200 rows reaching column XFD
  auto bytes = wb.finish();
  ASSERT_TRUE(bytes) << bytes.error().describe();
  auto imported = import_service_list(bytes.value(), "wide.xlsx");
  ASSERT_FALSE(imported);
  EXPECT_EQ(imported.error().code, ErrorCode::too_large);
  EXPECT_EQ(imported.error().where.sheet, "一覧");
  EXPECT_EQ(imported.error().where.column, 16384);
  EXPECT_GT(imported.error().where.row, 100);
}

}  // namespace
}  // namespace mamori::formats
