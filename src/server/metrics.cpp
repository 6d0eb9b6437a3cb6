#include "server/metrics.h"

#include <sstream>

#include "store/audit_repository.h"

namespace mamori::server {

namespace {

std::string label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

void Metrics::observe(const std::string& method, const std::string& route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  auto& s = series_[{route, method}];
  ++s.by_status[status];
  ++s.count;
  s.sum += seconds;
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++s.buckets[i];
}

std::string Metrics::render(store::Database& db) {
  std::ostringstream out;
  {
    std::lock_guard lock(mutex_);
    out << "# HELP mamori_http_requests_total HTTP requests by route, method and status.\n"
        << "# TYPE mamori_http_requests_total counter\n";
    for (const auto& [key, s] : series_)
      for (const auto& [status, n] : s.by_status)
        out << "mamori_http_requests_total{route=\"" << label(key.first) << "\",method=\"" << key.second
            << "\",status=\"" << status << "\"} " << n << "\n";
    out << "# HELP mamori_http_errors_total HTTP responses with a 5xx status.\n"
        << "# TYPE mamori_http_errors_total counter\n";
    for (const auto& [key, s] : series_) {
      std::uint64_t errors = 0;
      for (const auto& [status, n] : s.by_status)
        if (status >= 500) errors += n;
      out << "mamori_http_errors_total{route=\"" << label(key.first) << "\",method=\"" << key.second << "\"} "
          << errors << "\n";
    }
    out << "# HELP mamori_http_request_duration_seconds Time to answer, by route.\n"
        << "# TYPE mamori_http_request_duration_seconds histogram\n";
    for (const auto& [key, s] : series_) {
      const std::string labels = "route=\"" + label(key.first) + "\",method=\"" + key.second + "\"";
      for (std::size_t i = 0; i < kBuckets.size(); ++i)
        out << "mamori_http_request_duration_seconds_bucket{" << labels << ",le=\"" << kBuckets[i] << "\"} "
            << s.buckets[i] << "\n";
      out << "mamori_http_request_duration_seconds_bucket{" << labels << ",le=\"+Inf\"} " << s.count << "\n"
          << "mamori_http_request_duration_seconds_sum{" << labels << "} " << s.sum << "\n"
          << "mamori_http_request_duration_seconds_count{" << labels << "} " << s.count << "\n";
    }
  }
  const auto pool = db.pool_stats();
  out << "# HELP mamori_db_pool_connections Database connections by state.\n"
      << "# TYPE mamori_db_pool_connections gauge\n"
      << "mamori_db_pool_connections{state=\"in_use\"} " << pool.in_use << "\n"
      << "mamori_db_pool_connections{state=\"idle\"} " << pool.size - pool.in_use << "\n";
  // The chain heads know each chain's length: no scan of the log.
  std::int64_t entries = -1;
  auto counted = db.with_read([&](store::Tx& tx) -> Status {
    auto heads = store::audit_chain_heads(tx);
    if (!heads) return heads.error();
    entries = 0;
    for (const auto& h : heads.value()) entries += h.last_seq;
    return ok();
  });
  out << "# HELP mamori_audit_log_entries Entries in the audit log (all chains).\n"
      << "# TYPE mamori_audit_log_entries gauge\n"
      << "mamori_audit_log_entries " << (counted ? entries : -1) << "\n";
  return out.str();
}

}  // namespace mamori::server
