// An organisation's ISMAP / ISMAP-LIU cloud service list, as it last
// imported it: importing a newer list replaces the old one (the audit log
// says when and from which file).
#pragma once

#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/sheet_evaluation.h"

namespace mamori::store {

class Tx;

struct StoredServiceList {
  std::string file_name;  // "" when none was imported
  std::string imported_by;
  std::string imported_at;
  std::vector<domain::ServiceListing> entries;  // in the file's order
};

Status replace_service_list(Tx& tx, const std::string& tenant_id, const StoredServiceList& list);
Result<StoredServiceList> service_list(Tx& tx, const std::string& tenant_id);

}  // namespace mamori::store
