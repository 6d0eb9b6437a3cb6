#include "app/data_version.h"

#include "store/ids.h"

namespace mamori::app {

void set_data_version(DataVersionWanted& wanted, const std::string& stamp) {
  wanted.version = store::sha256_hex(stamp);
  wanted.read = true;
}

}  // namespace mamori::app
