#include "domain/cloud_service.h"

#include <algorithm>
#include <functional>
#include <set>

#include "domain/country_code.h"
#include "domain/text.h"

namespace mamori::domain {

namespace {

Status field_error(const std::string& field, const char* reason, const std::string& message) {
  return make_error(ErrorCode::invalid_input, reason, message, Location::in_field(field));
}

Status check_text(const char* field, const std::string& text, std::size_t max_chars, bool required) {
  if (!is_valid_utf8(text)) return field_error(field, "invalid", std::string(field) + " is not valid UTF-8");
  if (required && fold_for_search(text).empty())
    return field_error(field, "required", std::string(field) + " must not be empty");
  if (utf8_length(text) > max_chars)
    return field_error(field, "too_long",
                       std::string(field) + " is longer than " + std::to_string(max_chars) + " characters");
  return ok();
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

const CloudService* find_by_id(const std::vector<CloudService>& services, const std::string& id) {
  for (const auto& s : services)
    if (s.id == id) return &s;
  return nullptr;
}

// Follows runs_on from `start` through the organisation's services (with
// `self` standing in for its stored version); true when it reaches self.
bool reaches(const std::string& start, const CloudService& self, const std::vector<CloudService>& others) {
  std::set<std::string> seen;
  std::vector<std::string> todo{start};
  while (!todo.empty()) {
    const std::string id = todo.back();
    todo.pop_back();
    if (id == self.id) return true;
    if (!seen.insert(id).second) continue;
    const CloudService* s = find_by_id(others, id);
    if (!s) continue;
    for (const auto& d : s->runs_on)
      if (!d.external()) todo.push_back(d.service_id);
  }
  return false;
}

}  // namespace

const char* to_string(ServiceRole role) {
  switch (role) {
    case ServiceRole::customer: return "customer";
    case ServiceRole::provider: return "provider";
    case ServiceRole::both: return "both";
  }
  return "provider";
}

std::optional<ServiceRole> parse_service_role(std::string_view text) {
  for (auto r : {ServiceRole::customer, ServiceRole::provider, ServiceRole::both})
    if (text == to_string(r)) return r;
  return std::nullopt;
}

bool provides(ServiceRole role) { return role != ServiceRole::customer; }
bool consumes(ServiceRole role) { return role != ServiceRole::provider; }

const char* to_string(ServiceModel model) {
  switch (model) {
    case ServiceModel::iaas: return "iaas";
    case ServiceModel::paas: return "paas";
    case ServiceModel::saas: return "saas";
    case ServiceModel::other: return "other";
  }
  return "other";
}

std::optional<ServiceModel> parse_service_model(std::string_view text) {
  for (auto m : {ServiceModel::iaas, ServiceModel::paas, ServiceModel::saas, ServiceModel::other})
    if (text == to_string(m)) return m;
  return std::nullopt;
}

bool runs_on_other_provider(const CloudService& service, const std::vector<CloudService>& others) {
  for (const auto& d : service.runs_on) {
    if (d.external()) return true;
    const CloudService* s = find_by_id(others, d.service_id);
    if (s && s->role == ServiceRole::customer) return true;
  }
  return false;
}

Status check_cloud_service(CloudService& s, const std::vector<CloudService>& others) {
  s.name = trimmed(s.name);
  if (auto r = check_text("name", s.name, kMaxServiceNameChars, true); !r) return r;
  const std::string folded = fold_for_search(s.name);
  for (const auto& o : others)
    if (o.id != s.id && fold_for_search(o.name) == folded)
      return field_error("name", "duplicate", "another service is already named " + s.name);
  if (auto r = check_text("description", s.description, kMaxServiceDescriptionChars, false); !r) return r;
  if (auto r = check_text("owner", s.owner, 200, false); !r) return r;
  if (auto r = check_text("data_location_note", s.data_location_note, 2000, false); !r) return r;

  if (s.runs_on.size() > kMaxServiceDependencies)
    return field_error("runs_on", "too_many", "a service runs on at most 20 services");
  std::set<std::string> seen;
  for (auto& d : s.runs_on) {
    d.external_name = trimmed(d.external_name);
    if (d.external()) {
      if (auto r = check_text("runs_on", d.external_name, kMaxServiceNameChars, true); !r) return r;
      if (!seen.insert("x:" + fold_for_search(d.external_name)).second)
        return field_error("runs_on", "duplicate", d.external_name + " is listed twice in runs_on");
      continue;
    }
    if (!d.external_name.empty())
      return field_error("runs_on", "invalid", "give a service id or an external name, not both");
    if (d.ismap_registered)
      return field_error("runs_on", "invalid",
                         "ismap_registered is for external services (the organisation's own are not listed)");
    if (d.service_id == s.id)
      return field_error("runs_on", "self", "a service cannot run on itself");
    if (!find_by_id(others, d.service_id))
      return field_error("runs_on", "unknown_service", "runs_on names a service that does not exist: " + d.service_id);
    if (!seen.insert("s:" + d.service_id).second)
      return field_error("runs_on", "duplicate", "a service is listed twice in runs_on");
    if (!s.id.empty() && reaches(d.service_id, s, others))
      return field_error("runs_on", "cycle",
                         "runs_on would make a cycle: " + find_by_id(others, d.service_id)->name + " already runs on " +
                             s.name);
  }

  // JIP-ISMS517 4.1: a provider that uses another cloud service to provide
  // its own must put both its provider and its customer side in scope.
  const bool other = runs_on_other_provider(s, others);
  if (s.role == ServiceRole::provider && other)
    return field_error("role", "needs_both",
                       "the service runs on another provider's cloud service, so the organisation is its customer "
                       "too: the role must be both (JIP-ISMS517 4.1)");
  if (s.role == ServiceRole::both && !other)
    return field_error("role", "both_without_supplier",
                       "role both means the service runs on another provider's cloud service: add it to runs_on, "
                       "or the role is provider");

  if (s.data_countries.size() > kMaxDataCountries)
    return field_error("data_countries", "too_many", "at most 50 countries");
  std::set<std::string> countries;
  for (auto& c : s.data_countries) {
    auto code = normalise_country_code(c);
    if (!code)
      return field_error("data_countries", "invalid_country",
                         "not an ISO 3166-1 alpha-2 country code: " + c.substr(0, 20));
    if (!countries.insert(*code).second)
      return field_error("data_countries", "duplicate", *code + " is listed twice in data_countries");
    c = *code;
  }
  return ok();
}

Result<std::vector<ServiceDependency>> dependencies_from_lists(const std::vector<std::string>& service_ids,
                                                               const std::vector<std::string>& external_names,
                                                               const std::vector<std::string>& ismap_registered) {
  std::vector<ServiceDependency> out;
  for (const auto& id : service_ids) out.push_back({id, "", false});
  for (const auto& name : external_names) out.push_back({"", name, false});
  for (const auto& registered : ismap_registered) {
    bool found = false;
    for (auto& d : out)
      if (d.external() && fold_for_search(d.external_name) == fold_for_search(registered)) {
        d.ismap_registered = true;
        found = true;
      }
    if (!found)
      return make_error(ErrorCode::invalid_input, "unknown_external",
                        "ismap_registered_external names a service that is not in runs_on_external: " +
                            registered.substr(0, 200),
                        Location::in_field("ismap_registered_external"));
  }
  return out;
}

std::vector<std::string> dependants_of(const std::string& id, const std::vector<CloudService>& services) {
  std::vector<std::string> out;
  for (const auto& s : services)
    if (std::any_of(s.runs_on.begin(), s.runs_on.end(), [&](const ServiceDependency& d) { return d.service_id == id; }))
      out.push_back(s.id);
  return out;
}

}  // namespace mamori::domain
