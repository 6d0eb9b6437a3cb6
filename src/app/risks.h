// Risk management use cases (JIS Q 27001 6.1.2–6.1.3): the organisation's
// risk criteria, the risk register, treatment, the risk owner's approval,
// the dashboard and the cloud risk sources proposed for a service. Reading
// needs read_records; changing risks and treatments write_records; changing
// the criteria (a management decision) approve_records; approving a
// treatment is for the risk owner alone (domain::check_approval), who must be
// a member able to write records.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/caller.h"
#include "app/services.h"
#include "domain/cloud_risk_sources.h"
#include "domain/error.h"
#include "domain/risk_dashboard.h"
#include "store/risk_repository.h"

namespace mamori::app {

// The criteria in force: the saved ones or the default.
Result<domain::RiskCriteria> get_risk_criteria(Services& services, const Caller& caller, const std::string& tenant_id);

// Replaces the criteria. Risks keep their ratings and their levels re-derive
// from the new matrix. Refused (conflict, ratings_out_of_range) when a risk's
// rating no longer fits a smaller scale: re-rate it first. Approvals whose
// residual level or acceptability changes are voided (approved risks fall back
// to in_treatment); their ids are returned. One audit entry.
struct CriteriaChange {
  domain::RiskCriteria criteria;
  std::vector<std::string> voided_risk_ids;
};
Result<CriteriaChange> save_risk_criteria(Services& services, const Caller& caller, const std::string& tenant_id,
                                          const domain::RiskCriteria& criteria);

// The same from the JSON document of formats/risk_json.h (the API's body):
// the caller's access is checked before the document is read, so an outsider
// learns nothing from a parse error.
Result<CriteriaChange> save_risk_criteria_json(Services& services, const Caller& caller, const std::string& tenant_id,
                                               const std::string& document);

struct RiskRegister {
  domain::RiskCriteria criteria;
  std::vector<store::StoredRisk> risks;
};
// `level` (0: any) filters by the derived current level.
Result<RiskRegister> list_risks(Services& services, const Caller& caller, const std::string& tenant_id,
                                const store::RiskFilter& filter = {}, int level = 0);

struct ControlTitle {
  domain::ControlRef control;
  std::string title;  // "" when the catalog no longer has it
};
struct RiskDetail {
  domain::RiskCriteria criteria;
  store::StoredRisk risk;
  std::vector<ControlTitle> controls;
};
Result<RiskDetail> get_risk(Services& services, const Caller& caller, const std::string& tenant_id,
                            const std::string& id);

// New risks start open (or in_treatment / closed when given); accepted comes
// only from an approval.
Result<store::StoredRisk> create_risk(Services& services, const Caller& caller, const std::string& tenant_id,
                                      const domain::Risk& risk);

// The fields given change; the rest stay. A new owner voids the approval.
struct RiskChange {
  std::optional<std::string> title;
  std::optional<std::string> service_id;  // "" clears
  std::optional<std::vector<std::string>> asset_ids;
  std::optional<std::string> threat;
  std::optional<std::string> vulnerability;
  std::optional<std::string> existing_controls;
  std::optional<int> likelihood;
  std::optional<int> impact;
  std::optional<std::string> owner_user_id;
  std::optional<domain::RiskStatus> status;
  std::optional<std::string> identified_on;
};
Result<store::StoredRisk> change_risk(Services& services, const Caller& caller, const std::string& tenant_id,
                                      const std::string& id, const RiskChange& change);

// Replaces the treatment. Controls must exist in the loaded catalogs
// (latest version). A change to what was approved voids the approval
// (domain::change_voids_approval); choosing an option moves an open risk to
// in_treatment.
Result<store::StoredRisk> save_treatment(Services& services, const Caller& caller, const std::string& tenant_id,
                                         const std::string& id, const domain::Treatment& treatment);

Result<store::StoredRisk> save_treatment_json(Services& services, const Caller& caller, const std::string& tenant_id,
                                              const std::string& id, const std::string& document);

// The risk owner approves the plan and the residual risk; the risk becomes
// accepted.
Result<store::StoredRisk> approve_treatment(Services& services, const Caller& caller, const std::string& tenant_id,
                                            const std::string& id, const std::string& comment);

struct DashboardView {
  domain::RiskCriteria criteria;
  domain::RiskDashboard dashboard;
};
// `today` YYYY-MM-DD.
Result<DashboardView> risk_dashboard(Services& services, const Caller& caller, const std::string& tenant_id,
                                     const std::string& today);

// The cloud risk sources for a service by its role, each marked when a risk
// of the service already came from it.
struct StarterProposal {
  domain::StarterRisk starter;
  bool already_added = false;
};
struct StarterList {
  std::string service_id;
  std::string service_name;
  std::string role;
  std::vector<StarterProposal> proposals;
};
Result<StarterList> starter_risks_for_service(Services& services, const Caller& caller, const std::string& tenant_id,
                                              const std::string& service_id);

}  // namespace mamori::app
