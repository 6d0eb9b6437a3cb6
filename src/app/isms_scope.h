// The ISMS scope of an organisation and the cloud services in it: read and
// change the scope text (organisational, system and physical boundaries,
// interfaces), add and remove exclusions (each with its reason), and create,
// change and delete services with their supply chain and data countries.
// Reads need read_records, changes write_records; every change is one
// audit entry (the scope's history is the audit log).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/caller.h"
#include "app/services.h"
#include "domain/cloud_service.h"
#include "domain/error.h"
#include "store/isms_repository.h"

namespace mamori::app {

inline constexpr std::size_t kMaxScopeTextChars = 20000;

// The scope; all text empty and no exclusions before the first change.
Result<store::StoredScope> get_isms_scope(Services& services, const Caller& caller, const std::string& tenant_id);

struct ScopeChange {
  std::optional<std::string> organisational;
  std::optional<std::string> system_boundary;
  std::optional<std::string> physical;
  std::optional<std::string> interfaces;
};
Result<store::StoredScope> change_isms_scope(Services& services, const Caller& caller, const std::string& tenant_id,
                                             const ScopeChange& change);
// An exclusion needs its reason (JIS Q 27001 4.3: the scope is justified).
Result<store::StoredScope> add_scope_exclusion(Services& services, const Caller& caller, const std::string& tenant_id,
                                               const std::string& item, const std::string& reason);
Result<store::StoredScope> remove_scope_exclusion(Services& services, const Caller& caller,
                                                  const std::string& tenant_id, const std::string& exclusion_id);

Result<std::vector<store::StoredCloudService>> list_cloud_services(Services& services, const Caller& caller,
                                                                   const std::string& tenant_id);
Result<store::StoredCloudService> get_cloud_service(Services& services, const Caller& caller,
                                                    const std::string& tenant_id, const std::string& id);
// `service.id` is ignored (a new one is made).
Result<store::StoredCloudService> create_cloud_service(Services& services, const Caller& caller,
                                                       const std::string& tenant_id, domain::CloudService service);

// The fields given change; the rest stay.
struct CloudServiceChange {
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<domain::ServiceModel> model;
  std::optional<domain::ServiceRole> role;
  std::optional<bool> in_scope;
  std::optional<std::string> owner;
  std::optional<std::vector<domain::ServiceDependency>> runs_on;
  std::optional<std::vector<std::string>> data_countries;
  std::optional<std::string> data_location_note;
};
// Also re-checks the services that run on this one (a role change can make
// theirs wrong): conflict naming the first that would break.
Result<store::StoredCloudService> change_cloud_service(Services& services, const Caller& caller,
                                                       const std::string& tenant_id, const std::string& id,
                                                       const CloudServiceChange& change);
// conflict while another service runs on it or an asset touches it (named).
Status delete_cloud_service(Services& services, const Caller& caller, const std::string& tenant_id,
                            const std::string& id);

}  // namespace mamori::app
