#include "app/isms_scope.h"

#include <nlohmann/json.hpp>

#include "app/audited_write.h"
#include "app/authorize.h"
#include "domain/text.h"
#include "store/ids.h"

namespace mamori::app {

namespace {

using nlohmann::json;

std::string actor(const Caller& caller) { return caller.user_id.empty() ? caller.label() : caller.user_id; }

Status check_text(const char* field, const std::string& text, std::size_t max_chars, bool required) {
  if (!domain::is_valid_utf8(text))
    return make_error(ErrorCode::invalid_input, "invalid", std::string(field) + " is not valid UTF-8",
                      Location::in_field(field));
  if (required && domain::fold_for_search(text).empty())
    return make_error(ErrorCode::invalid_input, "required", std::string(field) + " must not be empty",
                      Location::in_field(field));
  if (domain::utf8_length(text) > max_chars)
    return make_error(ErrorCode::invalid_input, "too_long",
                      std::string(field) + " is longer than " + std::to_string(max_chars) + " characters",
                      Location::in_field(field));
  return ok();
}

Error no_such_service() {
  return make_error(ErrorCode::not_found, "no_such_service", "no such cloud service", Location::in_field("id"));
}

store::StoredScope empty_scope() { return {}; }

Result<store::StoredScope> load_scope(store::Tx& tx, const std::string& tenant_id) {
  auto found = store::find_isms_scope(tx, tenant_id);
  if (!found) return found.error();
  return found.value() ? std::move(*found.value()) : empty_scope();
}

// A scope change as one audited write that returns the scope after it.
Result<store::StoredScope> write_scope(Services& services, const Caller& caller, const std::string& tenant_id,
                                       const char* action,
                                       const std::function<Status(store::StoredScope&, json&)>& change) {
  store::StoredScope out;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::write_records);
    if (!scope) return scope.error();
    auto current = load_scope(tx, tenant_id);
    if (!current) return current.error();
    store::StoredScope s = std::move(current.value());
    json details = json::object();
    if (auto r = change(s, details); !r) return r;
    s.updated_by = actor(caller);
    s.updated_at = store::utc_now();
    if (auto r = store::save_isms_scope(tx, tenant_id, s); !r) return r;
    if (auto r = audit.record({tenant_id, action, "isms_scope", tenant_id, "success", false, details.dump()}); !r)
      return r;
    out = std::move(s);
    return ok();
  });
  if (!status) return status.error();
  return out;
}

json service_summary(const domain::CloudService& s) {
  json runs_on = json::array();
  for (const auto& d : s.runs_on) runs_on.push_back(d.external() ? d.external_name : "service:" + d.service_id);
  return json{{"name", s.name},         {"role", domain::to_string(s.role)}, {"model", domain::to_string(s.model)},
              {"in_scope", s.in_scope}, {"runs_on", runs_on},               {"data_countries", s.data_countries}};
}

std::vector<domain::CloudService> contents(const std::vector<store::StoredCloudService>& list) {
  std::vector<domain::CloudService> out;
  for (const auto& s : list) out.push_back(s.service);
  return out;
}

Result<store::StoredCloudService> must_find(store::Tx& tx, const std::string& tenant_id, const std::string& id) {
  auto found = store::find_cloud_service(tx, tenant_id, id);
  if (!found) return found.error();
  if (!found.value()) return no_such_service();
  return std::move(*found.value());
}

}  // namespace

Result<store::StoredScope> get_isms_scope(Services& services, const Caller& caller, const std::string& tenant_id) {
  store::StoredScope out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_records);
    if (!scope) return scope.error();
    auto s = load_scope(tx, tenant_id);
    if (!s) return s.error();
    out = std::move(s.value());
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<store::StoredScope> change_isms_scope(Services& services, const Caller& caller, const std::string& tenant_id,
                                             const ScopeChange& c) {
  return write_scope(services, caller, tenant_id, "scope.change", [&](store::StoredScope& s, json& details) -> Status {
    const std::pair<const char*, std::pair<const std::optional<std::string>*, std::string*>> parts[] = {
        {"organisational", {&c.organisational, &s.organisational}},
        {"system_boundary", {&c.system_boundary, &s.system_boundary}},
        {"physical", {&c.physical, &s.physical}},
        {"interfaces", {&c.interfaces, &s.interfaces}}};
    json changed = json::array();
    for (const auto& [field, values] : parts) {
      const auto& given = *values.first;
      if (!given) continue;
      if (auto r = check_text(field, *given, kMaxScopeTextChars, false); !r) return r;
      if (*given != *values.second) changed.push_back(field);
      *values.second = *given;
    }
    if (changed.empty())
      return make_error(ErrorCode::invalid_input, "no_change", "nothing changes: give at least one new value",
                        Location::in_field("body"));
    details["changed"] = changed;
    return ok();
  });
}

Result<store::StoredScope> add_scope_exclusion(Services& services, const Caller& caller, const std::string& tenant_id,
                                               const std::string& item, const std::string& reason) {
  return write_scope(services, caller, tenant_id, "scope.exclusion.add",
                     [&](store::StoredScope& s, json& details) -> Status {
                       if (auto r = check_text("item", item, 1000, true); !r) return r;
                       if (auto r = check_text("reason", reason, 4000, true); !r) return r;
                       if (s.exclusions.size() >= 100)
                         return make_error(ErrorCode::invalid_input, "too_many", "a scope has at most 100 exclusions",
                                           Location::in_field("item"));
                       s.exclusions.push_back({store::new_uuid_v7(), item, reason});
                       details = {{"item", item}, {"reason", reason}};
                       return ok();
                     });
}

Result<store::StoredScope> remove_scope_exclusion(Services& services, const Caller& caller,
                                                  const std::string& tenant_id, const std::string& exclusion_id) {
  return write_scope(services, caller, tenant_id, "scope.exclusion.remove",
                     [&](store::StoredScope& s, json& details) -> Status {
                       auto it = std::find_if(s.exclusions.begin(), s.exclusions.end(),
                                              [&](const store::ScopeExclusion& e) { return e.id == exclusion_id; });
                       if (it == s.exclusions.end())
                         return make_error(ErrorCode::not_found, "no_such_exclusion", "no such exclusion",
                                           Location::in_field("exclusion_id"));
                       details = {{"item", it->item}, {"reason", it->reason}};
                       s.exclusions.erase(it);
                       return ok();
                     });
}

Result<std::vector<store::StoredCloudService>> list_cloud_services(Services& services, const Caller& caller,
                                                                   const std::string& tenant_id) {
  std::vector<store::StoredCloudService> out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_records);
    if (!scope) return scope.error();
    auto list = store::list_cloud_services(tx, tenant_id);
    if (!list) return list.error();
    out = std::move(list.value());
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<store::StoredCloudService> get_cloud_service(Services& services, const Caller& caller,
                                                    const std::string& tenant_id, const std::string& id) {
  std::optional<store::StoredCloudService> out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_records);
    if (!scope) return scope.error();
    auto found = must_find(tx, tenant_id, id);
    if (!found) return found.error();
    out = std::move(found.value());
    return ok();
  });
  if (!status) return status.error();
  return std::move(*out);
}

Result<store::StoredCloudService> create_cloud_service(Services& services, const Caller& caller,
                                                       const std::string& tenant_id, domain::CloudService service) {
  std::optional<store::StoredCloudService> out;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::write_records);
    if (!scope) return scope.error();
    auto existing = store::list_cloud_services(tx, tenant_id);
    if (!existing) return existing.error();
    service.id = store::new_uuid_v7();
    if (auto r = domain::check_cloud_service(service, contents(existing.value())); !r) return r;
    store::StoredCloudService s;
    s.id = service.id;
    s.name = service.name;
    s.role = domain::to_string(service.role);
    s.service = service;
    s.created_by = s.updated_by = actor(caller);
    s.created_at = s.updated_at = store::utc_now();
    if (auto r = store::insert_cloud_service(tx, tenant_id, s); !r) return r;
    if (auto r = audit.record({tenant_id, "service.create", "cloud_service", s.id, "success", false,
                               service_summary(service).dump()});
        !r)
      return r;
    out = std::move(s);
    return ok();
  });
  if (!status) return status.error();
  return std::move(*out);
}

Result<store::StoredCloudService> change_cloud_service(Services& services, const Caller& caller,
                                                       const std::string& tenant_id, const std::string& id,
                                                       const CloudServiceChange& c) {
  std::optional<store::StoredCloudService> out;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::write_records);
    if (!scope) return scope.error();
    auto existing = store::list_cloud_services(tx, tenant_id);
    if (!existing) return existing.error();
    auto found = must_find(tx, tenant_id, id);
    if (!found) return found.error();
    store::StoredCloudService s = std::move(found.value());
    domain::CloudService next = s.service;
    if (c.name) next.name = *c.name;
    if (c.description) next.description = *c.description;
    if (c.model) next.model = *c.model;
    if (c.role) next.role = *c.role;
    if (c.in_scope) next.in_scope = *c.in_scope;
    if (c.owner) next.owner = *c.owner;
    if (c.runs_on) next.runs_on = *c.runs_on;
    if (c.data_countries) next.data_countries = *c.data_countries;
    if (c.data_location_note) next.data_location_note = *c.data_location_note;
    std::vector<domain::CloudService> all = contents(existing.value());
    if (auto r = domain::check_cloud_service(next, all); !r) return r;
    if (next == s.service)
      return make_error(ErrorCode::invalid_input, "no_change", "nothing changes: give at least one new value",
                        Location::in_field("body"));
    // The services that run on this one must still be right with it changed.
    for (auto& other : all)
      if (other.id == id) other = next;
    for (const auto& dependant_id : domain::dependants_of(id, all)) {
      for (auto other : all) {
        if (other.id != dependant_id) continue;
        if (auto r = domain::check_cloud_service(other, all); !r)
          return make_error(ErrorCode::conflict, "breaks_dependant",
                            "「" + other.name + "」 runs on this service and would no longer be valid: " +
                                r.error().message,
                            Location::in_field(r.error().where.field == "role" ? "role" : "runs_on"));
      }
    }
    json details = json{{"before", service_summary(s.service)}, {"after", service_summary(next)}};
    s.service = next;
    s.name = next.name;
    s.role = domain::to_string(next.role);
    s.updated_by = actor(caller);
    s.updated_at = store::utc_now();
    if (auto r = store::update_cloud_service(tx, tenant_id, s); !r) return r;
    if (auto r = audit.record({tenant_id, "service.change", "cloud_service", id, "success", false, details.dump()}); !r)
      return r;
    out = std::move(s);
    return ok();
  });
  if (!status) return status.error();
  return std::move(*out);
}

Status delete_cloud_service(Services& services, const Caller& caller, const std::string& tenant_id,
                            const std::string& id) {
  return audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::write_records);
    if (!scope) return scope.error();
    auto found = must_find(tx, tenant_id, id);
    if (!found) return found.error();
    auto existing = store::list_cloud_services(tx, tenant_id);
    if (!existing) return existing.error();
    for (const auto& s : existing.value())
      for (const auto& d : s.service.runs_on)
        if (d.service_id == id)
          return make_error(ErrorCode::conflict, "in_use",
                            "「" + s.name + "」 runs on this service: change it first (他のサービスが利用中です)",
                            Location::in_field("id"));
    store::AssetFilter filter;
    filter.service_id = id;
    auto assets = store::list_assets(tx, tenant_id, filter);
    if (!assets) return assets.error();
    if (!assets->empty()) {
      std::string names;
      for (std::size_t i = 0; i < assets->size() && i < 10; ++i) names += (i ? "、" : "") + assets->at(i).name;
      return make_error(ErrorCode::conflict, "in_use",
                        std::to_string(assets->size()) + " asset(s) touch this service: " + names +
                            " (資産が関連付けられています)",
                        Location::in_field("id"));
    }
    if (auto r = store::delete_cloud_service(tx, tenant_id, id); !r) return r;
    return audit.record({tenant_id, "service.delete", "cloud_service", id, "success", false,
                         service_summary(found->service).dump()});
  });
}

}  // namespace mamori::app
