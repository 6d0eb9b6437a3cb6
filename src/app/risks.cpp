#include "app/risks.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "app/audited_write.h"
#include "app/authorize.h"
#include "domain/text.h"
#include "formats/risk_json.h"
#include "store/catalog_repository.h"
#include "store/ids.h"
#include "store/isms_repository.h"
#include "store/user_repository.h"

namespace mamori::app {

namespace {

using nlohmann::json;

Error no_such_risk() {
  return make_error(ErrorCode::not_found, "no_such_risk", "no such risk / リスクが見つかりません", Location::in_field("id"));
}

Error invalid(const std::string& field, const char* reason, const std::string& message) {
  return make_error(ErrorCode::invalid_input, reason, message, Location::in_field(field));
}

std::string actor(const Caller& caller) { return caller.user_id.empty() ? caller.label() : caller.user_id; }

Result<domain::RiskCriteria> criteria_in(store::Tx& tx, const std::string& tenant_id) {
  auto found = store::find_risk_criteria(tx, tenant_id);
  if (!found) return found.error();
  return found.value() ? std::move(*found.value()) : domain::default_risk_criteria();
}

Result<store::StoredRisk> must_find(store::Tx& tx, const std::string& tenant_id, const std::string& id) {
  auto found = store::find_risk(tx, tenant_id, id);
  if (!found) return found.error();
  if (!found.value()) return no_such_risk();
  return std::move(*found.value());
}

// What the audit log keeps of a risk.
json summary(const store::StoredRisk& s, const domain::RiskCriteria& c) {
  const auto level = domain::risk_level(c, s.risk.likelihood, s.risk.impact);
  json j{{"title", s.risk.title},
         {"likelihood", s.risk.likelihood},
         {"impact", s.risk.impact},
         {"level", level ? c.levels[*level - 1].label_ja : ""},
         {"status", domain::to_string(s.risk.status)},
         {"owner_user_id", s.risk.owner_user_id}};
  if (s.treatment.option) j["option"] = domain::to_string(*s.treatment.option);
  return j;
}

// The owner must be a member who can record decisions; the service and the
// assets must be the organisation's.
Status check_references(store::Tx& tx, const std::string& tenant_id, const domain::Risk& r) {
  auto member = store::find_membership(tx, tenant_id, r.owner_user_id);
  if (!member) return member.error();
  if (!member.value())
    return invalid("owner_user_id", "not_a_member",
                   "リスク所有者はこの組織のメンバーにしてください / the owner must be a member of the organisation");
  if (!domain::role_allows(member.value()->role, domain::Action::write_records))
    return invalid("owner_user_id", "cannot_decide",
                   "閲覧のみのメンバーはリスク所有者になれません / the owner must be a member who can record decisions");
  if (!r.service_id.empty()) {
    auto service = store::find_cloud_service(tx, tenant_id, r.service_id);
    if (!service) return service.error();
    if (!service.value()) return invalid("service_id", "unknown_service", "no such cloud service / サービスが見つかりません");
  }
  for (std::size_t i = 0; i < r.asset_ids.size(); ++i) {
    auto asset = store::find_asset(tx, tenant_id, r.asset_ids[i]);
    if (!asset) return asset.error();
    if (!asset.value())
      return invalid("asset_ids[" + std::to_string(i) + "]", "unknown_asset", "no such asset / 資産が見つかりません");
  }
  return ok();
}

// Chosen controls must be items of a loaded catalog (its latest version).
Status check_controls(store::Tx& tx, const std::vector<domain::ControlRef>& controls) {
  for (std::size_t i = 0; i < controls.size(); ++i) {
    const std::string base = "controls[" + std::to_string(i) + "]";
    auto catalog = store::find_catalog(tx, controls[i].catalog_key);
    if (!catalog) return catalog.error();
    if (!catalog.value())
      return invalid(base + ".catalog_key", "unknown_catalog",
                     "カタログ " + controls[i].catalog_key + " は読み込まれていません / no such catalog");
    auto node = store::find_node(tx, catalog.value()->id, controls[i].ref);
    if (!node) return node.error();
    if (!node.value())
      return invalid(base + ".ref", "unknown_control",
                     controls[i].catalog_key + " に " + controls[i].ref + " はありません / no such item in the catalog");
  }
  return ok();
}

void void_approval(store::StoredRisk& s) {
  s.approval = {};
  s.risk.status = domain::status_after_void(s.risk.status);
}

// Runs a read use case: authorise, then `work`.
template <class Work>
Status read(Services& services, const Caller& caller, const std::string& tenant_id, Work work) {
  return services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_records);
    if (!scope) return scope.error();
    return work(tx);
  });
}

Status may(Services& services, const Caller& caller, const std::string& tenant_id, domain::Action action) {
  return services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, action);
    if (!scope) return scope.error();
    return ok();
  });
}

}  // namespace

Result<CriteriaChange> save_risk_criteria_json(Services& services, const Caller& caller, const std::string& tenant_id,
                                               const std::string& document) {
  if (auto allowed = may(services, caller, tenant_id, domain::Action::approve_records); !allowed) return allowed.error();
  auto parsed = formats::parse_risk_criteria_json(document);
  if (!parsed) return parsed.error();
  return save_risk_criteria(services, caller, tenant_id, parsed.value());
}

Result<store::StoredRisk> save_treatment_json(Services& services, const Caller& caller, const std::string& tenant_id,
                                              const std::string& id, const std::string& document) {
  if (auto allowed = may(services, caller, tenant_id, domain::Action::write_records); !allowed) return allowed.error();
  auto parsed = formats::parse_treatment_json(document);
  if (!parsed) return parsed.error();
  return save_treatment(services, caller, tenant_id, id, parsed.value());
}

Result<domain::RiskCriteria> get_risk_criteria(Services& services, const Caller& caller, const std::string& tenant_id) {
  domain::RiskCriteria out;
  auto status = read(services, caller, tenant_id, [&](store::Tx& tx) -> Status {
    auto c = criteria_in(tx, tenant_id);
    if (!c) return c.error();
    out = std::move(c.value());
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<CriteriaChange> save_risk_criteria(Services& services, const Caller& caller, const std::string& tenant_id,
                                          const domain::RiskCriteria& criteria) {
  CriteriaChange out{criteria, {}};
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::approve_records);
    if (!scope) return scope.error();
    if (auto valid = domain::check_risk_criteria(criteria); !valid) return valid;
    auto before = criteria_in(tx, tenant_id);
    if (!before) return before.error();
    auto risks = store::list_risks(tx, tenant_id);
    if (!risks) return risks.error();
    const int max_l = static_cast<int>(criteria.likelihood.size()), max_i = static_cast<int>(criteria.impact.size());
    for (const auto& s : risks.value()) {
      const auto& t = s.treatment;
      if (s.risk.likelihood > max_l || t.residual_likelihood > max_l || s.risk.impact > max_i ||
          t.residual_impact > max_i)
        return make_error(ErrorCode::conflict, "ratings_out_of_range",
                          "リスク「" + s.risk.title +
                              "」の評価が新しい尺度の範囲外です。先に評価し直してください / a risk is rated outside the "
                              "new scales: re-rate it first",
                          Location::in_field(s.risk.likelihood > max_l || t.residual_likelihood > max_l ? "likelihood"
                                                                                                         : "impact"));
    }
    const std::string now = store::utc_now();
    for (auto s : risks.value()) {
      if (!s.approval.given()) continue;
      if (domain::approval_survives_criteria_change(before.value(), criteria, s.treatment.residual_likelihood,
                                                    s.treatment.residual_impact))
        continue;
      void_approval(s);
      s.updated_by = actor(caller);
      s.updated_at = now;
      if (auto r = store::update_risk(tx, tenant_id, s); !r) return r;
      out.voided_risk_ids.push_back(s.id);
    }
    if (auto r = store::save_risk_criteria(tx, tenant_id, criteria, actor(caller), now); !r) return r;
    json details{{"likelihood_levels", criteria.likelihood.size()},
                 {"impact_levels", criteria.impact.size()},
                 {"levels", criteria.levels.size()},
                 {"acceptance_level", criteria.acceptance_level},
                 {"goals", criteria.goals.size()},
                 {"voided_approvals", out.voided_risk_ids}};
    return audit.record({tenant_id, "risk.criteria", "risk_criteria", tenant_id, "success", false, details.dump()});
  });
  if (!status) return status.error();
  return out;
}

Result<RiskRegister> list_risks(Services& services, const Caller& caller, const std::string& tenant_id,
                                const store::RiskFilter& filter, int level) {
  RiskRegister out;
  auto status = read(services, caller, tenant_id, [&](store::Tx& tx) -> Status {
    auto c = criteria_in(tx, tenant_id);
    if (!c) return c.error();
    out.criteria = std::move(c.value());
    auto risks = store::list_risks(tx, tenant_id, filter);
    if (!risks) return risks.error();
    for (auto& s : risks.value())
      if (level == 0 || domain::risk_level(out.criteria, s.risk.likelihood, s.risk.impact) == level)
        out.risks.push_back(std::move(s));
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<RiskDetail> get_risk(Services& services, const Caller& caller, const std::string& tenant_id,
                            const std::string& id) {
  RiskDetail out;
  auto status = read(services, caller, tenant_id, [&](store::Tx& tx) -> Status {
    auto c = criteria_in(tx, tenant_id);
    if (!c) return c.error();
    out.criteria = std::move(c.value());
    auto found = must_find(tx, tenant_id, id);
    if (!found) return found.error();
    out.risk = std::move(found.value());
    for (const auto& control : out.risk.treatment.controls) {
      ControlTitle t{control, ""};
      auto catalog = store::find_catalog(tx, control.catalog_key);
      if (catalog && catalog.value())
        if (auto node = store::find_node(tx, catalog.value()->id, control.ref); node && node.value())
          t.title = node.value()->node.title;
      out.controls.push_back(std::move(t));
    }
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<store::StoredRisk> create_risk(Services& services, const Caller& caller, const std::string& tenant_id,
                                      const domain::Risk& risk) {
  store::StoredRisk out;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::write_records);
    if (!scope) return scope.error();
    auto c = criteria_in(tx, tenant_id);
    if (!c) return c.error();
    if (auto valid = domain::check_risk(risk, c.value()); !valid) return valid;
    if (auto s = domain::check_status_change(risk.status, {}); !s) return s;
    if (auto r = check_references(tx, tenant_id, risk); !r) return r;
    out.id = store::new_uuid_v7();
    out.risk = risk;
    out.created_by = out.updated_by = actor(caller);
    out.created_at = out.updated_at = store::utc_now();
    if (auto r = store::insert_risk(tx, tenant_id, out); !r) return r;
    return audit.record({tenant_id, "risk.create", "risk", out.id, "success", false, summary(out, c.value()).dump()});
  });
  if (!status) return status.error();
  return out;
}

Result<store::StoredRisk> change_risk(Services& services, const Caller& caller, const std::string& tenant_id,
                                      const std::string& id, const RiskChange& change) {
  store::StoredRisk out;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::write_records);
    if (!scope) return scope.error();
    auto c = criteria_in(tx, tenant_id);
    if (!c) return c.error();
    auto found = must_find(tx, tenant_id, id);
    if (!found) return found.error();
    store::StoredRisk s = std::move(found.value());
    const domain::Risk before = s.risk;
    auto& r = s.risk;
    std::vector<std::string> changed;
    auto set = [&changed](auto& field, const auto& value, const char* name) {
      if (value && field != *value) {
        field = *value;
        changed.push_back(name);
      }
    };
    set(r.title, change.title, "title");
    set(r.service_id, change.service_id, "service_id");
    set(r.asset_ids, change.asset_ids, "asset_ids");
    set(r.threat, change.threat, "threat");
    set(r.vulnerability, change.vulnerability, "vulnerability");
    set(r.existing_controls, change.existing_controls, "existing_controls");
    set(r.likelihood, change.likelihood, "likelihood");
    set(r.impact, change.impact, "impact");
    set(r.owner_user_id, change.owner_user_id, "owner_user_id");
    set(r.identified_on, change.identified_on, "identified_on");
    set(r.status, change.status, "status");
    if (changed.empty())
      return invalid("body", "no_change", "変更がありません / nothing changes: give at least one new value");
    if (auto valid = domain::check_risk(r, c.value()); !valid) return valid;
    if (change.status && r.status != before.status)
      if (auto st = domain::check_status_change(r.status, s.approval); !st) return st;
    if (auto refs = check_references(tx, tenant_id, r); !refs) return refs;
    // A new current rating must still sit at or above the planned residual.
    if (auto t = domain::check_treatment(s.treatment, r, c.value()); !t) return t;
    bool voided = false;
    if (s.approval.given() && domain::owner_change_voids_approval(before, r)) {
      void_approval(s);
      voided = true;
    }
    s.updated_by = actor(caller);
    s.updated_at = store::utc_now();
    if (auto w = store::update_risk(tx, tenant_id, s); !w) return w;
    json details = summary(s, c.value());
    details["changed"] = changed;
    details["approval_voided"] = voided;
    if (auto a = audit.record({tenant_id, "risk.change", "risk", id, "success", false, details.dump()}); !a) return a;
    out = std::move(s);
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<store::StoredRisk> save_treatment(Services& services, const Caller& caller, const std::string& tenant_id,
                                         const std::string& id, const domain::Treatment& treatment) {
  store::StoredRisk out;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::write_records);
    if (!scope) return scope.error();
    auto c = criteria_in(tx, tenant_id);
    if (!c) return c.error();
    auto found = must_find(tx, tenant_id, id);
    if (!found) return found.error();
    store::StoredRisk s = std::move(found.value());
    if (s.risk.status == domain::RiskStatus::closed)
      return make_error(ErrorCode::conflict, "closed", "終了したリスクです / the risk is closed",
                        Location::in_field("status"));
    if (auto valid = domain::check_treatment(treatment, s.risk, c.value()); !valid) return valid;
    if (auto controls = check_controls(tx, treatment.controls); !controls) return controls;
    if (s.treatment == treatment)
      return invalid("body", "no_change", "変更がありません / nothing changes");
    const bool voided = s.approval.given() && domain::change_voids_approval(s.treatment, treatment);
    if (voided) void_approval(s);
    s.treatment = treatment;
    if (treatment.option && s.risk.status == domain::RiskStatus::open) s.risk.status = domain::RiskStatus::in_treatment;
    s.updated_by = actor(caller);
    s.updated_at = store::utc_now();
    if (auto w = store::update_risk(tx, tenant_id, s); !w) return w;
    json details = summary(s, c.value());
    details["controls"] = treatment.controls.size();
    details["actions"] = treatment.actions.size();
    details["residual"] = {treatment.residual_likelihood, treatment.residual_impact};
    details["approval_voided"] = voided;
    if (auto a = audit.record({tenant_id, "risk.treatment", "risk", id, "success", false, details.dump()}); !a) return a;
    out = std::move(s);
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<store::StoredRisk> approve_treatment(Services& services, const Caller& caller, const std::string& tenant_id,
                                            const std::string& id, const std::string& comment) {
  store::StoredRisk out;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::write_records);
    if (!scope) return scope.error();
    // The owner's approval is a person's act (6.1.3 f): not through an API
    // token, which acts with its creator's id but not as that person.
    if (caller.kind == Caller::Kind::api_token)
      return make_error(ErrorCode::forbidden, "approval_needs_person",
                        "承認はリスク所有者本人がサインインして行います / the risk owner approves in person, not "
                        "through an API token",
                        Location::in_field("approval"));
    if (!domain::is_valid_utf8(comment) || domain::utf8_length(comment) > domain::kMaxRiskTextChars)
      return invalid("comment", "too_long", "comment is longer than 4000 characters or not UTF-8");
    auto c = criteria_in(tx, tenant_id);
    if (!c) return c.error();
    auto found = must_find(tx, tenant_id, id);
    if (!found) return found.error();
    store::StoredRisk s = std::move(found.value());
    if (auto rule = domain::check_approval(s.risk, s.treatment, s.approval, c.value(), caller.user_id); !rule)
      return rule;
    const std::string now = store::utc_now();
    s.approval = {caller.user_id, now, comment};
    s.risk.status = domain::RiskStatus::accepted;
    s.updated_by = actor(caller);
    s.updated_at = now;
    if (auto w = store::update_risk(tx, tenant_id, s); !w) return w;
    json details = summary(s, c.value());
    const auto residual = domain::risk_level(c.value(), s.treatment.residual_likelihood, s.treatment.residual_impact);
    details["residual_level"] = residual ? c.value().levels[*residual - 1].label_ja : "";
    details["comment"] = comment;
    if (auto a = audit.record({tenant_id, "risk.approve", "risk", id, "success", false, details.dump()}); !a) return a;
    out = std::move(s);
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<DashboardView> risk_dashboard(Services& services, const Caller& caller, const std::string& tenant_id,
                                     const std::string& today) {
  DashboardView out;
  auto status = read(services, caller, tenant_id, [&](store::Tx& tx) -> Status {
    auto c = criteria_in(tx, tenant_id);
    if (!c) return c.error();
    out.criteria = std::move(c.value());
    auto risks = store::list_risks(tx, tenant_id);
    if (!risks) return risks.error();
    std::vector<domain::DashboardRisk> input;
    for (auto& s : risks.value()) input.push_back({s.id, s.risk.title, std::move(s.risk), std::move(s.treatment)});
    out.dashboard = domain::risk_dashboard(out.criteria, input, today);
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<StarterList> starter_risks_for_service(Services& services, const Caller& caller, const std::string& tenant_id,
                                              const std::string& service_id) {
  StarterList out;
  auto status = read(services, caller, tenant_id, [&](store::Tx& tx) -> Status {
    auto service = store::find_cloud_service(tx, tenant_id, service_id);
    if (!service) return service.error();
    if (!service.value())
      return make_error(ErrorCode::not_found, "unknown_service", "no such cloud service / サービスが見つかりません",
                        Location::in_field("service"));
    const auto role = service.value()->service.role;
    out.service_id = service_id;
    out.service_name = service.value()->name;
    out.role = domain::to_string(role);
    store::RiskFilter filter;
    filter.service_id = service_id;
    auto existing = store::list_risks(tx, tenant_id, filter);
    if (!existing) return existing.error();
    const bool customer = role == domain::ServiceRole::customer || role == domain::ServiceRole::both;
    for (auto& starter : domain::starter_risks(domain::provides(role), customer)) {
      const bool added = std::any_of(existing->begin(), existing->end(), [&](const store::StoredRisk& s) {
        return s.risk.source_key == starter.source_key;
      });
      out.proposals.push_back({std::move(starter), added});
    }
    return ok();
  });
  if (!status) return status.error();
  return out;
}

}  // namespace mamori::app
