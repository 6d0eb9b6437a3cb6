#include "app/audit_log.h"

#include <nlohmann/json.hpp>

#include <openssl/evp.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "app/audited_write.h"
#include "app/authorize.h"
#include "store/audit_repository.h"
#include "store/ids.h"

namespace mamori::app {

using nlohmann::json;

std::string audit_entry_json(const domain::AuditEntry& e) {
  json details = json::parse(e.details, nullptr, false);
  if (details.is_discarded()) details = e.details;
  return json{{"id", e.id},
              {"chain", e.chain},
              {"seq", e.seq},
              {"at", e.at},
              {"tenant_id", e.tenant_id.empty() ? json(nullptr) : json(e.tenant_id)},
              {"actor_user_id", e.actor_user_id.empty() ? json(nullptr) : json(e.actor_user_id)},
              {"actor", e.actor_label},
              {"source_ip", e.source_ip},
              {"action", e.action},
              {"object_type", e.object_type},
              {"object_id", e.object_id},
              {"outcome", e.outcome},
              {"privileged", e.privileged},
              {"details", details},
              {"prev_hash", e.prev_hash},
              {"hash", e.hash}}
      .dump();
}

Result<std::vector<domain::AuditEntry>> list_audit_log(Services& services, const Caller& caller,
                                                       const std::string& tenant_id, const std::string& before_id,
                                                       int limit) {
  if (limit < 1 || limit > 1000)
    return make_error(ErrorCode::invalid_input, "out_of_range", "limit must be 1 to 1000", Location::in_field("limit"));
  if (before_id.size() > 64)
    return make_error(ErrorCode::invalid_input, "invalid", "before must be an entry id", Location::in_field("before"));
  std::vector<domain::AuditEntry> out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_audit_log);
    if (!scope) return scope.error();
    store::AuditQuery q;
    q.tenant_id = scope->tenant_id();
    q.before_id = before_id;
    q.limit = limit;
    auto entries = store::list_audit_entries(tx, q);
    if (!entries) return entries.error();
    out = std::move(entries.value());
    return ok();
  });
  if (!status) return status.error();
  return out;
}

Result<std::vector<domain::AuditEntry>> object_history(Services& services, const Caller& caller,
                                                       const std::string& tenant_id, const std::string& object_type,
                                                       const std::string& object_id) {
  std::vector<domain::AuditEntry> out;
  auto status = services.db.with_read([&](store::Tx& tx) -> Status {
    auto scope = authorize(tx, caller, tenant_id, domain::Action::read_records);
    if (!scope) return scope.error();
    auto entries = store::audit_entries_for_object(tx, scope->tenant_id(), object_type, object_id);
    if (!entries) return entries.error();
    out = std::move(entries.value());
    return ok();
  });
  if (!status) return status.error();
  return out;
}

namespace {

// SHA-256 through OpenSSL's EVP: it uses the CPU's SHA extensions where there
// are any, several times faster than the portable code store::sha256_hex
// calls, and verification hashes every entry ever written. Same digest, so
// the hashes the writers stored compare equal.
class Sha256 {
 public:
  // Fetched once: EVP_sha256() in a loop looks the algorithm up (under a
  // lock) on every digest.
  Sha256() : md_(EVP_MD_fetch(nullptr, "SHA256", nullptr)), ctx_(EVP_MD_CTX_new()) {}
  ~Sha256() {
    EVP_MD_CTX_free(ctx_);
    EVP_MD_free(md_);
  }
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  std::string hex(std::string_view bytes) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (!md_ || !ctx_ || EVP_DigestInit_ex(ctx_, md_, nullptr) != 1 ||
        EVP_DigestUpdate(ctx_, bytes.data(), bytes.size()) != 1 || EVP_DigestFinal_ex(ctx_, digest, &size) != 1)
      return store::sha256_hex(bytes);  // never expected; the slow path gives the same answer
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out(size * 2, '0');
    for (unsigned int i = 0; i < size; ++i) {
      out[2 * i] = kDigits[digest[i] >> 4];
      out[2 * i + 1] = kDigits[digest[i] & 0xf];
    }
    return out;
  }

 private:
  EVP_MD* md_;
  EVP_MD_CTX* ctx_;
};

struct ChainResult {
  std::int64_t entries = 0;
  std::optional<domain::ChainBreak> broken;
};

// One chain, against the head read in the same transaction (on PostgreSQL a
// repeatable-read snapshot), so an append committed meanwhile is either
// wholly seen or wholly not: never a false "broken".
Status verify_chain(store::Tx& tx, const store::ChainHead& head, Sha256& sha256, ChainResult& out) {
  domain::ChainVerifier verifier(head.chain, [&sha256](std::string_view bytes) { return sha256.hex(bytes); });
  auto walked = store::for_each_audit_entry(tx, head.chain, [&](const domain::AuditEntry& e) {
    out.broken = verifier.feed(e);
    return !out.broken;
  });
  if (!walked) return walked;
  out.entries = verifier.count();
  if (!out.broken) out.broken = verifier.finish(head.last_seq, head.last_hash);
  return ok();
}

}  // namespace

Result<VerifyReport> verify_audit_log(store::Database& db) {
  VerifyReport report;
  std::vector<store::ChainHead> heads;
  auto status = db.with_read([&](store::Tx& tx) -> Status {
    auto read = store::audit_chain_heads(tx);
    if (!read) return read.error();
    heads = std::move(read.value());
    auto chains = store::chains_with_entries(tx);
    if (!chains) return chains.error();
    std::set<std::string> headed;
    for (const auto& h : heads) headed.insert(h.chain);
    for (const auto& c : chains.value())
      if (!headed.count(c)) {
        report.first_break = domain::ChainBreak{c, 0, "", "the chain has entries but no head (its head row was removed)"};
        return ok();
      }
    return ok();
  });
  if (!status) return status.error();
  if (report.first_break) return report;

  // Chains are independent: workers (one per core, each in its own read
  // transaction on its own pooled connection) take them in order. The report
  // is the same as one pass in chain order: the first broken chain in that
  // order wins, and workers skip chains after a break already found.
  std::vector<ChainResult> results(heads.size());
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> first_broken{heads.size()};
  std::mutex error_mutex;
  std::optional<Error> failure;
  auto work = [&] {
    Sha256 sha256;
    auto s = db.with_read([&](store::Tx& tx) -> Status {
      if (auto r = store::begin_audit_snapshot(tx); !r) return r;
      auto current = store::audit_chain_heads(tx);
      if (!current) return current.error();
      std::map<std::string, store::ChainHead> by_chain;
      for (auto& h : current.value()) by_chain.emplace(h.chain, std::move(h));
      for (std::size_t i = next++; i < heads.size() && i < first_broken; i = next++) {
        auto found = by_chain.find(heads[i].chain);
        // A head that went away since the first read: gone is not verified.
        const store::ChainHead& head = found == by_chain.end() ? heads[i] : found->second;
        if (auto r = verify_chain(tx, head, sha256, results[i]); !r) return r;
        if (results[i].broken) {
          std::size_t seen = first_broken;
          while (i < seen && !first_broken.compare_exchange_weak(seen, i)) {
          }
        }
      }
      return ok();
    });
    if (!s) {
      std::lock_guard lock(error_mutex);
      if (!failure) failure = s.error();
    }
  };
  const unsigned cores = std::max(1u, std::min(std::thread::hardware_concurrency(), 8u));
  const std::size_t workers = std::min<std::size_t>(cores, heads.size());
  std::vector<std::thread> threads;
  for (std::size_t w = 1; w < workers; ++w) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();
  if (failure) return *failure;

  for (std::size_t i = 0; i < heads.size(); ++i) {
    ++report.chains;
    report.entries += results[i].entries;
    if (results[i].broken) {
      report.first_break = results[i].broken;
      break;
    }
  }
  return report;
}

Status export_audit_log(Services& services, const Caller& caller, const std::string& tenant_id,
                        const std::function<void(const std::string& line)>& write_line) {
  std::vector<std::string> chains;
  auto read = services.db.with_read([&](store::Tx& tx) -> Status {
    if (tenant_id.empty()) {
      if (caller.kind != Caller::Kind::operator_cli)
        return make_error(ErrorCode::forbidden, "operator_only", "only the operator exports every chain", Location{});
      auto all = store::chains_with_entries(tx);
      if (!all) return all.error();
      chains = all.value();
    } else {
      auto scope = authorize(tx, caller, tenant_id, domain::Action::read_audit_log);
      if (!scope) return scope.error();
      chains = {scope->tenant_id()};
    }
    return ok();
  });
  if (!read) return read;
  // Record the export first: reading the log is itself a sensitive act.
  if (auto r = record_audit_events(services, caller,
                                   {{tenant_id, "audit.export", "audit_log", tenant_id.empty() ? "all" : tenant_id,
                                     "success", true, json{{"chains", chains.size()}}.dump()}});
      !r)
    return r;
  return services.db.with_read([&](store::Tx& tx) -> Status {
    for (const auto& chain : chains) {
      auto walked = store::for_each_audit_entry(tx, chain, [&](const domain::AuditEntry& e) {
        write_line(audit_entry_json(e));
        return true;
      });
      if (!walked) return walked;
    }
    return ok();
  });
}

}  // namespace mamori::app
