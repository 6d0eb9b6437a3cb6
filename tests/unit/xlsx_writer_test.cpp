// The .xlsx writer (formats/xlsx_writer.h): what it writes reads back the
// same through our reader and through openpyxl (a reader we did not write),
// text of every awkward kind survives, and what Excel would refuse is an
// error naming the sheet and cell instead of a broken file.
#include <gtest/gtest.h>
#include <zip.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "formats/xlsx_reader.h"
#include "formats/xlsx_writer.h"
#include "formats/zip_writer.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace mamori::formats {
namespace {

using nlohmann::json;

const XlsxSheet& sheet_named(const XlsxWorkbook& wb, const std::string& name) {
  for (const auto& s : wb.sheets)
    if (s.name == name) return s;
  ADD_FAILURE() << "no sheet " << name;
  static XlsxSheet none;
  return none;
}

XlsxWorkbook read_back(const std::string& bytes) {
  auto wb = read_xlsx(bytes, "written.xlsx");
  EXPECT_TRUE(wb) << (wb ? "" : wb.error().describe());
  return wb ? std::move(wb.value()) : XlsxWorkbook{};
}

// openpyxl's view of the first sheet's layout and styles, as JSON.
json openpyxl_layout(const std::string& bytes) {
  test::TempDir dir;
  const std::string path = dir.file("written.xlsx");
  test::write_file(path, bytes);
  const char* script = R"PY(
import json, sys, warnings
warnings.simplefilter("ignore")
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
def style(ref):
    c = ws[ref]
    return {"bold": bool(c.font.b), "italic": bool(c.font.i), "size": c.font.sz,
            "font": str(c.font.color.rgb) if c.font.color is not None else None,
            "fill": str(c.fill.fgColor.rgb) if c.fill.fill_type == "solid" else None,
            "border": c.border.left.style, "wrap": bool(c.alignment.wrap_text),
            "horizontal": c.alignment.horizontal, "vertical": c.alignment.vertical,
            "locked": bool(c.protection.locked)}
dv = ws.data_validations.dataValidation[0]
print(json.dumps({
    "sheets": wb.sheetnames,
    "title": wb.properties.title, "subject": wb.properties.subject,
    "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,
    "merged": sorted(str(r) for r in ws.merged_cells.ranges),
    "width_b": ws.column_dimensions["B"].width, "height_3": ws.row_dimensions[3].height,
    "validation": {"type": dv.type, "sqref": str(dv.sqref), "formula": dv.formula1,
                   "prompt": dv.prompt, "promptTitle": dv.promptTitle, "error": dv.error},
    "landscape": ws.page_setup.orientation, "fit": ws.sheet_properties.pageSetUpPr.fitToPage,
    "fit_height": ws.page_setup.fitToHeight,
    "print_titles": ws.print_title_rows,
    "number": ws["C4"].value,
    "header": style("A1"), "answer": style("B2"), "plain": style("C4"),
}, ensure_ascii=False))
)PY";
  auto r = test::run({"/usr/bin/python3", "-c", script, path});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.exit_code == 0 ? json::parse(r.out) : json::object();
}

TEST(XlsxWriter, TextOfEveryKindReadsBackAsWritten) {
  const std::vector<std::string> texts = {
      "適合状況 (○/×)",
      "a & b < c > d \"quoted\" 'single'",
      "  leading and trailing spaces  ",
      "line one\nline two\n",
      "tab\there",
      "carriage\r\nreturn",
      "bell\x07 and nul-free control \x1F",
      "_x0041_ is not an A",        // Excel's escape syntax, meant literally
      "emoji 😀 beyond U+FFFF",
      "]]> and <![CDATA[",
  };
  xlsx::Workbook wb;
  auto& ws = wb.add_worksheet("テキスト");
  for (std::size_t i = 0; i < texts.size(); ++i) ws.write(static_cast<int>(i), 0, texts[i]);
  auto bytes = wb.finish();
  ASSERT_TRUE(bytes) << bytes.error().describe();
  const auto read = read_back(bytes.value());
  const auto& s = sheet_named(read, "テキスト");
  for (std::size_t i = 0; i < texts.size(); ++i) EXPECT_EQ(s.raw(static_cast<int>(i) + 1, 1), texts[i]) << i;
}

TEST(XlsxWriter, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  xlsx::Workbook wb;
  wb.add_worksheet("S").write(0, 0, std::string("ok \xFF\xC3 end \xE3\x81"));
  auto bytes = wb.finish();
  ASSERT_TRUE(bytes) << bytes.error().describe();
  const auto read = read_back(bytes.value());
  // One U+FFFD per byte that is not part of a well-formed sequence.
  EXPECT_EQ(sheet_named(read, "S").raw(1, 1), "ok \xEF\xBF\xBD\xEF\xBF\xBD end \xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(XlsxWriter, CellsInAnyOrderTheLastWriteWinning) {
  xlsx::Workbook wb;
  auto& ws = wb.add_worksheet("S");
  ws.write(5, 3, "D6 first");
  ws.write(0, 2, "C1");
  ws.write(5, 1, "B6");
  ws.write(5, 3, "D6 second");
  ws.write_number(0, 0, 42.5);
  ws.write(0, 1, "");  // no style: nothing at all
  auto bytes = wb.finish();
  ASSERT_TRUE(bytes) << bytes.error().describe();
  const auto read = read_back(bytes.value());
  const auto& s = sheet_named(read, "S");
  EXPECT_EQ(s.raw(6, 4), "D6 second");
  EXPECT_EQ(s.raw(6, 2), "B6");
  EXPECT_EQ(s.raw(1, 3), "C1");
  EXPECT_EQ(s.raw(1, 1), "42.5");
  EXPECT_EQ(s.cells.count({1, 2}), 0u);
  EXPECT_EQ(s.cells.size(), 4u);
}

TEST(XlsxWriter, MergedRangesReadAsTheirTopLeftCell) {
  xlsx::Workbook wb;
  auto& ws = wb.add_worksheet("S");
  ws.merge(2, 0, 3, 2, "merged text");
  auto bytes = wb.finish();
  ASSERT_TRUE(bytes) << bytes.error().describe();
  const auto read = read_back(bytes.value());
  const auto& s = sheet_named(read, "S");
  ASSERT_EQ(s.merged.size(), 1u);
  EXPECT_EQ(s.value(4, 3), "merged text");
  EXPECT_EQ(s.raw(4, 3), "");
}

TEST(XlsxWriter, OpenpyxlSeesLayoutStylesValidationsAndPrinting) {
  xlsx::Workbook wb;
  wb.set_properties("題名 Title", "件名 Subject", "会社 Company");
  const auto header = wb.add_style({.bold = true, .fill = 0xDDEBF7, .border = true, .wrap = true,
                                    .vertical = xlsx::VerticalAlign::center});
  const auto answer = wb.add_style({.italic = true,
                                    .font_size = 12,
                                    .font_color = 0x9C0006,
                                    .fill = 0xFFF2CC,
                                    .border = true,
                                    .horizontal = xlsx::HorizontalAlign::center,
                                    .vertical = xlsx::VerticalAlign::top,
                                    .unlocked = true});
  EXPECT_EQ(wb.add_style({.bold = true, .fill = 0xDDEBF7, .border = true, .wrap = true,
                          .vertical = xlsx::VerticalAlign::center}),
            header);  // the same style is one entry
  auto& ws = wb.add_worksheet("回答 Answers");
  ws.write(0, 0, "項番", header);
  ws.write_blank(1, 1, answer);
  ws.set_row(2, 150);
  ws.write_number(3, 2, 7);
  ws.set_column(1, 1, 18);
  ws.merge(4, 0, 4, 3, "note");
  ws.freeze_panes(1, 2);
  ws.autofilter(0, 0, 3, 3);
  ws.list_validation({.first_row = 1,
                      .first_column = 1,
                      .last_row = 9,
                      .last_column = 1,
                      .values = {"○", "×", "－"},
                      .prompt_title = "回答 / Answer",
                      .prompt = "○ または ×",
                      .error_title = "選択肢",
                      .error = "一覧から選んでください"});
  ws.set_landscape();
  ws.fit_to_width();
  ws.repeat_rows(0, 0);
  wb.add_worksheet("Second");
  auto bytes = wb.finish();
  ASSERT_TRUE(bytes) << bytes.error().describe();

  const json v = openpyxl_layout(bytes.value());
  ASSERT_FALSE(v.empty());
  EXPECT_EQ(v["sheets"], json::array({"回答 Answers", "Second"}));
  EXPECT_EQ(v["title"], "題名 Title");
  EXPECT_EQ(v["subject"], "件名 Subject");
  EXPECT_EQ(v["freeze"], "C2");
  EXPECT_EQ(v["filter"], "A1:D4");
  EXPECT_EQ(v["merged"], json::array({"A5:D5"}));
  EXPECT_DOUBLE_EQ(v["width_b"].get<double>(), 18.7109375);  // as Excel stores 18 characters
  EXPECT_DOUBLE_EQ(v["height_3"].get<double>(), 150);
  EXPECT_EQ(v["validation"]["type"], "list");
  EXPECT_EQ(v["validation"]["sqref"], "B2:B10");
  EXPECT_EQ(v["validation"]["formula"], "\"○,×,－\"");
  EXPECT_EQ(v["validation"]["prompt"], "○ または ×");
  EXPECT_EQ(v["validation"]["promptTitle"], "回答 / Answer");
  EXPECT_EQ(v["validation"]["error"], "一覧から選んでください");
  EXPECT_EQ(v["landscape"], "landscape");
  EXPECT_EQ(v["fit"], true);
  EXPECT_EQ(v["fit_height"], 0);
  EXPECT_EQ(v["print_titles"], "$1:$1");
  EXPECT_EQ(v["number"], 7);
  EXPECT_EQ(v["header"]["bold"], true);
  EXPECT_EQ(v["header"]["fill"], "FFDDEBF7");
  EXPECT_EQ(v["header"]["border"], "thin");
  EXPECT_EQ(v["header"]["wrap"], true);
  EXPECT_EQ(v["header"]["vertical"], "center");
  EXPECT_EQ(v["header"]["locked"], true);
  EXPECT_EQ(v["answer"]["italic"], true);
  EXPECT_EQ(v["answer"]["size"], 12);
  EXPECT_EQ(v["answer"]["font"], "FF9C0006");
  EXPECT_EQ(v["answer"]["fill"], "FFFFF2CC");
  EXPECT_EQ(v["answer"]["horizontal"], "center");
  EXPECT_EQ(v["answer"]["vertical"], "top");
  EXPECT_EQ(v["answer"]["locked"], false);
  EXPECT_EQ(v["plain"]["bold"], false);
  EXPECT_EQ(v["plain"]["fill"], nullptr);
}

TEST(XlsxWriter, TheSameContentGivesTheSameBytes) {
  auto book = [] {
    xlsx::Workbook wb;
    auto& ws = wb.add_worksheet("S");
    for (int r = 0; r < 100; ++r) ws.write(r, 0, "row " + std::to_string(r));
    return wb.finish();
  };
  auto a = book(), b = book();
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a.value(), b.value());
}

TEST(XlsxWriter, TextLongerThanExcelHoldsIsAnErrorNamingTheCell) {
  xlsx::Workbook wb("export.xlsx");
  auto& ws = wb.add_worksheet("資産");
  ws.write(0, 0, std::string(xlsx::kMaxCellCharacters, 'a'));  // exactly the limit: fine
  ws.write(4, 2, std::string(xlsx::kMaxCellCharacters + 1, 'a'));
  auto bytes = wb.finish();
  ASSERT_FALSE(bytes);
  EXPECT_EQ(bytes.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(bytes.error().where.sheet, "資産");
  EXPECT_EQ(bytes.error().where.row, 5);
  EXPECT_EQ(bytes.error().where.column, 3);
  EXPECT_NE(bytes.error().message.find("C5"), std::string::npos) << bytes.error().message;
  // Excel counts UTF-16 units: a character beyond U+FFFF counts twice.
  EXPECT_EQ(xlsx::excel_length("😀"), 2u);
  EXPECT_EQ(xlsx::excel_length("○×"), 2u);
}

TEST(XlsxWriter, SheetNamesExcelRefusesAreErrors) {
  for (const std::string& bad : std::vector<std::string>{"", "a/b", "[x]", "what?", "'quoted'", std::string(32, 'x')}) {
    xlsx::Workbook wb;
    wb.add_worksheet(bad);
    EXPECT_FALSE(wb.finish()) << bad;
  }
  xlsx::Workbook twice;
  twice.add_worksheet("Sheet");
  twice.add_worksheet("SHEET");  // Excel compares tab names without case
  auto r = twice.finish();
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("two sheets"), std::string::npos) << r.error().message;
  xlsx::Workbook fine;
  fine.add_worksheet(std::string(31, 'x'));
  EXPECT_TRUE(fine.finish());
}

TEST(XlsxWriter, CellsOutsideExcelsGridAndOverlongListsAreErrors) {
  {
    xlsx::Workbook wb;
    wb.add_worksheet("S").write(1'048'576, 0, "one row too far");
    EXPECT_FALSE(wb.finish());
  }
  {
    xlsx::Workbook wb;
    wb.add_worksheet("S").write(0, 16'384, "one column too far");
    EXPECT_FALSE(wb.finish());
  }
  {
    xlsx::Workbook wb;
    wb.add_worksheet("S").list_validation({.values = {std::string(300, 'x')}});
    EXPECT_FALSE(wb.finish());
  }
}

TEST(ZipWriter, EntriesReadBackWithTheirCrcDeflatedOnlyWhenSmaller) {
  std::mt19937 random(7);
  std::string noise(4096, '\0');
  for (auto& c : noise) c = static_cast<char>(random());
  const std::string text(100'000, 'x');
  ZipWriter zip;
  zip.add("text.xml", text);
  zip.add("noise.bin", noise);
  zip.add("empty", "");
  auto archive = zip.finish();
  ASSERT_TRUE(archive);
  EXPECT_LT(archive.value().size(), noise.size() + 2'000);  // the text compressed to almost nothing

  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(archive.value().data(), archive.value().size(), 0, &error);
  ASSERT_NE(source, nullptr);
  zip_t* z = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  ASSERT_NE(z, nullptr) << zip_error_strerror(&error);
  ASSERT_EQ(zip_get_num_entries(z, 0), 3);
  auto read = [&](const char* name, const std::string& expected, std::uint16_t method) {
    zip_stat_t st;
    ASSERT_EQ(zip_stat(z, name, 0, &st), 0) << name;
    EXPECT_EQ(st.comp_method, method) << name;
    std::string data(st.size, '\0');
    zip_file_t* f = zip_fopen(z, name, 0);
    ASSERT_NE(f, nullptr) << name;
    EXPECT_EQ(zip_fread(f, data.data(), data.size()), static_cast<zip_int64_t>(data.size()));
    EXPECT_EQ(zip_fclose(f), 0) << name;  // 0: the CRC matched
    EXPECT_EQ(data, expected) << name;
  };
  read("text.xml", text, ZIP_CM_DEFLATE);
  read("noise.bin", noise, ZIP_CM_STORE);
  read("empty", "", ZIP_CM_STORE);
  zip_close(z);
}

}  // namespace
}  // namespace mamori::formats
