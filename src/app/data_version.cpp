#include "app/data_version.h"

#include "store/data_version.h"
#include "store/ids.h"

namespace mamori::app {

Status read_data_version(store::Tx& tx, DataVersionWanted& wanted) {
  auto stamp = store::data_version_stamp(tx, wanted.tenant_id);
  if (!stamp) return stamp.error();
  set_data_version(wanted, stamp.value());
  return ok();
}

void set_data_version(DataVersionWanted& wanted, const std::string& stamp) {
  wanted.version = store::sha256_hex(stamp);
  wanted.read = true;
}

}  // namespace mamori::app
