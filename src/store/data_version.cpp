#include "store/data_version.h"

#include "domain/audit_chain.h"
#include "store/hot_query.h"

namespace mamori::store {

Result<std::string> data_version_stamp(Tx& tx, const std::string& tenant_id) {
  // Chains are never deleted and a head only moves forward, so seq and
  // hash together name one state; the hash also tells a chain rebuilt
  // after a restore from the one it replaced.
  static const std::string kQuery =
      "SELECT 'a', chain, CAST(last_seq AS TEXT), last_hash FROM audit_chains WHERE chain = $1 OR chain = $2 "
      "UNION ALL SELECT 'c', id, CAST(revision AS TEXT), content_sha256 FROM catalogs "
      "UNION ALL SELECT 'm', id, '', content_sha256 FROM catalog_mappings "
      "ORDER BY 1, 2";
  auto rows = hot_query(tx, kQuery, {tenant_id, domain::kSystemChain});
  if (!rows) return rows.error();
  std::string out;
  for (const auto& row : rows.value()) {
    for (const auto& cell : row) {
      out += cell;
      out += ' ';
    }
    out += '\n';
  }
  return out;
}

}  // namespace mamori::store
