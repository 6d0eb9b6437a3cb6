#include "formats/check_sheet_xlsx.h"

#include <map>
#include <memory>

#include "formats/file_output.h"
#include "formats/xlsx_writer.h"

namespace mamori::formats {

namespace {

struct Formats {
  xlsx::StyleId title, section, header, text, group, answer, note;
};

Formats make_formats(xlsx::Workbook& wb) {
  using xlsx::HorizontalAlign;
  using xlsx::VerticalAlign;
  Formats f{};
  f.title = wb.add_style({.bold = true, .font_size = 14});
  f.section = wb.add_style({.bold = true, .font_size = 12});
  f.header = wb.add_style({.bold = true, .fill = 0xDDEBF7, .border = true, .wrap = true, .vertical = VerticalAlign::center});
  f.text = wb.add_style({.border = true, .wrap = true, .vertical = VerticalAlign::top});
  f.group = wb.add_style({.bold = true, .fill = 0xF2F2F2, .border = true, .wrap = true, .vertical = VerticalAlign::top});
  // Where the vendor writes.
  f.answer = wb.add_style({.fill = 0xFFF2CC,
                           .border = true,
                           .horizontal = HorizontalAlign::center,
                           .vertical = VerticalAlign::center,
                           .unlocked = true});
  f.note = wb.add_style({.italic = true, .wrap = true});
  return f;
}

void list_validation(xlsx::Worksheet& ws, int first, int last, int col, const std::vector<std::string>& values,
                     const char* prompt) {
  ws.list_validation({.first_row = first,
                      .first_column = col,
                      .last_row = last,
                      .last_column = col,
                      .values = values,
                      .prompt_title = "回答 / Answer",
                      .prompt = prompt,
                      .error_title = "選択肢から選んでください",
                      .error = "一覧から選んでください / choose from the list"});
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

Result<std::string> check_sheet_xlsx_bytes(const domain::Catalog& preamble, const domain::Catalog& questions,
                                           const CheckSheetMeta& meta) {
  xlsx::Workbook wb("check-sheet.xlsx");
  wb.set_properties(meta.title, "mamori check sheet " + questions.info.id + " " + questions.info.version,
                    meta.counterparty);
  const Formats f = make_formats(wb);

  auto& ws = wb.add_worksheet("クラウドサービス要件確認");
  const double widths[] = {9, 18, 60, 14, 40, 28, 14};
  for (int c = 0; c < 7; ++c) ws.set_column(c, c, widths[c]);
  int row = 0;
  ws.write(row++, 0, meta.title, f.title);
  if (!meta.counterparty.empty() || !meta.service.empty() || !meta.due_date.empty()) {
    const std::string line = "宛先: " + meta.counterparty + "　対象サービス: " + meta.service + "　回答期限: " + meta.due_date;
    ws.write(row++, 0, line, f.note);
  }
  ++row;

  // Section 1: what information, and is the service on the ISMAP lists.
  if (const auto* s1 = find(preamble, "S1"))
    ws.write(row++, 0, (s1->label + " " + s1->title), f.section);
  if (const auto* item1 = find(preamble, "1")) {
    const char* h[] = {"項番", "項目名", "概要要件", "機密性", "取り扱う（保存する）情報の詳細"};
    for (int c = 0; c < 5; ++c) ws.write(row, c, h[c], f.header);
    ++row;
    ws.write(row, 0, "1", f.text);
    ws.write(row, 1, item1->title, f.text);
    ws.write(row, 2, classification_text(*item1), f.text);
    const std::string chosen = meta.classification.empty() ? "" : "機密性" + meta.classification;
    ws.write(row, 3, chosen, f.answer);
    ws.write(row, 4, meta.details, f.answer);
    list_validation(ws, row, row, 3, {"機密性3B", "機密性3C", "機密性2"}, "機密性を選んでください / choose the classification");
    ws.set_row(row, 150);
    ++row;
  }
  if (const auto* item2 = find(preamble, "2")) {
    const char* h[] = {"項番", "項目名", "概要要件", "適合状況 (○/×)", "採用クラウドサービス企業", "採用クラウドサービス名称",
                       "ISMAP or ISMAP-LIU"};
    for (int c = 0; c < 7; ++c) ws.write(row, c, h[c], f.header);
    ++row;
    ws.write(row, 0, "2", f.text);
    ws.write(row, 1, item2->title, f.text);
    ws.write(row, 2, item2->text, f.text);
    for (int c = 3; c < 7; ++c) ws.write_blank(row, c, f.answer);
    list_validation(ws, row, row, 3, {"○", "×"}, "○ または × / ○ or ×");
    list_validation(ws, row, row, 6, {"ISMAP", "ISMAP-LIU"}, "ISMAP / ISMAP-LIU");
    ws.set_row(row, 120);
    ++row;
  }
  ++row;

  // Section 2: the required items.
  if (const auto* s2 = find(preamble, "S2")) {
    ws.write(row++, 0, (s2->label + " " + s2->title), f.section);
    ws.merge(row, 0, row, 6, s2->text, f.note);
    ws.set_row(row++, 32);
  }
  const char* h2[] = {"項番", "項目名", "概要要件", "適合状況 (○/×)", "備考（「×」の場合の代替対策の提示）",
                      "ISMAP管理基準 項目名", "ISMAP管理基準番号"};
  for (int c = 0; c < 7; ++c) ws.write(row, c, h2[c], f.header);
  ws.set_row(row, 32);
  ++row;
  const int first_answer = row;
  std::map<std::string, const domain::Node*> by_ref;
  for (const auto& n : questions.nodes) by_ref[n.ref] = &n;
  for (const auto& n : questions.nodes) {
    if (n.kind == "section") continue;
    const bool is_question = n.required;
    if (!is_question && n.kind != "group") continue;
    const auto* parent = n.parent.empty() ? nullptr : by_ref[n.parent];
    const xlsx::StyleId fmt = is_question ? f.text : f.group;
    ws.write(row, 0, n.ref, fmt);
    ws.write(row, 1, (is_question && parent ? parent->title : n.title), fmt);
    ws.write(row, 2, n.text, fmt);
    if (is_question) {
      ws.write_blank(row, 3, f.answer);
      ws.write_blank(row, 4, f.answer);
      ws.write(row, 5, n.title, f.text);
      ws.write(row, 6, ismap_ref_of(n), f.text);
    } else {
      for (int c = 3; c < 7; ++c) ws.write_blank(row, c, fmt);
    }
    ++row;
  }
  if (row > first_answer)
    list_validation(ws, first_answer, row - 1, 3, {"○", "×", "－"},
                    "○: 満たす / ×: 満たさない (備考に代替対策) / －: 該当しない (備考に理由)");
  ws.freeze_panes(0, 1);
  ws.set_landscape();
  ws.fit_to_width();
  ws.repeat_rows(0, 0);

  auto& guide = wb.add_worksheet("記入要領 Instructions");
  guide.set_column(0, 0, 110, f.text);
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
  int r = 0;
  for (const char* line : lines) {
    guide.write(r, 0, line, r == 0 ? f.section : f.text);
    ++r;
  }

  return wb.finish();
}

Status write_check_sheet_xlsx(const domain::Catalog& preamble, const domain::Catalog& questions,
                              const CheckSheetMeta& meta, const std::string& path) {
  auto bytes = check_sheet_xlsx_bytes(preamble, questions, meta);
  if (!bytes) return bytes.error();
  return write_file(path, bytes.value());
}

}  // namespace mamori::formats
