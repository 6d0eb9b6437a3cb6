// Finding the questions of a customer's questionnaire in any layout: the
// seed-000 layout mamori writes, headers moved down and right, columns in
// another order, English headers, a cover sheet, merged cells, blank rows,
// notes and section headings, 1,000 rows; and the customer's own answer
// words (はい/いいえ) for write-back.
#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <chrono>
#include <functional>

#include "app/sheet_templates.h"
#include "domain/sheet_answer.h"
#include "formats/questionnaire_import.h"
#include "support/temp_dir.h"

namespace mamori {

namespace {

using formats::CellAddress;
using formats::ImportedQuestionnaire;

std::string workbook(const std::function<void(lxw_workbook*)>& fill) {
  test::TempDir dir;
  const std::string path = dir.file("q.xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  EXPECT_NE(wb, nullptr);
  if (!wb) return {};
  fill(wb);
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  return test::read_file(path);
}

ImportedQuestionnaire import(const std::string& bytes) {
  auto book = formats::read_xlsx(bytes, "q.xlsx");
  EXPECT_TRUE(book) << book.error().describe();
  if (!book) return {};
  auto q = formats::import_questionnaire(book.value(), "q.xlsx");
  EXPECT_TRUE(q) << q.error().describe();
  return q ? q.value() : ImportedQuestionnaire{};
}

std::string cell(const CellAddress& a) { return formats::format_cell_address(a); }

}  // namespace

TEST(QuestionnaireImport, TheSeedLayoutMamoriWrites) {
  test::TempDir dir;
  ASSERT_TRUE(app::write_blank_sheet("ismap-summary", dir.file("s.xlsx")));
  auto q = import(test::read_file(dir.file("s.xlsx")));
  // Item 2 (the ISMAP listing, its own table) and the 44 required items;
  // item 1 has no answer column and the groups 3, 4, 5 are headings.
  ASSERT_EQ(q.questions.size(), 45u);
  EXPECT_EQ(q.questions[0].ref, "2");
  EXPECT_FALSE(q.questions[0].remarks_cell);
  EXPECT_EQ(q.questions[1].ref, "3-1");
  EXPECT_EQ(q.questions[1].sheet_ref, "3.1");
  for (const auto& x : q.questions) {
    EXPECT_NE(x.ref, "3");
    EXPECT_NE(x.ref, "5");
  }
  const auto& q520 = q.questions[1 + 7 + 19];
  EXPECT_EQ(q520.ref, "5-20");
  EXPECT_EQ(q520.sheet_ref, "12.2");
  EXPECT_FALSE(q520.title.empty());  // the 項目名 column, kept beside the requirement
  EXPECT_NE(q520.question.find("マルウェア"), std::string::npos);
  EXPECT_EQ(cell(q520.answer_cell).substr(0, 1), "D");
  ASSERT_TRUE(q520.remarks_cell);
  EXPECT_EQ(cell(*q520.remarks_cell).substr(0, 1), "E");
  // The item-2 table has no remarks column: said, with its place.
  ASSERT_FALSE(q.problems.empty());
  EXPECT_NE(q.problems[0].message.find("remarks"), std::string::npos);
}

TEST(QuestionnaireImport, MovedHeadersReorderedColumnsCoverSheetNotesAndHeadings) {
  const std::string bytes = workbook([](lxw_workbook* wb) {
    lxw_worksheet* cover = workbook_add_worksheet(wb, "表紙");
    worksheet_write_string(cover, 0, 0, "セキュリティチェックシート", nullptr);
    worksheet_write_string(cover, 2, 0, "回答", nullptr);  // a lone header word on a cover is no table
    lxw_worksheet* ws = workbook_add_worksheet(wb, "質問票");
    worksheet_write_string(ws, 2, 2, "株式会社お客様 御中", nullptr);
    // Header on row 8, from column C: answer, remarks, number, question.
    const char* h[] = {"回答", "備考", "No", "確認事項"};
    for (int c = 0; c < 4; ++c) worksheet_write_string(ws, 7, static_cast<lxw_col_t>(2 + c), h[c], nullptr);
    worksheet_merge_range(ws, 8, 2, 8, 5, "1. 組織的対策", nullptr);  // a heading across the table
    worksheet_write_string(ws, 9, 4, "1", nullptr);
    worksheet_write_string(ws, 9, 5, "情報セキュリティ方針を定めていますか。", nullptr);
    // Row 11 blank.
    worksheet_write_string(ws, 11, 4, "2", nullptr);
    worksheet_write_string(ws, 11, 5, "委託先の管理を行っていますか。", nullptr);
    worksheet_write_string(ws, 11, 2, "はい", nullptr);  // already answered
    worksheet_write_string(ws, 13, 5, "※ 回答欄には「はい」又は「いいえ」を記入してください。", nullptr);
  });
  auto q = import(bytes);
  ASSERT_EQ(q.questions.size(), 2u);
  EXPECT_EQ(q.questions[0].sheet, "質問票");
  EXPECT_EQ(q.questions[0].row, 10);
  EXPECT_EQ(q.questions[0].ref, "1");
  EXPECT_EQ(cell(q.questions[0].answer_cell), "C10");
  EXPECT_EQ(cell(*q.questions[0].remarks_cell), "D10");
  EXPECT_EQ(q.questions[1].question, "委託先の管理を行っていますか。");
  EXPECT_EQ(q.questions[1].current_answer, "はい");
  ASSERT_EQ(q.tables.size(), 1u);
  EXPECT_EQ(q.tables[0].header_row, 8);
  EXPECT_EQ(q.tables[0].existing_answers, std::vector<std::string>{"はい"});
  EXPECT_TRUE(q.problems.empty());
}

TEST(QuestionnaireImport, EnglishHeaders) {
  const std::string bytes = workbook([](lxw_workbook* wb) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Questions");
    const char* h[] = {"No.", "Requirement", "Answer (Yes/No)", "Comments"};
    for (int c = 0; c < 4; ++c) worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), h[c], nullptr);
    worksheet_write_string(ws, 1, 0, "A-1", nullptr);
    worksheet_write_string(ws, 1, 1, "Do you encrypt data at rest?", nullptr);
    worksheet_write_string(ws, 2, 0, "A-2", nullptr);
    worksheet_write_string(ws, 2, 1, "Do you keep audit logs?", nullptr);
  });
  auto q = import(bytes);
  ASSERT_EQ(q.questions.size(), 2u);
  EXPECT_EQ(q.questions[0].ref, "A-1");
  EXPECT_EQ(cell(q.questions[1].answer_cell), "C3");
  EXPECT_EQ(cell(*q.questions[1].remarks_cell), "D3");
  const auto spelling = domain::infer_answer_spelling(q.tables[0].answer_header, q.tables[0].existing_answers);
  EXPECT_EQ(spelling.yes, "Yes");
  EXPECT_EQ(spelling.no, "No");
}

TEST(QuestionnaireImport, MergedCells) {
  const std::string bytes = workbook([](lxw_workbook* wb) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, "シート1");
    // A header merged over two rows; the answer column two cells wide.
    worksheet_merge_range(ws, 0, 0, 1, 0, "項番", nullptr);
    worksheet_merge_range(ws, 0, 1, 1, 1, "質問事項", nullptr);
    worksheet_merge_range(ws, 0, 2, 1, 3, "対応状況", nullptr);
    worksheet_merge_range(ws, 0, 4, 1, 4, "補足説明", nullptr);
    // Question 1 spans rows 3-4 (number, question, answer and remarks merged down).
    worksheet_merge_range(ws, 2, 0, 3, 0, "1", nullptr);
    worksheet_merge_range(ws, 2, 1, 3, 1, "アクセスログを取得していますか。", nullptr);
    worksheet_merge_range(ws, 2, 2, 3, 3, "", nullptr);
    worksheet_merge_range(ws, 2, 4, 3, 4, "", nullptr);
    worksheet_write_string(ws, 4, 0, "2", nullptr);
    worksheet_write_string(ws, 4, 1, "バックアップを取得していますか。", nullptr);
    worksheet_merge_range(ws, 4, 2, 4, 3, "", nullptr);
  });
  auto q = import(bytes);
  ASSERT_EQ(q.questions.size(), 2u);
  EXPECT_EQ(q.questions[0].row, 3);
  EXPECT_EQ(cell(q.questions[0].answer_cell), "C3");
  EXPECT_EQ(cell(*q.questions[0].remarks_cell), "E3");
  EXPECT_EQ(q.questions[1].row, 5);
  EXPECT_EQ(cell(q.questions[1].answer_cell), "C5");
}

TEST(QuestionnaireImport, ItemNameOnlyTablesAndDottedNumbers) {
  const std::string bytes = workbook([](lxw_workbook* wb) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, "確認");
    const char* h[] = {"番号", "項目", "可否", "ISMAP管理基準番号"};
    for (int c = 0; c < 4; ++c) worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), h[c], nullptr);
    const char* rows[][3] = {{"12.2", "マルウェアからの保護", "12.2"},
                             {"12.2.1", "マルウェアに対する管理策", "12.2.1"},
                             {"13", "通信のセキュリティ", ""},  // a heading: sub-items, no ISMAP number
                             {"13.1", "ネットワークセキュリティ管理", "13.1"},
                             {"14", "", ""}};                // a number and nothing to ask
    for (int r = 0; r < 5; ++r)
      for (int c = 0; c < 3; ++c)
        if (*rows[r][c])
          worksheet_write_string(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c == 2 ? 3 : c), rows[r][c],
                                 nullptr);
  });
  auto q = import(bytes);
  ASSERT_EQ(q.questions.size(), 3u);
  EXPECT_EQ(q.questions[0].ref, "12.2");
  EXPECT_EQ(q.questions[0].question, "マルウェアからの保護");
  EXPECT_EQ(q.questions[1].ref, "12.2.1");  // 12.2 and 12.2.1 are both asked
  EXPECT_EQ(q.questions[1].sheet_ref, "12.2.1");
  EXPECT_EQ(q.questions[2].ref, "13.1");
  bool told = false;
  for (const auto& p : q.problems)
    if (p.where.row == 6 && p.message.find("14") != std::string::npos) told = true;
  EXPECT_TRUE(told) << "the number without a question is listed with its row";
}

TEST(QuestionnaireImport, AThousandRows) {
  const std::string bytes = workbook([](lxw_workbook* wb) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, "質問");
    worksheet_write_string(ws, 0, 0, "質問", nullptr);
    worksheet_write_string(ws, 0, 1, "回答", nullptr);
    worksheet_write_string(ws, 0, 2, "コメント", nullptr);
    for (int i = 1; i <= 1000; ++i)
      worksheet_write_string(ws, static_cast<lxw_row_t>(i), 0, ("質問その" + std::to_string(i) + "について回答してください。").c_str(),
                             nullptr);
  });
  const auto started = std::chrono::steady_clock::now();
  auto q = import(bytes);
  EXPECT_EQ(q.questions.size(), 1000u);
  EXPECT_EQ(cell(q.questions.back().answer_cell), "B1001");
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), 5.0);
}

TEST(QuestionnaireImport, NoQuestionTableIsAnErrorNamingTheFile) {
  const std::string bytes = workbook([](lxw_workbook* wb) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, "メモ");
    worksheet_write_string(ws, 0, 0, "項目", nullptr);
    worksheet_write_string(ws, 0, 1, "内容", nullptr);  // two question-like headers, no answer column
  });
  auto book = formats::read_xlsx(bytes, "memo.xlsx");
  ASSERT_TRUE(book);
  auto q = formats::import_questionnaire(book.value(), "memo.xlsx");
  ASSERT_FALSE(q);
  EXPECT_EQ(q.error().code, ErrorCode::invalid_input);
  EXPECT_NE(q.error().describe().find("memo.xlsx"), std::string::npos);
  EXPECT_NE(q.error().message.find("回答"), std::string::npos);
}

TEST(AnswerSpelling, FromTheHeaderAndFromAnswersAlreadyThere) {
  auto s = domain::infer_answer_spelling("回答（はい／いいえ）", {});
  EXPECT_EQ(s.yes, "はい");
  EXPECT_EQ(s.no, "いいえ");
  EXPECT_EQ(s.not_applicable, "－");
  s = domain::infer_answer_spelling("対応状況", {"", "対応済", "未対応", "対象外"});
  EXPECT_EQ(s.yes, "対応済");
  EXPECT_EQ(s.no, "未対応");
  EXPECT_EQ(s.not_applicable, "対象外");
  // "O/x" stands for ○/×: the symbols are written.
  s = domain::infer_answer_spelling("適合状況 (O/x)", {});
  EXPECT_EQ(s.yes, "○");
  EXPECT_EQ(s.no, "×");
  // The header wins over answers already typed.
  s = domain::infer_answer_spelling("回答 (○/×)", {"はい"});
  EXPECT_EQ(s.yes, "○");
  EXPECT_EQ(s.of(domain::AnswerValue::blank), "");
}

}  // namespace mamori
