// Answers of read routes kept in memory, so a busy page (a sheet of 250
// items, an SoA of 220 rows, the risk dashboard) is built once per change
// instead of once per request.
//
// Safety rests on the key, not on invalidation messages:
//  - who asked: the session or API token and its user, so no one is ever
//    served an answer computed for someone else (and so never another
//    organisation's data);
//  - what was asked: the route, the path and every query parameter;
//  - the data version of the organisation in the path (app/data_version.h),
//    read before the answer is computed: any audited write of that
//    organisation or of the accounts, or a catalog load, by this process or
//    any other on the same database, moves it;
//  - today's date in Japan, for answers "as of today".
// Authentication runs on every request before the lookup (revoked, expired
// or locked callers are refused as before); authorisation ran when the
// answer was computed for that same caller, and anything that changes it
// (membership, role, token revocation, account disable) is an audited write
// that moves the version. Only 200 answers are kept. Old versions are
// never looked up again and age out (least recently used, bounded bytes).
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "app/caller.h"
#include "server/http.h"

namespace mamori::server {

struct Route;

class ResponseCache {
 public:
  explicit ResponseCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  std::shared_ptr<const HttpResponse> find(const std::string& key);
  void store(const std::string& key, const HttpResponse& response);

  struct Stats {
    std::size_t entries = 0;
    std::size_t bytes = 0;
    std::size_t hits = 0;
    std::size_t misses = 0;
  };
  Stats stats() const;

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const HttpResponse> response;
    std::size_t bytes = 0;
  };
  void evict_to(std::size_t bytes);

  const std::size_t max_bytes_;
  mutable std::mutex mutex_;
  std::list<Entry> lru_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> by_key_;
  std::size_t bytes_ = 0;
  std::size_t hits_ = 0;
  std::size_t misses_ = 0;
};

// The key for `request` to `route` by `caller`, at `data_version` on `today`.
std::string response_cache_key(const Route& route, const HttpRequest& request, const app::Caller& caller,
                               const std::string& data_version, const std::string& today);

}  // namespace mamori::server
