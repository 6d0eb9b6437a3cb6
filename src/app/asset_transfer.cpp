// The asset inventory in and out as .xlsx (formats/asset_inventory_xlsx.h).
// Import is all or nothing: every row is parsed and checked, and only a file
// without a single problem is stored, in one transaction with one audit
// entry per asset created or changed. A row matches an existing asset by its
// ID when the ID column has one (so a rename in Excel is a rename), else by
// name; names are unique per organisation, so a re-import never duplicates.
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "app/assets.h"
#include "app/audited_write.h"
#include "app/authorize.h"
#include "domain/text.h"
#include "formats/asset_inventory_xlsx.h"
#include "store/ids.h"

namespace mamori::app {

namespace {

using nlohmann::json;

// The reason that rolls an import with problems back; never leaves this file.
constexpr const char* kProblems = "import_problems";

std::string actor(const Caller& caller) { return caller.user_id.empty() ? caller.label() : caller.user_id; }

json summary(const domain::Asset& a) {
  return json{{"name", a.name},
              {"type", domain::to_string(a.type)},
              {"cia", {a.confidentiality, a.integrity, a.availability}},
              {"category", domain::to_string(a.category)}};
}

// A problem in a row; the caller sets where.
Error row_error(const char* reason, std::string message) {
  return make_error(ErrorCode::invalid_input, reason, std::move(message), Location{});
}

// The row's values over `base` for the columns the file has.
domain::Asset merged(const domain::Asset& base, const domain::Asset& row, const formats::ParsedAssetSheet& sheet) {
  domain::Asset a = base;
  a.name = row.name;
  if (sheet.has("type")) a.type = row.type;
  if (sheet.has("description")) a.description = row.description;
  if (sheet.has("owner")) a.owner = row.owner;
  if (sheet.has("confidentiality")) a.confidentiality = row.confidentiality;
  if (sheet.has("integrity")) a.integrity = row.integrity;
  if (sheet.has("availability")) a.availability = row.availability;
  if (sheet.has("personal_info")) a.personal_info = row.personal_info;
  if (sheet.has("category")) a.category = row.category;
  if (sheet.has("storage_location")) a.storage_location = row.storage_location;
  if (sheet.has("storage_country")) a.storage_country = row.storage_country;
  if (sheet.has("suppliers")) a.suppliers = row.suppliers;
  return a;
}

}  // namespace

Result<AssetExport> export_assets_xlsx(Services& services, const Caller& caller, const std::string& tenant_id) {
  std::vector<formats::AssetExportRow> rows;
  domain::ClassificationScheme scheme;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_records);
    if (!scope) return scope.error();
    auto assets = store::list_assets(tx, tenant_id);
    if (!assets) return assets.error();
    auto list = store::list_cloud_services(tx, tenant_id);
    if (!list) return list.error();
    auto s = store::classification_scheme(tx, tenant_id);
    if (!s) return s.error();
    scheme = s.value();
    std::map<std::string, std::string> names;
    for (const auto& service : list.value()) names[service.id] = service.name;
    for (const auto& a : assets.value()) {
      formats::AssetExportRow row{a.asset, {}};
      for (const auto& id : a.asset.service_ids) row.service_names.push_back(names[id]);
      rows.push_back(std::move(row));
    }
    return ok();
  });
  if (!status) return status.error();
  auto bytes = formats::asset_inventory_xlsx(rows, scheme);
  if (!bytes) return bytes.error();
  return AssetExport{"assets.xlsx", std::move(bytes.value())};
}

Result<AssetImportReport> import_assets_xlsx(Services& services, const Caller& caller, const std::string& tenant_id,
                                             const std::string& bytes, const std::string& file_name) {
  AssetImportReport report;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::write_records);
    if (!scope) return scope.error();
    auto scheme = store::classification_scheme(tx, tenant_id);
    if (!scheme) return scheme.error();
    auto parsed = formats::read_asset_inventory(bytes, file_name, scheme.value());
    if (!parsed) return parsed.error();
    const formats::ParsedAssetSheet& sheet = parsed.value();
    report.problems = sheet.problems;
    auto services_list = store::list_cloud_services(tx, tenant_id);
    if (!services_list) return services_list.error();
    auto existing = store::list_assets(tx, tenant_id);
    if (!existing) return existing.error();
    std::vector<std::string> known;
    std::map<std::string, std::string> service_by_name;  // folded name -> id
    for (const auto& s : services_list.value()) {
      known.push_back(s.id);
      service_by_name[domain::fold_for_search(s.name)] = s.id;
    }
    std::map<std::string, const store::StoredAsset*> by_id, by_name;
    for (const auto& a : existing.value()) {
      by_id[a.id] = &a;
      by_name[a.name] = &a;
    }

    struct Planned {
      const store::StoredAsset* before;  // nullptr: new
      domain::Asset after;
    };
    std::vector<Planned> plan;
    std::map<std::string, int> name_rows, id_rows;
    auto problem = [&](int row, const std::string& field, const Error& e) {
      Error p = e;
      p.where = sheet.at(row, field);
      report.problems.push_back(std::move(p));
    };
    for (const auto& row : sheet.rows) {
      const std::size_t before_problems = report.problems.size();
      const store::StoredAsset* match = nullptr;
      if (!row.id.empty()) {
        auto it = by_id.find(std::string(row.id));
        if (it == by_id.end()) {
          problem(row.row, "id",
                  row_error("no_such_asset",
                             "no asset has the ID " + std::string(row.id.substr(0, 100)) + " (leave it empty for a new asset)"));
          continue;
        }
        match = it->second;
        if (auto [at, fresh] = id_rows.emplace(row.id, row.row); !fresh) {
          problem(row.row, "id",
                  row_error("duplicate", "the same ID is on row " + std::to_string(at->second)));
          continue;
        }
      } else {
        auto it = by_name.find(std::string(row.name));
        if (it != by_name.end()) match = it->second;
      }
      domain::Asset next = merged(match ? match->asset : domain::Asset{}, row.asset(), sheet);
      next.id = match ? match->id : store::new_uuid_v7();
      if (sheet.has("services")) {
        next.service_ids.clear();
        for (const auto& name : row.service_names()) {
          auto it = service_by_name.find(domain::fold_for_search(name));
          if (it == service_by_name.end())
            problem(row.row, "services",
                    row_error("unknown_service",
                               "no cloud service named 「" + name.substr(0, 200) + "」 in the scope"));
          else
            next.service_ids.push_back(it->second);
        }
      }
      // The cells the reader could not take are reported already; the
      // domain's checks need a whole row.
      if (row.has_problems) continue;
      if (auto r = domain::check_asset(next, scheme.value(), known); !r)
        problem(row.row, r.error().where.field, r.error());
      if (report.problems.size() != before_problems) continue;
      // A name taken by another asset (one not being renamed in this file
      // is enough to refuse; names are unique).
      if (auto it = by_name.find(next.name); it != by_name.end() && it->second->id != next.id) {
        problem(row.row, "name",
                row_error("duplicate", "another asset is already named " + next.name));
        continue;
      }
      if (auto [at, fresh] = name_rows.emplace(next.name, row.row); !fresh) {
        problem(row.row, "name",
                row_error("duplicate",
                           "the name " + next.name + " is also on row " + std::to_string(at->second)));
        continue;
      }
      plan.push_back({match, std::move(next)});
    }
    if (sheet.rows.empty() && report.problems.empty())
      report.problems.push_back(make_error(ErrorCode::invalid_input, "empty", "the sheet has no asset rows",
                                           Location::in_cell(file_name, sheet.sheet, 2, 0)));
    // Any problem: roll back (nothing was written yet) and hand back the list.
    if (!report.problems.empty()) return make_error(ErrorCode::invalid_input, kProblems, "the file has problems", Location{});
    const std::string now = store::utc_now();
    for (auto& p : plan) {
      if (p.before && p.before->asset == p.after) {
        ++report.unchanged;
        continue;
      }
      store::StoredAsset s{p.after.id, p.after.name, p.after, p.before ? p.before->created_by : actor(caller),
                           p.before ? p.before->created_at : now, actor(caller), now};
      if (p.before) {
        if (auto r = store::update_asset(tx, tenant_id, s); !r) return r;
        json details{{"before", summary(p.before->asset)}, {"after", summary(p.after)}, {"import", file_name}};
        if (auto r = audit.record({tenant_id, "asset.change", "asset", s.id, "success", false, details.dump()}); !r)
          return r;
        ++report.updated;
      } else {
        if (auto r = store::insert_asset(tx, tenant_id, s); !r) return r;
        json details = summary(p.after);
        details["import"] = file_name;
        if (auto r = audit.record({tenant_id, "asset.create", "asset", s.id, "success", false, details.dump()}); !r)
          return r;
        ++report.created;
      }
    }
    if (audit.entries().empty()) {
      // The file matches the inventory exactly: record that it was imported.
      return audit.record({tenant_id, "asset.import", "asset", "", "success", false,
                           json{{"file", file_name}, {"unchanged", report.unchanged}}.dump()});
    }
    return ok();
  });
  if (!status) {
    if (status.error().reason == kProblems) return report;
    return status.error();
  }
  return report;
}

}  // namespace mamori::app
