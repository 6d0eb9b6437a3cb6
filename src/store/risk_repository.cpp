#include "store/risk_repository.h"

#include <map>

#include "formats/risk_json.h"
#include "store/row_values.h"
#include "store/tx.h"

namespace mamori::store {

namespace {

constexpr const char* kColumns =
    "id, title, COALESCE(service_id, ''), threat, vulnerability, existing_controls, likelihood, impact, "
    "owner_user_id, status, identified_on, source_key, COALESCE(treatment_option, ''), treatment_plan, "
    "residual_likelihood, residual_impact, acceptance_statement, COALESCE(approved_by, ''), "
    "COALESCE(approved_at, ''), approval_comment, created_by, created_at, updated_by, updated_at";

StoredRisk from_row(const soci::row& row) {
  StoredRisk s;
  s.id = row.get<std::string>(0);
  auto& r = s.risk;
  r.title = row.get<std::string>(1);
  r.service_id = row.get<std::string>(2);
  r.threat = row.get<std::string>(3);
  r.vulnerability = row.get<std::string>(4);
  r.existing_controls = row.get<std::string>(5);
  r.likelihood = static_cast<int>(integer_at(row, 6));
  r.impact = static_cast<int>(integer_at(row, 7));
  r.owner_user_id = row.get<std::string>(8);
  r.status = domain::parse_risk_status(row.get<std::string>(9)).value_or(domain::RiskStatus::open);
  r.identified_on = row.get<std::string>(10);
  r.source_key = row.get<std::string>(11);
  auto& t = s.treatment;
  t.option = domain::parse_treatment_option(row.get<std::string>(12));
  t.plan = row.get<std::string>(13);
  t.residual_likelihood = static_cast<int>(integer_at(row, 14));
  t.residual_impact = static_cast<int>(integer_at(row, 15));
  t.acceptance_statement = row.get<std::string>(16);
  s.approval.by = row.get<std::string>(17);
  s.approval.at = row.get<std::string>(18);
  s.approval.comment = row.get<std::string>(19);
  s.created_by = row.get<std::string>(20);
  s.created_at = row.get<std::string>(21);
  s.updated_by = row.get<std::string>(22);
  s.updated_at = row.get<std::string>(23);
  return s;
}

// Bound values of a row, kept alive for the statement.
struct RowValues {
  std::string status, option;
  soci::indicator service_ind, option_ind, approved_by_ind, approved_at_ind;
  int likelihood, impact, residual_likelihood, residual_impact;
  explicit RowValues(const StoredRisk& s)
      : status(domain::to_string(s.risk.status)),
        option(s.treatment.option ? domain::to_string(*s.treatment.option) : ""),
        service_ind(s.risk.service_id.empty() ? soci::i_null : soci::i_ok),
        option_ind(s.treatment.option ? soci::i_ok : soci::i_null),
        approved_by_ind(s.approval.by.empty() ? soci::i_null : soci::i_ok),
        approved_at_ind(s.approval.at.empty() ? soci::i_null : soci::i_ok),
        likelihood(s.risk.likelihood),
        impact(s.risk.impact),
        residual_likelihood(s.treatment.residual_likelihood),
        residual_impact(s.treatment.residual_impact) {}
};

Status delete_children(Tx& tx, const std::string& tenant_id, const std::string& risk_id) {
  for (const char* table : {"risk_assets", "risk_controls", "risk_actions"})
    tx.sql() << "DELETE FROM " << table << " WHERE tenant_id = :t AND risk_id = :id", soci::use(tenant_id),
        soci::use(risk_id);
  return ok();
}

Status insert_children(Tx& tx, const std::string& tenant_id, const StoredRisk& s) {
  for (const auto& asset_id : s.risk.asset_ids)
    tx.sql() << "INSERT INTO risk_assets (tenant_id, risk_id, asset_id) VALUES (:t, :r, :a)", soci::use(tenant_id),
        soci::use(s.id), soci::use(asset_id);
  for (std::size_t i = 0; i < s.treatment.controls.size(); ++i) {
    const int seq = static_cast<int>(i) + 1;
    const auto& c = s.treatment.controls[i];
    tx.sql() << "INSERT INTO risk_controls (tenant_id, risk_id, seq, catalog_key, ref) VALUES (:t, :r, :s, :k, :ref)",
        soci::use(tenant_id), soci::use(s.id), soci::use(seq), soci::use(c.catalog_key), soci::use(c.ref);
  }
  for (std::size_t i = 0; i < s.treatment.actions.size(); ++i) {
    const int seq = static_cast<int>(i) + 1;
    const auto& a = s.treatment.actions[i];
    const int done = a.done ? 1 : 0;
    soci::indicator done_on_ind = a.done_on.empty() ? soci::i_null : soci::i_ok;
    tx.sql() << "INSERT INTO risk_actions (tenant_id, risk_id, seq, description, owner, due_on, done, done_on) "
                "VALUES (:t, :r, :s, :d, :o, :due, :done, :don)",
        soci::use(tenant_id), soci::use(s.id), soci::use(seq), soci::use(a.description), soci::use(a.owner),
        soci::use(a.due_on), soci::use(done), soci::use(a.done_on, done_on_ind);
  }
  return ok();
}

// The assets, controls and actions of the tenant's risks (of one risk when
// risk_id is given), attached to `risks` by id.
void attach_children(Tx& tx, const std::string& tenant_id, const std::string& risk_id, std::vector<StoredRisk>& risks) {
  std::map<std::string, StoredRisk*> by_id;
  for (auto& r : risks) by_id[r.id] = &r;
  auto find = [&](const std::string& id) -> StoredRisk* {
    auto it = by_id.find(id);
    return it == by_id.end() ? nullptr : it->second;
  };
  {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT a.risk_id, a.asset_id FROM risk_assets a LEFT JOIN assets s ON s.id = a.asset_id "
                             "WHERE a.tenant_id = :t AND (:r = '' OR a.risk_id = :r2) "
                             "ORDER BY a.risk_id, COALESCE(s.name, ''), a.asset_id",
         soci::use(tenant_id), soci::use(risk_id), soci::use(risk_id));
    for (const auto& row : rows)
      if (auto* r = find(row.get<std::string>(0))) r->risk.asset_ids.push_back(row.get<std::string>(1));
  }
  {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT risk_id, catalog_key, ref FROM risk_controls "
                             "WHERE tenant_id = :t AND (:r = '' OR risk_id = :r2) ORDER BY risk_id, seq",
         soci::use(tenant_id), soci::use(risk_id), soci::use(risk_id));
    for (const auto& row : rows)
      if (auto* r = find(row.get<std::string>(0)))
        r->treatment.controls.push_back({row.get<std::string>(1), row.get<std::string>(2)});
  }
  {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT risk_id, description, owner, due_on, done, COALESCE(done_on, '') FROM risk_actions "
                             "WHERE tenant_id = :t AND (:r = '' OR risk_id = :r2) ORDER BY risk_id, seq",
         soci::use(tenant_id), soci::use(risk_id), soci::use(risk_id));
    for (const auto& row : rows)
      if (auto* r = find(row.get<std::string>(0)))
        r->treatment.actions.push_back({row.get<std::string>(1), row.get<std::string>(2), row.get<std::string>(3),
                                        integer_at(row, 4) != 0, row.get<std::string>(5)});
  }
}

Result<int> count_where(Tx& tx, const std::string& sql, const std::string& tenant_id, const std::string& id) {
  soci::rowset<soci::row> rows = (tx.sql().prepare << sql, soci::use(tenant_id), soci::use(id));
  for (const auto& row : rows) return static_cast<int>(integer_at(row, 0));
  return 0;
}

}  // namespace

Result<std::optional<domain::RiskCriteria>> find_risk_criteria(Tx& tx, const std::string& tenant_id) {
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT content FROM risk_criteria WHERE tenant_id = :t", soci::use(tenant_id));
  for (const auto& row : rows) {
    auto parsed = formats::parse_risk_criteria_json(row.get<std::string>(0));
    if (!parsed)
      return make_error(ErrorCode::database, "the stored risk criteria do not read back: " + parsed.error().describe());
    return std::optional<domain::RiskCriteria>(std::move(parsed.value()));
  }
  return std::optional<domain::RiskCriteria>();
}

Status save_risk_criteria(Tx& tx, const std::string& tenant_id, const domain::RiskCriteria& criteria,
                          const std::string& by, const std::string& at) {
  const std::string content = formats::risk_criteria_json(criteria);
  tx.sql() << "DELETE FROM risk_criteria WHERE tenant_id = :t", soci::use(tenant_id);
  tx.sql() << "INSERT INTO risk_criteria (tenant_id, content, updated_by, updated_at) VALUES (:t, :c, :b, :a)",
      soci::use(tenant_id), soci::use(content), soci::use(by), soci::use(at);
  return ok();
}

Status insert_risk(Tx& tx, const std::string& tenant_id, const StoredRisk& s) {
  RowValues v(s);
  const auto& r = s.risk;
  const auto& t = s.treatment;
  tx.sql() << "INSERT INTO risks (id, tenant_id, title, service_id, threat, vulnerability, existing_controls, "
              "likelihood, impact, owner_user_id, status, identified_on, source_key, treatment_option, treatment_plan, "
              "residual_likelihood, residual_impact, acceptance_statement, approved_by, approved_at, approval_comment, "
              "created_by, created_at, updated_by, updated_at) VALUES (:id, :t, :ti, :sv, :th, :vu, :ec, :l, :i, :o, "
              ":st, :io, :sk, :op, :pl, :rl, :ri, :as, :ab, :aa, :ac, :cb, :ca, :ub, :ua)",
      soci::use(s.id), soci::use(tenant_id), soci::use(r.title), soci::use(r.service_id, v.service_ind),
      soci::use(r.threat), soci::use(r.vulnerability), soci::use(r.existing_controls), soci::use(v.likelihood),
      soci::use(v.impact), soci::use(r.owner_user_id), soci::use(v.status), soci::use(r.identified_on),
      soci::use(r.source_key), soci::use(v.option, v.option_ind), soci::use(t.plan), soci::use(v.residual_likelihood),
      soci::use(v.residual_impact), soci::use(t.acceptance_statement), soci::use(s.approval.by, v.approved_by_ind),
      soci::use(s.approval.at, v.approved_at_ind), soci::use(s.approval.comment), soci::use(s.created_by),
      soci::use(s.created_at), soci::use(s.updated_by), soci::use(s.updated_at);
  return insert_children(tx, tenant_id, s);
}

Status update_risk(Tx& tx, const std::string& tenant_id, const StoredRisk& s) {
  RowValues v(s);
  const auto& r = s.risk;
  const auto& t = s.treatment;
  tx.sql() << "UPDATE risks SET title = :ti, service_id = :sv, threat = :th, vulnerability = :vu, "
              "existing_controls = :ec, likelihood = :l, impact = :i, owner_user_id = :o, status = :st, "
              "identified_on = :io, source_key = :sk, treatment_option = :op, treatment_plan = :pl, "
              "residual_likelihood = :rl, residual_impact = :ri, acceptance_statement = :as, approved_by = :ab, "
              "approved_at = :aa, approval_comment = :ac, updated_by = :ub, updated_at = :ua "
              "WHERE tenant_id = :t AND id = :id",
      soci::use(r.title), soci::use(r.service_id, v.service_ind), soci::use(r.threat), soci::use(r.vulnerability),
      soci::use(r.existing_controls), soci::use(v.likelihood), soci::use(v.impact), soci::use(r.owner_user_id),
      soci::use(v.status), soci::use(r.identified_on), soci::use(r.source_key), soci::use(v.option, v.option_ind),
      soci::use(t.plan), soci::use(v.residual_likelihood), soci::use(v.residual_impact),
      soci::use(t.acceptance_statement), soci::use(s.approval.by, v.approved_by_ind),
      soci::use(s.approval.at, v.approved_at_ind), soci::use(s.approval.comment), soci::use(s.updated_by),
      soci::use(s.updated_at), soci::use(tenant_id), soci::use(s.id);
  if (auto d = delete_children(tx, tenant_id, s.id); !d) return d;
  return insert_children(tx, tenant_id, s);
}

Result<std::optional<StoredRisk>> find_risk(Tx& tx, const std::string& tenant_id, const std::string& id) {
  std::vector<StoredRisk> found;
  {
    soci::rowset<soci::row> rows = (tx.sql().prepare << "SELECT " << kColumns
                                                     << " FROM risks WHERE tenant_id = :t AND id = :id",
                                    soci::use(tenant_id), soci::use(id));
    for (const auto& row : rows) found.push_back(from_row(row));
  }
  if (found.empty()) return std::optional<StoredRisk>();
  attach_children(tx, tenant_id, id, found);
  return std::optional<StoredRisk>(std::move(found.front()));
}

Result<std::vector<StoredRisk>> list_risks(Tx& tx, const std::string& tenant_id, const RiskFilter& f) {
  std::vector<StoredRisk> out;
  {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT " << kColumns
                          << " FROM risks WHERE tenant_id = :t AND (:sv = '' OR service_id = :sv2) "
                             "AND (:st = '' OR status = :st2) AND (:o = '' OR owner_user_id = :o2) "
                             "AND (:a = '' OR EXISTS (SELECT 1 FROM risk_assets ra WHERE ra.risk_id = risks.id "
                             "AND ra.asset_id = :a2)) ORDER BY identified_on DESC, title, id",
         soci::use(tenant_id), soci::use(f.service_id), soci::use(f.service_id), soci::use(f.status),
         soci::use(f.status), soci::use(f.owner_user_id), soci::use(f.owner_user_id), soci::use(f.asset_id),
         soci::use(f.asset_id));
    for (const auto& row : rows) out.push_back(from_row(row));
  }
  if (!out.empty()) attach_children(tx, tenant_id, "", out);
  return out;
}

Result<std::vector<TreatmentControlLink>> list_treatment_control_links(Tx& tx, const std::string& tenant_id) {
  std::vector<TreatmentControlLink> out;
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT r.id, r.title, c.catalog_key, c.ref FROM risk_controls c JOIN risks r "
                           "ON r.id = c.risk_id WHERE c.tenant_id = :t AND r.tenant_id = :t2 "
                           "ORDER BY c.catalog_key, c.ref, r.title, r.id",
       soci::use(tenant_id), soci::use(tenant_id));
  for (const auto& row : rows)
    out.push_back({row.get<std::string>(0), row.get<std::string>(1), row.get<std::string>(2), row.get<std::string>(3)});
  return out;
}

Result<int> count_risks_for_service(Tx& tx, const std::string& tenant_id, const std::string& service_id) {
  return count_where(tx, "SELECT COUNT(*) FROM risks WHERE tenant_id = :t AND service_id = :s", tenant_id, service_id);
}

Result<int> count_risks_for_asset(Tx& tx, const std::string& tenant_id, const std::string& asset_id) {
  return count_where(tx, "SELECT COUNT(*) FROM risk_assets WHERE tenant_id = :t AND asset_id = :a", tenant_id,
                     asset_id);
}

}  // namespace mamori::store
