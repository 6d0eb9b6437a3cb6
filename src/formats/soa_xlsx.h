// A Statement of Applicability (適用宣言書) as .xlsx: a header with the
// organisation, service, role and version or draft with its approval, one
// row per control (catalog, ref, title, applicable, reason, status, linked
// treatments, evidence, the row's findings), coloured by applicability,
// status and finding severity; and a sheet of every finding.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/soa.h"
#include "domain/soa_rules.h"

namespace mamori::formats {

struct SoaReport {
  std::string organisation;
  std::string service_name;
  std::string role;  // customer | provider | both
  int version = 0;   // 0: the draft
  std::string approved_by;
  std::string approved_at;
  std::string comment;
  std::vector<domain::SoaRow> rows;
  std::vector<domain::SoaFinding> findings;
  std::map<std::string, std::string> risk_titles;  // risk id -> title
};

// "クラウドサービスカスタマ及びプロバイダ / customer and provider", …
std::string soa_role_label(const std::string& role);
// "適用 / yes", "適用除外 / no", "未評価 / not evaluated"
std::string applicability_label(domain::Applicability a);
// "実装済 / implemented", …, "" for unset
std::string implementation_label(domain::ImplementationStatus s);

inline constexpr const char* kSoaSheetName = "適用宣言書 SoA";
inline constexpr const char* kSoaFindingsSheetName = "指摘 Findings";

Result<std::string> soa_xlsx(const SoaReport& report);

}  // namespace mamori::formats
