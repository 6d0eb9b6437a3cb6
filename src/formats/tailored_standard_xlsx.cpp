#include "formats/tailored_standard_xlsx.h"

#include <map>

#include "formats/xlsx_writer.h"

namespace mamori::formats {

namespace {

std::string joined(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : separator) + i;
  return out;
}

// "予防、検知": the Japanese labels of a type's values on an item.
std::string values_label(const domain::TailoredItem& item, const std::string& type,
                         const domain::AttributeType* vocabulary) {
  for (const auto& [t, values] : item.attributes) {
    if (t != type) continue;
    std::vector<std::string> labels;
    for (const auto& v : values) {
      const auto* known = vocabulary ? vocabulary->find_value(v) : nullptr;
      labels.push_back(known && !known->name.ja.empty() ? known->name.ja : v);
    }
    return joined(labels, "、");
  }
  return "";
}

Result<std::string> write_book(const StandardWorkbook& b) {
  xlsx::Workbook wb("standard.xlsx");
  const auto title = wb.add_style({.bold = true, .font_size = 14});
  const auto header = wb.add_style({.bold = true, .fill = 0xDDEBF7, .border = true, .wrap = true});
  const auto text = wb.add_style({.border = true, .wrap = true, .vertical = xlsx::VerticalAlign::top});

  // Organisation-defined attribute types: every type an item has that the
  // vocabulary does not, one column for all of them ("type: values").
  std::vector<std::string> headers{"番号 / No.", "タイトル / Title", "本文 / Text", "区分 / Level",
                                   "技術的検証項目 / Technical", "見直し間隔(月) / Review (months)"};
  for (const auto& t : b.vocabulary) headers.push_back(t.name.ja + " / " + t.name.en);
  headers.insert(headers.end(), {"独自属性 / Own attributes", "出典 / Origin", "組織内規定 / Internal regulations",
                                 "変更理由 / Reasons"});
  std::map<int, const StandardLogEntry*> by_seq;
  for (const auto& e : b.log) by_seq[e.seq] = &e;

  auto& ws = wb.add_worksheet("個別管理基準 Standard");
  int row = 0;
  ws.write(row++, 0, ("個別管理基準 / Tailored control standard: " + b.name), title);
  ws.write(row++, 0, ("基準元 / Base: " + b.base + "    版 / Version: " + b.version +
                                        "    見直し間隔 / Review: " + std::to_string(b.review_months) + " か月"));
  ++row;
  for (int c = 0; c < static_cast<int>(headers.size()); ++c) {
    ws.write(row, c, headers[c], header);
    ws.set_column(c, c, c == 2 ? 60 : (c == 1 || static_cast<std::size_t>(c) + 1 == headers.size() ? 36 : 14));
  }
  const int header_row = row++;
  for (const auto& item : b.items) {
    int c = 0;
    auto cell = [&](const std::string& value) { ws.write(row, c++, value, text); };
    cell(item.number);
    cell(item.title);
    cell(item.text);
    cell(item.level == domain::ItemLevel::required ? "必須" : "推奨");
    cell(item.technical ? "○" : "");
    cell(item.technical ? std::to_string(item.review_months) : std::to_string(b.review_months));
    for (const auto& t : b.vocabulary) cell(values_label(item, t.key, &t));
    std::vector<std::string> own;
    for (const auto& [type, values] : item.attributes) {
      bool known = false;
      for (const auto& t : b.vocabulary) known = known || t.key == type;
      if (!known) own.push_back(type + ": " + joined(values, "、"));
    }
    cell(joined(own, "\n"));
    std::vector<std::string> origin = item.origin;
    if (!item.source.empty()) origin.push_back(item.source);
    cell(joined(origin, "\n"));
    std::vector<std::string> regs;
    for (const auto& r : item.regulations) regs.push_back(r.name + (r.clause.empty() ? "" : " " + r.clause));
    cell(joined(regs, "\n"));
    std::vector<std::string> reasons;
    for (int seq : item.history) {
      auto e = by_seq.find(seq);
      if (e != by_seq.end()) reasons.push_back("#" + std::to_string(seq) + " " + e->second->kind + ": " + e->second->reason);
    }
    cell(joined(reasons, "\n"));
    ++row;
  }
  ws.autofilter(header_row, 0, row == header_row + 1 ? header_row : row - 1,
                       static_cast<int>(headers.size() - 1));
  ws.freeze_panes(header_row + 1, 1);

  auto& log = wb.add_worksheet("変更履歴 Change log");
  const char* log_headers[] = {"#", "手順 / Step", "操作 / Operation", "対象 / Items", "理由 / Reason", "実施者 / By",
                               "日時 (UTC) / At"};
  const double widths[] = {6, 10, 16, 24, 60, 24, 24};
  for (int c = 0; c < 7; ++c) {
    log.write(0, c, log_headers[c], header);
    log.set_column(c, c, widths[c]);
  }
  int r = 1;
  for (const auto& e : b.log) {
    log.write_number(r, 0, e.seq, text);
    log.write(r, 1, e.step == 0 ? "属性" : ("手順" + std::to_string(e.step)), text);
    log.write(r, 2, e.kind, text);
    log.write(r, 3, e.items, text);
    log.write(r, 4, e.reason, text);
    log.write(r, 5, e.by, text);
    log.write(r, 6, e.at, text);
    ++r;
  }
  return wb.finish();
}

}  // namespace

Result<std::string> tailored_standard_xlsx(const StandardWorkbook& book) {
  return write_book(book);
}

}  // namespace mamori::formats
