#include "formats/check_sheet_report_xlsx.h"

#include <xlsxwriter.h>

#include "formats/xlsx_bytes.h"

namespace mamori::formats {

std::string status_label(domain::ItemStatus status) {
  switch (status) {
    case domain::ItemStatus::met: return "適合 / met";
    case domain::ItemStatus::needs_review: return "要確認 / needs review";
    case domain::ItemStatus::unmet: return "不適合 / unmet";
  }
  return "不適合 / unmet";
}

std::string verdict_label(domain::Verdict verdict) {
  switch (verdict) {
    case domain::Verdict::conforming: return "適合 / conforming";
    case domain::Verdict::conditional: return "条件付き適合 / conditional";
    case domain::Verdict::nonconforming: return "不適合 / nonconforming";
  }
  return "不適合 / nonconforming";
}

namespace {

// Excel's own "Good", "Neutral" and "Bad" cell styles: the colours people
// already read as met, needs review and unmet.
struct Palette {
  lxw_color_t fill;
  lxw_color_t font;
};
Palette palette(domain::ItemStatus status) {
  switch (status) {
    case domain::ItemStatus::met: return {0xC6EFCE, 0x006100};
    case domain::ItemStatus::needs_review: return {0xFFEB9C, 0x9C5700};
    case domain::ItemStatus::unmet: return {0xFFC7CE, 0x9C0006};
  }
  return {0xFFC7CE, 0x9C0006};
}
domain::ItemStatus verdict_colour(domain::Verdict v) {
  return v == domain::Verdict::conforming    ? domain::ItemStatus::met
         : v == domain::Verdict::conditional ? domain::ItemStatus::needs_review
                                             : domain::ItemStatus::unmet;
}

std::string review_label(const domain::Review& r) {
  switch (r.decision) {
    case domain::ReviewDecision::accepted: return "承認 / accepted";
    case domain::ReviewDecision::rejected: return "却下 / rejected";
    case domain::ReviewDecision::none: break;
  }
  return "";
}

struct Formats {
  lxw_format* title;
  lxw_format* section;
  lxw_format* label;
  lxw_format* header;
  lxw_format* text;
  lxw_format* center;
  lxw_format* status[3];
};

Formats make_formats(lxw_workbook* wb) {
  Formats f{};
  f.title = workbook_add_format(wb);
  format_set_bold(f.title);
  format_set_font_size(f.title, 14);
  f.section = workbook_add_format(wb);
  format_set_bold(f.section);
  format_set_font_size(f.section, 12);
  f.label = workbook_add_format(wb);
  format_set_bold(f.label);
  format_set_align(f.label, LXW_ALIGN_VERTICAL_TOP);
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
  f.center = workbook_add_format(wb);
  format_set_border(f.center, LXW_BORDER_THIN);
  format_set_align(f.center, LXW_ALIGN_CENTER);
  format_set_align(f.center, LXW_ALIGN_VERTICAL_TOP);
  for (auto s : {domain::ItemStatus::met, domain::ItemStatus::needs_review, domain::ItemStatus::unmet}) {
    lxw_format* x = workbook_add_format(wb);
    format_set_bold(x);
    format_set_border(x, LXW_BORDER_THIN);
    format_set_align(x, LXW_ALIGN_CENTER);
    format_set_align(x, LXW_ALIGN_VERTICAL_TOP);
    format_set_text_wrap(x);
    format_set_bg_color(x, palette(s).fill);
    format_set_font_color(x, palette(s).font);
    f.status[static_cast<int>(s)] = x;
  }
  return f;
}

Status write_report(const CheckSheetReport& r, const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return make_error(ErrorCode::io, "cannot create the report file");
  const Formats f = make_formats(wb);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "評価結果 Evaluation");
  const double widths[] = {9, 24, 50, 8, 40, 12, 16, 16, 36, 18};
  for (lxw_col_t c = 0; c < 10; ++c) worksheet_set_column(ws, c, c, widths[c], nullptr);

  lxw_row_t row = 0;
  worksheet_write_string(ws, row++, 0, "チェックシート評価結果 / Check-sheet evaluation", f.title);
  worksheet_write_string(ws, row++, 0, r.sheet_title.c_str(), f.section);
  ++row;
  auto pair = [&](const char* label, const std::string& value, lxw_format* value_format = nullptr) {
    worksheet_merge_range(ws, row, 0, row, 1, label, f.label);
    worksheet_merge_range(ws, row, 2, row, 4, value.c_str(), value_format ? value_format : f.text);
    ++row;
  };
  pair("回答者 / Vendor", r.vendor);
  pair("対象サービス / Service", r.service);
  pair("評価日 / As of", r.as_of);
  pair("様式 / Template", r.template_id);
  pair("機密性 / Classification", r.classification.empty() ? "－" : "機密性" + r.classification);
  pair("ISMAP等クラウドサービスリスト / Listing", r.listing);
  pair("判定 / Verdict", verdict_label(r.verdict), f.status[static_cast<int>(verdict_colour(r.verdict))]);
  pair("根拠 / Ground", r.by_listing ? "ISMAP等クラウドサービスリストへの登録（各項目の回答は参考） / listed: the items are for "
                                       "information"
                                     : "各項目の回答 / the answers to the items");
  pair("件数 / Counts", "適合 " + std::to_string(r.met) + "　要確認 " + std::to_string(r.needs_review) + "　不適合 " +
                            std::to_string(r.unmet) + "  (met / needs review / unmet)");
  if (!r.warnings.empty()) {
    ++row;
    worksheet_write_string(ws, row++, 0, "警告 / Warnings", f.section);
    for (const auto& w : r.warnings) {
      const std::string line = w.message_ja + " / " + w.message_en;
      worksheet_merge_range(ws, row, 0, row, 9, line.c_str(), f.text);
      ++row;
    }
  }
  ++row;

  const char* headers[] = {"項番",     "項目名",           "概要要件",        "回答",        "備考（代替対策） / Alternative measure",
                           "ISMAP管理基準番号", kReportStatusHeader, "レビュー / Review", "レビューコメント / Comment",
                           "レビュー者 / Reviewer"};
  for (lxw_col_t c = 0; c < 10; ++c) worksheet_write_string(ws, row, c, headers[c], f.header);
  const lxw_row_t header_row = row;
  ++row;
  for (const auto& i : r.items) {
    worksheet_write_string(ws, row, 0, i.ref.c_str(), f.text);
    worksheet_write_string(ws, row, 1, i.title.c_str(), f.text);
    worksheet_write_string(ws, row, 2, i.requirement.c_str(), f.text);
    const std::string answer = i.written.empty() ? i.answer : "「" + i.written + "」?";
    worksheet_write_string(ws, row, 3, answer.c_str(), f.center);
    worksheet_write_string(ws, row, 4, i.alternative.c_str(), f.text);
    worksheet_write_string(ws, row, 5, i.ismap_ref.c_str(), f.text);
    worksheet_write_string(ws, row, 6, status_label(i.status).c_str(), f.status[static_cast<int>(i.status)]);
    worksheet_write_string(ws, row, 7, review_label(i.review).c_str(), f.text);
    worksheet_write_string(ws, row, 8, i.review.comment.c_str(), f.text);
    const std::string who = i.reviewer.empty() ? "" : i.reviewer + (i.decided_at.empty() ? "" : "\n" + i.decided_at);
    worksheet_write_string(ws, row, 9, who.c_str(), f.text);
    ++row;
  }
  worksheet_freeze_panes(ws, header_row + 1, 1);
  if (row > header_row + 1) worksheet_autofilter(ws, header_row, 0, row - 1, 9);
  worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, 0);

  if (!r.problems.empty()) {
    lxw_worksheet* p = workbook_add_worksheet(wb, "読み取りの問題 Problems");
    worksheet_set_column(p, 0, 0, 120, nullptr);
    worksheet_write_string(p, 0, 0, "読み取れなかった箇所 / What the import could not read", f.section);
    lxw_row_t pr = 1;
    for (const auto& line : r.problems) worksheet_write_string(p, pr++, 0, line.c_str(), f.text);
  }

  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) return make_error(ErrorCode::io, std::string("cannot write the report: ") + lxw_strerror(err));
  return ok();
}

}  // namespace

Result<std::string> check_sheet_report_xlsx(const CheckSheetReport& report) {
  return xlsx_bytes([&](const std::string& path) { return write_report(report, path); });
}

}  // namespace mamori::formats
