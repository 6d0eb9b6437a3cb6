// The organisation's ISMAP / ISMAP-LIU cloud service list, imported from
// the CSV or .xlsx the procurer downloads; the evaluation of every response
// checks item 2 against it.
#pragma once

#include <string>
#include <vector>

#include "app/caller.h"
#include "app/services.h"
#include "domain/error.h"
#include "formats/service_list.h"
#include "store/service_list_repository.h"

namespace mamori::app {

inline constexpr std::size_t kMaxServiceListBytes = 32u << 20;

struct ServiceListImported {
  bool stored = false;  // false: nothing changed, `problems` says why
  std::size_t entries = 0;
  std::vector<formats::ImportProblem> problems;
};

// Replaces the organisation's list. A file with rows it cannot read (no
// service name, an unknown 区分, a date it cannot read) changes nothing:
// a half-read list would quietly turn listed services into unlisted ones.
Result<ServiceListImported> import_service_list(Services& services, const Caller& caller, const std::string& tenant_id,
                                                const std::string& bytes, const std::string& file_name,
                                                const std::string& default_kind);

Result<store::StoredServiceList> get_service_list(Services& services, const Caller& caller, const std::string& tenant_id);

}  // namespace mamori::app
