#include "app/demo_sheets.h"

#include <map>
#include <tuple>

#include "app/caller.h"
#include "app/service_lists.h"
#include "app/sheet_responses.h"
#include "app/sheets.h"
#include "formats/check_sheet_import.h"
#include "formats/xlsx_reader.h"

namespace mamori::app {

namespace {

// A copy of ../shared/testdata/sheets/ismap-list-sample.csv (a made-up list
// in the shape ISMAP publishes; the second registration has expired),
// embedded so the demo never reads outside the repository.
constexpr const char* kSampleServiceList =
    "登録番号,サービス名称,事業者名,区分,登録日,有効期限\n"
    "C99-0001-1,サンプルSaaS,サンプルクラウド株式会社,ISMAP,2025-04-01,2027-07-31\n"
    "L99-0002-1,サンプル業務アプリ,サンプルソフト合同会社,ISMAP-LIU,2024-01-15,2025-05-31\n";

struct VendorAnswers {
  std::string vendor;
  std::string file_name;
  // Item 2: provider, service, kind (all empty: not listed).
  std::string provider, service, kind;
  // Exceptions to ○: ref -> (answer as written, remarks).
  std::map<std::string, std::pair<std::string, std::string>> exceptions;
};

// The blank sheet as the vendor got it, answered the way vendors write:
// the answer cells the importer finds, and item 2's cells beside its number.
Result<std::string> answered_copy(const std::string& blank, const VendorAnswers& v) {
  auto book = formats::read_xlsx(blank, v.file_name);
  if (!book) return book.error();
  auto sheet = formats::import_check_sheet(book.value(), v.file_name);
  if (!sheet) return sheet.error();
  std::vector<formats::CellEdit> edits;
  for (const auto& item : sheet->items) {
    if (item.ismap_ref.empty()) continue;  // a section heading (3, 4, 5), not a question
    std::string answer = "○", remarks;
    if (auto e = v.exceptions.find(item.ref); e != v.exceptions.end()) std::tie(answer, remarks) = e->second;
    edits.push_back({item.answer_cell.sheet, {item.answer_cell.row, item.answer_cell.column}, answer});
    if (!remarks.empty() && item.remarks_cell.column > 0)
      edits.push_back({item.remarks_cell.sheet, {item.remarks_cell.row, item.remarks_cell.column}, remarks});
  }
  if (!v.service.empty()) {
    // Item 2 in mamori's own layout: answer, provider, service and list in columns D to G.
    const auto& first = book->sheets.front();
    for (int row = 1; row <= first.max_row; ++row)
      if (first.raw(row, 1) == "2") {
        edits.push_back({first.name, {row, 4}, "○"});
        edits.push_back({first.name, {row, 5}, v.provider});
        edits.push_back({first.name, {row, 6}, v.service});
        edits.push_back({first.name, {row, 7}, v.kind});
        break;
      }
  }
  return formats::patch_xlsx(blank, v.file_name, edits);
}

}  // namespace

Status ensure_demo_sheets(Services& services, const std::string& tenant_id) {
  const Caller operator_cli = Caller::operator_cli();
  auto existing = list_sheets(services, operator_cli, tenant_id);
  if (!existing) return existing.error();
  if (!existing->empty()) return ok();

  auto list = import_service_list(services, operator_cli, tenant_id, kSampleServiceList, "ismap-list-sample.csv", "");
  if (!list) return list.error();

  NewSheet in;
  in.title = kDemoSheetTitle;
  in.template_name = "ismap-sheet-summary";
  in.service_name = "住民問合せ管理サービス";
  in.due_date = "2027-01-29";
  in.classification = "3C";
  in.information_details = "住民からの問合せ内容と対応履歴（氏名・連絡先を含む）";
  auto sheet = create_sheet(services, operator_cli, tenant_id, in);
  if (!sheet) return sheet.error();
  auto blank = export_sheet_xlsx(services, operator_cli, tenant_id, sheet->id);
  if (!blank) return blank.error();

  const std::vector<VendorAnswers> vendors{
      {"株式会社サンプルテック",
       "sampletech-answer.xlsx",
       "",
       "",
       "",
       {{"5-17", {"×", "データセンター事業者の入館管理（ISO/IEC 27001 認証取得）に委託し、年1回報告書を確認"}},
        {"5-35", {"×", "第三者による脆弱性診断を年2回実施し、結果を調達者に提出"}}}},
      {"サンプルクラウド株式会社", "samplecloud-answer.xlsx", "サンプルクラウド株式会社", "サンプルSaaS", "ISMAP", {}},
  };
  for (const auto& v : vendors) {
    auto answered = answered_copy(blank->bytes, v);
    if (!answered) return answered.error();
    auto imported = import_response(services, operator_cli, tenant_id, sheet->id, v.vendor, v.file_name,
                                    answered.value(), "");
    if (!imported) return imported.error();
  }
  return ok();
}

}  // namespace mamori::app
