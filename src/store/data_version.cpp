#include "store/data_version.h"

#include "domain/audit_chain.h"
#include "store/hot_query.h"

namespace mamori::store {

const std::string& data_version_sql() {
  // Chains are never deleted and a head only moves forward, so seq and
  // hash together name one state; the hash also tells a chain rebuilt
  // after a restore from the one it replaced.
  static const std::string kQuery =
      "SELECT 'a', chain, CAST(last_seq AS TEXT), last_hash FROM audit_chains WHERE chain = $1 OR chain = $2 "
      "UNION ALL SELECT 'c', id, CAST(revision AS TEXT), content_sha256 FROM catalogs "
      "UNION ALL SELECT 'm', id, '', content_sha256 FROM catalog_mappings "
      "ORDER BY 1, 2";
  return kQuery;
}

const std::string& data_version_system_chain() {
  static const std::string kChain = domain::kSystemChain;
  return kChain;
}

std::string data_version_stamp_of(const std::vector<std::vector<std::string>>& rows) {
  std::string out;
  for (const auto& row : rows) {
    for (const auto& cell : row) {
      out += cell;
      out += ' ';
    }
    out += '\n';
  }
  return out;
}

Result<std::string> data_version_stamp(Tx& tx, const std::string& tenant_id) {
  auto rows = hot_query(tx, data_version_sql(), {tenant_id, data_version_system_chain()});
  if (!rows) return rows.error();
  return data_version_stamp_of(rows.value());
}

}  // namespace mamori::store
