// The version of everything a read of one organisation can show (see
// store/data_version.h), for caches that must never serve a stale or
// another organisation's answer.
#pragma once

#include <string>

#include "domain/error.h"

namespace mamori::store {
class Tx;
}

namespace mamori::app {

// A short digest of the stamp. Read it BEFORE reading the data it
// versions: then a response computed afterwards is at least as new as the
// version it is filed under, and a write that lands in between only makes
// the entry unreachable (the next read sees a newer version).
// It is read inside a transaction the caller already has open: the request
// pipeline reads it with the caller's credentials, one read transaction per
// cached request instead of two.
struct DataVersionWanted {
  std::string tenant_id;
  std::string version;  // set by read_data_version
  bool read = false;
};
Status read_data_version(store::Tx& tx, DataVersionWanted& wanted);
// For a stamp read along with other lookups (store::look_up_api_token).
void set_data_version(DataVersionWanted& wanted, const std::string& stamp);

}  // namespace mamori::app
