#include "app/isms_json.h"

namespace mamori::app {

using nlohmann::json;

json scope_json(const store::StoredScope& s) {
  json exclusions = json::array();
  for (const auto& e : s.exclusions) exclusions.push_back({{"id", e.id}, {"item", e.item}, {"reason", e.reason}});
  return json{{"organisational", s.organisational},
              {"system_boundary", s.system_boundary},
              {"physical", s.physical},
              {"interfaces", s.interfaces},
              {"exclusions", exclusions},
              {"updated_by", s.updated_by},
              {"updated_at", s.updated_at}};
}

json cloud_service_json(const store::StoredCloudService& stored, const std::vector<store::StoredCloudService>& all) {
  const auto& s = stored.service;
  json runs_on = json::array();
  for (const auto& d : s.runs_on) {
    if (d.external()) {
      runs_on.push_back({{"external_name", d.external_name}, {"ismap_registered", d.ismap_registered}});
      continue;
    }
    std::string name;
    std::string role;
    for (const auto& o : all)
      if (o.id == d.service_id) {
        name = o.name;
        role = o.role;
      }
    runs_on.push_back({{"service_id", d.service_id}, {"name", name}, {"role", role}});
  }
  json dependants = json::array();
  for (const auto& o : all)
    for (const auto& d : o.service.runs_on)
      if (d.service_id == s.id) dependants.push_back({{"id", o.id}, {"name", o.name}});
  return json{{"id", s.id},
              {"name", s.name},
              {"description", s.description},
              {"model", domain::to_string(s.model)},
              {"role", domain::to_string(s.role)},
              {"in_scope", s.in_scope},
              {"owner", s.owner},
              {"runs_on", runs_on},
              {"runs_on_other_provider", domain::runs_on_other_provider(s, [&] {
                 std::vector<domain::CloudService> v;
                 for (const auto& o : all) v.push_back(o.service);
                 return v;
               }())},
              {"used_by", dependants},
              {"data_countries", s.data_countries},
              {"data_location_note", s.data_location_note},
              {"created_by", stored.created_by},
              {"created_at", stored.created_at},
              {"updated_by", stored.updated_by},
              {"updated_at", stored.updated_at}};
}

json classification_json(const domain::ClassificationScheme& scheme) {
  json out = json::object();
  for (auto axis : {domain::SecurityAxis::confidentiality, domain::SecurityAxis::integrity,
                    domain::SecurityAxis::availability}) {
    json levels = json::array();
    for (const auto& l : scheme.levels(axis))
      levels.push_back(
          {{"level", l.level}, {"label_ja", l.label_ja}, {"label_en", l.label_en}, {"description", l.description}});
    out[domain::to_string(axis)] = levels;
  }
  out["is_default"] = scheme == domain::government_scheme();
  return out;
}

json asset_json(const store::StoredAsset& s) {
  const auto& a = s.asset;
  return json{{"id", a.id},
              {"name", a.name},
              {"type", domain::to_string(a.type)},
              {"description", a.description},
              {"owner", a.owner},
              {"confidentiality", a.confidentiality},
              {"integrity", a.integrity},
              {"availability", a.availability},
              {"personal_info", a.personal_info},
              {"category", domain::to_string(a.category)},
              {"storage_location", a.storage_location},
              {"storage_country", a.storage_country},
              {"service_ids", a.service_ids},
              {"suppliers", a.suppliers},
              {"created_by", s.created_by},
              {"created_at", s.created_at},
              {"updated_by", s.updated_by},
              {"updated_at", s.updated_at}};
}

json error_json(const Error& e) {
  return json{{"message", e.message},
              {"reason", e.reason},
              {"sheet", e.where.sheet},
              {"row", e.where.row},
              {"column", e.where.column == 0 ? "" : column_letters(e.where.column)},
              {"field", e.where.field},
              {"where", e.where.to_string()}};
}

json import_report_json(const AssetImportReport& r) {
  json problems = json::array();
  for (const auto& p : r.problems) problems.push_back(error_json(p));
  return json{{"stored", r.problems.empty()},
              {"created", r.created},
              {"updated", r.updated},
              {"unchanged", r.unchanged},
              {"problems", problems}};
}

}  // namespace mamori::app
