// The bench lab: a database at the scale of a large provider or a ministry
// buying for hundreds of services (issue 7), built through the product's own
// use cases so every row is one a user could have made: organisations,
// cloud services, assets, risks with treatments, one SoA per service, check
// sheets with imported vendor answers, and the audit log topped up to its
// target with batched entries. Works on SQLite and PostgreSQL alike.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "app/services.h"
#include "domain/error.h"

namespace mamori::lab {

// Per organisation, except the audit log (in all). The defaults are the
// issue's lab: 100 organisations, 1,000 services, 10,000 assets, 10,000
// risks, 1,000 SoAs (~250 rows), 1,000 sheets (~200 items), 200,000
// answers, 1,000,000 audit entries.
struct LabScale {
  int organisations = 100;
  int services = 10;   // one SoA each
  int assets = 100;
  int risks = 100;
  int sheets = 10;     // detailed ISMAP sheets, one imported response each
  std::int64_t audit_entries = 1000000;  // in all chains together

  // Every count times `factor` (at least 1 of each), for tests and quick runs.
  static LabScale scaled(double factor);
};

// What the benchmarks need to find their way in: an organisation's ids and
// an API token that reads it.
struct LabTarget {
  std::string org_id;
  std::string org_name;
  std::string token;  // "mamori_…": Authorization: Bearer
  std::string sheet_id;
  std::string soa_id;
  std::string service_id;
};

struct LabReport {
  std::vector<LabTarget> targets;              // the first two organisations
  std::map<std::string, std::int64_t> counts;  // table -> rows, read back from the database
  double seconds = 0;
};

using Progress = std::function<void(const std::string& line)>;

// Builds the lab into an initialised database (catalogs loaded, no lab
// organisations yet: a second run is refused rather than doubling it).
Result<LabReport> build_lab(app::Services& services, const LabScale& scale, const Progress& progress = {});

// Rows per table of the lab's tables.
Result<std::map<std::string, std::int64_t>> count_rows(store::Database& db);

}  // namespace mamori::lab
