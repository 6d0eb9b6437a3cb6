#include "formats/tailored_standard_xlsx.h"

#include <xlsxwriter.h>

#include <map>

#include "formats/xlsx_bytes.h"

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

Status write_book(const StandardWorkbook& b, const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return make_error(ErrorCode::io, "cannot create the workbook file");
  lxw_format* title = workbook_add_format(wb);
  format_set_bold(title);
  format_set_font_size(title, 14);
  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_bg_color(header, 0xDDEBF7);
  format_set_border(header, LXW_BORDER_THIN);
  format_set_text_wrap(header);
  lxw_format* text = workbook_add_format(wb);
  format_set_text_wrap(text);
  format_set_border(text, LXW_BORDER_THIN);
  format_set_align(text, LXW_ALIGN_VERTICAL_TOP);

  // Organisation-defined attribute types: every type an item has that the
  // vocabulary does not, one column for all of them ("type: values").
  std::vector<std::string> headers{"番号 / No.", "タイトル / Title", "本文 / Text", "区分 / Level",
                                   "技術的検証項目 / Technical", "見直し間隔(月) / Review (months)"};
  for (const auto& t : b.vocabulary) headers.push_back(t.name.ja + " / " + t.name.en);
  headers.insert(headers.end(), {"独自属性 / Own attributes", "出典 / Origin", "組織内規定 / Internal regulations",
                                 "変更理由 / Reasons"});
  std::map<int, const StandardLogEntry*> by_seq;
  for (const auto& e : b.log) by_seq[e.seq] = &e;

  lxw_worksheet* ws = workbook_add_worksheet(wb, "個別管理基準 Standard");
  lxw_row_t row = 0;
  worksheet_write_string(ws, row++, 0, ("個別管理基準 / Tailored control standard: " + b.name).c_str(), title);
  worksheet_write_string(ws, row++, 0, ("基準元 / Base: " + b.base + "    版 / Version: " + b.version +
                                        "    見直し間隔 / Review: " + std::to_string(b.review_months) + " か月")
                                           .c_str(),
                         nullptr);
  ++row;
  for (lxw_col_t c = 0; c < headers.size(); ++c) {
    worksheet_write_string(ws, row, c, headers[c].c_str(), header);
    worksheet_set_column(ws, c, c, c == 2 ? 60 : (c == 1 || static_cast<std::size_t>(c) + 1 == headers.size() ? 36 : 14), nullptr);
  }
  const lxw_row_t header_row = row++;
  for (const auto& item : b.items) {
    lxw_col_t c = 0;
    auto cell = [&](const std::string& value) { worksheet_write_string(ws, row, c++, value.c_str(), text); };
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
  worksheet_autofilter(ws, header_row, 0, row == header_row + 1 ? header_row : row - 1,
                       static_cast<lxw_col_t>(headers.size() - 1));
  worksheet_freeze_panes(ws, header_row + 1, 1);

  lxw_worksheet* log = workbook_add_worksheet(wb, "変更履歴 Change log");
  const char* log_headers[] = {"#", "手順 / Step", "操作 / Operation", "対象 / Items", "理由 / Reason", "実施者 / By",
                               "日時 (UTC) / At"};
  const double widths[] = {6, 10, 16, 24, 60, 24, 24};
  for (lxw_col_t c = 0; c < 7; ++c) {
    worksheet_write_string(log, 0, c, log_headers[c], header);
    worksheet_set_column(log, c, c, widths[c], nullptr);
  }
  lxw_row_t r = 1;
  for (const auto& e : b.log) {
    worksheet_write_number(log, r, 0, e.seq, text);
    worksheet_write_string(log, r, 1, e.step == 0 ? "属性" : ("手順" + std::to_string(e.step)).c_str(), text);
    worksheet_write_string(log, r, 2, e.kind.c_str(), text);
    worksheet_write_string(log, r, 3, e.items.c_str(), text);
    worksheet_write_string(log, r, 4, e.reason.c_str(), text);
    worksheet_write_string(log, r, 5, e.by.c_str(), text);
    worksheet_write_string(log, r, 6, e.at.c_str(), text);
    ++r;
  }
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) return make_error(ErrorCode::io, std::string("cannot write the workbook: ") + lxw_strerror(err));
  return ok();
}

}  // namespace

Result<std::string> tailored_standard_xlsx(const StandardWorkbook& book) {
  return xlsx_bytes([&](const std::string& path) { return write_book(book, path); });
}

}  // namespace mamori::formats
