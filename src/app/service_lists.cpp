#include "app/service_lists.h"

#include <nlohmann/json.hpp>

#include "app/audited_write.h"
#include "app/authorize.h"
#include "store/ids.h"

namespace mamori::app {

using nlohmann::json;

Result<ServiceListImported> import_service_list(Services& services, const Caller& caller, const std::string& tenant_id,
                                                const std::string& bytes, const std::string& file_name,
                                                const std::string& default_kind) {
  // Authorise before reading the file: an outsider learns nothing from errors.
  auto allowed = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::write_records);
    return scope ? ok() : Status(scope.error());
  });
  if (!allowed) return allowed.error();
  if (!default_kind.empty() && default_kind != "ISMAP" && default_kind != "ISMAP-LIU")
    return make_error(ErrorCode::invalid_input, "not_allowed", "kind must be ISMAP or ISMAP-LIU", Location::in_field("kind"));
  const std::string name = file_name.empty() ? "service-list" : file_name.substr(0, 255);
  formats::ServiceListOptions options;
  options.default_kind = default_kind;
  auto imported = formats::import_service_list(bytes, name, options);
  if (!imported) return imported.error();

  ServiceListImported out;
  out.entries = imported->entries.size();
  out.problems = imported->problems;
  if (!out.problems.empty()) return out;
  if (imported->entries.empty())
    return make_error(ErrorCode::invalid_input, "list_empty", "the list has no services / サービスが1件もありません",
                      Location::in_file(name));

  store::StoredServiceList list;
  list.file_name = name;
  list.imported_by = caller.user_id.empty() ? caller.label() : caller.user_id;
  list.imported_at = store::utc_now();
  list.entries = std::move(imported->entries);
  auto status = audited_write(services, caller, [&](store::Tx& tx, AuditWriter& audit) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::write_records);
    if (!scope) return scope.error();
    auto before = store::service_list(tx, tenant_id);
    if (!before) return before.error();
    if (auto r = store::replace_service_list(tx, tenant_id, list); !r) return r;
    return audit.record({tenant_id, "service_list.import", "service_list", tenant_id, "success", false,
                         json{{"file_name", name},
                              {"sha256", store::sha256_hex(bytes)},
                              {"entries", list.entries.size()},
                              {"replaced", {{"file_name", before->file_name}, {"entries", before->entries.size()}}}}
                             .dump()});
  });
  if (!status) return status.error();
  out.stored = true;
  return out;
}

Result<store::StoredServiceList> get_service_list(Services& services, const Caller& caller, const std::string& tenant_id) {
  store::StoredServiceList out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_records);
    if (!scope) return scope.error();
    auto list = store::service_list(tx, tenant_id);
    if (!list) return list.error();
    out = std::move(list.value());
    return ok();
  });
  if (!status) return status.error();
  return out;
}

}  // namespace mamori::app
