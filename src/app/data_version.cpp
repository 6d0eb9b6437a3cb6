#include "app/data_version.h"

#include "store/data_version.h"
#include "store/ids.h"

namespace mamori::app {

Result<std::string> data_version(Services& services, const std::string& tenant_id) {
  std::string stamp;
  auto read = services.db.with_read([&](store::Tx& tx) -> Status {
    auto s = store::data_version_stamp(tx, tenant_id);
    if (!s) return s.error();
    stamp = std::move(s.value());
    return ok();
  });
  if (!read) return read.error();
  return store::sha256_hex(stamp);
}

}  // namespace mamori::app
