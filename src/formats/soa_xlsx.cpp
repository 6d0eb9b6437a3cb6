#include "formats/soa_xlsx.h"

#include "formats/xlsx_writer.h"

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
  xlsx::StyleId title, label, header, text;
  xlsx::StyleId tone[5];
};

Formats make_formats(xlsx::Workbook& wb) {
  using xlsx::VerticalAlign;
  Formats f{};
  f.title = wb.add_style({.bold = true, .font_size = 14});
  f.label = wb.add_style({.bold = true});
  f.header = wb.add_style({.bold = true, .fill = 0xDDEBF7, .border = true, .wrap = true});
  f.text = wb.add_style({.border = true, .wrap = true, .vertical = VerticalAlign::top});
  const std::uint32_t fills[] = {0xC6EFCE, 0xFFEB9C, 0xFFC7CE, 0xEDEDED, 0xFFFFFF};
  const std::uint32_t fonts[] = {0x006100, 0x9C5700, 0x9C0006, 0x595959, 0x000000};
  for (int i = 0; i < 5; ++i)
    f.tone[i] = wb.add_style(
        {.font_color = fonts[i], .fill = fills[i], .border = true, .wrap = true, .vertical = VerticalAlign::top});
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

Result<std::string> write_soa(const SoaReport& r) {
  xlsx::Workbook wb("soa.xlsx");
  const Formats f = make_formats(wb);
  auto& ws = wb.add_worksheet(kSoaSheetName);
  const double widths[] = {16, 12, 48, 14, 36, 16, 30, 30, 40};
  for (int c = 0; c < 9; ++c) ws.set_column(c, c, widths[c]);

  int row = 0;
  ws.write(row++, 0, "適用宣言書 / Statement of Applicability", f.title);
  auto pair = [&](const char* label, const std::string& value) {
    ws.merge(row, 0, row, 1, label, f.label);
    ws.merge(row, 2, row, 4, value);
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
  for (int c = 0; c < 9; ++c) ws.write(row, c, headers[c], f.header);
  const int header_row = row++;

  std::map<std::string, std::vector<const domain::SoaFinding*>> by_row;
  for (const auto& x : r.findings) by_row[domain::row_key(x.catalog_key, x.ref)].push_back(&x);

  for (const auto& i : r.rows) {
    ws.write(row, 0, catalog_label(i.catalog_key), f.text);
    ws.write(row, 1, i.ref, f.text);
    ws.write(row, 2, i.title, f.text);
    ws.write(row, 3, applicability_label(i.applicable), f.tone[applicability_tone(i.applicable)]);
    ws.write(row, 4, i.reason, f.text);
    ws.write(row, 5, implementation_label(i.status), f.tone[status_tone(i.status)]);
    std::vector<std::string> risks;
    for (const auto& id : i.treatments) {
      auto t = r.risk_titles.find(id);
      risks.push_back(t == r.risk_titles.end() || t->second.empty() ? id : t->second);
    }
    ws.write(row, 6, joined(risks), f.text);
    ws.write(row, 7, joined(i.evidence), f.text);
    std::vector<std::string> notes;
    Tone tone = plain;
    if (auto it = by_row.find(domain::row_key(i.catalog_key, i.ref)); it != by_row.end())
      for (const auto* x : it->second) {
        notes.push_back(x->message_ja);
        if (x->severity == domain::FindingSeverity::error) tone = bad;
        else if (tone != bad) tone = neutral;
      }
    ws.write(row, 8, joined(notes), f.tone[tone]);
    ++row;
  }
  ws.freeze_panes(header_row + 1, 2);
  if (row > header_row + 1) ws.autofilter(header_row, 0, row - 1, 8);
  ws.set_landscape();
  ws.fit_to_width();
  ws.repeat_rows(header_row, header_row);

  auto& fs = wb.add_worksheet(kSoaFindingsSheetName);
  const double fwidths[] = {14, 20, 14, 28, 60, 60};
  for (int c = 0; c < 6; ++c) fs.set_column(c, c, fwidths[c]);
  const char* fheaders[] = {"重大度 / Severity", "カタログ / Catalog", "番号 / Ref", "規則 / Rule", "指摘",
                            "Finding"};
  for (int c = 0; c < 6; ++c) fs.write(0, c, fheaders[c], f.header);
  int fr = 1;
  for (const auto& x : r.findings) {
    const xlsx::StyleId sev = f.tone[x.severity == domain::FindingSeverity::error ? bad : neutral];
    fs.write(fr, 0, severity_label(x.severity), sev);
    fs.write(fr, 1, catalog_label(x.catalog_key), f.text);
    fs.write(fr, 2, x.ref, f.text);
    fs.write(fr, 3, x.rule, f.text);
    fs.write(fr, 4, x.message_ja, f.text);
    fs.write(fr, 5, x.message_en, f.text);
    ++fr;
  }
  if (r.findings.empty()) fs.write(fr, 0, "指摘なし / no findings");
  fs.freeze_panes(1, 0);

  return wb.finish();
}

}  // namespace

Result<std::string> soa_xlsx(const SoaReport& report) {
  return write_soa(report);
}

}  // namespace mamori::formats
