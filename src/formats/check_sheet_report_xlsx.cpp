#include "formats/check_sheet_report_xlsx.h"

#include <cstdint>
#include <optional>

#include "formats/xlsx_writer.h"

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
  std::uint32_t fill;
  std::uint32_t font;
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
  xlsx::StyleId title, section, label, header, text, center;
  xlsx::StyleId status[3];
};

Formats make_formats(xlsx::Workbook& wb) {
  using xlsx::HorizontalAlign;
  using xlsx::VerticalAlign;
  Formats f{};
  f.title = wb.add_style({.bold = true, .font_size = 14});
  f.section = wb.add_style({.bold = true, .font_size = 12});
  f.label = wb.add_style({.bold = true, .vertical = VerticalAlign::top});
  f.header = wb.add_style({.bold = true, .fill = 0xDDEBF7, .border = true, .wrap = true, .vertical = VerticalAlign::center});
  f.text = wb.add_style({.border = true, .wrap = true, .vertical = VerticalAlign::top});
  f.center = wb.add_style({.border = true, .horizontal = HorizontalAlign::center, .vertical = VerticalAlign::top});
  for (auto s : {domain::ItemStatus::met, domain::ItemStatus::needs_review, domain::ItemStatus::unmet})
    f.status[static_cast<int>(s)] = wb.add_style({.bold = true,
                                                  .font_color = palette(s).font,
                                                  .fill = palette(s).fill,
                                                  .border = true,
                                                  .wrap = true,
                                                  .horizontal = HorizontalAlign::center,
                                                  .vertical = VerticalAlign::top});
  return f;
}

Result<std::string> write_report(const CheckSheetReport& r) {
  xlsx::Workbook wb("report.xlsx");
  const Formats f = make_formats(wb);
  auto& ws = wb.add_worksheet("評価結果 Evaluation");
  const double widths[] = {9, 24, 50, 8, 40, 12, 16, 16, 36, 18};
  for (int c = 0; c < 10; ++c) ws.set_column(c, c, widths[c]);

  int row = 0;
  ws.write(row++, 0, "チェックシート評価結果 / Check-sheet evaluation", f.title);
  ws.write(row++, 0, r.sheet_title, f.section);
  ++row;
  auto pair = [&](const char* label, const std::string& value, std::optional<xlsx::StyleId> value_format = std::nullopt) {
    ws.merge(row, 0, row, 1, label, f.label);
    ws.merge(row, 2, row, 4, value, value_format.value_or(f.text));
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
    ws.write(row++, 0, "警告 / Warnings", f.section);
    for (const auto& w : r.warnings) {
      const std::string line = w.message_ja + " / " + w.message_en;
      ws.merge(row, 0, row, 9, line, f.text);
      ++row;
    }
  }
  ++row;

  const char* headers[] = {"項番",     "項目名",           "概要要件",        "回答",        "備考（代替対策） / Alternative measure",
                           "ISMAP管理基準番号", kReportStatusHeader, "レビュー / Review", "レビューコメント / Comment",
                           "レビュー者 / Reviewer"};
  for (int c = 0; c < 10; ++c) ws.write(row, c, headers[c], f.header);
  const int header_row = row;
  ++row;
  for (const auto& i : r.items) {
    ws.write(row, 0, i.ref, f.text);
    ws.write(row, 1, i.title, f.text);
    ws.write(row, 2, i.requirement, f.text);
    const std::string answer = i.written.empty() ? i.answer : "「" + i.written + "」?";
    ws.write(row, 3, answer, f.center);
    ws.write(row, 4, i.alternative, f.text);
    ws.write(row, 5, i.ismap_ref, f.text);
    ws.write(row, 6, status_label(i.status), f.status[static_cast<int>(i.status)]);
    ws.write(row, 7, review_label(i.review), f.text);
    ws.write(row, 8, i.review.comment, f.text);
    const std::string who = i.reviewer.empty() ? "" : i.reviewer + (i.decided_at.empty() ? "" : "\n" + i.decided_at);
    ws.write(row, 9, who, f.text);
    ++row;
  }
  ws.freeze_panes(header_row + 1, 1);
  if (row > header_row + 1) ws.autofilter(header_row, 0, row - 1, 9);
  ws.set_landscape();
  ws.fit_to_width();

  if (!r.problems.empty()) {
    auto& p = wb.add_worksheet("読み取りの問題 Problems");
    p.set_column(0, 0, 120);
    p.write(0, 0, "読み取れなかった箇所 / What the import could not read", f.section);
    int pr = 1;
    for (const auto& line : r.problems) p.write(pr++, 0, line, f.text);
  }

  return wb.finish();
}

}  // namespace

Result<std::string> check_sheet_report_xlsx(const CheckSheetReport& report) {
  return write_report(report);
}

}  // namespace mamori::formats
