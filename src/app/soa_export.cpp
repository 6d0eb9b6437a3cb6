// The SoA as .xlsx: the snapshot (draft or version) with the names a reader
// needs (organisation, risk titles) resolved.
#include "app/authorize.h"
#include "app/soa.h"
#include "formats/soa_xlsx.h"
#include "store/risk_repository.h"
#include "store/tenant_repository.h"

namespace mamori::app {

namespace {

// Keeps a file name to characters every file system takes.
std::string safe_name(const std::string& name) {
  std::string out;
  for (char c : name) out += (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' ||
                              c == '>' || c == '|' || static_cast<unsigned char>(c) < 0x20)
                                 ? '_'
                                 : c;
  return out;
}

}  // namespace

Result<SoaFile> export_soa_xlsx(Services& services, const Caller& caller, const std::string& tenant_id,
                                const std::string& id, int version) {
  auto snapshot = soa_snapshot(services, caller, tenant_id, id, version);
  if (!snapshot) return snapshot.error();
  formats::SoaReport report;
  auto names = services.db.with_read([&](store::Tx& tx) -> Status {
    auto tenant = store::find_tenant(tx, tenant_id);
    if (!tenant) return tenant.error();
    if (tenant.value()) report.organisation = tenant.value()->name;
    auto risks = store::list_risks(tx, tenant_id);
    if (!risks) return risks.error();
    for (const auto& r : risks.value()) report.risk_titles[r.id] = r.risk.title;
    return ok();
  });
  if (!names) return names.error();
  auto& s = snapshot.value();
  report.service_name = s.service_name;
  report.role = s.role;
  report.version = s.version;
  report.approved_by = s.approved_by_name;
  report.approved_at = s.approved_at;
  report.comment = s.comment;
  report.rows = std::move(s.rows);
  report.findings = std::move(s.findings);
  auto bytes = formats::soa_xlsx(report);
  if (!bytes) return bytes.error();
  const std::string suffix = version == 0 ? "draft" : "v" + std::to_string(version);
  return SoaFile{"適用宣言書_" + safe_name(report.service_name) + "_" + suffix + ".xlsx", std::move(bytes.value())};
}

}  // namespace mamori::app
