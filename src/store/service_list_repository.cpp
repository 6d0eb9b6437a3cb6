#include "store/service_list_repository.h"

#include "store/tx.h"

namespace mamori::store {

Status replace_service_list(Tx& tx, const std::string& tenant_id, const StoredServiceList& list) {
  tx.sql() << "DELETE FROM service_list_entries WHERE tenant_id = :t", soci::use(tenant_id);
  tx.sql() << "DELETE FROM service_lists WHERE tenant_id = :t", soci::use(tenant_id);
  tx.sql() << "INSERT INTO service_lists (tenant_id, file_name, imported_by, imported_at) VALUES (:t, :f, :by, :at)",
      soci::use(tenant_id), soci::use(list.file_name), soci::use(list.imported_by), soci::use(list.imported_at);
  if (list.entries.empty()) return ok();
  int position = 0;
  domain::ServiceListing e;
  soci::statement st = (tx.sql().prepare << "INSERT INTO service_list_entries (tenant_id, position, registration, "
                                            "service, provider, kind, registered, valid_until) VALUES (:t, :p, :reg, "
                                            ":svc, :prov, :kind, :from, :until)",
                        soci::use(tenant_id), soci::use(position), soci::use(e.registration), soci::use(e.service),
                        soci::use(e.provider), soci::use(e.kind), soci::use(e.registered), soci::use(e.valid_until));
  for (const auto& entry : list.entries) {
    e = entry;
    ++position;
    st.execute(true);
  }
  return ok();
}

Result<StoredServiceList> service_list(Tx& tx, const std::string& tenant_id) {
  StoredServiceList out;
  {
    soci::rowset<soci::row> rows =
        (tx.sql().prepare << "SELECT file_name, imported_by, imported_at FROM service_lists WHERE tenant_id = :t",
         soci::use(tenant_id));
    for (const auto& r : rows) {
      out.file_name = r.get<std::string>(0);
      out.imported_by = r.get<std::string>(1);
      out.imported_at = r.get<std::string>(2);
    }
  }
  soci::rowset<soci::row> rows =
      (tx.sql().prepare << "SELECT registration, service, provider, kind, registered, valid_until "
                           "FROM service_list_entries WHERE tenant_id = :t ORDER BY position",
       soci::use(tenant_id));
  for (const auto& r : rows)
    out.entries.push_back({r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3),
                           r.get<std::string>(4), r.get<std::string>(5)});
  return out;
}

}  // namespace mamori::store
