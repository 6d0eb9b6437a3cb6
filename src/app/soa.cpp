#include "app/soa.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "app/audited_write.h"
#include "app/authorize.h"
#include "app/soa_catalog.h"
#include "domain/text.h"
#include "store/ids.h"
#include "store/isms_repository.h"
#include "store/risk_repository.h"
#include "store/user_repository.h"

namespace mamori::app {

namespace {

using nlohmann::json;

Error no_such_soa() {
  return make_error(ErrorCode::not_found, "no_such_soa", "no such Statement of Applicability", Location::in_field("id"));
}

std::string actor(const Caller& caller) { return caller.user_id.empty() ? caller.label() : caller.user_id; }

// How a person is shown: display name, else email, else the id as stored
// (the operator's label for seeded data).
std::string person_name(store::Tx& tx, const std::string& id) {
  if (id.empty()) return "";
  auto user = store::find_user_by_id(tx, id);
  if (!user || !user.value()) return id;
  return user.value()->display_name.empty() ? user.value()->email : user.value()->display_name;
}

Result<store::StoredSoa> must_find(store::Tx& tx, const std::string& tenant_id, const std::string& id) {
  auto found = store::find_soa(tx, tenant_id, id);
  if (!found) return found.error();
  if (!found.value()) return no_such_soa();
  return std::move(*found.value());
}

// The risks whose treatment chose each control (the risk register), as
// row_key -> risk ids (sorted, once each), and their titles. Only risks of
// this service or of the whole organisation (no service) count: another
// service's treatment says nothing about this service's controls.
struct TreatmentIndex {
  std::map<std::string, std::vector<std::string>> by_row;
  std::map<std::string, std::string> titles;
};

Result<TreatmentIndex> treatment_index(store::Tx& tx, const std::string& tenant_id, const std::string& service_id) {
  auto links = store::list_treatment_control_links(tx, tenant_id);
  if (!links) return links.error();
  auto risks = store::list_risks(tx, tenant_id);
  if (!risks) return risks.error();
  std::set<std::string> relevant;
  for (const auto& r : risks.value())
    if (r.risk.service_id.empty() || r.risk.service_id == service_id) relevant.insert(r.id);
  TreatmentIndex out;
  for (const auto& l : links.value()) {
    if (!relevant.count(l.risk_id)) continue;
    auto& ids = out.by_row[domain::row_key(l.catalog_key, l.ref)];
    if (std::find(ids.begin(), ids.end(), l.risk_id) == ids.end()) ids.push_back(l.risk_id);
    out.titles[l.risk_id] = l.risk_title;
  }
  for (auto& [key, ids] : out.by_row) std::sort(ids.begin(), ids.end());
  return out;
}

SoaCounts count(const std::vector<domain::SoaRow>& rows, const std::vector<domain::SoaFinding>& findings) {
  SoaCounts c;
  c.rows = static_cast<int>(rows.size());
  for (const auto& r : rows) {
    if (r.applicable == domain::Applicability::applicable) ++c.applicable;
    if (r.applicable == domain::Applicability::not_applicable) ++c.not_applicable;
    if (r.applicable == domain::Applicability::unevaluated) ++c.unevaluated;
  }
  for (const auto& f : findings) (f.severity == domain::FindingSeverity::error ? c.errors : c.warnings) += 1;
  return c;
}

// The draft as it stands: the controls of the service's current role, what
// was stated for them, the linked treatments, the findings, and how it
// differs from the latest version.
Result<SoaView> load_view(store::Tx& tx, const std::string& tenant_id, store::StoredSoa soa,
                          const SoaCatalogData& catalog) {
  SoaView view;
  auto service = store::find_cloud_service(tx, tenant_id, soa.service_id);
  if (!service) return service.error();
  if (!service.value()) return make_error(ErrorCode::internal, "the SoA's cloud service is missing");
  view.service_name = service.value()->name;
  view.role = service.value()->role;
  const auto parties = domain::parties_of_role(view.role).value_or(domain::SoaParties{true, true});
  auto stated = store::list_soa_rows(tx, tenant_id, soa.id);
  if (!stated) return stated.error();
  view.rows = domain::reconcile_rows(domain::controls_for_parties(parties, catalog.controls), stated.value());
  auto treatments = treatment_index(tx, tenant_id, soa.service_id);
  if (!treatments) return treatments.error();
  for (auto& row : view.rows) {
    auto it = treatments->by_row.find(domain::row_key(row.catalog_key, row.ref));
    row.treatments = it == treatments->by_row.end() ? std::vector<std::string>{} : it->second;
    for (const auto& id : row.treatments) view.risk_titles[id] = treatments->titles[id];
  }
  view.findings = domain::check_soa(view.rows, catalog.bases);
  view.counts = count(view.rows, view.findings);
  view.draft_changes = static_cast<int>(view.rows.size());
  if (soa.approved_version > 0) {
    auto latest = store::find_soa_version(tx, tenant_id, soa.id, soa.approved_version);
    if (!latest) return latest.error();
    if (latest.value()) {
      view.approved_at = latest.value()->approved_at;
      view.approved_by_name = person_name(tx, latest.value()->approved_by);
      view.draft_changes = static_cast<int>(domain::diff_soa_rows(latest.value()->rows, view.rows).size());
    }
  }
  view.soa = std::move(soa);
  return view;
}

Result<SoaView> load_view(store::Tx& tx, const std::string& tenant_id, const std::string& id) {
  auto catalog = soa_catalog_data(tx);
  if (!catalog) return catalog.error();
  auto soa = must_find(tx, tenant_id, id);
  if (!soa) return soa.error();
  return load_view(tx, tenant_id, std::move(soa.value()), *catalog.value());
}

// Runs a read use case that yields a value.
template <class T, class F>
Result<T> read(Services& services, const Caller& caller, const std::string& tenant_id, F&& work) {
  std::optional<T> out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_records);
    if (!scope) return scope.error();
    auto value = work(tx);
    if (!value) return value.error();
    out = std::move(value.value());
    return ok();
  });
  if (!status) return status.error();
  return std::move(*out);
}

std::string field_of(std::size_t index, const char* field) {
  return "rows[" + std::to_string(index) + "]." + field;
}

// Applies one edit to its row; the error names rows[i].field.
Status apply_edit(const SoaRowEdit& edit, std::size_t index, domain::SoaRow& row) {
  if (edit.applicable) {
    row.applicable = *edit.applicable;
    // Nothing is implemented for an excluded control; an explicit status
    // in the same edit still wins (and is then checked).
    if (row.applicable == domain::Applicability::not_applicable && !edit.status)
      row.status = domain::ImplementationStatus::unset;
  }
  if (edit.reason) row.reason = *edit.reason;
  if (edit.status) row.status = *edit.status;
  if (edit.evidence) row.evidence = *edit.evidence;
  if (auto valid = domain::check_soa_row(row); !valid) {
    Error e = valid.error();
    e.where.field = field_of(index, e.where.field.c_str());
    return e;
  }
  return ok();
}

json finding_keys(const std::vector<domain::SoaFinding>& findings) {
  json out = json::array();
  for (const auto& f : findings) out.push_back(f.rule + "@" + domain::row_key(f.catalog_key, f.ref));
  return out;
}

}  // namespace

Result<std::vector<SoaView>> list_soas(Services& services, const Caller& caller, const std::string& tenant_id) {
  return read<std::vector<SoaView>>(services, caller, tenant_id, [&](store::Tx& tx) -> Result<std::vector<SoaView>> {
    auto soas = store::list_soas(tx, tenant_id);
    if (!soas) return soas.error();
    std::vector<SoaView> out;
    if (soas->empty()) return out;
    auto catalog = soa_catalog_data(tx);
    if (!catalog) return catalog.error();
    for (auto& soa : soas.value()) {
      auto view = load_view(tx, tenant_id, std::move(soa), *catalog.value());
      if (!view) return view.error();
      out.push_back(std::move(view.value()));
    }
    std::sort(out.begin(), out.end(), [](const SoaView& a, const SoaView& b) { return a.service_name < b.service_name; });
    return out;
  });
}

Result<SoaView> get_soa(Services& services, const Caller& caller, const std::string& tenant_id, const std::string& id) {
  return read<SoaView>(services, caller, tenant_id,
                       [&](store::Tx& tx) -> Result<SoaView> { return load_view(tx, tenant_id, id); });
}

Result<SoaView> create_soa(Services& services, const Caller& caller, const std::string& tenant_id,
                           const std::string& service_id) {
  std::optional<SoaView> out;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::write_records);
    if (!scope) return scope.error();
    auto service = store::find_cloud_service(tx, tenant_id, service_id);
    if (!service) return service.error();
    if (!service.value())
      return make_error(ErrorCode::not_found, "no_such_service", "no such cloud service",
                        Location::in_field("service_id"));
    auto existing = store::find_soa_for_service(tx, tenant_id, service_id);
    if (!existing) return existing.error();
    if (existing.value())
      return make_error(ErrorCode::conflict, "soa_exists",
                        "the service already has a Statement of Applicability (id " + existing.value()->id + ")",
                        Location::in_field("service_id"));
    const std::string now = store::utc_now();
    store::StoredSoa soa{store::new_uuid_v7(), service_id, 0, actor(caller), now, actor(caller), now};
    if (auto r = store::insert_soa(tx, tenant_id, soa); !r) return r;
    auto catalog = soa_catalog_data(tx);
    if (!catalog) return catalog.error();
    auto view = load_view(tx, tenant_id, soa, *catalog.value());
    if (!view) return view.error();
    json details{{"service_id", service_id}, {"service", view->service_name}, {"role", view->role},
                 {"rows", view->counts.rows}};
    if (auto r = audit.record({tenant_id, "soa.create", "soa", soa.id, "success", false, details.dump()}); !r) return r;
    out = std::move(view.value());
    return ok();
  });
  if (!status) return status.error();
  return std::move(*out);
}

Result<SoaView> change_soa_rows(Services& services, const Caller& caller, const std::string& tenant_id,
                                const std::string& id, const std::vector<SoaRowEdit>& edits) {
  std::optional<SoaView> out;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::write_records);
    if (!scope) return scope.error();
    if (edits.empty())
      return make_error(ErrorCode::invalid_input, "required", "give at least one row to change",
                        Location::in_field("rows"));
    if (edits.size() > kMaxSoaRowEditsPerCall)
      return make_error(ErrorCode::invalid_input, "too_many",
                        "at most " + std::to_string(kMaxSoaRowEditsPerCall) + " rows per request",
                        Location::in_field("rows"));
    auto before = load_view(tx, tenant_id, id);
    if (!before) return before.error();
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < before->rows.size(); ++i)
      index.emplace(domain::row_key(before->rows[i].catalog_key, before->rows[i].ref), i);
    std::vector<domain::SoaRow> after = before->rows;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < edits.size(); ++i) {
      const std::string key = domain::row_key(edits[i].catalog_key, edits[i].ref);
      auto it = index.find(key);
      if (it == index.end())
        return make_error(ErrorCode::invalid_input, "unknown_row",
                          key + " is not a row of this Statement of Applicability (for the service's role " +
                              before->role + ")",
                          Location::in_field(field_of(i, "ref")));
      if (!seen.insert(key).second)
        return make_error(ErrorCode::invalid_input, "duplicate", key + " is given twice",
                          Location::in_field(field_of(i, "ref")));
      if (auto r = apply_edit(edits[i], i, after[it->second]); !r) return r;
    }
    std::vector<domain::SoaRow> changed;
    for (std::size_t i = 0; i < after.size(); ++i)
      if (after[i] != before->rows[i]) changed.push_back(after[i]);
    if (changed.empty())
      return make_error(ErrorCode::invalid_input, "no_change", "nothing changes: give at least one new value",
                        Location::in_field("rows"));
    const std::string now = store::utc_now();
    if (auto r = store::save_soa_rows(tx, tenant_id, id, changed, actor(caller), now); !r) return r;
    store::StoredSoa soa = before->soa;
    soa.updated_by = actor(caller);
    soa.updated_at = now;
    if (auto r = store::update_soa(tx, tenant_id, soa); !r) return r;
    auto view = load_view(tx, tenant_id, id);
    if (!view) return view.error();
    json keys = json::array();
    for (const auto& r : changed) keys.push_back(domain::row_key(r.catalog_key, r.ref));
    json details{{"changed", keys}, {"errors", view->counts.errors}, {"warnings", view->counts.warnings}};
    if (auto r = audit.record({tenant_id, "soa.rows.change", "soa", id, "success", false, details.dump()}); !r) return r;
    out = std::move(view.value());
    return ok();
  });
  if (!status) return status.error();
  return std::move(*out);
}

Status authorize_soa_write(Services& services, const Caller& caller, const std::string& tenant_id) {
  return services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::write_records);
    if (!scope) return scope.error();
    return ok();
  });
}

Result<SoaView> approve_soa(Services& services, const Caller& caller, const std::string& tenant_id,
                            const std::string& id, const std::string& comment) {
  std::optional<SoaView> out;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::approve_records);
    if (!scope) return scope.error();
    if (!domain::is_valid_utf8(comment) || domain::utf8_length(comment) > kMaxSoaCommentChars)
      return make_error(ErrorCode::invalid_input, "invalid", "comment must be UTF-8 of at most 2000 characters",
                        Location::in_field("comment"));
    auto view = load_view(tx, tenant_id, id);
    if (!view) return view.error();
    if (domain::blocks_approval(view->findings))
      return make_error(ErrorCode::conflict, "soa_has_errors",
                        std::to_string(view->counts.errors) +
                            " finding(s) of severity error remain; correct them before approval "
                            "(承認前にエラーの指摘を解消してください)",
                        Location::in_field("findings"));
    if (view->soa.approved_version > 0 && view->draft_changes == 0)
      return make_error(ErrorCode::conflict, "no_change",
                        "the draft equals version " + std::to_string(view->soa.approved_version) +
                            "; nothing to approve",
                        Location::in_field("id"));
    store::SoaVersion v;
    v.version = view->soa.approved_version + 1;
    v.role = view->role;
    v.service_name = view->service_name;
    v.rows = view->rows;
    v.findings = view->findings;
    v.comment = comment;
    v.approved_by = actor(caller);
    v.approved_at = store::utc_now();
    if (auto r = store::insert_soa_version(tx, tenant_id, id, v); !r) return r;
    store::StoredSoa soa = view->soa;
    soa.approved_version = v.version;
    soa.updated_by = v.approved_by;
    soa.updated_at = v.approved_at;
    if (auto r = store::update_soa(tx, tenant_id, soa); !r) return r;
    json details{{"version", v.version}, {"warnings", finding_keys(v.findings)}, {"comment", comment}};
    if (auto r = audit.record({tenant_id, "soa.approve", "soa", id, "success", false, details.dump()}); !r) return r;
    auto after = load_view(tx, tenant_id, id);
    if (!after) return after.error();
    out = std::move(after.value());
    return ok();
  });
  if (!status) return status.error();
  return std::move(*out);
}

Result<std::vector<SoaVersionView>> list_soa_versions(Services& services, const Caller& caller,
                                                      const std::string& tenant_id, const std::string& id) {
  return read<std::vector<SoaVersionView>>(
      services, caller, tenant_id, [&](store::Tx& tx) -> Result<std::vector<SoaVersionView>> {
        auto soa = must_find(tx, tenant_id, id);
        if (!soa) return soa.error();
        auto versions = store::list_soa_versions(tx, tenant_id, id, false);
        if (!versions) return versions.error();
        std::vector<SoaVersionView> out;
        for (auto& v : versions.value()) {
          std::string name = person_name(tx, v.approved_by);
          out.push_back({std::move(v), std::move(name)});
        }
        return out;
      });
}

namespace {

Result<SoaSnapshot> snapshot_in(store::Tx& tx, const std::string& tenant_id, const std::string& id, int version,
                                const char* field) {
  if (version == 0) {
    auto view = load_view(tx, tenant_id, id);
    if (!view) return view.error();
    SoaSnapshot s;
    s.service_name = view->service_name;
    s.role = view->role;
    s.rows = std::move(view->rows);
    s.findings = std::move(view->findings);
    return s;
  }
  auto soa = must_find(tx, tenant_id, id);
  if (!soa) return soa.error();
  auto found = store::find_soa_version(tx, tenant_id, id, version);
  if (!found) return found.error();
  if (!found.value())
    return make_error(ErrorCode::not_found, "no_such_version", "no version " + std::to_string(version),
                      Location::in_field(field));
  auto& v = *found.value();
  std::string name = person_name(tx, v.approved_by);
  return SoaSnapshot{v.version,     v.service_name, v.role,    std::move(v.rows), std::move(v.findings),
                     v.approved_by, v.approved_at,  v.comment, std::move(name)};
}

}  // namespace

Result<SoaSnapshot> soa_snapshot(Services& services, const Caller& caller, const std::string& tenant_id,
                                 const std::string& id, int version) {
  return read<SoaSnapshot>(services, caller, tenant_id, [&](store::Tx& tx) -> Result<SoaSnapshot> {
    return snapshot_in(tx, tenant_id, id, version, "version");
  });
}

Result<SoaComparison> compare_soa(Services& services, const Caller& caller, const std::string& tenant_id,
                                  const std::string& id, int from, int to) {
  return read<SoaComparison>(services, caller, tenant_id, [&](store::Tx& tx) -> Result<SoaComparison> {
    auto a = snapshot_in(tx, tenant_id, id, from, "from");
    if (!a) return a.error();
    auto b = snapshot_in(tx, tenant_id, id, to, "to");
    if (!b) return b.error();
    return SoaComparison{from, to, domain::diff_soa_rows(a->rows, b->rows)};
  });
}

}  // namespace mamori::app
