// What an organisation's reads can show changes only when one of these
// does: the head of its audit chain, the head of the system chain (every
// change is an audited write in the same transaction, app/audited_write.h),
// or the loaded catalogs and mappings (catalog loads are not audited, so
// their ids, revisions and content hashes stand in). The response cache
// (server/response_cache.h) keys on this.
#pragma once

#include <string>
#include <vector>

#include "domain/error.h"

namespace mamori::store {

class Tx;

// The stamp for `tenant_id` ("" for reads of no organisation, such as the
// catalogs): equal stamps mean nothing such a read shows has changed in
// between. One statement, so one round trip on PostgreSQL.
Result<std::string> data_version_stamp(Tx& tx, const std::string& tenant_id);

// The same as a statement for store::hot_queries (store/request_lookup.cpp
// sends it with the caller's credentials) and the stamp from its rows.
// Internal to src/store.
const std::string& data_version_sql();
const std::string& data_version_system_chain();
std::string data_version_stamp_of(const std::vector<std::vector<std::string>>& rows);

}  // namespace mamori::store
