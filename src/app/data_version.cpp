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

}  // namespace mamori::app
