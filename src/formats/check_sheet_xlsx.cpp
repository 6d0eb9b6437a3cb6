#include "formats/check_sheet_xlsx.h"

#include <xlsxwriter.h>

#include <map>
#include <memory>

#include "formats/xlsx_bytes.h"

namespace mamori::formats {

namespace {

struct Formats {
  lxw_format* title;
  lxw_format* section;
  lxw_format* header;
  lxw_format* text;
  lxw_format* group;
  lxw_format* answer;
  lxw_format* note;
};

Formats make_formats(lxw_workbook* wb) {
  Formats f{};
  f.title = workbook_add_format(wb);
  format_set_bold(f.title);
  format_set_font_size(f.title, 14);
  f.section = workbook_add_format(wb);
  format_set_bold(f.section);
  format_set_font_size(f.section, 12);
  f.header = workbook_add_format(wb);
  format_set_bold(f.header);
  format_set_bg_color(f.header, 0xDDEBF7);
  format_set_border(f.header, LXW_BORDER_THIN);
  format_set_text_wrap(f.header);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_CENTER);
  f.text = workbook_add_format(wb);
  format_set_text_wrap(f.text);
  format_set_border(f.text, LXW_BORDER_THIN);
  format_set_align(f.text, LXW_ALIGN_VERTICAL_TOP);
  f.group = workbook_add_format(wb);
  format_set_text_wrap(f.group);
  format_set_border(f.group, LXW_BORDER_THIN);
  format_set_bg_color(f.group, 0xF2F2F2);
  format_set_bold(f.group);
  format_set_align(f.group, LXW_ALIGN_VERTICAL_TOP);
  f.answer = workbook_add_format(wb);
  format_set_border(f.answer, LXW_BORDER_THIN);
  format_set_align(f.answer, LXW_ALIGN_CENTER);
  format_set_align(f.answer, LXW_ALIGN_VERTICAL_CENTER);
  format_set_bg_color(f.answer, 0xFFF2CC);  // where the vendor writes
  format_set_unlocked(f.answer);
  f.note = workbook_add_format(wb);
  format_set_text_wrap(f.note);
  format_set_italic(f.note);
  return f;
}

void list_validation(lxw_worksheet* ws, lxw_row_t first, lxw_row_t last, lxw_col_t col,
                     const std::vector<const char*>& values, const char* prompt) {
  lxw_data_validation v{};
  v.validate = LXW_VALIDATION_TYPE_LIST;
  // libxlsxwriter takes a NULL-terminated char** (it does not write to it).
  std::vector<char*> list;
  for (const char* value : values) list.push_back(const_cast<char*>(value));
  list.push_back(nullptr);
  v.value_list = list.data();
  v.input_title = const_cast<char*>("回答 / Answer");
  v.input_message = const_cast<char*>(prompt);
  v.error_title = const_cast<char*>("選択肢から選んでください");
  v.error_message = const_cast<char*>("一覧から選んでください / choose from the list");
  worksheet_data_validation_range(ws, first, col, last, col, &v);
}

const domain::Node* find(const domain::Catalog& c, const std::string& ref) {
  for (const auto& n : c.nodes)
    if (n.ref == ref) return &n;
  return nullptr;
}

std::string ismap_ref_of(const domain::Node& n) {
  for (const auto& t : n.refers_to)
    if (auto colon = t.find(':'); colon != std::string::npos) return t.substr(colon + 1);
  return "";
}

// Item 1's requirement with its classification choices, as seed 000 prints it.
std::string classification_text(const domain::Node& n) {
  std::string out = n.text;
  if (n.answer)
    for (const auto& o : n.answer->options)
      out += "\n" + o.label + " " + o.description + (o.examples.empty() ? "" : "\n(例：" + o.examples + ")");
  return out;
}

}  // namespace

Status write_check_sheet_xlsx(const domain::Catalog& preamble, const domain::Catalog& questions,
                              const CheckSheetMeta& meta, const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return make_error(ErrorCode::io, "cannot create the file", Location::in_file(path));
  lxw_doc_properties properties{};
  properties.title = const_cast<char*>(meta.title.c_str());
  const std::string subject = "mamori check sheet " + questions.info.id + " " + questions.info.version;
  properties.subject = const_cast<char*>(subject.c_str());
  properties.company = const_cast<char*>(meta.counterparty.c_str());
  workbook_set_properties(wb, &properties);
  const Formats f = make_formats(wb);

  lxw_worksheet* ws = workbook_add_worksheet(wb, "クラウドサービス要件確認");
  const double widths[] = {9, 18, 60, 14, 40, 28, 14};
  for (lxw_col_t c = 0; c < 7; ++c) worksheet_set_column(ws, c, c, widths[c], nullptr);
  lxw_row_t row = 0;
  worksheet_write_string(ws, row++, 0, meta.title.c_str(), f.title);
  if (!meta.counterparty.empty() || !meta.service.empty() || !meta.due_date.empty()) {
    const std::string line = "宛先: " + meta.counterparty + "　対象サービス: " + meta.service + "　回答期限: " + meta.due_date;
    worksheet_write_string(ws, row++, 0, line.c_str(), f.note);
  }
  ++row;

  // Section 1: what information, and is the service on the ISMAP lists.
  if (const auto* s1 = find(preamble, "S1"))
    worksheet_write_string(ws, row++, 0, (s1->label + " " + s1->title).c_str(), f.section);
  if (const auto* item1 = find(preamble, "1")) {
    const char* h[] = {"項番", "項目名", "概要要件", "機密性", "取り扱う（保存する）情報の詳細"};
    for (lxw_col_t c = 0; c < 5; ++c) worksheet_write_string(ws, row, c, h[c], f.header);
    ++row;
    worksheet_write_string(ws, row, 0, "1", f.text);
    worksheet_write_string(ws, row, 1, item1->title.c_str(), f.text);
    worksheet_write_string(ws, row, 2, classification_text(*item1).c_str(), f.text);
    const std::string chosen = meta.classification.empty() ? "" : "機密性" + meta.classification;
    worksheet_write_string(ws, row, 3, chosen.c_str(), f.answer);
    worksheet_write_string(ws, row, 4, meta.details.c_str(), f.answer);
    list_validation(ws, row, row, 3, {"機密性3B", "機密性3C", "機密性2"}, "機密性を選んでください / choose the classification");
    worksheet_set_row(ws, row, 150, nullptr);
    ++row;
  }
  if (const auto* item2 = find(preamble, "2")) {
    const char* h[] = {"項番", "項目名", "概要要件", "適合状況 (○/×)", "採用クラウドサービス企業", "採用クラウドサービス名称",
                       "ISMAP or ISMAP-LIU"};
    for (lxw_col_t c = 0; c < 7; ++c) worksheet_write_string(ws, row, c, h[c], f.header);
    ++row;
    worksheet_write_string(ws, row, 0, "2", f.text);
    worksheet_write_string(ws, row, 1, item2->title.c_str(), f.text);
    worksheet_write_string(ws, row, 2, item2->text.c_str(), f.text);
    for (lxw_col_t c = 3; c < 7; ++c) worksheet_write_blank(ws, row, c, f.answer);
    list_validation(ws, row, row, 3, {"○", "×"}, "○ または × / ○ or ×");
    list_validation(ws, row, row, 6, {"ISMAP", "ISMAP-LIU"}, "ISMAP / ISMAP-LIU");
    worksheet_set_row(ws, row, 120, nullptr);
    ++row;
  }
  ++row;

  // Section 2: the required items.
  if (const auto* s2 = find(preamble, "S2")) {
    worksheet_write_string(ws, row++, 0, (s2->label + " " + s2->title).c_str(), f.section);
    worksheet_merge_range(ws, row, 0, row, 6, s2->text.c_str(), f.note);
    worksheet_set_row(ws, row++, 32, nullptr);
  }
  const char* h2[] = {"項番", "項目名", "概要要件", "適合状況 (○/×)", "備考（「×」の場合の代替対策の提示）",
                      "ISMAP管理基準 項目名", "ISMAP管理基準番号"};
  for (lxw_col_t c = 0; c < 7; ++c) worksheet_write_string(ws, row, c, h2[c], f.header);
  worksheet_set_row(ws, row, 32, nullptr);
  ++row;
  const lxw_row_t first_answer = row;
  std::map<std::string, const domain::Node*> by_ref;
  for (const auto& n : questions.nodes) by_ref[n.ref] = &n;
  for (const auto& n : questions.nodes) {
    if (n.kind == "section") continue;
    const bool is_question = n.required;
    if (!is_question && n.kind != "group") continue;
    const auto* parent = n.parent.empty() ? nullptr : by_ref[n.parent];
    const lxw_format* fmt = is_question ? f.text : f.group;
    worksheet_write_string(ws, row, 0, n.ref.c_str(), const_cast<lxw_format*>(fmt));
    worksheet_write_string(ws, row, 1, (is_question && parent ? parent->title : n.title).c_str(), const_cast<lxw_format*>(fmt));
    worksheet_write_string(ws, row, 2, n.text.c_str(), const_cast<lxw_format*>(fmt));
    if (is_question) {
      worksheet_write_blank(ws, row, 3, f.answer);
      worksheet_write_blank(ws, row, 4, f.answer);
      worksheet_write_string(ws, row, 5, n.title.c_str(), f.text);
      worksheet_write_string(ws, row, 6, ismap_ref_of(n).c_str(), f.text);
    } else {
      for (lxw_col_t c = 3; c < 7; ++c) worksheet_write_blank(ws, row, c, const_cast<lxw_format*>(fmt));
    }
    ++row;
  }
  if (row > first_answer)
    list_validation(ws, first_answer, row - 1, 3, {"○", "×", "－"},
                    "○: 満たす / ×: 満たさない (備考に代替対策) / －: 該当しない (備考に理由)");
  worksheet_freeze_panes(ws, 0, 1);
  worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_repeat_rows(ws, 0, 0);

  lxw_worksheet* guide = workbook_add_worksheet(wb, "記入要領 Instructions");
  worksheet_set_column(guide, 0, 0, 110, f.text);
  const char* lines[] = {
      "記入要領 / How to answer",
      "1. 項番1: 取り扱う情報の機密性（機密性3B / 3C / 2）を選び、情報の詳細を記入してください。",
      "   Item 1: choose the confidentiality of the information and describe it.",
      "2. 項番2: ISMAP又はISMAP-LIUクラウドサービスリストに掲載されたサービスを利用する場合は「○」とし、事業者名・"
      "サービス名称・区分を記入してください。その場合、項番3以降の回答は不要です。",
      "   Item 2: if the service is on the ISMAP or ISMAP-LIU list, answer ○ and name the provider, the service and the "
      "list; items 3 onwards then need no answer.",
      "3. 項番3以降: 適合状況の欄に「○」（満たす）、「×」（満たさない）、「－」（該当しない）のいずれかを選んでください。",
      "   Items 3 onwards: answer ○ (met), × (not met) or － (not applicable).",
      "4. 「×」の場合は備考欄に代替対策を、「－」の場合は該当しない理由を必ず記入してください。記入がない場合は不適合と判断します。",
      "   For × write the alternative measure in the remarks, for － the reason it does not apply; without it the item "
      "counts as not met.",
      "5. 統制目標（3桁の番号の項目）及び末尾にBが付された詳細管理策（4桁の番号の項目）は、原則として全て満たしていることが"
      "求められます。",
      "   Every 3-digit control objective and every 4-digit detailed control ending in B must in principle be met.",
      "6. 行や列の追加・削除・並べ替えはしないでください（読み取りには影響しませんが、確認に時間を要します）。",
      "   Please do not add, delete or reorder rows or columns.",
  };
  lxw_row_t r = 0;
  for (const char* line : lines) {
    worksheet_write_string(guide, r, 0, line, r == 0 ? f.section : f.text);
    ++r;
  }

  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) return make_error(ErrorCode::io, std::string("cannot write: ") + lxw_strerror(err), Location::in_file(path));
  return ok();
}

Result<std::string> check_sheet_xlsx_bytes(const domain::Catalog& preamble, const domain::Catalog& questions,
                                           const CheckSheetMeta& meta) {
  return xlsx_bytes([&](const std::string& path) { return write_check_sheet_xlsx(preamble, questions, meta, path); });
}

}  // namespace mamori::formats
