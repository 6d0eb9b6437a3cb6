// The scope, the cloud services and the classification scheme (see
// asset_repository.cpp for the assets).
#include <nlohmann/json.hpp>

#include "store/isms_repository.h"
#include "store/constraint_errors.h"
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
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

// ---- services ----

constexpr const char* kServiceColumns =
    "id, name, role, description, service_model, in_scope, owner, data_countries, data_location_note, created_by, "
    "created_at, updated_by, updated_at";

StoredCloudService service_from_row(const soci::row& r) {
  StoredCloudService s;
  auto& c = s.service;
  c.id = s.id = r.get<std::string>(0);
  c.name = s.name = r.get<std::string>(1);
  s.role = r.get<std::string>(2);
  c.role = domain::parse_service_role(s.role).value_or(domain::ServiceRole::provider);
  c.description = r.get<std::string>(3);
  c.model = domain::parse_service_model(r.get<std::string>(4)).value_or(domain::ServiceModel::other);
  c.in_scope = integer_at(r, 5) != 0;
  c.owner = r.get<std::string>(6);
  c.data_countries = strings_of(json::parse(r.get<std::string>(7), nullptr, false));
  c.data_location_note = r.get<std::string>(8);
  s.created_by = r.get<std::string>(9);
  s.created_at = r.get<std::string>(10);
  s.updated_by = r.get<std::string>(11);
  s.updated_at = r.get<std::string>(12);
  return s;
}

// Fills runs_on of every service in `services` (one query for all).
void load_dependencies(Tx& tx, const std::string& tenant_id, std::vector<StoredCloudService>& services) {
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT service_id, COALESCE(depends_on_id, ''), COALESCE(external_name, ''), "
                           "ismap_registered FROM cloud_service_dependencies WHERE tenant_id = :t "
                           "ORDER BY service_id, seq",
       soci::use(tenant_id));
  for (const auto& r : rows) {
    const std::string service_id = r.get<std::string>(0);
    for (auto& s : services)
      if (s.id == service_id)
        s.service.runs_on.push_back({r.get<std::string>(1), r.get<std::string>(2), integer_at(r, 3) != 0});
  }
}

Result<std::optional<StoredCloudService>> find_service_where(Tx& tx, const std::string& tenant_id,
                                                             const char* column, const std::string& value) {
  std::vector<StoredCloudService> found;
  soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT " << kServiceColumns
                                                   << " FROM cloud_services WHERE tenant_id = :t AND " << column
                                                   << " = :v",
                                  soci::use(tenant_id), soci::use(value));
  for (const auto& r : rows) found.push_back(service_from_row(r));
  if (found.empty()) return std::optional<StoredCloudService>();
  soci::rowset<soci::row> deps =
      (tx.sql().prepare << "SELECT COALESCE(depends_on_id, ''), COALESCE(external_name, ''), ismap_registered "
                           "FROM cloud_service_dependencies WHERE tenant_id = :t AND service_id = :id ORDER BY seq",
       soci::use(tenant_id), soci::use(found.front().id));
  for (const auto& r : deps)
    found.front().service.runs_on.push_back({r.get<std::string>(0), r.get<std::string>(1), integer_at(r, 2) != 0});
  return std::optional<StoredCloudService>(std::move(found.front()));
}

void insert_dependencies(Tx& tx, const std::string& tenant_id, const domain::CloudService& s) {
  int seq = 0;
  for (const auto& d : s.runs_on) {
    ++seq;
    soci::indicator id_ind = d.external() ? soci::i_null : soci::i_ok;
    soci::indicator name_ind = d.external() ? soci::i_ok : soci::i_null;
    const int ismap = d.ismap_registered ? 1 : 0;
    tx.sql() << "INSERT INTO cloud_service_dependencies (tenant_id, service_id, seq, depends_on_id, external_name, "
                "ismap_registered) VALUES (:t, :s, :q, :d, :e, :i)",
        soci::use(tenant_id), soci::use(s.id), soci::use(seq), soci::use(d.service_id, id_ind),
        soci::use(d.external_name, name_ind), soci::use(ismap);
  }
}

// ---- scope ----

json exclusions_json(const std::vector<ScopeExclusion>& list) {
  json out = json::array();
  for (const auto& e : list) out.push_back({{"id", e.id}, {"item", e.item}, {"reason", e.reason}});
  return out;
}

// ---- classification ----

json levels_json(const std::vector<domain::ClassificationLevel>& levels) {
  json out = json::array();
  for (const auto& l : levels)
    out.push_back({{"level", l.level}, {"label_ja", l.label_ja}, {"label_en", l.label_en}, {"description", l.description}});
  return out;
}

std::vector<domain::ClassificationLevel> levels_from(const json& j) {
  std::vector<domain::ClassificationLevel> out;
  if (!j.is_array()) return out;
  for (const auto& l : j)
    if (l.is_object() && l.contains("level") && l["level"].is_number_integer())
      out.push_back({l["level"].get<int>(), text_of(l, "label_ja"), text_of(l, "label_en"), text_of(l, "description")});
  return out;
}

}  // namespace

Result<std::optional<StoredScope>> find_isms_scope(Tx& tx, const std::string& tenant_id) {
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT organisational, system_boundary, physical, interfaces, exclusions, updated_by, "
                           "updated_at FROM isms_scopes WHERE tenant_id = :t",
       soci::use(tenant_id));
  for (const auto& r : rows) {
    StoredScope s;
    s.organisational = r.get<std::string>(0);
    s.system_boundary = r.get<std::string>(1);
    s.physical = r.get<std::string>(2);
    s.interfaces = r.get<std::string>(3);
    const json list = json::parse(r.get<std::string>(4), nullptr, false);
    if (list.is_array())
      for (const auto& e : list) s.exclusions.push_back({text_of(e, "id"), text_of(e, "item"), text_of(e, "reason")});
    s.updated_by = r.get<std::string>(5);
    s.updated_at = r.get<std::string>(6);
    return std::optional<StoredScope>(std::move(s));
  }
  return std::optional<StoredScope>();
}

Status save_isms_scope(Tx& tx, const std::string& tenant_id, const StoredScope& s) {
  const std::string exclusions = exclusions_json(s.exclusions).dump();
  tx.sql() << "DELETE FROM isms_scopes WHERE tenant_id = :t", soci::use(tenant_id);
  tx.sql() << "INSERT INTO isms_scopes (tenant_id, organisational, system_boundary, physical, interfaces, exclusions, "
              "updated_by, updated_at) VALUES (:t, :o, :s, :p, :i, :e, :b, :a)",
      soci::use(tenant_id), soci::use(s.organisational), soci::use(s.system_boundary), soci::use(s.physical),
      soci::use(s.interfaces), soci::use(exclusions), soci::use(s.updated_by), soci::use(s.updated_at);
  return ok();
}

Result<std::vector<StoredCloudService>> list_cloud_services(Tx& tx, const std::string& tenant_id) {
  std::vector<StoredCloudService> out;
  soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT " << kServiceColumns
                                                   << " FROM cloud_services WHERE tenant_id = :t ORDER BY name, id",
                                  soci::use(tenant_id));
  for (const auto& r : rows) out.push_back(service_from_row(r));
  load_dependencies(tx, tenant_id, out);
  return out;
}

Result<std::optional<StoredCloudService>> find_cloud_service(Tx& tx, const std::string& tenant_id,
                                                             const std::string& id) {
  return find_service_where(tx, tenant_id, "id", id);
}

Result<std::optional<StoredCloudService>> find_cloud_service_by_name(Tx& tx, const std::string& tenant_id,
                                                                     const std::string& name) {
  return find_service_where(tx, tenant_id, "name", name);
}

Status insert_cloud_service(Tx& tx, const std::string& tenant_id, const StoredCloudService& stored) {
  const auto& s = stored.service;
  const std::string role = domain::to_string(s.role), model = domain::to_string(s.model);
  const std::string countries = json(s.data_countries).dump();
  const int in_scope = s.in_scope ? 1 : 0;
  tx.sql() << "INSERT INTO cloud_services (id, tenant_id, name, role, description, service_model, in_scope, owner, "
              "data_countries, data_location_note, created_by, created_at, updated_by, updated_at) VALUES "
              "(:id, :t, :n, :r, :d, :m, :i, :o, :c, :l, :cb, :ca, :ub, :ua)",
      soci::use(s.id), soci::use(tenant_id), soci::use(s.name), soci::use(role), soci::use(s.description),
      soci::use(model), soci::use(in_scope), soci::use(s.owner), soci::use(countries), soci::use(s.data_location_note),
      soci::use(stored.created_by), soci::use(stored.created_at), soci::use(stored.updated_by),
      soci::use(stored.updated_at);
  insert_dependencies(tx, tenant_id, s);
  return ok();
}

Status update_cloud_service(Tx& tx, const std::string& tenant_id, const StoredCloudService& stored) {
  const auto& s = stored.service;
  const std::string role = domain::to_string(s.role), model = domain::to_string(s.model);
  const std::string countries = json(s.data_countries).dump();
  const int in_scope = s.in_scope ? 1 : 0;
  tx.sql() << "UPDATE cloud_services SET name = :n, role = :r, description = :d, service_model = :m, in_scope = :i, "
              "owner = :o, data_countries = :c, data_location_note = :l, updated_by = :ub, updated_at = :ua "
              "WHERE tenant_id = :t AND id = :id",
      soci::use(s.name), soci::use(role), soci::use(s.description), soci::use(model), soci::use(in_scope),
      soci::use(s.owner), soci::use(countries), soci::use(s.data_location_note), soci::use(stored.updated_by),
      soci::use(stored.updated_at), soci::use(tenant_id), soci::use(s.id);
  tx.sql() << "DELETE FROM cloud_service_dependencies WHERE tenant_id = :t AND service_id = :s", soci::use(tenant_id),
      soci::use(s.id);
  insert_dependencies(tx, tenant_id, s);
  return ok();
}

Status delete_cloud_service(Tx& tx, const std::string& tenant_id, const std::string& id) {
  try {
    tx.sql() << "DELETE FROM cloud_service_dependencies WHERE tenant_id = :t AND service_id = :s",
        soci::use(tenant_id), soci::use(id);
    tx.sql() << "DELETE FROM cloud_services WHERE tenant_id = :t AND id = :s", soci::use(tenant_id), soci::use(id);
  } catch (const soci::soci_error& e) {
    // Other records (risks, the SoA) point at it; the transaction is rolled back.
    if (is_foreign_key_violation(e))
      return make_error(ErrorCode::conflict, "in_use",
                        "other records (e.g. risks, the Statement of Applicability) refer to this service "
                        "(他の記録が参照しています)",
                        Location::in_field("id"));
    throw;
  }
  return ok();
}

Result<domain::ClassificationScheme> classification_scheme(Tx& tx, const std::string& tenant_id) {
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT scheme FROM classification_schemes WHERE tenant_id = :t", soci::use(tenant_id));
  for (const auto& r : rows) {
    const json j = json::parse(r.get<std::string>(0), nullptr, false);
    domain::ClassificationScheme s;
    if (j.is_object()) {
      s.confidentiality = levels_from(j.value("confidentiality", json::array()));
      s.integrity = levels_from(j.value("integrity", json::array()));
      s.availability = levels_from(j.value("availability", json::array()));
    }
    return s;
  }
  return domain::government_scheme();
}

Status save_classification_scheme(Tx& tx, const std::string& tenant_id, const domain::ClassificationScheme& s,
                                  const std::string& by, const std::string& at) {
  const std::string text = json{{"confidentiality", levels_json(s.confidentiality)},
                                {"integrity", levels_json(s.integrity)},
                                {"availability", levels_json(s.availability)}}
                               .dump();
  tx.sql() << "DELETE FROM classification_schemes WHERE tenant_id = :t", soci::use(tenant_id);
  tx.sql() << "INSERT INTO classification_schemes (tenant_id, scheme, updated_by, updated_at) VALUES (:t, :s, :b, :a)",
      soci::use(tenant_id), soci::use(text), soci::use(by), soci::use(at);
  return ok();
}

}  // namespace mamori::store
