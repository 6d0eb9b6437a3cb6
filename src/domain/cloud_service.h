// The cloud services in an organisation's ISMS scope (JIP-ISMS517 4.1, seed
// 003 4.1): each with its service model, the organisation's role for it
// (customer, provider or both), the services it runs on (its supply chain)
// and the countries where its data is kept. Types and rules only.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"

namespace mamori::domain {

// The organisation's role for a service (JIS Q 27017 / JIP-ISMS517 4.1).
// customer: it uses a service another organisation provides.
// provider: it provides the service, on its own infrastructure only.
// both: it provides the service on top of another provider's cloud service
//       (a SaaS on an IaaS): both sides are in scope.
enum class ServiceRole { customer, provider, both };
const char* to_string(ServiceRole role);  // customer | provider | both
std::optional<ServiceRole> parse_service_role(std::string_view text);
// True when the organisation provides the service (provider or both): the
// rows for provider controls apply (SoA, risks).
bool provides(ServiceRole role);
// True when the organisation is a customer of a cloud service here
// (customer or both).
bool consumes(ServiceRole role);

enum class ServiceModel { iaas, paas, saas, other };
const char* to_string(ServiceModel model);  // iaas | paas | saas | other
std::optional<ServiceModel> parse_service_model(std::string_view text);

// One service a service runs on: another service of the organisation (its
// id), or an external one by name, e.g. "AWS 東京リージョン (IaaS)".
struct ServiceDependency {
  std::string service_id;     // set for the organisation's own service
  std::string external_name;  // set for an external one
  bool ismap_registered = false;  // external only: listed in the ISMAP cloud service list
  bool external() const { return service_id.empty(); }
  bool operator==(const ServiceDependency&) const = default;
};

struct CloudService {
  std::string id;
  std::string name;
  std::string description;
  ServiceModel model = ServiceModel::saas;
  ServiceRole role = ServiceRole::provider;
  bool in_scope = true;
  std::string owner;
  std::vector<ServiceDependency> runs_on;
  std::vector<std::string> data_countries;  // ISO 3166-1 alpha-2
  std::string data_location_note;           // regions, data centres, backups
  bool operator==(const CloudService&) const = default;
};

inline constexpr std::size_t kMaxServiceNameChars = 200;
inline constexpr std::size_t kMaxServiceDescriptionChars = 4000;
inline constexpr std::size_t kMaxServiceDependencies = 20;
inline constexpr std::size_t kMaxDataCountries = 50;

// Normalises the service in place (country codes upper case, names
// trimmed) and checks it against the other services of the organisation
// (`others`, which may contain the stored version of this one: same id).
// invalid_input naming the field:
//  - name required, unique in the organisation (folded), at most 200;
//  - runs_on: no service on itself, no other service twice, an internal id
//    must exist, no cycle through the organisation's services, at most 20;
//    ismap_registered only for an external one;
//  - role: provider while running on another provider's service (external,
//    or one of the organisation's services it is only a customer of) must be
//    both, since JIP-ISMS517 4.1 puts the customer side in scope too; both
//    needs such a service, or it is simply provider;
//  - data_countries: assigned ISO 3166-1 alpha-2 codes, no repeats.
Status check_cloud_service(CloudService& service, const std::vector<CloudService>& others);

// True when the service runs on a cloud service someone else provides.
bool runs_on_other_provider(const CloudService& service, const std::vector<CloudService>& others);

// runs_on in the API's flat form: the organisation's services by id, then
// external ones by name, with the names of the external ones listed in the
// ISMAP cloud service list (each must be one of `external_names`, else
// invalid_input naming ismap_registered_external).
Result<std::vector<ServiceDependency>> dependencies_from_lists(const std::vector<std::string>& service_ids,
                                                               const std::vector<std::string>& external_names,
                                                               const std::vector<std::string>& ismap_registered);

// The ids of the organisation's services that run on `id` directly: a
// service that others run on cannot be deleted until they stop.
std::vector<std::string> dependants_of(const std::string& id, const std::vector<CloudService>& services);

}  // namespace mamori::domain
