#include "app/data_version.h"

#include "store/data_version.h"
#include "store/ids.h"

namespace mamori::app {

Status read_data_version(store::Tx& tx, DataVersionWanted& wanted) {
  auto stamp = store::data_version_stamp(tx, wanted.tenant_id);
  if (!stamp) return stamp.error();
  wanted.version = store::sha256_hex(stamp.value());
  wanted.read = true;
  return ok();
}

Result<std::string> data_version(Services& services, const std::string& tenant_id) {
  DataVersionWanted wanted{tenant_id, "", false};
  auto read = services.db.with_read([&](store::Tx& tx) -> Status { return read_data_version(tx, wanted); });
  if (!read) return read.error();
  return wanted.version;
}

}  // namespace mamori::app
