// The parts of the lab, one organisation at a time (lab.cpp runs them).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/caller.h"
#include "app/services.h"
#include "domain/error.h"

namespace mamori::lab {

// The organisation's cloud services: mostly SaaS it provides on an outside
// IaaS (role both), some it only uses (customer). Returns their ids.
Result<std::vector<std::string>> add_services(app::Services& services, const app::Caller& caller,
                                              const std::string& org, int org_index, int count);

Result<std::vector<std::string>> add_assets(app::Services& services, const app::Caller& caller, const std::string& org,
                                            int org_index, int count, const std::vector<std::string>& service_ids);

// Risks owned by `owner` (a member): about half treated, a quarter approved.
Status add_risks(app::Services& services, const app::Caller& owner, const std::string& org, int count,
                 const std::vector<std::string>& service_ids, const std::vector<std::string>& asset_ids);

// One SoA per service, with a few rows edited. Returns the SoA ids.
Result<std::vector<std::string>> add_soas(app::Services& services, const app::Caller& caller, const std::string& org,
                                          const std::vector<std::string>& service_ids);

// Detailed ISMAP sheets, each with one vendor response imported from an
// answered .xlsx. Returns the sheet ids.
Result<std::vector<std::string>> add_sheets(app::Services& services, const app::Caller& caller, const std::string& org,
                                            int org_index, int count);

// Appends everyday events to each organisation's chain until the log holds
// `total` entries in all (batched: store::append_audit_entries).
Status top_up_audit_log(app::Services& services, const std::vector<std::string>& orgs, const std::string& actor_id,
                        const std::string& actor_label, std::int64_t total);

// Deterministic variety: the i-th of a list, wrapping.
template <class T, std::size_t N>
const T& pick(const T (&list)[N], std::size_t i) {
  return list[i % N];
}

}  // namespace mamori::lab
