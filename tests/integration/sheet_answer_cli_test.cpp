// `mamori sheet answer` as a vendor runs it, with the demo organisation's
// approved library: the blank seed-000 sheet gets answered and evaluates as
// conforming; the answered file differs from the customer's only in the
// answered cells; a customer's own layout (headers moved and renamed, its
// own answer words) gets its answers in the right cells; 条件付き answers
// stay blank for another service; a 1,000-question sheet answers in
// seconds; unreadable files fail with exit 2.
#include <gtest/gtest.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <chrono>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "app/catalog_loader.h"
#include "formats/xlsx_reader.h"
#include "support/process.h"
#include "support/temp_dir.h"

namespace mamori {

namespace {

using nlohmann::json;

test::ProcessResult mamori(std::vector<std::string> args) {
  args.insert(args.begin(), MAMORI_BINARY);
  return test::run(args);
}

// name -> (compressed bytes as stored, uncompressed data)
std::map<std::string, std::pair<std::string, std::string>> zip_entries(const std::string& bytes) {
  std::map<std::string, std::pair<std::string, std::string>> out;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* z = src ? zip_open_from_source(src, ZIP_RDONLY, &error) : nullptr;
  zip_error_fini(&error);
  EXPECT_NE(z, nullptr);
  if (!z) {
    if (src) zip_source_free(src);
    return out;
  }
  const zip_int64_t n = zip_get_num_entries(z, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    const auto index = static_cast<zip_uint64_t>(i);
    const std::string name = zip_get_name(z, index, 0);
    for (zip_flags_t flags : {zip_flags_t{ZIP_FL_COMPRESSED}, zip_flags_t{0}}) {
      zip_file_t* f = zip_fopen_index(z, index, flags);
      if (!f) continue;
      std::string& into = flags ? out[name].first : out[name].second;
      char buf[65536];
      zip_int64_t got;
      while ((got = zip_fread(f, buf, sizeof buf)) > 0) into.append(buf, static_cast<std::size_t>(got));
      zip_fclose(f);
    }
  }
  zip_discard(z);
  return out;
}

// The XML with the <c> elements of `cells` taken out and the parts patching
// may touch besides them normalised (<dimension>, a row's spans).
std::string without_cells(std::string xml, const std::set<std::string>& cells) {
  for (const auto& address : cells) {
    const std::string open = "<c r=\"" + address + "\"";
    const auto at = xml.find(open);
    if (at == std::string::npos) continue;
    const auto tag_end = xml.find('>', at);
    const bool self_closing = xml[tag_end - 1] == '/';
    const auto end = self_closing ? tag_end + 1 : xml.find("</c>", tag_end) + 4;
    xml.erase(at, end - at);
  }
  for (const std::string attribute : {" spans=\"", "<dimension ref=\""}) {
    for (auto at = xml.find(attribute); at != std::string::npos; at = xml.find(attribute, at + 1)) {
      const auto value = at + attribute.size();
      xml.erase(value, xml.find('"', value) - value);
    }
  }
  return xml;
}

class SheetAnswerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = mamori({"init", "--data", data, "--demo"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  json answer(const std::string& in, const std::string& out, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"sheet", "answer", in, "--out", out, "--data", data, "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = mamori(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    auto j = json::parse(r.out, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.out;
    return j;
  }

  json evaluate(const std::string& file) {
    auto r = mamori({"sheet", "evaluate", file, "--as-of", "2026-11-22", "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out);
  }

  test::TempDir dir;
  const std::string data = dir.file("data");
};

// A summary item's requirement text by its number (the customer copies them).
std::string requirement(const std::string& ref) {
  auto bundle = app::builtin_bundle();
  for (const auto& n : bundle.value()->find("ismap-sheet-summary")->nodes)
    if (n.ref == ref) return n.text;
  return "";
}

}  // namespace

TEST_F(SheetAnswerTest, TheSeedSheetIsAnsweredAndConformsAndNothingElseChanges) {
  const std::string blank = dir.file("blank.xlsx"), answered = dir.file("answered.xlsx");
  ASSERT_EQ(mamori({"sheet", "new", "--template", "ismap-summary", "--out", blank}).exit_code, 0);
  auto j = answer(blank, answered);
  EXPECT_EQ(j["counts"]["questions"], 45);  // item 2 (the ISMAP listing) and the 44 required items
  EXPECT_EQ(j["counts"]["answered"], 44);
  std::set<std::string> edited;
  std::string sheet_name;
  for (const auto& q : j["questions"]) {
    if (q["ref"] == "2") {
      EXPECT_FALSE(q["written"].get<bool>()) << "item 2 is not answered from the library";
      continue;
    }
    EXPECT_TRUE(q["written"].get<bool>()) << q.dump();
    EXPECT_EQ(q["proposal"]["source"], "library");
    EXPECT_EQ(q["proposal"]["matched_by"], "sheet_ref");
    EXPECT_EQ(q["proposal"]["answer"], "yes");
    sheet_name = q["sheet"];
    edited.insert(q["answer_cell"].get<std::string>());
    edited.insert(q["remarks_cell"].get<std::string>());
    if (q["ref"] == "5-21") {
      EXPECT_TRUE(q["proposal"]["conditional"].get<bool>());  // エンタープライズ plan only
      EXPECT_NE(q["proposal"]["explanation"].get<std::string>().find("【条件付き回答】"), std::string::npos);
    }
    if (q["ref"] == "5-24") {
      EXPECT_TRUE(q["proposal"]["review_overdue"].get<bool>());
    }
  }

  auto report = evaluate(answered);
  EXPECT_EQ(report["verdict"], "conforming") << report.dump();
  EXPECT_EQ(report["counts"]["met"], 44);

  // Every zip entry but the answered sheet's is the same, compressed bytes
  // and all; in the sheet only the answered cells differ.
  const auto before = zip_entries(test::read_file(blank)), after = zip_entries(test::read_file(answered));
  ASSERT_EQ(before.size(), after.size());
  auto book = formats::read_xlsx(test::read_file(blank), "blank.xlsx");
  ASSERT_TRUE(book);
  const std::string sheet_part = book->sheets[0].part;
  ASSERT_EQ(book->sheets[0].name, sheet_name);
  for (const auto& [name, entry] : before) {
    ASSERT_TRUE(after.count(name)) << name;
    if (name == sheet_part) continue;
    EXPECT_EQ(after.at(name).first, entry.first) << name << " changed";
  }
  EXPECT_NE(after.at(sheet_part).second, before.at(sheet_part).second);
  EXPECT_EQ(without_cells(after.at(sheet_part).second, edited), without_cells(before.at(sheet_part).second, edited));
}

TEST_F(SheetAnswerTest, AnAnswerForAnotherServiceIsLeftBlank) {
  const std::string blank = dir.file("blank.xlsx"), answered = dir.file("answered.xlsx");
  ASSERT_EQ(mamori({"sheet", "new", "--template", "ismap-summary", "--out", blank}).exit_code, 0);
  // 5-35 holds for デモクラウド 文書管理サービス only, 5-21 for the エンタープライズ plan.
  auto j = answer(blank, answered, {"--service", "デモクラウド IaaS", "--plan", "スタンダード"});
  EXPECT_EQ(j["counts"]["answered"], 42);
  for (const auto& q : j["questions"])
    if (q["ref"] == "5-35" || q["ref"] == "5-21") {
      EXPECT_FALSE(q["written"].get<bool>());
      EXPECT_EQ(q["left_blank_because"], "out_of_scope");
    }
  auto report = evaluate(answered);
  EXPECT_EQ(report["verdict"], "nonconforming");
}

TEST_F(SheetAnswerTest, ACustomersOwnLayoutGetsItsAnswersInTheRightCells) {
  const std::string file = dir.file("customer.xlsx"), answered = dir.file("customer-answered.xlsx");
  const std::vector<std::string> refs{"5-20", "5-21", "5-16", "5-33"};
  {
    lxw_workbook* wb = workbook_new(file.c_str());
    lxw_worksheet* cover = workbook_add_worksheet(wb, "表紙");
    worksheet_write_string(cover, 1, 1, "クラウドサービス セキュリティ確認書", nullptr);
    lxw_worksheet* ws = workbook_add_worksheet(wb, "確認項目");
    worksheet_write_string(ws, 1, 1, "ご回答のお願い", nullptr);
    // Headers on row 6 from column B, renamed and reordered.
    const char* h[] = {"質問番号", "回答（はい／いいえ）", "質問事項", "補足説明"};
    for (int c = 0; c < 4; ++c) worksheet_write_string(ws, 5, static_cast<lxw_col_t>(1 + c), h[c], nullptr);
    worksheet_merge_range(ws, 6, 1, 6, 4, "A. 技術的対策", nullptr);
    lxw_row_t row = 7;
    for (std::size_t i = 0; i < refs.size(); ++i, row += 2) {  // a blank row between questions
      worksheet_write_string(ws, row, 1, ("Q" + std::to_string(i + 1)).c_str(), nullptr);
      worksheet_write_string(ws, row, 3, requirement(refs[i]).c_str(), nullptr);
    }
    worksheet_write_string(ws, row, 1, "Q9", nullptr);
    worksheet_write_string(ws, row, 3, "貴社の資本金と従業員数を記入してください。", nullptr);
    ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  }
  auto j = answer(file, answered);
  EXPECT_EQ(j["counts"]["questions"], 5);
  EXPECT_EQ(j["counts"]["answered"], 4) << j.dump(1);
  auto book = formats::read_xlsx(test::read_file(answered), "customer-answered.xlsx");
  ASSERT_TRUE(book) << book.error().describe();
  const auto& ws = book->sheets[1];
  for (std::size_t i = 0; i < refs.size(); ++i) {
    const int row = 8 + 2 * static_cast<int>(i);
    EXPECT_EQ(ws.raw(row, 3), "はい") << refs[i];  // the customer's own word, column C
    EXPECT_FALSE(ws.raw(row, 5).empty()) << refs[i];  // the explanation in 補足説明 (E)
    EXPECT_NE(ws.raw(row, 5).find("根拠資料"), std::string::npos);
    EXPECT_EQ(ws.raw(row, 4), requirement(refs[i]));  // the question untouched
  }
  EXPECT_EQ(ws.raw(16, 3), "");  // the unrelated question stays blank
  EXPECT_EQ(ws.raw(16, 5), "");
  for (const auto& q : j["questions"])
    if (q["ref"] == "Q9") {
      EXPECT_FALSE(q["written"].get<bool>());
    }
  EXPECT_EQ(book->sheets[0].raw(2, 2), "クラウドサービス セキュリティ確認書");
}

TEST_F(SheetAnswerTest, AThousandQuestionsAnswerInSeconds) {
  const std::string file = dir.file("big.xlsx"), answered = dir.file("big-answered.xlsx");
  std::vector<std::string> texts;
  auto bundle = app::builtin_bundle();
  for (const auto& n : bundle.value()->find("ismap-sheet-summary")->nodes)
    if (n.required) texts.push_back(n.text);
  {
    lxw_workbook* wb = workbook_new(file.c_str());
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Questions");
    const char* h[] = {"#", "Question", "Answer", "Comment"};
    for (int c = 0; c < 4; ++c) worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), h[c], nullptr);
    for (int i = 0; i < 1000; ++i) {
      worksheet_write_number(ws, static_cast<lxw_row_t>(i + 1), 0, i + 1, nullptr);
      worksheet_write_string(ws, static_cast<lxw_row_t>(i + 1), 1,
                             texts[static_cast<std::size_t>(i) % texts.size()].c_str(), nullptr);
    }
    ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  }
  const auto started = std::chrono::steady_clock::now();
  auto j = answer(file, answered);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_EQ(j["counts"]["questions"], 1000);
  EXPECT_GE(j["counts"]["answered"].get<int>(), 950);  // 条件付き answers may be below the bar; the rest are verbatim
  EXPECT_LT(seconds, 60.0) << "generous: figures belong in bench/";
}

TEST_F(SheetAnswerTest, UnreadableFilesAndMissingLibraryFailWithExitTwo) {
  const std::string broken = dir.file("broken.xlsx");
  test::write_file(broken, "PK\x03\x04 this is not a workbook");
  auto r = mamori({"sheet", "answer", broken, "--out", dir.file("x.xlsx"), "--data", data});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("broken.xlsx"), std::string::npos) << r.err;
  EXPECT_FALSE(std::ifstream(dir.file("x.xlsx")).good()) << "nothing written";

  r = mamori({"sheet", "answer", dir.file("absent.xlsx"), "--out", dir.file("x.xlsx"), "--data", data});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("absent.xlsx"), std::string::npos) << r.err;

  const std::string blank = dir.file("blank.xlsx");
  ASSERT_EQ(mamori({"sheet", "new", "--template", "ismap-summary", "--out", blank}).exit_code, 0);
  r = mamori({"sheet", "answer", blank, "--out", dir.file("x.xlsx")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--data"), std::string::npos) << r.err;

  r = mamori({"sheet", "answer", blank, "--out", dir.file("x.xlsx"), "--data", data, "--org", "存在しない組織"});
  EXPECT_EQ(r.exit_code, 2);

  // A workbook with no question table says what it looked for.
  const std::string memo = dir.file("memo.xlsx");
  {
    lxw_workbook* wb = workbook_new(memo.c_str());
    worksheet_write_string(workbook_add_worksheet(wb, "メモ"), 0, 0, "ただのメモ", nullptr);
    ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  }
  r = mamori({"sheet", "answer", memo, "--out", dir.file("x.xlsx"), "--data", data});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no question table"), std::string::npos) << r.err;
}

}  // namespace mamori
