// Risk criteria and the risk register in the database: risk_criteria (one
// JSON document per organisation), risks with their treatment and approval,
// and their assets, chosen controls and plan actions. Every function takes
// the organisation (tenant) from the caller's authorised scope.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/risk_criteria.h"
#include "domain/risk_register.h"

namespace mamori::store {

class Tx;

// The saved criteria, or nullopt when the organisation never saved any (it
// then works with domain::default_risk_criteria()).
Result<std::optional<domain::RiskCriteria>> find_risk_criteria(Tx& tx, const std::string& tenant_id);
Status save_risk_criteria(Tx& tx, const std::string& tenant_id, const domain::RiskCriteria& criteria,
                          const std::string& by, const std::string& at);

struct StoredRisk {
  std::string id;
  domain::Risk risk;
  domain::Treatment treatment;
  domain::Approval approval;
  std::string created_by;
  std::string created_at;
  std::string updated_by;
  std::string updated_at;
};

// Writes the row and its assets, controls and actions.
Status insert_risk(Tx& tx, const std::string& tenant_id, const StoredRisk& risk);
// Rewrites the row and replaces its assets, controls and actions.
Status update_risk(Tx& tx, const std::string& tenant_id, const StoredRisk& risk);
Result<std::optional<StoredRisk>> find_risk(Tx& tx, const std::string& tenant_id, const std::string& id);

// Empty members match everything.
struct RiskFilter {
  std::string service_id;
  std::string status;
  std::string owner_user_id;
  std::string asset_id;
};
// By identified date (newest first), then title.
Result<std::vector<StoredRisk>> list_risks(Tx& tx, const std::string& tenant_id, const RiskFilter& filter = {});

// For the Statement of Applicability: every control a treatment chose, with
// its risk, ordered by catalog, ref and risk title.
struct TreatmentControlLink {
  std::string risk_id;
  std::string risk_title;
  std::string catalog_key;
  std::string ref;
};
Result<std::vector<TreatmentControlLink>> list_treatment_control_links(Tx& tx, const std::string& tenant_id);

// How many risks refer to a cloud service or an asset: deleting one of those
// must first check this (the references are foreign keys).
Result<int> count_risks_for_service(Tx& tx, const std::string& tenant_id, const std::string& service_id);
Result<int> count_risks_for_asset(Tx& tx, const std::string& tenant_id, const std::string& asset_id);

}  // namespace mamori::store
