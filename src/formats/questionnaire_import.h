// Reading a customer's security questionnaire, whatever its layout, to
// answer it: every sheet is read (cover sheets and instructions have no
// question table and are passed over); a header row anywhere names a
// question column (質問 / 確認事項 / 要求事項 / 概要要件 / 項目 / Question …)
// and an answer column (回答 / 適合状況 / 対応状況 / ○× / Answer …), and
// optionally a number, a remarks column (備考 / 補足 / 代替対策 / コメント …)
// and an ISMAP number; the columns are found by their header text
// (domain/sheet_columns.h) in any order. Merged cells read as they look;
// blank rows, notes and section headings are passed over. Each question
// comes back with the cells its answer and remarks go into; what cannot be
// used is listed with sheet, row and column.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "formats/service_list.h"
#include "formats/xlsx_reader.h"

namespace mamori::formats {

struct QuestionnaireQuestion {
  std::string sheet;
  int row = 0;
  std::string ref;        // the number as written ("Q1", "5-20", "１－２"), or ""
  std::string title;      // the item name, when the table has one besides the question
  std::string question;   // the question (or, without a question column, the item name)
  std::string sheet_ref;  // a catalog item number given with it (ISMAP管理基準番号), normalised, or ""
  CellAddress answer_cell;                  // where the answer goes (a merged range's top-left cell)
  std::optional<CellAddress> remarks_cell;  // where the explanation goes; none without a remarks column
  std::string current_answer;   // what the answer cell holds now
  std::string current_remarks;
  std::size_t table = 0;        // index into ImportedQuestionnaire::tables
};

struct QuestionTable {
  std::string sheet;
  int header_row = 0;
  int question_column = 0;
  int answer_column = 0;
  int remarks_column = 0;  // 0: none
  int ref_column = 0;      // 0: none
  std::string answer_header;  // the header text of the answer column ("回答 (はい/いいえ)")
  std::vector<std::string> existing_answers;  // answers already in the column
};

struct ImportedQuestionnaire {
  std::vector<QuestionnaireQuestion> questions;  // file order
  std::vector<QuestionTable> tables;
  std::vector<ImportProblem> problems;
};

// Fails (invalid_input, naming the file) only when no sheet has a question
// table at all.
Result<ImportedQuestionnaire> import_questionnaire(const XlsxWorkbook& book, const std::string& file_name);

}  // namespace mamori::formats
