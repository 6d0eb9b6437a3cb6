// `mamori sheet evaluate` and `mamori sheet new` as a procurer runs them: the
// shared sample files evaluate as their README says; messy layouts (a cover
// sheet, moved headers, reordered and renamed columns, merged cells, blank
// rows, every answer spelling) read the same; hostile files fail with exit
// 2 in seconds.
#include <gtest/gtest.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <chrono>
#include <map>
#include <nlohmann/json.hpp>

#include "formats/xlsx_reader.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace mamori {

namespace {

using nlohmann::json;

const std::string kSheets = std::string(MAMORI_SEEDS_DIR) + "/../testdata/sheets/";

test::ProcessResult mamori(std::vector<std::string> args) {
  args.insert(args.begin(), MAMORI_BINARY);
  return test::run(args);
}

json evaluate(const std::string& file, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"sheet", "evaluate", file, "--ismap-list", kSheets + "ismap-list-sample.csv", "--as-of",
                                "2026-11-22", "--json"};
  args.insert(args.end(), extra.begin(), extra.end());
  auto r = mamori(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return json::parse(r.out);
}

std::map<std::string, json> items_by_ref(const json& report) {
  std::map<std::string, json> out;
  for (const auto& i : report["items"]) out[i["ref"]] = i;
  return out;
}

// The 44 summary items with their ISMAP numbers, in order.
const std::vector<std::pair<std::string, std::string>>& summary_items() {
  static const std::vector<std::pair<std::string, std::string>> items = [] {
    std::vector<std::pair<std::string, std::string>> v{{"3-1", "3.1"}};
    for (int i = 1; i <= 6; ++i) v.push_back({"4-" + std::to_string(i), "4." + std::to_string(i + 3)});
    const char* ismap[] = {"5.1",  "6.1",  "6.2",  "6.3.P", "7.1",  "7.2",  "7.3",  "8.1",  "8.2",  "8.3",
                           "9.1",  "9.2",  "9.3",  "9.4",   "9.5.P", "10.1", "11.1", "11.2", "12.1", "12.2",
                           "12.3", "12.4", "12.5", "12.6",  "12.7", "13.1", "13.2", "14.1", "14.2", "14.3",
                           "15.1", "15.2", "16.1", "17.1",  "17.2", "18.1", "18.2"};
    for (int i = 1; i <= 37; ++i) v.push_back({"5-" + std::to_string(i), ismap[i - 1]});
    return v;
  }();
  return items;
}

// A messy but valid answered sheet, built with libxlsxwriter: a cover sheet
// first, the table starting lower down with its columns in another order and
// other header words, a merged title cell, blank rows between items, and
// the answers written in `answers` (by ref; default ○).
void write_messy_sheet(const std::string& path, const std::map<std::string, std::pair<std::string, std::string>>& answers,
                       bool full_width_refs = false) {
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* cover = workbook_add_worksheet(wb, "表紙");
  worksheet_write_string(cover, 0, 0, "株式会社テスト クラウドサービス 回答書", nullptr);
  worksheet_write_string(cover, 2, 0, "提出日: 2026年11月20日", nullptr);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "回答");
  worksheet_merge_range(ws, 2, 0, 2, 5, "別紙 クラウドサービス要件確認（回答）", nullptr);
  // Section 1 further down, columns reordered.
  int row = 6;
  const char* h1[] = {"No.", "機密性", "項目", "取り扱う（保存する）情報の詳細", "要求事項"};
  for (int c = 0; c < 5; ++c) worksheet_write_string(ws, row, c, h1[c], nullptr);
  ++row;
  worksheet_write_string(ws, row, 0, full_width_refs ? "１" : "1", nullptr);
  worksheet_write_string(ws, row, 1, "機密性 3 C", nullptr);
  worksheet_write_string(ws, row, 3, "住民からの問合せ履歴", nullptr);
  row += 3;
  // Section 2 with columns in another order: 回答 before 要求事項, 番号 last.
  const char* h2[] = {"代替対策", "回答", "要求事項", "ISMAP管理基準番号", "番号"};
  for (int c = 0; c < 5; ++c) worksheet_write_string(ws, row, c, h2[c], nullptr);
  ++row;
  for (const auto& [ref, ismap] : summary_items()) {
    auto it = answers.find(ref);
    const std::string answer = it == answers.end() ? "○" : it->second.first;
    const std::string remark = it == answers.end() ? "" : it->second.second;
    std::string written_ref = ref;
    if (full_width_refs) {
      std::string fw;
      for (char ch : ref) fw += ch == '-' ? std::string("－") : std::string("\xEF\xBC") + static_cast<char>(0x90 + (ch - '0'));
      written_ref = fw;
    }
    worksheet_write_string(ws, row, 0, remark.c_str(), nullptr);
    worksheet_write_string(ws, row, 1, answer.c_str(), nullptr);
    worksheet_write_string(ws, row, 2, "要求事項の本文", nullptr);
    worksheet_write_string(ws, row, 3, ismap.c_str(), nullptr);
    if (ref == "5-10") {
      // The item spans two rows, its cells merged.
      worksheet_merge_range(ws, row, 4, row + 1, 4, written_ref.c_str(), nullptr);
      worksheet_merge_range(ws, row, 1, row + 1, 1, answer.c_str(), nullptr);
      row += 2;
    } else {
      worksheet_write_string(ws, row, 4, written_ref.c_str(), nullptr);
      ++row;
    }
    if (ref == "4-6" || ref == "5-20") row += 2;  // blank rows
  }
  workbook_close(wb);
}

}  // namespace

TEST(SheetEvaluate, TheSharedSamplesEvaluateAsTheirReadmeSays) {
  auto a = evaluate(kSheets + "vendor-a-all-met.xlsx");
  EXPECT_EQ(a["verdict"], "conforming");
  EXPECT_EQ(a["ismap_listed"], false);
  EXPECT_EQ(a["ground"], "items");
  EXPECT_EQ(a["classification"], "3C");
  EXPECT_EQ(a["items"].size(), 44u);
  EXPECT_EQ(a["counts"]["met"], 44);
  EXPECT_TRUE(a["problems"].empty()) << a["problems"].dump();

  auto b = evaluate(kSheets + "vendor-b-alternatives.xlsx");
  EXPECT_EQ(b["verdict"], "conditional");
  auto bi = items_by_ref(b);
  for (const char* ref : {"5-17", "5-18", "5-35"}) {
    EXPECT_EQ(bi[ref]["status"], "needs_review") << ref;
    EXPECT_EQ(bi[ref]["answer"], "no") << ref;
    EXPECT_FALSE(bi[ref]["alternative"].get<std::string>().empty()) << ref;
  }
  EXPECT_EQ(bi["5-17"]["ismap_ref"], "11.1");
  EXPECT_EQ(b["counts"]["needs_review"], 3);

  auto c = evaluate(kSheets + "vendor-c-unmet.xlsx");
  EXPECT_EQ(c["verdict"], "nonconforming");
  auto ci = items_by_ref(c);
  EXPECT_EQ(ci["5-3"]["status"], "unmet");
  EXPECT_EQ(ci["5-3"]["answer"], "no");
  EXPECT_EQ(ci["5-24"]["status"], "unmet");
  EXPECT_EQ(ci["5-24"]["answer"], "blank");
  EXPECT_EQ(c["classification"], "3B");
  ASSERT_EQ(c["warnings"].size(), 1u);
  EXPECT_EQ(c["warnings"][0]["code"], "classification_3b_unlisted");

  auto d = evaluate(kSheets + "vendor-d-ismap-listed.xlsx");
  EXPECT_EQ(d["verdict"], "conforming");
  EXPECT_EQ(d["ismap_listed"], true);
  EXPECT_EQ(d["ground"], "ismap_listing");
  EXPECT_EQ(d["listing"]["status"], "listed");
  EXPECT_EQ(d["listing"]["entry"]["registration"], "C99-0001-1");
}

TEST(SheetEvaluate, AnExpiredRegistrationIsReported) {
  test::TempDir dir;
  // vendor-d names サンプルSaaS; the list's second row is expired: point it there.
  const std::string list = dir.file("list.csv");
  test::write_file(list,
                   "登録番号,サービス名称,事業者名,区分,登録日,有効期限\n"
                   "C99-0001-1,サンプルSaaS,サンプルクラウド株式会社,ISMAP,2023-04-01,2025-03-31\n");
  auto r = mamori({"sheet", "evaluate", kSheets + "vendor-d-ismap-listed.xlsx", "--ismap-list", list, "--as-of",
                   "2026-11-22", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = json::parse(r.out);
  EXPECT_EQ(j["listing"]["status"], "expired");
  EXPECT_EQ(j["ismap_listed"], false);
  EXPECT_EQ(j["verdict"], "nonconforming");  // its items were left unanswered
  EXPECT_EQ(j["warnings"][0]["code"], "registration_expired");
  // Evaluated on a date while it was valid, it conforms.
  auto then = mamori({"sheet", "evaluate", kSheets + "vendor-d-ismap-listed.xlsx", "--ismap-list", list, "--as-of",
                      "2024/12/01", "--json"});
  EXPECT_EQ(json::parse(then.out)["verdict"], "conforming");
}

TEST(SheetEvaluate, AMessyLayoutReadsTheSame) {
  test::TempDir dir;
  const std::string file = dir.file("messy.xlsx");
  write_messy_sheet(file, {{"5-17", {"×", "IaaS事業者の対策に依拠"}}, {"5-20", {"Ｙｅｓ", ""}}, {"5-10", {"はい", ""}}});
  auto j = evaluate(file);
  EXPECT_EQ(j["verdict"], "conditional") << j.dump();
  EXPECT_EQ(j["classification"], "3C");
  auto items = items_by_ref(j);
  EXPECT_EQ(items["5-17"]["status"], "needs_review");
  EXPECT_EQ(items["5-17"]["alternative"], "IaaS事業者の対策に依拠");
  EXPECT_EQ(items["5-20"]["answer"], "yes");
  EXPECT_EQ(items["5-10"]["answer"], "yes");  // merged over two rows: read once
  EXPECT_TRUE(j["problems"].empty()) << j["problems"].dump();

  const std::string wide = dir.file("full-width.xlsx");
  write_messy_sheet(wide, {}, true);
  auto w = evaluate(wide);
  EXPECT_EQ(w["verdict"], "conforming") << w["problems"].dump();
  EXPECT_EQ(w["counts"]["met"], 44);
}

TEST(SheetEvaluate, EveryAnswerSpellingIsReadAndTheRestIsListedWithItsPlace) {
  test::TempDir dir;
  std::map<std::string, std::pair<std::string, std::string>> answers;
  const std::vector<std::string> yes{"○", "〇", "◯", "O", "o", "Yes", "Y", "はい", "対応", "対応済", "済", "Ｏ", "ＹＥＳ"};
  const std::vector<std::string> no{"×", "✕", "☓", "X", "x", "No", "N", "いいえ", "未対応", "Ｘ"};
  const std::vector<std::string> na{"－", "-", "N/A", "該当なし", "対象外", "ｎ／ａ"};
  std::size_t k = 0;
  for (const auto& s : yes) answers[summary_items()[k++].first] = {s, ""};
  for (const auto& s : no) answers[summary_items()[k++].first] = {s, "代替対策あり"};
  for (const auto& s : na) answers[summary_items()[k++].first] = {s, "対象外の理由"};
  const std::string unreadable_ref = summary_items()[k].first;
  answers[unreadable_ref] = {"◎", ""};
  const std::string file = dir.file("spellings.xlsx");
  write_messy_sheet(file, answers);
  auto j = evaluate(file);
  auto items = items_by_ref(j);
  k = 0;
  for (const auto& s : yes) EXPECT_EQ(items[summary_items()[k++].first]["answer"], "yes") << s;
  for (const auto& s : no) EXPECT_EQ(items[summary_items()[k++].first]["answer"], "no") << s;
  for (const auto& s : na) EXPECT_EQ(items[summary_items()[k++].first]["answer"], "na") << s;
  EXPECT_EQ(items[unreadable_ref]["answer"], "unreadable");
  EXPECT_EQ(items[unreadable_ref]["status"], "unmet");
  ASSERT_EQ(j["problems"].size(), 1u) << j["problems"].dump();
  EXPECT_EQ(j["problems"][0]["sheet"], "回答");
  EXPECT_EQ(j["problems"][0]["column"], "B");
  EXPECT_GT(j["problems"][0]["row"].get<int>(), 10);
  EXPECT_NE(j["problems"][0]["message"].get<std::string>().find("◎"), std::string::npos);
  EXPECT_EQ(j["verdict"], "nonconforming");
}

TEST(SheetEvaluate, AMissingItemIsUnmetAndReported) {
  test::TempDir dir;
  // Rewrite vendor-a without 5-24's row: blank its number.
  auto bytes = test::read_file(kSheets + "vendor-a-all-met.xlsx");
  auto book = formats::read_xlsx(bytes, "a.xlsx");
  ASSERT_TRUE(book) << book.error().describe();
  int row_of_5_24 = 0;
  for (const auto& [cell, text] : book->sheets[0].cells)
    if (cell.column == 1 && text == "5-24") row_of_5_24 = cell.row;
  ASSERT_GT(row_of_5_24, 0);
  auto patched = formats::patch_xlsx(bytes, "a.xlsx", {{book->sheets[0].name, {row_of_5_24, 1}, ""}});
  ASSERT_TRUE(patched) << patched.error().describe();
  test::write_file(dir.file("missing.xlsx"), patched.value());
  auto j = evaluate(dir.file("missing.xlsx"));
  EXPECT_EQ(j["verdict"], "nonconforming");
  EXPECT_EQ(items_by_ref(j)["5-24"]["missing"], true);
  bool reported = false;
  for (const auto& p : j["problems"]) reported = reported || p["message"] == "item 5-24 is not in the file";
  EXPECT_TRUE(reported) << j["problems"].dump();
}

TEST(SheetNew, ABlankSheetInTheSeedLayoutReadsBackAndEvaluates) {
  test::TempDir dir;
  for (const std::string name : {"ismap-summary", "ismap-sheet-detailed"}) {
    const std::string path = dir.file(name + ".xlsx");
    auto r = mamori({"sheet", "new", "--template", name, "--out", path});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // openpyxl opens it; the answer column has its drop-down; there is an instructions sheet.
    const std::string script =
        "import json, sys, openpyxl\n"
        "wb = openpyxl.load_workbook(sys.argv[1])\n"
        "ws = wb.worksheets[0]\n"
        "dv = [str(d.formula1) for d in ws.data_validations.dataValidation]\n"
        "print(json.dumps({'sheets': wb.sheetnames, 'validations': dv, 'a1': ws['A1'].value}, ensure_ascii=False))\n";
    auto read = test::run({"/usr/bin/python3", "-c", script, path});
    ASSERT_EQ(read.exit_code, 0) << read.err;
    auto info = json::parse(read.out);
    EXPECT_EQ(info["a1"], "別紙 クラウドサービス要件確認");
    EXPECT_EQ(info["sheets"][1], "記入要領 Instructions");
    EXPECT_NE(info["validations"].dump().find("○,×,－"), std::string::npos) << info.dump();

    // Unanswered, it is nonconforming; answered ○ everywhere (written into
    // the file's own cells), conforming.
    auto blank = evaluate(path);
    EXPECT_EQ(blank["verdict"], "nonconforming");
    EXPECT_EQ(blank["template"], name == "ismap-summary" ? "ismap-sheet-summary" : "ismap-sheet-detailed");
    const std::size_t expected = name == "ismap-summary" ? 44u : 234u;
    EXPECT_EQ(blank["items"].size(), expected);
    auto bytes = test::read_file(path);
    auto book = formats::read_xlsx(bytes, path);
    ASSERT_TRUE(book);
    const auto& sheet = book->sheets[0];
    int answer_col = 0;
    std::vector<formats::CellEdit> edits;
    for (const auto& [cell, text] : sheet.cells) {
      if (text == "適合状況 (○/×)") answer_col = cell.column;
    }
    for (const auto& item : blank["items"]) {
      for (const auto& [cell, text] : sheet.cells)
        if (cell.column == 1 && text == item["ref"]) edits.push_back({sheet.name, {cell.row, answer_col}, "○"});
    }
    ASSERT_EQ(edits.size(), expected);
    auto filled = formats::patch_xlsx(bytes, path, edits);
    ASSERT_TRUE(filled);
    test::write_file(dir.file("filled.xlsx"), filled.value());
    auto answered = evaluate(dir.file("filled.xlsx"));
    EXPECT_EQ(answered["verdict"], "conforming") << answered["problems"].dump();
  }
  auto unknown = mamori({"sheet", "new", "--template", "nope", "--out", dir.file("x.xlsx")});
  EXPECT_EQ(unknown.exit_code, 2);
}

TEST(SheetEvaluate, HostileFilesFailWithExitTwoInSeconds) {
  test::TempDir dir;
  const auto real = test::read_file(kSheets + "vendor-a-all-met.xlsx");
  std::vector<std::pair<std::string, std::string>> files;
  files.push_back({"truncated.xlsx", real.substr(0, real.size() / 2)});
  files.push_back({"empty.xlsx", ""});
  files.push_back({"not-a-zip.xlsx", "this is not a spreadsheet at all"});
  {
    // Broken XML inside a real package.
    const std::string path = dir.file("broken-xml.xlsx");
    test::write_file(path, real);
    int err = 0;
    zip_t* z = zip_open(path.c_str(), 0, &err);
    const char* junk = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>oops";
    zip_source_t* src = zip_source_buffer(z, junk, std::strlen(junk), 0);
    zip_file_add(z, "xl/worksheets/sheet1.xml", src, ZIP_FL_OVERWRITE);
    zip_close(z);
    files.push_back({"broken-xml.xlsx", test::read_file(path)});
  }
  {
    // A zip bomb: a sheet that inflates to 300 MB.
    const std::string path = dir.file("bomb.xlsx");
    test::write_file(path, real);
    int err = 0;
    zip_t* z = zip_open(path.c_str(), 0, &err);
    static std::string bomb;
    bomb = "<worksheet><sheetData>" + std::string(300u << 20, ' ') + "</sheetData></worksheet>";
    zip_source_t* src = zip_source_buffer(z, bomb.data(), bomb.size(), 0);
    zip_file_add(z, "xl/worksheets/sheet1.xml", src, ZIP_FL_OVERWRITE);
    zip_close(z);
    bomb.clear();
    bomb.shrink_to_fit();
    files.push_back({"bomb.xlsx", test::read_file(path)});
  }
  {
    // 100,000 rows.
    const std::string path = dir.file("huge.xlsx");
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
    lxw_worksheet* ws = workbook_add_worksheet(wb, "回答");
    worksheet_write_string(ws, 0, 0, "項番", nullptr);
    worksheet_write_string(ws, 0, 1, "適合状況", nullptr);
    for (lxw_row_t r = 1; r <= 100000; ++r) {
      worksheet_write_string(ws, r, 0, ("5-" + std::to_string(r % 37 + 1)).c_str(), nullptr);
      worksheet_write_string(ws, r, 1, "○", nullptr);
    }
    workbook_close(wb);
    files.push_back({"huge.xlsx", test::read_file(path)});
  }
  for (const auto& [name, bytes] : files) {
    const std::string path = dir.file(name);
    test::write_file(path, bytes);
    const auto started = std::chrono::steady_clock::now();
    auto r = mamori({"sheet", "evaluate", path, "--json"});
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    EXPECT_EQ(r.exit_code, 2) << name << ": " << r.out.substr(0, 300);
    EXPECT_NE(r.err.find(name), std::string::npos) << name << ": " << r.err;  // says which file
    EXPECT_LT(seconds, 20.0) << name;  // generous for the sanitizer build; seconds in practice
    EXPECT_LT(r.max_rss_kb, 1024 * 1024) << name << ": bounded memory";  // the reader's caps hold it well below 1 GiB
  }
}

}  // namespace mamori
