// Prometheus metrics: requests and latency per route, errors, the database
// pool and the audit log's size.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include "store/database.h"

namespace mamori::server {

class Metrics {
 public:
  // `route` is the route's path template (never the raw URL: bounded labels).
  void observe(const std::string& method, const std::string& route, int status, double seconds);
  std::string render(store::Database& db);

 private:
  static constexpr std::array<double, 12> kBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                    0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
  struct Series {
    std::map<int, std::uint64_t> by_status;
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, Series> series_;  // (route, method)
};

}  // namespace mamori::server
