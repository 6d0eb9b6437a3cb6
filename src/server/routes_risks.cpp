// Risk management (JIS Q 27001 6.1.2–6.1.3): the organisation's risk
// criteria, the register, a risk's treatment and its owner's approval, the
// dashboard, and the cloud risk sources proposed for a service. Criteria and
// treatments are JSON documents (formats/risk_json.h) that the app reads after
// checking access. Handlers pass {org} to the app use cases, which authorise.
#include "app/risks.h"
#include "app/sheet_evaluation.h"
#include "domain/calendar_date.h"
#include "formats/risk_json.h"
#include "server/route_fields.h"
#include "server/routes.h"

namespace mamori::server {

using nlohmann::json;

namespace {

using fields::integer;
using fields::text;

Route make(std::string method, std::string path, std::string summary, domain::Action action) {
  return fields::org_route("risks", std::move(method), std::move(path), std::move(summary), action);
}

const std::string& org(RequestContext& rc) { return rc.request.params.at("org"); }
const std::string& risk_id(RequestContext& rc) { return rc.request.params.at("risk_id"); }

json level_json(const domain::RiskCriteria& c, std::optional<int> level) {
  if (!level) return nullptr;
  const auto& l = c.levels[*level - 1];
  return {{"rank", *level}, {"label_ja", l.label_ja}, {"label_en", l.label_en}, {"acceptable", domain::acceptable(c, *level)}};
}

json controls_json(const std::vector<domain::ControlRef>& controls) {
  json out = json::array();
  for (const auto& c : controls) out.push_back({{"catalog_key", c.catalog_key}, {"ref", c.ref}});
  return out;
}

json risk_json(const store::StoredRisk& s, const domain::RiskCriteria& c) {
  const auto& r = s.risk;
  const auto& t = s.treatment;
  json treatment = json::parse(formats::treatment_json(t));
  json out{{"id", s.id},
           {"title", r.title},
           {"service_id", r.service_id.empty() ? json(nullptr) : json(r.service_id)},
           {"asset_ids", r.asset_ids},
           {"threat", r.threat},
           {"vulnerability", r.vulnerability},
           {"existing_controls", r.existing_controls},
           {"likelihood", r.likelihood},
           {"impact", r.impact},
           {"level", level_json(c, domain::risk_level(c, r.likelihood, r.impact))},
           {"owner_user_id", r.owner_user_id},
           {"status", domain::to_string(r.status)},
           {"identified_on", r.identified_on},
           {"source_key", r.source_key},
           {"treatment", treatment},
           {"residual_level", level_json(c, domain::risk_level(c, t.residual_likelihood, t.residual_impact))},
           {"approval", s.approval.given() ? json{{"by", s.approval.by}, {"at", s.approval.at}, {"comment", s.approval.comment}}
                                           : json(nullptr)},
           {"created_by", s.created_by},
           {"created_at", s.created_at},
           {"updated_by", s.updated_by},
           {"updated_at", s.updated_at}};
  return out;
}

json criteria_json(const domain::RiskCriteria& c) { return json::parse(formats::risk_criteria_json(c)); }

std::vector<FieldSpec> risk_fields(bool create) {
  FieldSpec assets = text("asset_ids", false, 64, "the assets the risk concerns (ids)");
  assets.type = FieldType::string_list;
  assets.max_items = domain::kMaxRiskAssets;
  FieldSpec status = fields::choice("status", false, {"open", "in_treatment", "accepted", "closed"},
                                    "open | in_treatment | closed (accepted comes from the owner's approval)");
  return {text("title", create, 4 * domain::kMaxRiskTitleChars, "what can go wrong"),
          text("service_id", false, 64, "the cloud service it belongs to (omit or \"\" for none)"),
          assets,
          text("threat", false, 4 * domain::kMaxRiskTextChars, "the threat (リスク源)"),
          text("vulnerability", false, 4 * domain::kMaxRiskTextChars, "the vulnerability it exploits"),
          text("existing_controls", false, 4 * domain::kMaxRiskTextChars, "controls already in place"),
          [&] {
            FieldSpec f = integer("likelihood", 1, 10, "likelihood rank on the criteria's scale (1 = lowest)");
            f.required = create;
            return f;
          }(),
          [&] {
            FieldSpec f = integer("impact", 1, 10, "impact rank on the criteria's scale (1 = lowest)");
            f.required = create;
            return f;
          }(),
          text("owner_user_id", create, 64, "the risk owner: a member who can record decisions"),
          status,
          text("identified_on", false, 10, "YYYY-MM-DD (default: today in Japan)"),
          text("source_key", false, 100, "the cloud risk source it came from (from /risks/starter)")};
}

domain::Risk risk_from(const JsonInput& b) {
  domain::Risk r;
  r.title = b.text("title");
  r.service_id = b.text("service_id");
  r.asset_ids = b.string_list("asset_ids").value_or(std::vector<std::string>{});
  r.threat = b.text("threat");
  r.vulnerability = b.text("vulnerability");
  r.existing_controls = b.text("existing_controls");
  r.likelihood = static_cast<int>(b.integer("likelihood").value_or(0));
  r.impact = static_cast<int>(b.integer("impact").value_or(0));
  r.owner_user_id = b.text("owner_user_id");
  r.status = domain::parse_risk_status(b.text("status", "open")).value_or(domain::RiskStatus::open);
  r.identified_on = b.text("identified_on", app::today_in_japan());
  r.source_key = b.text("source_key");
  return r;
}

json dashboard_json(const app::DashboardView& v, const std::string& as_of) {
  const auto& c = v.criteria;
  const auto& d = v.dashboard;
  json levels = json::array();
  for (std::size_t i = 0; i < c.levels.size(); ++i) {
    json l = level_json(c, static_cast<int>(i) + 1);
    l["count"] = d.by_level[i];
    l["residual_count"] = d.residual_by_level[i];
    levels.push_back(l);
  }
  json goals = json::array();
  for (const auto& g : d.goals) {
    json risks = json::array();
    for (const auto& r : g.risks)
      risks.push_back({{"id", r.id},
                       {"title", r.title},
                       {"deadline", r.deadline},
                       {"reached_on", r.reached_on},
                       {"state", domain::to_string(r.state)}});
    goals.push_back({{"from_level", level_json(c, g.goal.from_level)},
                     {"target_level", level_json(c, g.goal.target_level)},
                     {"within_months", g.goal.within_months},
                     {"total", g.total},
                     {"met", g.met},
                     {"met_late", g.met_late},
                     {"open", g.open},
                     {"overdue", g.overdue},
                     {"risks", risks}});
  }
  return {{"as_of", as_of},
          {"criteria", criteria_json(c)},
          {"total", d.total},
          {"closed", d.closed},
          {"above_acceptance", d.above_acceptance},
          {"residual_not_assessed", d.residual_not_assessed},
          {"levels", levels},
          {"heat", d.heat},
          {"residual_heat", d.residual_heat},
          {"goals", goals}};
}

}  // namespace

void add_risk_routes(std::vector<Route>& routes) {
  using A = domain::Action;
  const std::string base = "/api/v1/orgs/{org}";
  {
    Route r = make("GET", base + "/risk-criteria",
                   "The risk criteria: scales, matrix, levels, acceptance level and goals (the default until saved)",
                   A::read_records);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto c = app::get_risk_criteria(rc.server.services, rc.caller, org(rc));
      if (!c) return c.error();
      return json_response(200, criteria_json(c.value()));
    };
    routes.push_back(r);
  }
  {
    Route r = make("PUT", base + "/risk-criteria",
                   "Replace the risk criteria (a JSON document: likelihood, impact, levels, matrix, acceptance_level, "
                   "goals). Levels re-derive; approvals whose residual level changes are voided",
                   A::approve_records);
    r.raw_body_types = {"application/json"};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto saved = app::save_risk_criteria_json(rc.server.services, rc.caller, org(rc), rc.request.body);
      if (!saved) return saved.error();
      json out = criteria_json(saved->criteria);
      out["voided_approvals"] = saved->voided_risk_ids;
      return json_response(200, out);
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", base + "/risks", "The risk register, each risk with its derived level", A::read_records);
    FieldSpec status = fields::choice("status", false, {"open", "in_treatment", "accepted", "closed"}, "only this status");
    r.query = {integer("level", 1, 10, "only risks at this current level (rank)"), status,
               text("service", false, 64, "only risks of this cloud service (id)"),
               text("owner", false, 64, "only risks of this owner (user id)"),
               text("asset", false, 64, "only risks concerning this asset (id)")};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      store::RiskFilter filter{rc.query.text("service"), rc.query.text("status"), rc.query.text("owner"),
                               rc.query.text("asset")};
      auto list = app::list_risks(rc.server.services, rc.caller, org(rc), filter,
                                  static_cast<int>(rc.query.integer("level").value_or(0)));
      if (!list) return list.error();
      json risks = json::array();
      for (const auto& s : list->risks) risks.push_back(risk_json(s, list->criteria));
      return json_response(200, {{"criteria", criteria_json(list->criteria)}, {"risks", risks}});
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", base + "/risks", "Add a risk to the register", A::write_records);
    r.accepts_body = true;
    r.body = risk_fields(true);
    r.max_body_bytes = 256 * 1024;
    r.success_status = 201;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      if (auto d = rc.body.optional_text("identified_on"); d && !domain::is_iso_date(*d))
        return make_error(ErrorCode::invalid_input, "invalid", "identified_on must be a date YYYY-MM-DD",
                          Location::in_field("identified_on"));
      auto created = app::create_risk(rc.server.services, rc.caller, org(rc), risk_from(rc.body));
      if (!created) return created.error();
      auto detail = app::get_risk(rc.server.services, rc.caller, org(rc), created->id);
      if (!detail) return detail.error();
      return json_response(201, risk_json(detail->risk, detail->criteria));
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", base + "/risks/dashboard",
                   "Risks by level (current and residual), heat maps and progress against each risk goal",
                   A::read_records);
    r.cacheable = true;  // server/response_cache.h
    r.query = {fields::as_of()};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      const std::string as_of = rc.query.text("as_of", app::today_in_japan());
      if (!domain::is_iso_date(as_of))
        return make_error(ErrorCode::invalid_input, "invalid", "as_of must be a date YYYY-MM-DD",
                          Location::in_field("as_of"));
      auto d = app::risk_dashboard(rc.server.services, rc.caller, org(rc), as_of);
      if (!d) return d.error();
      return json_response(200, dashboard_json(d.value(), as_of));
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", base + "/risks/starter",
                   "Cloud-specific risk sources (seed 003 4.2.1) proposed for a service by its role, each marked when "
                   "already added",
                   A::read_records);
    r.query = {text("service", true, 64, "the cloud service (id)")};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto list = app::starter_risks_for_service(rc.server.services, rc.caller, org(rc), rc.query.text("service"));
      if (!list) return list.error();
      json proposals = json::array();
      for (const auto& p : list->proposals)
        proposals.push_back({{"source_key", p.starter.source_key},
                             {"perspective", p.starter.perspective},
                             {"title_ja", p.starter.title_ja},
                             {"title_en", p.starter.title_en},
                             {"threat", p.starter.threat},
                             {"reference", p.starter.reference},
                             {"controls", controls_json(p.starter.controls)},
                             {"already_added", p.already_added}});
      return json_response(200, {{"service_id", list->service_id},
                                 {"service_name", list->service_name},
                                 {"role", list->role},
                                 {"proposals", proposals}});
    };
    routes.push_back(r);
  }
  {
    Route r = make("GET", base + "/risks/{risk_id}", "One risk with its treatment, approval and control titles",
                   A::read_records);
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto d = app::get_risk(rc.server.services, rc.caller, org(rc), risk_id(rc));
      if (!d) return d.error();
      json out = risk_json(d->risk, d->criteria);
      json controls = json::array();
      for (const auto& c : d->controls)
        controls.push_back({{"catalog_key", c.control.catalog_key}, {"ref", c.control.ref}, {"title", c.title}});
      out["treatment"]["controls"] = controls;
      return json_response(200, out);
    };
    routes.push_back(r);
  }
  {
    Route r = make("PATCH", base + "/risks/{risk_id}",
                   "Change a risk: the fields given. A new owner voids the approval", A::write_records);
    r.accepts_body = true;
    r.body = risk_fields(false);
    r.max_body_bytes = 256 * 1024;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      const JsonInput& b = rc.body;
      app::RiskChange c;
      c.title = b.optional_text("title");
      c.service_id = b.optional_text("service_id");
      c.asset_ids = b.string_list("asset_ids");
      c.threat = b.optional_text("threat");
      c.vulnerability = b.optional_text("vulnerability");
      c.existing_controls = b.optional_text("existing_controls");
      if (auto l = b.integer("likelihood")) c.likelihood = static_cast<int>(*l);
      if (auto i = b.integer("impact")) c.impact = static_cast<int>(*i);
      c.owner_user_id = b.optional_text("owner_user_id");
      if (auto s = b.optional_text("status")) c.status = domain::parse_risk_status(*s);
      c.identified_on = b.optional_text("identified_on");
      if (b.has("source_key"))
        return make_error(ErrorCode::invalid_input, "not_allowed", "source_key is set when the risk is created",
                          Location::in_field("source_key"));
      auto changed = app::change_risk(rc.server.services, rc.caller, org(rc), risk_id(rc), c);
      if (!changed) return changed.error();
      auto detail = app::get_risk(rc.server.services, rc.caller, org(rc), risk_id(rc));
      if (!detail) return detail.error();
      return json_response(200, risk_json(detail->risk, detail->criteria));
    };
    routes.push_back(r);
  }
  {
    Route r = make("PUT", base + "/risks/{risk_id}/treatment",
                   "Replace the treatment (a JSON document: option, controls from any loaded catalog, plan, actions, "
                   "residual ratings, acceptance_statement). Changing what was approved voids the approval",
                   A::write_records);
    r.raw_body_types = {"application/json"};
    r.max_body_bytes = 512 * 1024;
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto saved = app::save_treatment_json(rc.server.services, rc.caller, org(rc), risk_id(rc), rc.request.body);
      if (!saved) return saved.error();
      auto detail = app::get_risk(rc.server.services, rc.caller, org(rc), risk_id(rc));
      if (!detail) return detail.error();
      return json_response(200, risk_json(detail->risk, detail->criteria));
    };
    routes.push_back(r);
  }
  {
    Route r = make("POST", base + "/risks/{risk_id}/approve",
                   "The risk owner approves the treatment plan and the residual risk (JIS Q 27001 6.1.3 f)",
                   A::write_records);
    r.accepts_body = true;
    r.body = {text("comment", false, 4 * domain::kMaxRiskTextChars, "the owner's comment")};
    r.handler = [](RequestContext& rc) -> Result<HttpResponse> {
      auto approved =
          app::approve_treatment(rc.server.services, rc.caller, org(rc), risk_id(rc), rc.body.text("comment"));
      if (!approved) return approved.error();
      auto detail = app::get_risk(rc.server.services, rc.caller, org(rc), risk_id(rc));
      if (!detail) return detail.error();
      return json_response(200, risk_json(detail->risk, detail->criteria));
    };
    routes.push_back(r);
  }
}

}  // namespace mamori::server
