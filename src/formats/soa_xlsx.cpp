#include "formats/soa_xlsx.h"

#include <xlsxwriter.h>

#include "formats/xlsx_bytes.h"

namespace mamori::formats {

std::string soa_role_label(const std::string& role) {
  if (role == "customer") return "クラウドサービスカスタマ / cloud service customer";
  if (role == "provider") return "クラウドサービスプロバイダ / cloud service provider";
  if (role == "both") return "カスタマ及びプロバイダ / customer and provider";
  return role;
}

std::string applicability_label(domain::Applicability a) {
  switch (a) {
    case domain::Applicability::applicable: return "適用 / yes";
    case domain::Applicability::not_applicable: return "適用除外 / no";
    case domain::Applicability::unevaluated: break;
  }
  return "未評価 / not evaluated";
}

std::string implementation_label(domain::ImplementationStatus s) {
  switch (s) {
    case domain::ImplementationStatus::implemented: return "実装済 / implemented";
    case domain::ImplementationStatus::partial: return "一部実装 / partial";
    case domain::ImplementationStatus::planned: return "計画中 / planned";
    case domain::ImplementationStatus::not_implemented: return "未実装 / not implemented";
    case domain::ImplementationStatus::unset: break;
  }
  return "";
}

namespace {

std::string catalog_label(const std::string& key) {
  if (key == domain::kAnnexACatalog) return "JIS Q 27001 附属書A";
  if (key == domain::kCloudCatalog) return "JIS Q 27017";
  if (key == domain::kIsmapCatalog) return "ISMAP管理基準";
  return key;
}

// Excel's "Good", "Neutral", "Bad" styles and a grey for what does not apply.
enum Tone { good = 0, neutral = 1, bad = 2, muted = 3, plain = 4 };

struct Formats {
  lxw_format* title;
  lxw_format* label;
  lxw_format* header;
  lxw_format* text;
  lxw_format* tone[5];
};

Formats make_formats(lxw_workbook* wb) {
  Formats f{};
  f.title = workbook_add_format(wb);
  format_set_bold(f.title);
  format_set_font_size(f.title, 14);
  f.label = workbook_add_format(wb);
  format_set_bold(f.label);
  f.header = workbook_add_format(wb);
  format_set_bold(f.header);
  format_set_bg_color(f.header, 0xDDEBF7);
  format_set_border(f.header, LXW_BORDER_THIN);
  format_set_text_wrap(f.header);
  f.text = workbook_add_format(wb);
  format_set_text_wrap(f.text);
  format_set_border(f.text, LXW_BORDER_THIN);
  format_set_align(f.text, LXW_ALIGN_VERTICAL_TOP);
  const lxw_color_t fills[] = {0xC6EFCE, 0xFFEB9C, 0xFFC7CE, 0xEDEDED, 0xFFFFFF};
  const lxw_color_t fonts[] = {0x006100, 0x9C5700, 0x9C0006, 0x595959, 0x000000};
  for (int i = 0; i < 5; ++i) {
    lxw_format* x = workbook_add_format(wb);
    format_set_border(x, LXW_BORDER_THIN);
    format_set_text_wrap(x);
    format_set_align(x, LXW_ALIGN_VERTICAL_TOP);
    format_set_bg_color(x, fills[i]);
    format_set_font_color(x, fonts[i]);
    f.tone[i] = x;
  }
  return f;
}

Tone applicability_tone(domain::Applicability a) {
  return a == domain::Applicability::applicable       ? good
         : a == domain::Applicability::not_applicable ? muted
                                                      : neutral;
}

Tone status_tone(domain::ImplementationStatus s) {
  switch (s) {
    case domain::ImplementationStatus::implemented: return good;
    case domain::ImplementationStatus::partial:
    case domain::ImplementationStatus::planned: return neutral;
    case domain::ImplementationStatus::not_implemented: return bad;
    case domain::ImplementationStatus::unset: break;
  }
  return plain;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : "\n") + i;
  return out;
}

std::string severity_label(domain::FindingSeverity s) {
  return s == domain::FindingSeverity::error ? "エラー / error" : "警告 / warning";
}

Status write_soa(const SoaReport& r, const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return make_error(ErrorCode::io, "cannot create the SoA file");
  const Formats f = make_formats(wb);
  lxw_worksheet* ws = workbook_add_worksheet(wb, kSoaSheetName);
  const double widths[] = {16, 12, 48, 14, 36, 16, 30, 30, 40};
  for (lxw_col_t c = 0; c < 9; ++c) worksheet_set_column(ws, c, c, widths[c], nullptr);

  lxw_row_t row = 0;
  worksheet_write_string(ws, row++, 0, "適用宣言書 / Statement of Applicability", f.title);
  auto pair = [&](const char* label, const std::string& value) {
    worksheet_merge_range(ws, row, 0, row, 1, label, f.label);
    worksheet_merge_range(ws, row, 2, row, 4, value.c_str(), nullptr);
    ++row;
  };
  pair("組織 / Organisation", r.organisation);
  pair("クラウドサービス / Service", r.service_name);
  pair("立場 / Role", soa_role_label(r.role));
  pair("版 / Version", r.version == 0 ? "ドラフト（未承認） / draft (not approved)" : "第" + std::to_string(r.version) +
                                                                                   "版 / version " +
                                                                                   std::to_string(r.version));
  if (r.version != 0) {
    pair("承認 / Approved", r.approved_by + "  " + r.approved_at);
    if (!r.comment.empty()) pair("承認コメント / Comment", r.comment);
  }
  int errors = 0, warnings = 0;
  for (const auto& x : r.findings) (x.severity == domain::FindingSeverity::error ? errors : warnings) += 1;
  pair("指摘 / Findings", "エラー " + std::to_string(errors) + "　警告 " + std::to_string(warnings) +
                              "  (errors / warnings)");
  ++row;

  const char* headers[] = {"カタログ / Catalog", "番号 / Ref",       "管理策 / Control",    "適用 / Applicable",
                           "理由 / Reason",      "実装状況 / Status", "リスク対応 / Treatments", "証跡 / Evidence",
                           "指摘 / Findings"};
  for (lxw_col_t c = 0; c < 9; ++c) worksheet_write_string(ws, row, c, headers[c], f.header);
  const lxw_row_t header_row = row++;

  std::map<std::string, std::vector<const domain::SoaFinding*>> by_row;
  for (const auto& x : r.findings) by_row[domain::row_key(x.catalog_key, x.ref)].push_back(&x);

  for (const auto& i : r.rows) {
    worksheet_write_string(ws, row, 0, catalog_label(i.catalog_key).c_str(), f.text);
    worksheet_write_string(ws, row, 1, i.ref.c_str(), f.text);
    worksheet_write_string(ws, row, 2, i.title.c_str(), f.text);
    worksheet_write_string(ws, row, 3, applicability_label(i.applicable).c_str(), f.tone[applicability_tone(i.applicable)]);
    worksheet_write_string(ws, row, 4, i.reason.c_str(), f.text);
    worksheet_write_string(ws, row, 5, implementation_label(i.status).c_str(), f.tone[status_tone(i.status)]);
    std::vector<std::string> risks;
    for (const auto& id : i.treatments) {
      auto t = r.risk_titles.find(id);
      risks.push_back(t == r.risk_titles.end() || t->second.empty() ? id : t->second);
    }
    worksheet_write_string(ws, row, 6, joined(risks).c_str(), f.text);
    worksheet_write_string(ws, row, 7, joined(i.evidence).c_str(), f.text);
    std::vector<std::string> notes;
    Tone tone = plain;
    if (auto it = by_row.find(domain::row_key(i.catalog_key, i.ref)); it != by_row.end())
      for (const auto* x : it->second) {
        notes.push_back(x->message_ja);
        if (x->severity == domain::FindingSeverity::error) tone = bad;
        else if (tone != bad) tone = neutral;
      }
    worksheet_write_string(ws, row, 8, joined(notes).c_str(), f.tone[tone]);
    ++row;
  }
  worksheet_freeze_panes(ws, header_row + 1, 2);
  if (row > header_row + 1) worksheet_autofilter(ws, header_row, 0, row - 1, 8);
  worksheet_set_landscape(ws);
  worksheet_fit_to_pages(ws, 1, 0);
  worksheet_repeat_rows(ws, header_row, header_row);

  lxw_worksheet* fs = workbook_add_worksheet(wb, kSoaFindingsSheetName);
  const double fwidths[] = {14, 20, 14, 28, 60, 60};
  for (lxw_col_t c = 0; c < 6; ++c) worksheet_set_column(fs, c, c, fwidths[c], nullptr);
  const char* fheaders[] = {"重大度 / Severity", "カタログ / Catalog", "番号 / Ref", "規則 / Rule", "指摘",
                            "Finding"};
  for (lxw_col_t c = 0; c < 6; ++c) worksheet_write_string(fs, 0, c, fheaders[c], f.header);
  lxw_row_t fr = 1;
  for (const auto& x : r.findings) {
    lxw_format* sev = f.tone[x.severity == domain::FindingSeverity::error ? bad : neutral];
    worksheet_write_string(fs, fr, 0, severity_label(x.severity).c_str(), sev);
    worksheet_write_string(fs, fr, 1, catalog_label(x.catalog_key).c_str(), f.text);
    worksheet_write_string(fs, fr, 2, x.ref.c_str(), f.text);
    worksheet_write_string(fs, fr, 3, x.rule.c_str(), f.text);
    worksheet_write_string(fs, fr, 4, x.message_ja.c_str(), f.text);
    worksheet_write_string(fs, fr, 5, x.message_en.c_str(), f.text);
    ++fr;
  }
  if (r.findings.empty()) worksheet_write_string(fs, fr, 0, "指摘なし / no findings", nullptr);
  worksheet_freeze_panes(fs, 1, 0);

  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR) return make_error(ErrorCode::io, std::string("cannot write the SoA: ") + lxw_strerror(err));
  return ok();
}

}  // namespace

Result<std::string> soa_xlsx(const SoaReport& report) {
  return xlsx_bytes([&](const std::string& path) { return write_soa(report, path); });
}

}  // namespace mamori::formats
