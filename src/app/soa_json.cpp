#include "app/soa_json.h"

namespace mamori::app {

using nlohmann::json;

namespace {

json nullable(const std::string& text) { return text.empty() ? json(nullptr) : json(text); }

json counts_json(const SoaCounts& c) {
  return json{{"rows", c.rows},         {"applicable", c.applicable}, {"not_applicable", c.not_applicable},
              {"unevaluated", c.unevaluated}, {"errors", c.errors},   {"warnings", c.warnings}};
}

}  // namespace

json soa_row_json(const domain::SoaRow& r) {
  return json{{"catalog_key", r.catalog_key},
              {"ref", r.ref},
              {"kind", domain::to_string(r.kind)},
              {"parent_ref", nullable(r.parent_ref)},
              {"title", r.title},
              {"title_en", nullable(r.title_en)},
              {"applicable", domain::to_string(r.applicable)},
              {"reason", r.reason},
              {"status", domain::to_string(r.status)},
              {"evidence", r.evidence},
              {"treatments", r.treatments}};
}

json soa_finding_json(const domain::SoaFinding& f) {
  return json{{"rule", f.rule},
              {"catalog_key", f.catalog_key},
              {"ref", f.ref},
              {"severity", domain::to_string(f.severity)},
              {"message_ja", f.message_ja},
              {"message_en", f.message_en},
              {"related", f.related}};
}

json soa_summary_json(const SoaView& v) {
  return json{{"id", v.soa.id},
              {"service_id", v.soa.service_id},
              {"service_name", v.service_name},
              {"role", v.role},
              {"approved_version", v.soa.approved_version == 0 ? json(nullptr) : json(v.soa.approved_version)},
              {"approved_at", nullable(v.approved_at)},
              {"approved_by", nullable(v.approved_by_name)},
              {"draft_changes", v.draft_changes},
              {"can_approve", !domain::blocks_approval(v.findings) &&
                                  (v.soa.approved_version == 0 || v.draft_changes > 0)},
              {"counts", counts_json(v.counts)},
              {"created_at", v.soa.created_at},
              {"updated_at", v.soa.updated_at}};
}

json soa_json(const SoaView& v) {
  json out = soa_summary_json(v);
  json rows = json::array();
  for (const auto& r : v.rows) rows.push_back(soa_row_json(r));
  json findings = json::array();
  for (const auto& f : v.findings) findings.push_back(soa_finding_json(f));
  json risks = json::object();
  for (const auto& [id, title] : v.risk_titles) risks[id] = title;
  out["rows"] = std::move(rows);
  out["findings"] = std::move(findings);
  out["risks"] = std::move(risks);
  return out;
}

json soa_version_json(const SoaVersionView& view) {
  const auto& v = view.version;
  json findings = json::array();
  for (const auto& f : v.findings) findings.push_back(soa_finding_json(f));
  return json{{"version", v.version},
              {"role", v.role},
              {"service_name", v.service_name},
              {"comment", v.comment},
              {"approved_by", view.approved_by_name},
              {"approved_at", v.approved_at},
              {"findings", findings}};
}

json soa_comparison_json(const SoaComparison& c) {
  json changes = json::array();
  for (const auto& ch : c.changes) {
    json fields = json::array();
    for (const auto& f : ch.fields) fields.push_back({{"field", f.field}, {"before", f.before}, {"after", f.after}});
    changes.push_back({{"kind", domain::to_string(ch.kind)},
                       {"catalog_key", ch.catalog_key},
                       {"ref", ch.ref},
                       {"title", ch.title},
                       {"fields", fields}});
  }
  // 0 is the draft.
  return json{{"from", c.from == 0 ? json("draft") : json(c.from)},
              {"to", c.to == 0 ? json("draft") : json(c.to)},
              {"changes", changes}};
}

}  // namespace mamori::app
