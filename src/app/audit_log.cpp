#include "app/audit_log.h"

#include <nlohmann/json.hpp>

#include <set>

#include "app/audited_write.h"
#include "app/authorize.h"
#include "store/audit_repository.h"
#include "store/ids.h"

namespace mamori::app {

using nlohmann::json;

std::string audit_entry_json(const domain::AuditEntry& e) {
  json details = json::parse(e.details, nullptr, false);
  if (details.is_discarded()) details = e.details;
  return json{{"id", e.id},
              {"chain", e.chain},
              {"seq", e.seq},
              {"at", e.at},
              {"tenant_id", e.tenant_id.empty() ? json(nullptr) : json(e.tenant_id)},
              {"actor_user_id", e.actor_user_id.empty() ? json(nullptr) : json(e.actor_user_id)},
              {"actor", e.actor_label},
              {"source_ip", e.source_ip},
              {"action", e.action},
              {"object_type", e.object_type},
              {"object_id", e.object_id},
              {"outcome", e.outcome},
              {"privileged", e.privileged},
              {"details", details},
              {"prev_hash", e.prev_hash},
              {"hash", e.hash}}
      .dump();
}

Result<std::vector<domain::AuditEntry>> list_audit_log(Services& services, const Caller& caller,
                                                       const std::string& tenant_id, const std::string& before_id,
                                                       int limit) {
  if (limit < 1 || limit > 1000)
    return make_error(ErrorCode::invalid_input, "out_of_range", "limit must be 1 to 1000", Location::in_field("limit"));
  if (before_id.size() > 64)
    return make_error(ErrorCode::invalid_input, "invalid", "before must be an entry id", Location::in_field("before"));
  std::vector<domain::AuditEntry> out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_audit_log);
    if (!scope) return scope.error();
    store::AuditQuery q;
    q.tenant_id = scope->tenant_id();
    q.before_id = before_id;
    q.limit = limit;
    auto entries = store::list_audit_entries(tx, q);
    if (!entries) return entries.error();
    out = std::move(entries.value());
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<std::vector<domain::AuditEntry>> object_history(Services& services, const Caller& caller,
                                                       const std::string& tenant_id, const std::string& object_type,
                                                       const std::string& object_id) {
  std::vector<domain::AuditEntry> out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_records);
    if (!scope) return scope.error();
    auto entries = store::audit_entries_for_object(tx, scope->tenant_id(), object_type, object_id);
    if (!entries) return entries.error();
    out = std::move(entries.value());
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<VerifyReport> verify_audit_log(store::Database& db) {
  VerifyReport report;
  const domain::HashFunction sha256 = [](std::string_view bytes) { return store::sha256_hex(bytes); };
  auto status = db.with_read([&](store::Tx& tx) -> Status {
    auto heads = store::audit_chain_heads(tx);
    if (!heads) return heads.error();
    auto chains = store::chains_with_entries(tx);
    if (!chains) return chains.error();
    std::set<std::string> headed;
    for (const auto& h : heads.value()) headed.insert(h.chain);
    for (const auto& c : chains.value())
      if (!headed.count(c)) {
        report.first_break = domain::ChainBreak{c, 0, "", "the chain has entries but no head (its head row was removed)"};
        return ok();
      }
    for (const auto& head : heads.value()) {
      ++report.chains;
      domain::ChainVerifier verifier(head.chain, sha256);
      std::optional<domain::ChainBreak> broken;
      auto walked = store::for_each_audit_entry(tx, head.chain, [&](const domain::AuditEntry& e) {
        broken = verifier.feed(e);
        return !broken;
      });
      if (!walked) return walked;
      report.entries += verifier.count();
      if (!broken) broken = verifier.finish(head.last_seq, head.last_hash);
      if (broken) {
        report.first_break = broken;
        return ok();
      }
    }
    return ok();
  });
  if (!status) return status.error();
  return report;
}

Status export_audit_log(Services& services, const Caller& caller, const std::string& tenant_id,
                        const std::function<void(const std::string& line)>& write_line) {
  std::vector<std::string> chains;
  auto read = services.db.with_read([&](store::Tx& tx) -> Status {
    if (tenant_id.empty()) {
      if (caller.kind != Caller::Kind::operator_cli)
        return make_error(ErrorCode::forbidden, "operator_only", "only the operator exports every chain", Location{});
      auto all = store::chains_with_entries(tx);
      if (!all) return all.error();
      chains = all.value();
    } else {
      auto scope = authorize(tx, caller, tenant_id, domain::Action::read_audit_log);
      if (!scope) return scope.error();
      chains = {scope->tenant_id()};
    }
    return ok();
  });
  if (!read) return read;
  // Record the export first: reading the log is itself a sensitive act.
  if (auto r = record_audit_events(services, caller,
                                   {{tenant_id, "audit.export", "audit_log", tenant_id.empty() ? "all" : tenant_id,
                                     "success", true, json{{"chains", chains.size()}}.dump()}});
      !r)
    return r;
  return services.db.with_read([&](store::Tx& tx) -> Status {
    for (const auto& chain : chains) {
      auto walked = store::for_each_audit_entry(tx, chain, [&](const domain::AuditEntry& e) {
        write_line(audit_entry_json(e));
        return true;
      });
      if (!walked) return walked;
    }
    return ok();
  });
}

}  // namespace mamori::app
