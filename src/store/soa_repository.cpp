#include "store/soa_repository.h"

#include <nlohmann/json.hpp>

#include "store/row_values.h"
#include "store/tx.h"

namespace mamori::store {

namespace {

using nlohmann::json;

std::vector<std::string> strings_of(const json& j) {
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const auto& v : j)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

std::string text_of(const json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

// A version's snapshot: everything a reader of that version needs, so it
// stays readable when the catalogs or the risk register change.
json row_json(const domain::SoaRow& r) {
  return json{{"catalog_key", r.catalog_key}, {"ref", r.ref},
              {"kind", domain::to_string(r.kind)}, {"parent_ref", r.parent_ref},
              {"title", r.title},           {"title_en", r.title_en},
              {"applicable", domain::to_string(r.applicable)}, {"reason", r.reason},
              {"status", domain::to_string(r.status)},         {"evidence", r.evidence},
              {"treatments", r.treatments}};
}

domain::SoaRow row_from_json(const json& j) {
  domain::SoaRow r;
  r.catalog_key = text_of(j, "catalog_key");
  r.ref = text_of(j, "ref");
  r.kind = domain::parse_soa_row_kind(text_of(j, "kind")).value_or(domain::SoaRowKind::annex_a);
  r.parent_ref = text_of(j, "parent_ref");
  r.title = text_of(j, "title");
  r.title_en = text_of(j, "title_en");
  r.applicable = domain::parse_applicability(text_of(j, "applicable")).value_or(domain::Applicability::unevaluated);
  r.reason = text_of(j, "reason");
  r.status = domain::parse_implementation_status(text_of(j, "status")).value_or(domain::ImplementationStatus::unset);
  r.evidence = strings_of(j.value("evidence", json::array()));
  r.treatments = strings_of(j.value("treatments", json::array()));
  return r;
}

json finding_json(const domain::SoaFinding& f) {
  return json{{"rule", f.rule},
              {"catalog_key", f.catalog_key},
              {"ref", f.ref},
              {"severity", domain::to_string(f.severity)},
              {"message_ja", f.message_ja},
              {"message_en", f.message_en},
              {"related", f.related}};
}

domain::SoaFinding finding_from_json(const json& j) {
  domain::SoaFinding f;
  f.rule = text_of(j, "rule");
  f.catalog_key = text_of(j, "catalog_key");
  f.ref = text_of(j, "ref");
  f.severity = text_of(j, "severity") == "warning" ? domain::FindingSeverity::warning : domain::FindingSeverity::error;
  f.message_ja = text_of(j, "message_ja");
  f.message_en = text_of(j, "message_en");
  f.related = strings_of(j.value("related", json::array()));
  return f;
}

constexpr const char* kSoaColumns =
    "id, service_id, approved_version, created_by, created_at, updated_by, updated_at";

StoredSoa soa_from_row(const soci::row& r) {
  StoredSoa s;
  s.id = r.get<std::string>(0);
  s.service_id = r.get<std::string>(1);
  s.approved_version = r.get_indicator(2) == soci::i_null ? 0 : static_cast<int>(integer_at(r, 2));
  s.created_by = r.get<std::string>(3);
  s.created_at = r.get<std::string>(4);
  s.updated_by = r.get<std::string>(5);
  s.updated_at = r.get<std::string>(6);
  return s;
}

Result<std::optional<StoredSoa>> find_where(Tx& tx, const std::string& tenant_id, const char* column,
                                            const std::string& value) {
  soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT " << kSoaColumns << " FROM soas WHERE tenant_id = :t AND "
                                                   << column << " = :v",
                                  soci::use(tenant_id), soci::use(value));
  for (const auto& r : rows) return std::optional<StoredSoa>(soa_from_row(r));
  return std::optional<StoredSoa>();
}

}  // namespace

Status insert_soa(Tx& tx, const std::string& tenant_id, const StoredSoa& s) {
  const int approved = s.approved_version;
  soci::indicator approved_ind = approved == 0 ? soci::i_null : soci::i_ok;
  tx.sql() << "INSERT INTO soas (id, tenant_id, service_id, approved_version, created_by, created_at, updated_by, "
              "updated_at) VALUES (:id, :t, :s, :av, :cb, :ca, :ub, :ua)",
      soci::use(s.id), soci::use(tenant_id), soci::use(s.service_id), soci::use(approved, approved_ind),
      soci::use(s.created_by), soci::use(s.created_at), soci::use(s.updated_by), soci::use(s.updated_at);
  return ok();
}

Status update_soa(Tx& tx, const std::string& tenant_id, const StoredSoa& s) {
  const int approved = s.approved_version;
  soci::indicator approved_ind = approved == 0 ? soci::i_null : soci::i_ok;
  tx.sql() << "UPDATE soas SET approved_version = :av, updated_by = :ub, updated_at = :ua "
              "WHERE tenant_id = :t AND id = :id",
      soci::use(approved, approved_ind), soci::use(s.updated_by), soci::use(s.updated_at), soci::use(tenant_id),
      soci::use(s.id);
  return ok();
}

Result<std::optional<StoredSoa>> find_soa(Tx& tx, const std::string& tenant_id, const std::string& id) {
  return find_where(tx, tenant_id, "id", id);
}

Result<std::optional<StoredSoa>> find_soa_for_service(Tx& tx, const std::string& tenant_id,
                                                      const std::string& service_id) {
  return find_where(tx, tenant_id, "service_id", service_id);
}

Result<std::vector<StoredSoa>> list_soas(Tx& tx, const std::string& tenant_id) {
  std::vector<StoredSoa> out;
  soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT " << kSoaColumns
                                                   << " FROM soas WHERE tenant_id = :t ORDER BY created_at, id",
                                  soci::use(tenant_id));
  for (const auto& r : rows) out.push_back(soa_from_row(r));
  return out;
}

Status save_soa_rows(Tx& tx, const std::string& tenant_id, const std::string& soa_id,
                     const std::vector<domain::SoaRow>& rows, const std::string& by, const std::string& at) {
  for (const auto& row : rows) {
    const std::string applicable = domain::to_string(row.applicable);
    const std::string status = domain::to_string(row.status);
    const std::string evidence = json(row.evidence).dump();
    tx.sql() << "INSERT INTO soa_rows (tenant_id, soa_id, catalog_key, ref, applicable, reason, status, evidence, "
                "updated_by, updated_at) VALUES (:t, :s, :ck, :ref, :a, :r, :st, :ev, :ub, :ua) "
                "ON CONFLICT (soa_id, catalog_key, ref) DO UPDATE SET applicable = excluded.applicable, "
                "reason = excluded.reason, status = excluded.status, evidence = excluded.evidence, "
                "updated_by = excluded.updated_by, updated_at = excluded.updated_at",
        soci::use(tenant_id), soci::use(soa_id), soci::use(row.catalog_key), soci::use(row.ref), soci::use(applicable),
        soci::use(row.reason), soci::use(status), soci::use(evidence), soci::use(by), soci::use(at);
  }
  return ok();
}

Result<std::vector<domain::SoaRow>> list_soa_rows(Tx& tx, const std::string& tenant_id, const std::string& soa_id) {
  std::vector<domain::SoaRow> out;
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT catalog_key, ref, applicable, reason, status, evidence FROM soa_rows "
                           "WHERE tenant_id = :t AND soa_id = :s ORDER BY catalog_key, ref",
       soci::use(tenant_id), soci::use(soa_id));
  for (const auto& r : rows) {
    domain::SoaRow row;
    row.catalog_key = r.get<std::string>(0);
    row.ref = r.get<std::string>(1);
    row.applicable =
        domain::parse_applicability(r.get<std::string>(2)).value_or(domain::Applicability::unevaluated);
    row.reason = r.get<std::string>(3);
    row.status =
        domain::parse_implementation_status(r.get<std::string>(4)).value_or(domain::ImplementationStatus::unset);
    row.evidence = strings_of(json::parse(r.get<std::string>(5), nullptr, false));
    out.push_back(std::move(row));
  }
  return out;
}

Status insert_soa_version(Tx& tx, const std::string& tenant_id, const std::string& soa_id, const SoaVersion& v) {
  json rows = json::array();
  for (const auto& r : v.rows) rows.push_back(row_json(r));
  json findings = json::array();
  for (const auto& f : v.findings) findings.push_back(finding_json(f));
  const std::string rows_text = rows.dump();
  const std::string findings_text = findings.dump();
  const int version = v.version;
  tx.sql() << "INSERT INTO soa_versions (tenant_id, soa_id, version, role, service_name, rows, findings, comment, "
              "approved_by, approved_at) VALUES (:t, :s, :v, :role, :name, :rows, :f, :c, :ab, :aa)",
      soci::use(tenant_id), soci::use(soa_id), soci::use(version), soci::use(v.role), soci::use(v.service_name),
      soci::use(rows_text), soci::use(findings_text), soci::use(v.comment), soci::use(v.approved_by),
      soci::use(v.approved_at);
  return ok();
}

namespace {

SoaVersion version_from_row(const soci::row& r, bool with_rows) {
  SoaVersion v;
  v.version = static_cast<int>(integer_at(r, 0));
  v.role = r.get<std::string>(1);
  v.service_name = r.get<std::string>(2);
  v.comment = r.get<std::string>(3);
  v.approved_by = r.get<std::string>(4);
  v.approved_at = r.get<std::string>(5);
  // The findings are small and the list shows their counts.
  const json findings = json::parse(r.get<std::string>(6), nullptr, false);
  if (findings.is_array())
    for (const auto& f : findings) v.findings.push_back(finding_from_json(f));
  if (with_rows) {
    const json rows = json::parse(r.get<std::string>(7), nullptr, false);
    if (rows.is_array())
      for (const auto& row : rows) v.rows.push_back(row_from_json(row));
  }
  return v;
}

}  // namespace

Result<std::vector<SoaVersion>> list_soa_versions(Tx& tx, const std::string& tenant_id, const std::string& soa_id,
                                                  bool with_rows) {
  std::vector<SoaVersion> out;
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT version, role, service_name, comment, approved_by, approved_at, findings, "
                        << (with_rows ? "rows" : "'[]'")
                        << " FROM soa_versions WHERE tenant_id = :t AND soa_id = :s ORDER BY version",
       soci::use(tenant_id), soci::use(soa_id));
  for (const auto& r : rows) out.push_back(version_from_row(r, with_rows));
  return out;
}

Result<std::optional<SoaVersion>> find_soa_version(Tx& tx, const std::string& tenant_id, const std::string& soa_id,
                                                   int version) {
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT version, role, service_name, comment, approved_by, approved_at, findings, rows "
                           "FROM soa_versions WHERE tenant_id = :t AND soa_id = :s AND version = :v",
       soci::use(tenant_id), soci::use(soa_id), soci::use(version));
  for (const auto& r : rows) return std::optional<SoaVersion>(version_from_row(r, true));
  return std::optional<SoaVersion>();
}

Result<bool> service_has_soa(Tx& tx, const std::string& tenant_id, const std::string& service_id) {
  auto found = find_soa_for_service(tx, tenant_id, service_id);
  if (!found) return found.error();
  return found.value().has_value();
}

}  // namespace mamori::store
