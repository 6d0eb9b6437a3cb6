#include "app/tailored_standards.h"

#include <nlohmann/json.hpp>

#include "app/audited_write.h"
#include "app/authorize.h"
#include "app/standard_origins.h"
#include "domain/text.h"
#include "store/catalog_repository.h"
#include "store/ids.h"

namespace mamori::app {

namespace {

using nlohmann::json;

Error no_such_standard() {
  return make_error(ErrorCode::not_found, "no_such_standard", "no such tailored standard", Location::in_field("id"));
}

Error field_error(const char* field, const char* reason, const std::string& message) {
  return make_error(ErrorCode::invalid_input, reason, message, Location::in_field(field));
}

std::string actor(const Caller& caller) { return caller.user_id.empty() ? caller.label() : caller.user_id; }

Status check_name(const char* field, const std::string& name) {
  if (!domain::is_valid_utf8(name)) return field_error(field, "invalid", std::string(field) + " is not valid UTF-8");
  if (domain::fold_for_search(name).empty()) return field_error(field, "required", std::string(field) + " is required");
  if (domain::utf8_length(name) > 200) return field_error(field, "too_long", std::string(field) + " is over 200 characters");
  return ok();
}

Result<store::StoredStandard> must_find(store::Tx& tx, const std::string& tenant_id, const std::string& id) {
  auto found = store::find_standard(tx, tenant_id, id);
  if (!found) return found.error();
  if (!found.value()) return no_such_standard();
  return std::move(*found.value());
}

// Replays the log: the items are what the operations give.
Result<StandardState> load_state(store::Tx& tx, const std::string& tenant_id, const std::string& id) {
  StandardState s;
  auto standard = must_find(tx, tenant_id, id);
  if (!standard) return standard.error();
  s.standard = std::move(standard.value());
  auto ops = store::list_operations(tx, tenant_id, id);
  if (!ops) return ops.error();
  s.operations = std::move(ops.value());
  auto vocabulary = attribute_vocabulary(tx);
  if (!vocabulary) return vocabulary.error();
  s.vocabulary = std::move(vocabulary.value());
  std::vector<domain::Operation> log;
  for (const auto& o : s.operations) log.push_back(o.op);
  auto items = domain::derive_items(log, {s.standard.review_months, s.vocabulary});
  if (!items)
    return make_error(ErrorCode::internal, "the stored operations of standard " + id + " no longer apply: " +
                                               items.error().message);
  s.items = std::move(items.value());
  if (s.standard.approved_version > 0) {
    auto v = store::find_version(tx, tenant_id, id, s.standard.approved_version);
    if (!v) return v.error();
    if (v.value()) s.last_approved_operation_count = v.value()->operation_count;
  }
  return s;
}

json audit_summary(const store::StoredStandard& s) {
  return {{"name", s.name},
          {"base", s.base_catalog_key + " " + s.base_catalog_version},
          {"operations", s.operation_count},
          {"approved_version", s.approved_version}};
}

// Adds op (seq = next) to the log after checking it applies.
Status append_operation(store::Tx& tx, AuditWriter& audit, const Caller& caller, const std::string& tenant_id,
                        StandardState& state, domain::Operation op) {
  op.seq = state.standard.operation_count + 1;
  if (auto s = domain::apply_operation(state.items, op, {state.standard.review_months, state.vocabulary}); !s)
    return s.error();
  const std::string now = store::utc_now();
  store::StoredOperation stored{op, actor(caller), now};
  if (auto r = store::insert_operation(tx, tenant_id, state.standard.id, stored); !r) return r.error();
  state.operations.push_back(stored);
  state.standard.operation_count = op.seq;
  state.standard.updated_by = actor(caller);
  state.standard.updated_at = now;
  if (auto r = store::update_standard(tx, tenant_id, state.standard); !r) return r.error();
  json details = audit_summary(state.standard);
  details["seq"] = op.seq;
  details["kind"] = domain::to_string(op.kind);
  details["step"] = domain::step_of(op);
  details["items"] = op.items;
  details["reason"] = op.reason;
  return audit.record({tenant_id, "standard.operation", "tailored_standard", state.standard.id, "success", false,
                       details.dump()});
}

Result<store::StoredCatalog> base_catalog(store::Tx& tx, const std::string& key, const std::string& version) {
  auto catalog = store::find_catalog(tx, key, version);
  if (!catalog) return catalog.error();
  if (!catalog.value())
    return field_error(version.empty() ? "base_catalog_key" : "base_catalog_version", "unknown_catalog",
                       "no catalog " + key + (version.empty() ? "" : " version " + version) + " is loaded");
  return std::move(*catalog.value());
}

}  // namespace

Result<StandardState> create_standard(Services& services, const Caller& caller, const std::string& tenant_id,
                                      const NewStandard& request) {
  if (auto s = check_name("name", request.name); !s) return s.error();
  if (!domain::is_valid_utf8(request.description) || domain::utf8_length(request.description) > 4000)
    return field_error("description", "too_long", "description is at most 4000 characters of UTF-8");
  if (request.review_months < 2 || request.review_months > domain::kMaxReviewMonths)
    return field_error("review_months", "invalid", "review_months is between 2 and 120");
  StandardState out;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::write_records);
    if (!scope) return scope.error();
    auto existing = store::find_standard_by_name(tx, tenant_id, request.name);
    if (!existing) return existing.error();
    if (existing.value())
      return make_error(ErrorCode::conflict, "duplicate_name", "a standard named " + request.name + " exists",
                        Location::in_field("name"));
    auto base = base_catalog(tx, request.base_catalog_key, request.base_catalog_version);
    if (!base) return base.error();
    auto content = base_items(tx, base.value(), request.refs, request.kinds);
    if (!content) return content.error();
    const std::string now = store::utc_now();
    StandardState state;
    state.standard = {store::new_uuid_v7(), request.name, request.description, base->info.id, base->info.version,
                      request.review_months, 0, 0, actor(caller), now, actor(caller), now};
    if (auto r = store::insert_standard(tx, tenant_id, state.standard); !r) return r.error();
    auto vocabulary = attribute_vocabulary(tx);
    if (!vocabulary) return vocabulary.error();
    state.vocabulary = std::move(vocabulary.value());
    if (auto r = audit.record({tenant_id, "standard.create", "tailored_standard", state.standard.id, "success", false,
                               audit_summary(state.standard).dump()});
        !r)
      return r.error();
    domain::Operation take;
    take.kind = domain::OperationKind::take;
    take.content = std::move(content.value());
    take.reason = request.reason.empty() ? "① " + base->info.title + " から項目を抽出 / items taken from the base catalog"
                                         : request.reason;
    if (auto r = append_operation(tx, audit, caller, tenant_id, state, std::move(take)); !r) return r.error();
    out = std::move(state);
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<std::vector<store::StoredStandard>> list_standards(Services& services, const Caller& caller,
                                                          const std::string& tenant_id) {
  std::vector<store::StoredStandard> out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_records);
    if (!scope) return scope.error();
    auto list = store::list_standards(tx, tenant_id);
    if (!list) return list.error();
    out = std::move(list.value());
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<StandardState> get_standard(Services& services, const Caller& caller, const std::string& tenant_id,
                                   const std::string& id) {
  StandardState out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_records);
    if (!scope) return scope.error();
    auto state = load_state(tx, tenant_id, id);
    if (!state) return state.error();
    out = std::move(state.value());
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<StandardState> record_operation(Services& services, const Caller& caller, const std::string& tenant_id,
                                       const std::string& id, OperationRequest request) {
  StandardState out;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::write_records);
    if (!scope) return scope.error();
    auto state = load_state(tx, tenant_id, id);
    if (!state) return state.error();
    domain::Operation& op = request.op;
    if (op.kind == domain::OperationKind::take) {
      auto base = base_catalog(tx, state->standard.base_catalog_key, state->standard.base_catalog_version);
      if (!base) return base.error();
      auto content = base_items(tx, base.value(), request.refs, request.kinds);
      if (!content) return content.error();
      op.content = std::move(content.value());
    } else if (op.kind == domain::OperationKind::add || op.kind == domain::OperationKind::split ||
               op.kind == domain::OperationKind::merge) {
      for (auto& c : op.content)
        if (auto r = resolve_origins(tx, c); !r) return r.error();
    }
    if (auto r = append_operation(tx, audit, caller, tenant_id, state.value(), op); !r) return r.error();
    out = std::move(state.value());
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<store::StoredVersion> approve_standard(Services& services, const Caller& caller, const std::string& tenant_id,
                                              const std::string& id, const std::string& note) {
  if (!domain::is_valid_utf8(note) || domain::utf8_length(note) > 2000)
    return field_error("note", "too_long", "note is at most 2000 characters of UTF-8");
  store::StoredVersion out;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::approve_records);
    if (!scope) return scope.error();
    auto state = load_state(tx, tenant_id, id);
    if (!state) return state.error();
    if (state->standard.approved_version > 0 && !state->has_draft_changes())
      return make_error(ErrorCode::conflict, "nothing_to_approve",
                        "version " + std::to_string(state->standard.approved_version) +
                            " is already approved and nothing changed since",
                        Location::in_field("id"));
    const std::string now = store::utc_now();
    store::StoredVersion v{state->standard.approved_version + 1, state->standard.operation_count, state->items, note,
                           actor(caller), now};
    if (auto r = store::insert_version(tx, tenant_id, id, v); !r) return r.error();
    state->standard.approved_version = v.version;
    state->standard.updated_by = actor(caller);
    state->standard.updated_at = now;
    if (auto r = store::update_standard(tx, tenant_id, state->standard); !r) return r.error();
    json details = audit_summary(state->standard);
    details["version"] = v.version;
    details["items"] = v.items.size();
    if (auto r = audit.record({tenant_id, "standard.approve", "tailored_standard", id, "success", false, details.dump()});
        !r)
      return r.error();
    out = std::move(v);
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<std::vector<store::StoredVersion>> list_standard_versions(Services& services, const Caller& caller,
                                                                 const std::string& tenant_id, const std::string& id) {
  std::vector<store::StoredVersion> out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_records);
    if (!scope) return scope.error();
    if (auto found = must_find(tx, tenant_id, id); !found) return found.error();
    auto list = store::list_versions(tx, tenant_id, id);
    if (!list) return list.error();
    out = std::move(list.value());
    return ok();
  });
  if (!status) return status.error();
  return out;
}

namespace {

Result<store::StoredVersion> version_in(store::Tx& tx, const std::string& tenant_id, const std::string& id,
                                        int version, const char* field) {
  if (version == 0) {
    auto state = load_state(tx, tenant_id, id);
    if (!state) return state.error();
    return store::StoredVersion{0, state->standard.operation_count, std::move(state->items), "", "", ""};
  }
  auto found = store::find_version(tx, tenant_id, id, version);
  if (!found) return found.error();
  if (!found.value())
    return make_error(ErrorCode::not_found, "no_such_version", "no approved version " + std::to_string(version),
                      Location::in_field(field));
  return std::move(*found.value());
}

}  // namespace

Result<store::StoredVersion> get_standard_version(Services& services, const Caller& caller,
                                                  const std::string& tenant_id, const std::string& id, int version) {
  store::StoredVersion out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_records);
    if (!scope) return scope.error();
    if (auto found = must_find(tx, tenant_id, id); !found) return found.error();
    auto v = version_in(tx, tenant_id, id, version, "version");
    if (!v) return v.error();
    out = std::move(v.value());
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<std::vector<domain::StandardItemChange>> diff_standard(Services& services, const Caller& caller,
                                                      const std::string& tenant_id, const std::string& id, int from,
                                                      int to) {
  std::vector<domain::StandardItemChange> out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_records);
    if (!scope) return scope.error();
    if (auto found = must_find(tx, tenant_id, id); !found) return found.error();
    auto a = version_in(tx, tenant_id, id, from, "from");
    if (!a) return a.error();
    auto b = version_in(tx, tenant_id, id, to, "to");
    if (!b) return b.error();
    out = domain::diff_items(a->items, b->items);
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<store::StoredAuditScope> create_audit_scope(Services& services, const Caller& caller,
                                                   const std::string& tenant_id, const std::string& standard_id,
                                                   const NewAuditScope& request) {
  if (auto s = check_name("name", request.name); !s) return s.error();
  if (!domain::is_valid_utf8(request.purpose) || domain::utf8_length(request.purpose) > 2000)
    return field_error("purpose", "too_long", "purpose is at most 2000 characters of UTF-8");
  store::StoredAuditScope out;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::write_records);
    if (!scope) return scope.error();
    auto standard = must_find(tx, tenant_id, standard_id);
    if (!standard) return standard.error();
    // An audit works from an approved version: what was approved is what is audited.
    const int version = request.version == 0 ? standard->approved_version : request.version;
    if (version == 0)
      return make_error(ErrorCode::conflict, "not_approved", "approve the standard before choosing an audit scope from it",
                        Location::in_field("version"));
    auto v = version_in(tx, tenant_id, standard_id, version, "version");
    if (!v) return v.error();
    auto existing = store::list_audit_scopes(tx, tenant_id);
    if (!existing) return existing.error();
    for (const auto& e : existing.value())
      if (e.name == request.name)
        return make_error(ErrorCode::conflict, "duplicate_name", "an audit scope named " + request.name + " exists",
                          Location::in_field("name"));
    const auto selected = domain::filter_items(v->items, request.filter);
    if (selected.empty())
      return field_error("attr", "empty_scope", "no item of version " + std::to_string(version) + " matches the filter");
    store::StoredAuditScope s;
    s.id = store::new_uuid_v7();
    s.standard_id = standard_id;
    s.version = version;
    s.name = request.name;
    s.purpose = request.purpose;
    s.filter = request.filter;
    for (const auto& i : selected) s.items.push_back({i.key, i.number, i.title});
    s.created_by = actor(caller);
    s.created_at = store::utc_now();
    if (auto r = store::insert_audit_scope(tx, tenant_id, s); !r) return r.error();
    json details{{"standard_id", standard_id}, {"version", version}, {"name", s.name}, {"items", s.items.size()}};
    if (auto r = audit.record({tenant_id, "audit_scope.create", "audit_scope", s.id, "success", false, details.dump()});
        !r)
      return r.error();
    out = std::move(s);
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<std::vector<store::StoredAuditScope>> list_audit_scopes(Services& services, const Caller& caller,
                                                               const std::string& tenant_id,
                                                               const std::string& standard_id) {
  std::vector<store::StoredAuditScope> out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_records);
    if (!scope) return scope.error();
    if (auto found = must_find(tx, tenant_id, standard_id); !found) return found.error();
    auto list = store::list_audit_scopes(tx, tenant_id, standard_id);
    if (!list) return list.error();
    out = std::move(list.value());
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<store::StoredAuditScope> get_audit_scope(Services& services, const Caller& caller, const std::string& tenant_id,
                                                const std::string& standard_id, const std::string& scope_id) {
  store::StoredAuditScope out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_records);
    if (!scope) return scope.error();
    auto found = store::find_audit_scope(tx, tenant_id, scope_id);
    if (!found) return found.error();
    if (!found.value() || found.value()->standard_id != standard_id)
      return make_error(ErrorCode::not_found, "no_such_scope", "no such audit scope", Location::in_field("scope_id"));
    out = std::move(*found.value());
    return ok();
  });
  if (!status) return status.error();
  return out;
}

}  // namespace mamori::app
