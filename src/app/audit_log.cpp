#include "app/audit_log.h"

#include <nlohmann/json.hpp>

#include <openssl/evp.h>

#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "app/audited_write.h"
#include "app/authorize.h"
#include "app/batch_handoff.h"
#include "domain/audit_log_verifier.h"
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

}  // namespace

// One read transaction (on PostgreSQL a repeatable-read snapshot): the heads
// and the entries are read from the same state, so an append committed
// meanwhile is either wholly seen or wholly not, never a false "broken".
// One pass over the table in storage order (domain/audit_log_verifier.h);
// the report is that of walking the chains in order, each in seq order: the
// first broken chain in chain order, counting the entries verified up to it.
//
// Reading rows and hashing them cost about the same; this thread reads and a
// second one hashes and verifies, batches passing between them.
Result<VerifyReport> verify_audit_log(store::Database& db) {
  constexpr std::size_t kBatchSize = 512;
  BatchHandoff<domain::AuditEntry> handoff;
  Sha256 sha256;
  domain::LogVerifier verifier([&sha256](std::string_view bytes) { return sha256.hex(bytes); });
  std::thread checker([&] {
    while (auto batch = handoff.take_full()) {
      for (std::size_t i = 0; i < batch->size; ++i) verifier.add(batch->items[i]);
      handoff.give_back(std::move(*batch));
    }
  });
  std::vector<store::ChainHead> heads;
  auto status = db.with_read([&](store::Tx& tx) -> Status {
    if (auto r = store::begin_audit_snapshot(tx); !r) return r;
    auto read = store::audit_chain_heads(tx);
    if (!read) return read.error();
    heads = std::move(read.value());
    auto batch = handoff.take_empty();
    auto scanned = store::scan_audit_log(tx, [&](domain::AuditEntry& e) {
      if (batch.items.size() < kBatchSize) batch.items.resize(kBatchSize);
      std::swap(batch.items[batch.size++], e);  // the reader refills the slot's old buffers
      if (batch.size == kBatchSize) {
        handoff.hand_over(std::move(batch));
        batch = handoff.take_empty();
      }
    });
    if (batch.size > 0) handoff.hand_over(std::move(batch));
    return scanned;
  });
  handoff.close();
  checker.join();
  if (!status) return status.error();
  std::vector<domain::ChainReport> chains = verifier.finish(heads);
  VerifyReport report;
  for (auto& chain : chains) {
    ++report.chains;
    report.entries += chain.entries;
    if (chain.broken) {
      report.first_break = std::move(chain.broken);
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
