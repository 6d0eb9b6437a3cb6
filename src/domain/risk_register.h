// The risk register (JIS Q 27001 6.1.2) and risk treatment (6.1.3): a risk
// with its assessment, the treatment chosen for it (option, controls, plan
// with actions, residual risk) and the risk owner's approval of the plan and
// of the residual risk (6.1.3 f). Types and rules only; app/risks.* applies
// them, store/risk_repository.* keeps them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "domain/risk_criteria.h"

namespace mamori::domain {

// open: identified, no treatment under way; in_treatment: a plan is being
// carried out; accepted: the owner approved the plan and the residual risk;
// closed: the risk no longer applies (e.g. avoided by ending the activity).
enum class RiskStatus { open, in_treatment, accepted, closed };
const char* to_string(RiskStatus status);
std::optional<RiskStatus> parse_risk_status(std::string_view text);

// JIS Q 27001 6.1.3 a) / ISO 31000: 低減 (modify), 保有 (retain), 回避
// (avoid), 共有 (share, e.g. contracts and insurance).
enum class TreatmentOption { modify, retain, avoid, share };
const char* to_string(TreatmentOption option);
std::optional<TreatmentOption> parse_treatment_option(std::string_view text);

struct Risk {
  std::string title;
  std::string service_id;              // a cloud service, or "" for the whole organisation
  std::vector<std::string> asset_ids;  // the assets it concerns
  std::string threat;
  std::string vulnerability;
  std::string existing_controls;
  int likelihood = 0;  // ranks on the criteria's scales
  int impact = 0;
  std::string owner_user_id;  // a member who can record decisions
  RiskStatus status = RiskStatus::open;
  std::string identified_on;  // YYYY-MM-DD
  std::string source_key;     // the cloud risk source it came from, or ""
};

// A control chosen from any loaded catalog (6.1.3 b: "from any source").
struct ControlRef {
  std::string catalog_key;  // iso27001-2022, iso27017-2015, ismap-2024, …
  std::string ref;          // 8.24, CLD.9.5.1, 8.13, …
  bool operator==(const ControlRef&) const = default;
};

struct TreatmentAction {
  std::string description;
  std::string owner;   // who carries it out (a person or a department)
  std::string due_on;  // YYYY-MM-DD
  bool done = false;
  std::string done_on;  // YYYY-MM-DD when done
  bool operator==(const TreatmentAction&) const = default;
};

struct Treatment {
  std::optional<TreatmentOption> option;  // nullopt: not decided yet
  std::vector<ControlRef> controls;
  std::string plan;  // the plan in words (6.1.3 e)
  std::vector<TreatmentAction> actions;
  int residual_likelihood = 0;  // 0: not assessed
  int residual_impact = 0;
  // Why a residual above the acceptance level is accepted anyway.
  std::string acceptance_statement;
  bool operator==(const Treatment&) const = default;
};

// The risk owner's recorded approval of the plan and the residual risk.
struct Approval {
  std::string by;  // user id; "" when not approved
  std::string at;  // UTC ISO time
  std::string comment;
  bool given() const { return !by.empty(); }
};

inline constexpr std::size_t kMaxRiskTitleChars = 200;
inline constexpr std::size_t kMaxRiskTextChars = 4000;
inline constexpr std::size_t kMaxRiskAssets = 100;
inline constexpr std::size_t kMaxTreatmentControls = 100;
inline constexpr std::size_t kMaxTreatmentActions = 50;
inline constexpr std::size_t kMaxActionTextChars = 1000;

// ok, or invalid_input naming the first field in error (title, threat,
// vulnerability, existing_controls, likelihood, impact, owner_user_id,
// identified_on, asset_ids, source_key). Ratings must fit the criteria.
// Whether the owner is a member and the service and assets exist is for
// app to check against the store.
Status check_risk(const Risk& risk, const RiskCriteria& criteria);

// The shape of a treatment, at every save (a plan may be saved unfinished):
// controls named and not repeated; actions with a description and a due
// date (done ones with their date); residual ratings both given or both 0,
// within the scales, and not above the current level (a treatment does not
// raise a risk); for retain, the residual is the current rating (nothing
// changes). Fields: controls[i].catalog_key, actions[i].due_on,
// residual_likelihood, …
Status check_treatment(const Treatment& treatment, const Risk& risk, const RiskCriteria& criteria);

// Whether `approver` may approve the treatment now (6.1.3 f), first failing
// rule first:
//  - only the risk owner approves (forbidden, reason not_risk_owner);
//  - an option is chosen (option_required);
//  - unless retained, a plan: at least one action (plan_required), and for
//    modify at least one control (controls_required);
//  - the residual risk is assessed (residual_required);
//  - a residual above the acceptance level needs an acceptance statement
//    (acceptance_statement_required);
//  - the risk is not closed (closed) and not already approved (already_approved).
Status check_approval(const Risk& risk, const Treatment& treatment, const Approval& current,
                      const RiskCriteria& criteria, const std::string& approver_user_id);

// A saved change voids the approval when it changes what was approved: the
// option, controls, plan text, actions (other than marking them done), the
// residual ratings or the acceptance statement, or the risk's owner. Marking
// an action done is carrying out the approved plan, not changing it.
bool change_voids_approval(const Treatment& before, const Treatment& after);
bool owner_change_voids_approval(const Risk& before, const Risk& after);

// The status a risk takes when its approval is voided: accepted falls back
// to in_treatment; the others stay.
RiskStatus status_after_void(RiskStatus status);

// Status changes people make: accepted only with a current approval (the
// approval route sets it); ok, or conflict with reason approval_required.
Status check_status_change(RiskStatus to, const Approval& approval);

}  // namespace mamori::domain
