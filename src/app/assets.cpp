#include "app/assets.h"

#include <nlohmann/json.hpp>

#include "app/audited_write.h"
#include "app/authorize.h"
#include "store/ids.h"

namespace mamori::app {

namespace {

using nlohmann::json;

std::string actor(const Caller& caller) { return caller.user_id.empty() ? caller.label() : caller.user_id; }

Error no_such_asset(const std::string& id = "") {
  return make_error(ErrorCode::not_found, "no_such_asset", id.empty() ? "no such asset" : "no such asset: " + id,
                    Location::in_field("id"));
}

json asset_summary(const domain::Asset& a) {
  return json{{"name", a.name},
              {"type", domain::to_string(a.type)},
              {"owner", a.owner},
              {"cia", {a.confidentiality, a.integrity, a.availability}},
              {"personal_info", a.personal_info},
              {"category", domain::to_string(a.category)},
              {"services", a.service_ids}};
}

std::vector<std::string> service_ids(store::Tx& tx, const std::string& tenant_id, Status& status) {
  std::vector<std::string> out;
  auto list = store::list_cloud_services(tx, tenant_id);
  if (!list) {
    status = list.error();
    return out;
  }
  for (const auto& s : list.value()) out.push_back(s.id);
  return out;
}

std::vector<domain::ClassifiedAsset> classified(const std::vector<store::StoredAsset>& assets) {
  std::vector<domain::ClassifiedAsset> out;
  for (const auto& a : assets)
    out.push_back({a.name, a.asset.confidentiality, a.asset.integrity, a.asset.availability});
  return out;
}

Result<domain::ClassificationScheme> write_scheme(
    Services& services, const Caller& caller, const std::string& tenant_id, const char* action,
    const std::function<Status(domain::ClassificationScheme&, json&)>& change) {
  domain::ClassificationScheme out;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::write_records);
    if (!scope) return scope.error();
    auto scheme = store::classification_scheme(tx, tenant_id);
    if (!scheme) return scheme.error();
    domain::ClassificationScheme next = scheme.value();
    json details = json::object();
    if (auto r = change(next, details); !r) return r;
    if (auto r = domain::check_scheme(next); !r) return r;
    auto assets = store::list_assets(tx, tenant_id);
    if (!assets) return assets.error();
    if (auto r = domain::check_scheme_change(next, classified(assets.value())); !r) return r;
    if (auto r = store::save_classification_scheme(tx, tenant_id, next, actor(caller), store::utc_now()); !r) return r;
    if (auto r = audit.record({tenant_id, action, "classification_scheme", tenant_id, "success", false, details.dump()});
        !r)
      return r;
    out = std::move(next);
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Status check_name_free(store::Tx& tx, const std::string& tenant_id, const domain::Asset& a) {
  auto same = store::find_asset_by_name(tx, tenant_id, a.name);
  if (!same) return same.error();
  if (same.value() && same.value()->id != a.id)
    return make_error(ErrorCode::conflict, "duplicate", "another asset is already named " + a.name,
                      Location::in_field("name"));
  return ok();
}

}  // namespace

Result<domain::ClassificationScheme> get_classification(Services& services, const Caller& caller,
                                                        const std::string& tenant_id) {
  domain::ClassificationScheme out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_records);
    if (!scope) return scope.error();
    auto scheme = store::classification_scheme(tx, tenant_id);
    if (!scheme) return scheme.error();
    out = std::move(scheme.value());
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<domain::ClassificationScheme> put_classification_level(Services& services, const Caller& caller,
                                                              const std::string& tenant_id, domain::SecurityAxis axis,
                                                              const domain::ClassificationLevel& level) {
  return write_scheme(services, caller, tenant_id, "classification.level.put",
                      [&](domain::ClassificationScheme& s, json& details) -> Status {
                        auto& levels = s.levels(axis);
                        bool replaced = false;
                        for (auto& l : levels)
                          if (l.level == level.level) {
                            details["before"] = {{"label_ja", l.label_ja}, {"label_en", l.label_en}};
                            l = level;
                            replaced = true;
                          }
                        if (!replaced) levels.push_back(level);
                        details["axis"] = domain::to_string(axis);
                        details["level"] = level.level;
                        details["label_ja"] = level.label_ja;
                        details["label_en"] = level.label_en;
                        return ok();
                      });
}

Result<domain::ClassificationScheme> remove_classification_level(Services& services, const Caller& caller,
                                                                 const std::string& tenant_id,
                                                                 domain::SecurityAxis axis, int level) {
  return write_scheme(services, caller, tenant_id, "classification.level.remove",
                      [&](domain::ClassificationScheme& s, json& details) -> Status {
                        auto& levels = s.levels(axis);
                        auto it = std::find_if(levels.begin(), levels.end(),
                                               [&](const domain::ClassificationLevel& l) { return l.level == level; });
                        if (it == levels.end())
                          return make_error(ErrorCode::not_found, "no_such_level", "no such level",
                                            Location::in_field("level"));
                        if (levels.size() == 1)
                          return make_error(ErrorCode::invalid_input, "last_level",
                                            "an axis keeps at least one level", Location::in_field("level"));
                        details = {{"axis", domain::to_string(axis)}, {"level", level}, {"label_ja", it->label_ja}};
                        levels.erase(it);
                        return ok();
                      });
}

Result<std::vector<store::StoredAsset>> list_assets(Services& services, const Caller& caller,
                                                    const std::string& tenant_id, const store::AssetFilter& filter) {
  std::vector<store::StoredAsset> out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_records);
    if (!scope) return scope.error();
    auto list = store::list_assets(tx, tenant_id, filter);
    if (!list) return list.error();
    out = std::move(list.value());
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<store::StoredAsset> get_asset(Services& services, const Caller& caller, const std::string& tenant_id,
                                     const std::string& id) {
  std::optional<store::StoredAsset> out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_records);
    if (!scope) return scope.error();
    auto found = store::find_asset(tx, tenant_id, id);
    if (!found) return found.error();
    if (!found.value()) return no_such_asset();
    out = std::move(*found.value());
    return ok();
  });
  if (!status) return status.error();
  return std::move(*out);
}

Result<store::StoredAsset> create_asset(Services& services, const Caller& caller, const std::string& tenant_id,
                                        domain::Asset asset) {
  std::optional<store::StoredAsset> out;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::write_records);
    if (!scope) return scope.error();
    auto scheme = store::classification_scheme(tx, tenant_id);
    if (!scheme) return scheme.error();
    Status listed = ok();
    const auto known = service_ids(tx, tenant_id, listed);
    if (!listed) return listed;
    asset.id = store::new_uuid_v7();
    if (auto r = domain::check_asset(asset, scheme.value(), known); !r) return r;
    if (auto r = check_name_free(tx, tenant_id, asset); !r) return r;
    store::StoredAsset s{asset.id, asset.name, asset, actor(caller), store::utc_now(), "", ""};
    s.updated_by = s.created_by;
    s.updated_at = s.created_at;
    if (auto r = store::insert_asset(tx, tenant_id, s); !r) return r;
    if (auto r = audit.record({tenant_id, "asset.create", "asset", s.id, "success", false, asset_summary(asset).dump()});
        !r)
      return r;
    out = std::move(s);
    return ok();
  });
  if (!status) return status.error();
  return std::move(*out);
}

domain::Asset apply_change(const domain::Asset& asset, const AssetChange& c) {
  domain::Asset a = asset;
  if (c.name) a.name = *c.name;
  if (c.type) a.type = *c.type;
  if (c.description) a.description = *c.description;
  if (c.owner) a.owner = *c.owner;
  if (c.confidentiality) a.confidentiality = *c.confidentiality;
  if (c.integrity) a.integrity = *c.integrity;
  if (c.availability) a.availability = *c.availability;
  if (c.personal_info) a.personal_info = *c.personal_info;
  if (c.category) a.category = *c.category;
  if (c.storage_location) a.storage_location = *c.storage_location;
  if (c.storage_country) a.storage_country = *c.storage_country;
  if (c.service_ids) a.service_ids = *c.service_ids;
  if (c.suppliers) a.suppliers = *c.suppliers;
  return a;
}

Result<store::StoredAsset> change_asset(Services& services, const Caller& caller, const std::string& tenant_id,
                                        const std::string& id, const AssetChange& change) {
  std::optional<store::StoredAsset> out;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::write_records);
    if (!scope) return scope.error();
    auto found = store::find_asset(tx, tenant_id, id);
    if (!found) return found.error();
    if (!found.value()) return no_such_asset();
    store::StoredAsset s = std::move(*found.value());
    auto scheme = store::classification_scheme(tx, tenant_id);
    if (!scheme) return scheme.error();
    Status listed = ok();
    const auto known = service_ids(tx, tenant_id, listed);
    if (!listed) return listed;
    domain::Asset next = apply_change(s.asset, change);
    if (auto r = domain::check_asset(next, scheme.value(), known); !r) return r;
    if (next == s.asset)
      return make_error(ErrorCode::invalid_input, "no_change", "nothing changes: give at least one new value",
                        Location::in_field("body"));
    if (auto r = check_name_free(tx, tenant_id, next); !r) return r;
    json details{{"before", asset_summary(s.asset)}, {"after", asset_summary(next)}};
    s.asset = next;
    s.name = next.name;
    s.updated_by = actor(caller);
    s.updated_at = store::utc_now();
    if (auto r = store::update_asset(tx, tenant_id, s); !r) return r;
    if (auto r = audit.record({tenant_id, "asset.change", "asset", id, "success", false, details.dump()}); !r) return r;
    out = std::move(s);
    return ok();
  });
  if (!status) return status.error();
  return std::move(*out);
}

Status delete_asset(Services& services, const Caller& caller, const std::string& tenant_id, const std::string& id) {
  return audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::write_records);
    if (!scope) return scope.error();
    auto found = store::find_asset(tx, tenant_id, id);
    if (!found) return found.error();
    if (!found.value()) return no_such_asset();
    if (auto r = store::delete_asset(tx, tenant_id, id); !r) return r;
    return audit.record(
        {tenant_id, "asset.delete", "asset", id, "success", false, asset_summary(found.value()->asset).dump()});
  });
}

Result<std::vector<store::StoredAsset>> bulk_edit_assets(Services& services, const Caller& caller,
                                                         const std::string& tenant_id,
                                                         const std::vector<std::string>& ids,
                                                         const domain::AssetPatch& patch) {
  std::vector<store::StoredAsset> out;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::write_records);
    if (!scope) return scope.error();
    if (ids.empty())
      return make_error(ErrorCode::invalid_input, "required", "select at least one asset", Location::in_field("asset_ids"));
    if (ids.size() > kMaxBulkAssets)
      return make_error(ErrorCode::invalid_input, "too_many", "at most 500 assets in one request",
                        Location::in_field("asset_ids"));
    if (patch.empty())
      return make_error(ErrorCode::invalid_input, "no_change",
                        "give at least one of owner, confidentiality, integrity, availability, services",
                        Location::in_field("body"));
    auto scheme = store::classification_scheme(tx, tenant_id);
    if (!scheme) return scheme.error();
    Status listed = ok();
    const auto known = service_ids(tx, tenant_id, listed);
    if (!listed) return listed;
    const std::string now = store::utc_now();
    std::vector<std::string> seen;
    for (const auto& id : ids) {
      if (std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
      seen.push_back(id);
      auto found = store::find_asset(tx, tenant_id, id);
      if (!found) return found.error();
      if (!found.value()) {
        Error e = no_such_asset(id.substr(0, 100));
        e.where = Location::in_field("asset_ids");
        return e;
      }
      store::StoredAsset s = std::move(*found.value());
      domain::Asset next = domain::apply_patch(s.asset, patch);
      if (auto r = domain::check_asset(next, scheme.value(), known); !r) {
        Error e = r.error();
        e.message = "「" + s.name + "」: " + e.message;
        return e;
      }
      if (next != s.asset) {
        json details{{"before", asset_summary(s.asset)}, {"after", asset_summary(next)}, {"bulk", true}};
        s.asset = next;
        s.updated_by = actor(caller);
        s.updated_at = now;
        if (auto r = store::update_asset(tx, tenant_id, s); !r) return r;
        if (auto r = audit.record({tenant_id, "asset.change", "asset", id, "success", false, details.dump()}); !r)
          return r;
      }
      out.push_back(std::move(s));
    }
    // Nothing changed at all: say so rather than succeed silently (the
    // audited write also needs at least one entry).
    if (audit.entries().empty())
      return make_error(ErrorCode::invalid_input, "no_change", "the selected assets already have these values",
                        Location::in_field("body"));
    return ok();
  });
  if (!status) return status.error();
  return out;
}

}  // namespace mamori::app
