// The version of everything a read of one organisation can show (see
// store/data_version.h), for caches that must never serve a stale or
// another organisation's answer.
#pragma once

#include <string>

namespace mamori::app {

// A short digest of the stamp. Read it BEFORE reading the data it
// versions: then a response computed afterwards is at least as new as the
// version it is filed under, and a write that lands in between only makes
// the entry unreachable (the next read sees a newer version).
// It is read with the caller's credentials, in the same round trip
// (store::look_up_api_token, store::look_up_session), and digested here.
struct DataVersionWanted {
  std::string tenant_id;
  std::string version;  // set by set_data_version
  bool read = false;
};
void set_data_version(DataVersionWanted& wanted, const std::string& stamp);

}  // namespace mamori::app
