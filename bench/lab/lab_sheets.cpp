// The lab's check sheets per organisation: detailed ISMAP sheets (about 200
// questions each), each answered by one vendor whose .xlsx is imported, as
// procurers receive them.
#include <string>

#include "app/sheet_responses.h"
#include "app/sheets.h"
#include "bench/lab/lab_parts.h"
#include "formats/check_sheet_import.h"
#include "formats/xlsx_reader.h"

namespace mamori::lab {

namespace {

const char* const kVendors[] = {"株式会社サンプルテック", "ラボクラウド株式会社", "北東システム株式会社",
                                "みなとデータ合同会社", "さくら情報サービス株式会社", "青葉ソフト株式会社"};
const char* const kMeasures[] = {"委託先の第三者認証（ISO/IEC 27001）を確認し、年1回報告書を入手",
                                 "代替策として月次で手動点検を行い、記録を保管", "次年度に対応予定（計画書を添付）"};

// The blank sheet answered by vendor `v`: ○ for most questions, × with an
// alternative measure for a few, the way the demo's vendors answer.
Result<std::string> answered_copy(const std::string& blank, int v) {
  const std::string file_name = "vendor-" + std::to_string(v) + ".xlsx";
  auto book = formats::read_xlsx(blank, file_name);
  if (!book) return book.error();
  auto sheet = formats::import_check_sheet(book.value(), file_name);
  if (!sheet) return sheet.error();
  std::vector<formats::CellEdit> edits;
  int n = 0;
  for (const auto& item : sheet->items) {
    if (item.ismap_ref.empty()) continue;  // a section heading
    const bool exception = (n++ + v) % 23 == 0;
    edits.push_back({item.answer_cell.sheet, {item.answer_cell.row, item.answer_cell.column}, exception ? "×" : "○"});
    if (exception && item.remarks_cell.column > 0)
      edits.push_back(
          {item.remarks_cell.sheet, {item.remarks_cell.row, item.remarks_cell.column}, pick(kMeasures, n + v)});
  }
  return formats::patch_xlsx(blank, file_name, edits);
}

}  // namespace

Result<std::vector<std::string>> add_sheets(app::Services& services, const app::Caller& caller, const std::string& org,
                                            int org_index, int count) {
  std::vector<std::string> ids;
  std::string blank;
  for (int i = 0; i < count; ++i) {
    app::NewSheet in;
    in.title = "クラウドサービス調達 " + std::to_string(org_index + 1) + "-" + std::to_string(i + 1);
    in.template_name = "ismap-sheet-detailed";
    in.service_name = "業務システム " + std::to_string(i + 1);
    in.due_date = "2027-03-31";
    in.classification = i % 2 ? "3C" : "3B";
    in.information_details = "住民情報及び職員情報（個人情報を含む）";
    auto sheet = app::create_sheet(services, caller, org, in);
    if (!sheet) return sheet.error();
    ids.push_back(sheet->id);
    // Every sheet of the template has the same questions: one blank serves
    // all of the organisation's sheets.
    if (blank.empty()) {
      auto file = app::export_sheet_xlsx(services, caller, org, sheet->id);
      if (!file) return file.error();
      blank = std::move(file->bytes);
    }
    const int vendor = org_index * count + i;
    auto answered = answered_copy(blank, vendor);
    if (!answered) return answered.error();
    auto imported = app::import_response(services, caller, org, sheet->id, pick(kVendors, vendor),
                                         "vendor-" + std::to_string(vendor) + ".xlsx", answered.value(), "");
    if (!imported) return imported.error();
  }
  return ids;
}

}  // namespace mamori::lab
