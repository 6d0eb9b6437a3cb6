#include "app/audited_write.h"

#include "store/audit_repository.h"

namespace mamori::app {

Status AuditWriter::record(const AuditEvent& event) {
  domain::AuditEntry e;
  e.tenant_id = event.tenant_id;
  e.chain = event.tenant_id.empty() ? domain::kSystemChain : event.tenant_id;
  e.actor_user_id = caller_.user_id;
  e.actor_label = caller_.label();
  e.source_ip = caller_.source_ip.empty() ? "unknown" : caller_.source_ip;
  e.action = event.action;
  e.object_type = event.object_type;
  e.object_id = event.object_id;
  e.outcome = event.outcome;
  e.privileged = event.privileged;
  e.details = event.details;
  auto appended = store::append_audit_entry(tx_, std::move(e));
  if (!appended) return appended.error();
  entries_.push_back(std::move(appended.value()));
  return ok();
}

namespace {

void copy_to_sink(Services& services, const std::vector<domain::AuditEntry>& entries) {
  if (!services.sink) return;
  for (const auto& e : entries) services.sink->write(e);
}

}  // namespace

Status audited_write(Services& services, const Caller& caller,
                     const std::function<Status(store::Tx&, AuditWriter&)>& work) {
  std::vector<domain::AuditEntry> committed;
  auto status = services.db.with_write([&](store::Tx& tx) -> Status {
    AuditWriter writer(tx, caller);
    auto result = work(tx, writer);
    if (!result) return result;
    if (writer.entries().empty())
      return make_error(ErrorCode::internal, "a change was about to be saved without an audit entry");
    committed = writer.entries();
    return ok();
  });
  if (status) copy_to_sink(services, committed);
  return status;
}

Status record_audit_events(Services& services, const Caller& caller, const std::vector<AuditEvent>& events) {
  return audited_write(services, caller, [&](store::Tx&, AuditWriter& audit) -> Status {
    for (const auto& e : events)
      if (auto r = audit.record(e); !r) return r;
    return ok();
  });
}

}  // namespace mamori::app
