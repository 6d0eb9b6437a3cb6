#include "domain/risk_register.h"

#include "domain/calendar_date.h"
#include "domain/text.h"

namespace mamori::domain {

namespace {

Status field_error(const std::string& field, const char* reason, const std::string& message) {
  return make_error(ErrorCode::invalid_input, reason, message, Location::in_field(field));
}

Status rule_error(ErrorCode code, const char* reason, const std::string& message, const std::string& field) {
  return make_error(code, reason, message, Location::in_field(field));
}

std::string at(const std::string& base, std::size_t i) { return base + "[" + std::to_string(i) + "]"; }

Status check_text(const std::string& field, const std::string& text, std::size_t max, bool required) {
  if (!is_valid_utf8(text)) return field_error(field, "invalid", field + " is not valid UTF-8");
  if (required && fold_for_search(text).empty())
    return field_error(field, "required", field + " を入力してください / " + field + " must not be empty");
  if (utf8_length(text) > max)
    return field_error(field, "too_long", field + " is longer than " + std::to_string(max) + " characters");
  return ok();
}

Status check_rating(const std::string& field, int value, std::size_t count) {
  if (value < 1 || value > static_cast<int>(count))
    return field_error(field, "out_of_range",
                       field + " は 1〜" + std::to_string(count) + " で評価してください / " + field + " must be 1 to " +
                           std::to_string(count));
  return ok();
}

// Action fields that, when changed, change the approved plan.
bool same_plan_action(const TreatmentAction& a, const TreatmentAction& b) {
  return a.description == b.description && a.owner == b.owner && a.due_on == b.due_on;
}

}  // namespace

const char* to_string(RiskStatus s) {
  switch (s) {
    case RiskStatus::open: return "open";
    case RiskStatus::in_treatment: return "in_treatment";
    case RiskStatus::accepted: return "accepted";
    case RiskStatus::closed: return "closed";
  }
  return "open";
}

std::optional<RiskStatus> parse_risk_status(std::string_view text) {
  for (auto s : {RiskStatus::open, RiskStatus::in_treatment, RiskStatus::accepted, RiskStatus::closed})
    if (text == to_string(s)) return s;
  return std::nullopt;
}

const char* to_string(TreatmentOption o) {
  switch (o) {
    case TreatmentOption::modify: return "modify";
    case TreatmentOption::retain: return "retain";
    case TreatmentOption::avoid: return "avoid";
    case TreatmentOption::share: return "share";
  }
  return "modify";
}

std::optional<TreatmentOption> parse_treatment_option(std::string_view text) {
  for (auto o : {TreatmentOption::modify, TreatmentOption::retain, TreatmentOption::avoid, TreatmentOption::share})
    if (text == to_string(o)) return o;
  return std::nullopt;
}

Status check_risk(const Risk& r, const RiskCriteria& c) {
  if (auto s = check_text("title", r.title, kMaxRiskTitleChars, true); !s) return s;
  if (auto s = check_text("threat", r.threat, kMaxRiskTextChars, false); !s) return s;
  if (auto s = check_text("vulnerability", r.vulnerability, kMaxRiskTextChars, false); !s) return s;
  if (auto s = check_text("existing_controls", r.existing_controls, kMaxRiskTextChars, false); !s) return s;
  if (auto s = check_rating("likelihood", r.likelihood, c.likelihood.size()); !s) return s;
  if (auto s = check_rating("impact", r.impact, c.impact.size()); !s) return s;
  if (fold_for_search(r.owner_user_id).empty())
    return field_error("owner_user_id", "required", "リスク所有者を指定してください / the risk needs an owner");
  if (!is_iso_date(r.identified_on))
    return field_error("identified_on", "invalid", "identified_on must be a date YYYY-MM-DD");
  if (r.asset_ids.size() > kMaxRiskAssets)
    return field_error("asset_ids", "too_many", "at most " + std::to_string(kMaxRiskAssets) + " assets");
  for (std::size_t i = 0; i < r.asset_ids.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (r.asset_ids[i] == r.asset_ids[j])
        return field_error(at("asset_ids", i), "duplicate", "the same asset is listed twice");
  if (auto s = check_text("source_key", r.source_key, 100, false); !s) return s;
  return ok();
}

Status check_treatment(const Treatment& t, const Risk& risk, const RiskCriteria& c) {
  if (t.controls.size() > kMaxTreatmentControls)
    return field_error("controls", "too_many", "at most " + std::to_string(kMaxTreatmentControls) + " controls");
  for (std::size_t i = 0; i < t.controls.size(); ++i) {
    if (auto s = check_text(at("controls", i) + ".catalog_key", t.controls[i].catalog_key, 64, true); !s) return s;
    if (auto s = check_text(at("controls", i) + ".ref", t.controls[i].ref, 64, true); !s) return s;
    for (std::size_t j = 0; j < i; ++j)
      if (t.controls[i] == t.controls[j])
        return field_error(at("controls", i), "duplicate",
                           "管理策 " + t.controls[i].ref + " が重複しています / control chosen twice");
  }
  if (auto s = check_text("plan", t.plan, kMaxRiskTextChars, false); !s) return s;
  if (t.actions.size() > kMaxTreatmentActions)
    return field_error("actions", "too_many", "at most " + std::to_string(kMaxTreatmentActions) + " actions");
  for (std::size_t i = 0; i < t.actions.size(); ++i) {
    const auto& a = t.actions[i];
    const std::string base = at("actions", i);
    if (auto s = check_text(base + ".description", a.description, kMaxActionTextChars, true); !s) return s;
    if (auto s = check_text(base + ".owner", a.owner, 200, false); !s) return s;
    if (!is_iso_date(a.due_on))
      return field_error(base + ".due_on", "invalid", "期限を YYYY-MM-DD で入力してください / due_on must be YYYY-MM-DD");
    if (a.done && !is_iso_date(a.done_on))
      return field_error(base + ".done_on", "invalid", "完了日を YYYY-MM-DD で入力してください / a done action needs done_on");
    if (!a.done && !a.done_on.empty())
      return field_error(base + ".done_on", "invalid", "done_on is only for a done action");
  }
  if (auto s = check_text("acceptance_statement", t.acceptance_statement, kMaxRiskTextChars, false); !s) return s;
  const bool has_l = t.residual_likelihood != 0, has_i = t.residual_impact != 0;
  if (has_l != has_i)
    return field_error(has_l ? "residual_impact" : "residual_likelihood", "required",
                       "残留リスクは発生可能性と影響度の両方で評価してください / give both residual ratings, or neither");
  if (!has_l) return ok();
  if (auto s = check_rating("residual_likelihood", t.residual_likelihood, c.likelihood.size()); !s) return s;
  if (auto s = check_rating("residual_impact", t.residual_impact, c.impact.size()); !s) return s;
  const auto current = risk_level(c, risk.likelihood, risk.impact);
  const auto residual = risk_level(c, t.residual_likelihood, t.residual_impact);
  if (current && residual && *residual > *current)
    return field_error("residual_likelihood", "above_current",
                       "残留リスクが現在のリスクより高くなっています / the residual level is above the current level");
  if (t.option == TreatmentOption::retain &&
      (t.residual_likelihood != risk.likelihood || t.residual_impact != risk.impact))
    return field_error("residual_likelihood", "retain_changes_nothing",
                       "保有ではリスクは変わらないため、残留リスクは現在の評価と同じです / "
                       "retaining a risk leaves it as it is: the residual is the current rating");
  return ok();
}

Status check_approval(const Risk& risk, const Treatment& t, const Approval& current, const RiskCriteria& c,
                      const std::string& approver) {
  if (approver.empty() || approver != risk.owner_user_id)
    return rule_error(ErrorCode::forbidden, "not_risk_owner",
                      "承認できるのはリスク所有者だけです / only the risk owner approves the treatment", "owner_user_id");
  if (risk.status == RiskStatus::closed)
    return rule_error(ErrorCode::conflict, "closed", "終了したリスクは承認できません / the risk is closed", "status");
  if (!t.option)
    return rule_error(ErrorCode::conflict, "option_required",
                      "リスク対応の選択肢を選んでください / choose a treatment option first", "option");
  if (*t.option != TreatmentOption::retain) {
    if (t.actions.empty())
      return rule_error(ErrorCode::conflict, "plan_required",
                        "リスク対応計画に実施事項を1件以上登録してください / the plan needs at least one action",
                        "actions");
    if (*t.option == TreatmentOption::modify && t.controls.empty())
      return rule_error(ErrorCode::conflict, "controls_required",
                        "低減には管理策を1件以上選んでください / modifying a risk needs at least one control",
                        "controls");
  }
  if (t.residual_likelihood == 0 || t.residual_impact == 0)
    return rule_error(ErrorCode::conflict, "residual_required",
                      "残留リスクを評価してください / assess the residual risk first", "residual_likelihood");
  const auto residual = risk_level(c, t.residual_likelihood, t.residual_impact);
  if (!residual)
    return rule_error(ErrorCode::conflict, "residual_required",
                      "残留リスクの評価が現在の基準の範囲外です / the residual rating is outside the criteria",
                      "residual_likelihood");
  if (!acceptable(c, *residual) && fold_for_search(t.acceptance_statement).empty())
    return rule_error(ErrorCode::conflict, "acceptance_statement_required",
                      "残留リスクが受容レベルを超えるため、受容の理由を記入してください / "
                      "the residual risk is above the acceptance level: say why it is accepted",
                      "acceptance_statement");
  if (current.given())
    return rule_error(ErrorCode::conflict, "already_approved", "既に承認されています / already approved", "approval");
  return ok();
}

bool change_voids_approval(const Treatment& a, const Treatment& b) {
  if (a.option != b.option || a.controls != b.controls || a.plan != b.plan) return true;
  if (a.residual_likelihood != b.residual_likelihood || a.residual_impact != b.residual_impact) return true;
  if (a.acceptance_statement != b.acceptance_statement) return true;
  if (a.actions.size() != b.actions.size()) return true;
  for (std::size_t i = 0; i < a.actions.size(); ++i)
    if (!same_plan_action(a.actions[i], b.actions[i])) return true;
  return false;
}

bool owner_change_voids_approval(const Risk& a, const Risk& b) { return a.owner_user_id != b.owner_user_id; }

RiskStatus status_after_void(RiskStatus s) { return s == RiskStatus::accepted ? RiskStatus::in_treatment : s; }

Status check_status_change(RiskStatus to, const Approval& approval) {
  if (to == RiskStatus::accepted && !approval.given())
    return rule_error(ErrorCode::conflict, "approval_required",
                      "「受容」はリスク所有者の承認で設定されます / a risk becomes accepted by its owner's approval",
                      "status");
  return ok();
}

}  // namespace mamori::domain
