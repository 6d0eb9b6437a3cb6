#include "store/tailored_repository.h"

#include <nlohmann/json.hpp>

#include "formats/tailored_json.h"
#include "store/row_values.h"
#include "store/tx.h"

namespace mamori::store {

namespace {

using nlohmann::json;

constexpr const char* kStandardColumns =
    "id, name, description, base_catalog_key, base_catalog_version, review_months, operation_count, "
    "approved_version, created_by, created_at, updated_by, updated_at";

StoredStandard standard_from(const soci::row& r) {
  StoredStandard s;
  s.id = r.get<std::string>(0);
  s.name = r.get<std::string>(1);
  s.description = r.get<std::string>(2);
  s.base_catalog_key = r.get<std::string>(3);
  s.base_catalog_version = r.get<std::string>(4);
  s.review_months = static_cast<int>(integer_at(r, 5));
  s.operation_count = static_cast<int>(integer_at(r, 6));
  s.approved_version = r.get_indicator(7) == soci::i_null ? 0 : static_cast<int>(integer_at(r, 7));
  s.created_by = r.get<std::string>(8);
  s.created_at = r.get<std::string>(9);
  s.updated_by = r.get<std::string>(10);
  s.updated_at = r.get<std::string>(11);
  return s;
}

std::string filter_text(const domain::ItemFilter& f) {
  json j{{"attributes", formats::attributes_json(f.attributes)}, {"level", nullptr}, {"technical", nullptr}};
  if (f.level) j["level"] = domain::to_string(*f.level);
  if (f.technical) j["technical"] = *f.technical;
  return j.dump();
}

domain::ItemFilter filter_from(const std::string& text) {
  domain::ItemFilter f;
  const json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return f;
  f.attributes = formats::attributes_from_json(j.value("attributes", json::array()));
  if (j.contains("level") && j["level"].is_string()) f.level = domain::parse_item_level(j["level"].get<std::string>());
  if (j.contains("technical") && j["technical"].is_boolean()) f.technical = j["technical"].get<bool>();
  return f;
}

std::string scope_items_text(const std::vector<ScopeItem>& items) {
  json out = json::array();
  for (const auto& i : items) out.push_back({{"key", i.key}, {"number", i.number}, {"title", i.title}});
  return out.dump();
}

std::vector<ScopeItem> scope_items_from(const std::string& text) {
  std::vector<ScopeItem> out;
  const json j = json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& i : j)
    if (i.is_object())
      out.push_back({i.value("key", std::string()), i.value("number", std::string()), i.value("title", std::string())});
  return out;
}

constexpr const char* kScopeColumns =
    "id, standard_id, version, name, purpose, filter, items, created_by, created_at";

StoredAuditScope scope_from(const soci::row& r) {
  StoredAuditScope s;
  s.id = r.get<std::string>(0);
  s.standard_id = r.get<std::string>(1);
  s.version = static_cast<int>(integer_at(r, 2));
  s.name = r.get<std::string>(3);
  s.purpose = r.get<std::string>(4);
  s.filter = filter_from(r.get<std::string>(5));
  s.items = scope_items_from(r.get<std::string>(6));
  s.created_by = r.get<std::string>(7);
  s.created_at = r.get<std::string>(8);
  return s;
}

}  // namespace

Status insert_standard(Tx& tx, const std::string& tenant_id, const StoredStandard& s) {
  soci::indicator av = s.approved_version == 0 ? soci::i_null : soci::i_ok;
  int review = s.review_months, count = s.operation_count, approved = s.approved_version;
  tx.sql() << "INSERT INTO tailored_standards (id, tenant_id, name, description, base_catalog_key, "
              "base_catalog_version, review_months, operation_count, approved_version, created_by, created_at, "
              "updated_by, updated_at) VALUES (:id, :t, :n, :d, :ck, :cv, :rm, :oc, :av, :cb, :ca, :ub, :ua)",
      soci::use(s.id), soci::use(tenant_id), soci::use(s.name), soci::use(s.description),
      soci::use(s.base_catalog_key), soci::use(s.base_catalog_version), soci::use(review), soci::use(count),
      soci::use(approved, av), soci::use(s.created_by), soci::use(s.created_at), soci::use(s.updated_by),
      soci::use(s.updated_at);
  return ok();
}

Status update_standard(Tx& tx, const std::string& tenant_id, const StoredStandard& s) {
  soci::indicator av = s.approved_version == 0 ? soci::i_null : soci::i_ok;
  int count = s.operation_count, approved = s.approved_version;
  tx.sql() << "UPDATE tailored_standards SET operation_count = :oc, approved_version = :av, updated_by = :ub, "
              "updated_at = :ua WHERE tenant_id = :t AND id = :id",
      soci::use(count), soci::use(approved, av), soci::use(s.updated_by), soci::use(s.updated_at),
      soci::use(tenant_id), soci::use(s.id);
  return ok();
}

Result<std::optional<StoredStandard>> find_standard(Tx& tx, const std::string& tenant_id, const std::string& id) {
  soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT " << kStandardColumns
                                                   << " FROM tailored_standards WHERE tenant_id = :t AND id = :id",
                                  soci::use(tenant_id), soci::use(id));
  for (const auto& r : rows) return std::optional<StoredStandard>(standard_from(r));
  return std::optional<StoredStandard>();
}

Result<std::optional<StoredStandard>> find_standard_by_name(Tx& tx, const std::string& tenant_id,
                                                            const std::string& name) {
  soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT " << kStandardColumns
                                                   << " FROM tailored_standards WHERE tenant_id = :t AND name = :n",
                                  soci::use(tenant_id), soci::use(name));
  for (const auto& r : rows) return std::optional<StoredStandard>(standard_from(r));
  return std::optional<StoredStandard>();
}

Result<std::vector<StoredStandard>> list_standards(Tx& tx, const std::string& tenant_id) {
  std::vector<StoredStandard> out;
  soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT " << kStandardColumns
                                                   << " FROM tailored_standards WHERE tenant_id = :t "
                                                      "ORDER BY created_at, id",
                                  soci::use(tenant_id));
  for (const auto& r : rows) out.push_back(standard_from(r));
  return out;
}

Status insert_operation(Tx& tx, const std::string& tenant_id, const std::string& standard_id,
                        const StoredOperation& s) {
  const std::string kind = domain::to_string(s.op.kind), payload = formats::operation_payload_text(s.op);
  int seq = s.op.seq, step = domain::step_of(s.op);
  tx.sql() << "INSERT INTO tailored_operations (tenant_id, standard_id, seq, kind, step, payload, reason, created_by, "
              "created_at) VALUES (:t, :s, :q, :k, :st, :p, :r, :cb, :ca)",
      soci::use(tenant_id), soci::use(standard_id), soci::use(seq), soci::use(kind), soci::use(step),
      soci::use(payload), soci::use(s.op.reason), soci::use(s.created_by), soci::use(s.created_at);
  return ok();
}

Result<std::vector<StoredOperation>> list_operations(Tx& tx, const std::string& tenant_id,
                                                     const std::string& standard_id) {
  std::vector<StoredOperation> out;
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT seq, payload, reason, created_by, created_at FROM tailored_operations "
                           "WHERE tenant_id = :t AND standard_id = :s ORDER BY seq",
       soci::use(tenant_id), soci::use(standard_id));
  for (const auto& r : rows) {
    StoredOperation s;
    s.op = formats::operation_from_payload_text(r.get<std::string>(1));
    s.op.seq = static_cast<int>(integer_at(r, 0));
    s.op.reason = r.get<std::string>(2);
    s.created_by = r.get<std::string>(3);
    s.created_at = r.get<std::string>(4);
    out.push_back(std::move(s));
  }
  return out;
}

Status insert_version(Tx& tx, const std::string& tenant_id, const std::string& standard_id, const StoredVersion& v) {
  const std::string items = formats::tailored_items_text(v.items);
  int version = v.version, count = v.operation_count;
  tx.sql() << "INSERT INTO tailored_versions (tenant_id, standard_id, version, operation_count, items, note, "
              "approved_by, approved_at) VALUES (:t, :s, :v, :oc, :i, :n, :ab, :aa)",
      soci::use(tenant_id), soci::use(standard_id), soci::use(version), soci::use(count), soci::use(items),
      soci::use(v.note), soci::use(v.approved_by), soci::use(v.approved_at);
  return ok();
}

Result<std::optional<StoredVersion>> find_version(Tx& tx, const std::string& tenant_id, const std::string& standard_id,
                                                  int version) {
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT version, operation_count, items, note, approved_by, approved_at "
                           "FROM tailored_versions WHERE tenant_id = :t AND standard_id = :s AND version = :v",
       soci::use(tenant_id), soci::use(standard_id), soci::use(version));
  for (const auto& r : rows) {
    StoredVersion v;
    v.version = static_cast<int>(integer_at(r, 0));
    v.operation_count = static_cast<int>(integer_at(r, 1));
    v.items = formats::tailored_items_from_text(r.get<std::string>(2));
    v.note = r.get<std::string>(3);
    v.approved_by = r.get<std::string>(4);
    v.approved_at = r.get<std::string>(5);
    return std::optional<StoredVersion>(std::move(v));
  }
  return std::optional<StoredVersion>();
}

Result<std::vector<StoredVersion>> list_versions(Tx& tx, const std::string& tenant_id, const std::string& standard_id) {
  std::vector<StoredVersion> out;
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT version, operation_count, note, approved_by, approved_at FROM tailored_versions "
                           "WHERE tenant_id = :t AND standard_id = :s ORDER BY version",
       soci::use(tenant_id), soci::use(standard_id));
  for (const auto& r : rows) {
    StoredVersion v;
    v.version = static_cast<int>(integer_at(r, 0));
    v.operation_count = static_cast<int>(integer_at(r, 1));
    v.note = r.get<std::string>(2);
    v.approved_by = r.get<std::string>(3);
    v.approved_at = r.get<std::string>(4);
    out.push_back(std::move(v));
  }
  return out;
}

Status insert_audit_scope(Tx& tx, const std::string& tenant_id, const StoredAuditScope& s) {
  const std::string filter = filter_text(s.filter), items = scope_items_text(s.items);
  int version = s.version;
  tx.sql() << "INSERT INTO audit_scopes (id, tenant_id, standard_id, version, name, purpose, filter, items, "
              "created_by, created_at) VALUES (:id, :t, :s, :v, :n, :p, :f, :i, :cb, :ca)",
      soci::use(s.id), soci::use(tenant_id), soci::use(s.standard_id), soci::use(version), soci::use(s.name),
      soci::use(s.purpose), soci::use(filter), soci::use(items), soci::use(s.created_by), soci::use(s.created_at);
  return ok();
}

Result<std::optional<StoredAuditScope>> find_audit_scope(Tx& tx, const std::string& tenant_id, const std::string& id) {
  soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT " << kScopeColumns
                                                   << " FROM audit_scopes WHERE tenant_id = :t AND id = :id",
                                  soci::use(tenant_id), soci::use(id));
  for (const auto& r : rows) return std::optional<StoredAuditScope>(scope_from(r));
  return std::optional<StoredAuditScope>();
}

Result<std::vector<StoredAuditScope>> list_audit_scopes(Tx& tx, const std::string& tenant_id,
                                                        const std::string& standard_id) {
  std::vector<StoredAuditScope> out;
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT " << kScopeColumns
                        << " FROM audit_scopes WHERE tenant_id = :t AND (:s = '' OR standard_id = :s2) "
                           "ORDER BY created_at DESC, id DESC",
       soci::use(tenant_id), soci::use(standard_id), soci::use(standard_id));
  for (const auto& r : rows) out.push_back(scope_from(r));
  return out;
}

}  // namespace mamori::store
