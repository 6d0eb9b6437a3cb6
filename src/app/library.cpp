#include "app/library.h"

#include <nlohmann/json.hpp>

#include "app/audited_write.h"
#include "app/authorize.h"
#include "domain/text.h"
#include "store/ids.h"

namespace mamori::app {

namespace {

using nlohmann::json;

Error no_such_answer() {
  return make_error(ErrorCode::not_found, "no_such_answer", "no such library answer", Location::in_field("id"));
}

Status check_reason(const std::string& reason, bool required) {
  if (!domain::is_valid_utf8(reason))
    return make_error(ErrorCode::invalid_input, "invalid", "reason is not valid UTF-8", Location::in_field("reason"));
  if (required && domain::fold_for_search(reason).empty())
    return make_error(ErrorCode::invalid_input, "required", "say why the answer changes (reason)",
                      Location::in_field("reason"));
  if (domain::utf8_length(reason) > kMaxReasonChars)
    return make_error(ErrorCode::invalid_input, "too_long", "reason is longer than 1000 characters",
                      Location::in_field("reason"));
  return ok();
}

std::string actor(const Caller& caller) { return caller.user_id.empty() ? caller.label() : caller.user_id; }

// What the audit log keeps of an answer: enough to see what changed.
json summary(const store::StoredLibraryAnswer& s) {
  const auto& c = s.entry.content;
  return json{{"catalog_key", c.catalog_key}, {"ref", c.ref},       {"answer", domain::to_string(c.answer)},
              {"version", s.entry.version},   {"status", domain::to_string(s.entry.status)}};
}

Result<store::StoredLibraryAnswer> must_find(store::Tx& tx, const std::string& tenant_id, const std::string& id) {
  auto found = store::find_library_answer(tx, tenant_id, id);
  if (!found) return found.error();
  if (!found.value()) return no_such_answer();
  return std::move(*found.value());
}

// Inserts a new answer (version 1) and, when asked, approves it.
Result<store::StoredLibraryAnswer> insert_new(store::Tx& tx, AuditWriter& audit, const Caller& caller,
                                              const std::string& tenant_id, const domain::LibraryAnswer& content,
                                              const std::string& reason, bool approve) {
  if (auto valid = domain::check_library_answer(content); !valid) return valid.error();
  const std::string now = store::utc_now();
  store::StoredLibraryAnswer s;
  s.entry.id = store::new_uuid_v7();
  s.entry.version = 1;
  s.entry.status = domain::LibraryStatus::draft;
  s.entry.content = content;
  s.created_by = s.updated_by = actor(caller);
  s.created_at = s.updated_at = now;
  if (approve) {
    s.entry.status = domain::LibraryStatus::approved;
    s.approved_version = 1;
    s.approved_by = actor(caller);
    s.approved_at = now;
  }
  if (auto r = store::insert_library_answer(tx, tenant_id, s); !r) return r.error();
  store::LibraryAnswerVersion v{1, content, s.created_by, now, reason.empty() ? "作成 / created" : reason,
                                s.approved_by, s.approved_at};
  if (auto r = store::insert_library_version(tx, tenant_id, s.entry.id, v); !r) return r.error();
  if (auto r = audit.record({tenant_id, "library.create", "library_answer", s.entry.id, "success", false,
                             summary(s).dump()});
      !r)
    return r.error();
  if (approve)
    if (auto r = audit.record({tenant_id, "library.approve", "library_answer", s.entry.id, "success", false,
                               summary(s).dump()});
        !r)
      return r.error();
  return s;
}

}  // namespace

std::vector<std::string> changed_fields(const domain::LibraryAnswer& a, const domain::LibraryAnswer& b) {
  std::vector<std::string> out;
  if (a.catalog_key != b.catalog_key) out.push_back("catalog_key");
  if (a.ref != b.ref) out.push_back("ref");
  if (a.question != b.question) out.push_back("question");
  if (a.answer != b.answer) out.push_back("answer");
  if (a.explanation != b.explanation) out.push_back("explanation");
  if (a.evidence != b.evidence) out.push_back("evidence");
  if (a.scope.services != b.scope.services) out.push_back("scope_services");
  if (a.scope.plans != b.scope.plans) out.push_back("scope_plans");
  if (a.owner != b.owner) out.push_back("owner");
  if (a.review_due != b.review_due) out.push_back("review_due");
  return out;
}

Result<store::StoredLibraryAnswer> create_library_answer(Services& services, const Caller& caller,
                                                         const std::string& tenant_id,
                                                         const domain::LibraryAnswer& content,
                                                         const std::string& reason) {
  if (auto r = check_reason(reason, false); !r) return r.error();
  store::StoredLibraryAnswer out;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::library_write);
    if (!scope) return scope.error();
    auto created = insert_new(tx, audit, caller, tenant_id, content, reason, false);
    if (!created) return created.error();
    out = std::move(created.value());
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<std::vector<store::StoredLibraryAnswer>> list_library_answers(Services& services, const Caller& caller,
                                                                     const std::string& tenant_id,
                                                                     const store::LibraryFilter& filter) {
  std::vector<store::StoredLibraryAnswer> out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::library_read);
    if (!scope) return scope.error();
    auto list = store::list_library_answers(tx, tenant_id, filter);
    if (!list) return list.error();
    out = std::move(list.value());
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<store::StoredLibraryAnswer> get_library_answer(Services& services, const Caller& caller,
                                                      const std::string& tenant_id, const std::string& id) {
  std::optional<store::StoredLibraryAnswer> out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::library_read);
    if (!scope) return scope.error();
    auto found = must_find(tx, tenant_id, id);
    if (!found) return found.error();
    out = std::move(found.value());
    return ok();
  });
  if (!status) return status.error();
  return std::move(*out);
}

Result<store::StoredLibraryAnswer> change_library_answer(Services& services, const Caller& caller,
                                                         const std::string& tenant_id, const std::string& id,
                                                         const LibraryChange& change) {
  std::optional<store::StoredLibraryAnswer> out;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::library_write);
    if (!scope) return scope.error();
    if (auto r = check_reason(change.reason, true); !r) return r;
    auto found = must_find(tx, tenant_id, id);
    if (!found) return found.error();
    store::StoredLibraryAnswer s = std::move(found.value());
    if (s.entry.status == domain::LibraryStatus::retired)
      return make_error(ErrorCode::conflict, "retired", "a retired answer cannot change; create a new one",
                        Location::in_field("id"));
    domain::LibraryAnswer next = s.entry.content;
    if (change.catalog_key) next.catalog_key = *change.catalog_key;
    if (change.ref) next.ref = *change.ref;
    if (change.question) next.question = *change.question;
    if (change.answer) next.answer = *change.answer;
    if (change.explanation) next.explanation = *change.explanation;
    if (change.evidence) next.evidence = *change.evidence;
    if (change.scope_services) next.scope.services = *change.scope_services;
    if (change.scope_plans) next.scope.plans = *change.scope_plans;
    if (change.owner) next.owner = *change.owner;
    if (change.review_due) next.review_due = *change.review_due;
    if (auto valid = domain::check_library_answer(next); !valid) return valid;
    const auto changed = changed_fields(s.entry.content, next);
    if (changed.empty())
      return make_error(ErrorCode::invalid_input, "no_change", "nothing changes: give at least one new value",
                        Location::in_field("body"));
    const std::string now = store::utc_now();
    s.entry.content = next;
    s.entry.version += 1;
    // The approved version (if any) keeps answering sheets; this one waits
    // for approval.
    s.entry.status = domain::LibraryStatus::draft;
    s.updated_by = actor(caller);
    s.updated_at = now;
    if (auto r = store::update_library_answer(tx, tenant_id, s); !r) return r;
    store::LibraryAnswerVersion v{s.entry.version, next, s.updated_by, now, change.reason, "", ""};
    if (auto r = store::insert_library_version(tx, tenant_id, s.entry.id, v); !r) return r;
    json details = summary(s);
    details["changed"] = changed;
    details["reason"] = change.reason;
    if (auto r = audit.record({tenant_id, "library.change", "library_answer", id, "success", false, details.dump()}); !r)
      return r;
    out = std::move(s);
    return ok();
  });
  if (!status) return status.error();
  return std::move(*out);
}

Result<store::StoredLibraryAnswer> approve_library_answer(Services& services, const Caller& caller,
                                                          const std::string& tenant_id, const std::string& id) {
  std::optional<store::StoredLibraryAnswer> out;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::library_approve);
    if (!scope) return scope.error();
    auto found = must_find(tx, tenant_id, id);
    if (!found) return found.error();
    store::StoredLibraryAnswer s = std::move(found.value());
    if (s.entry.status == domain::LibraryStatus::retired)
      return make_error(ErrorCode::conflict, "retired", "a retired answer cannot be approved", Location::in_field("id"));
    if (s.approved_version == s.entry.version)
      return make_error(ErrorCode::conflict, "already_approved",
                        "version " + std::to_string(s.entry.version) + " is already approved", Location::in_field("id"));
    const std::string now = store::utc_now();
    s.entry.status = domain::LibraryStatus::approved;
    s.approved_version = s.entry.version;
    s.approved_by = actor(caller);
    s.approved_at = now;
    if (auto r = store::update_library_answer(tx, tenant_id, s); !r) return r;
    if (auto r = store::mark_library_version_approved(tx, tenant_id, id, s.entry.version, s.approved_by, now); !r)
      return r;
    if (auto r = audit.record({tenant_id, "library.approve", "library_answer", id, "success", false, summary(s).dump()});
        !r)
      return r;
    out = std::move(s);
    return ok();
  });
  if (!status) return status.error();
  return std::move(*out);
}

Result<store::StoredLibraryAnswer> retire_library_answer(Services& services, const Caller& caller,
                                                         const std::string& tenant_id, const std::string& id,
                                                         const std::string& reason) {
  std::optional<store::StoredLibraryAnswer> out;
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::library_approve);
    if (!scope) return scope.error();
    if (auto r = check_reason(reason, false); !r) return r;
    auto found = must_find(tx, tenant_id, id);
    if (!found) return found.error();
    store::StoredLibraryAnswer s = std::move(found.value());
    if (s.entry.status == domain::LibraryStatus::retired)
      return make_error(ErrorCode::conflict, "retired", "the answer is already retired", Location::in_field("id"));
    s.entry.status = domain::LibraryStatus::retired;
    s.updated_by = actor(caller);
    s.updated_at = store::utc_now();
    if (auto r = store::update_library_answer(tx, tenant_id, s); !r) return r;
    json details = summary(s);
    details["reason"] = reason;
    if (auto r = audit.record({tenant_id, "library.retire", "library_answer", id, "success", false, details.dump()}); !r)
      return r;
    out = std::move(s);
    return ok();
  });
  if (!status) return status.error();
  return std::move(*out);
}

Result<std::vector<LibraryVersionView>> library_answer_versions(Services& services, const Caller& caller,
                                                               const std::string& tenant_id, const std::string& id) {
  std::vector<LibraryVersionView> out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::library_read);
    if (!scope) return scope.error();
    if (auto found = must_find(tx, tenant_id, id); !found) return found.error();
    auto versions = store::library_answer_versions(tx, tenant_id, id);
    if (!versions) return versions.error();
    for (std::size_t i = 0; i < versions->size(); ++i) {
      LibraryVersionView v{versions->at(i), {}};
      if (i > 0) v.changed = changed_fields(versions->at(i - 1).content, v.version.content);
      out.push_back(std::move(v));
    }
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<std::vector<domain::LibraryEntry>> approved_answers(Services& services, const Caller& caller,
                                                           const std::string& tenant_id) {
  std::vector<domain::LibraryEntry> out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::library_read);
    if (!scope) return scope.error();
    auto library = store::approved_library(tx, tenant_id);
    if (!library) return library.error();
    out = std::move(library.value());
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Status import_library_answers(Services& services, const Caller& caller, const std::string& tenant_id,
                              const std::vector<domain::LibraryAnswer>& answers, bool approve,
                              const std::string& reason) {
  if (auto r = check_reason(reason, false); !r) return r;
  if (answers.empty()) return ok();
  return audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, approve ? domain::Action::library_approve : domain::Action::library_write);
    if (!scope) return scope.error();
    for (const auto& a : answers)
      if (auto r = insert_new(tx, audit, caller, tenant_id, a, reason, approve); !r) return r.error();
    return ok();
  });
}

}  // namespace mamori::app
