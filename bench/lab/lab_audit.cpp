// Tops the lab's audit log up to its target: everyday changes per
// organisation (stamped now), appended in batches to each organisation's own chain so the
// chains stay valid (mamori audit verify must say intact).
#include <algorithm>
#include <map>
#include <string>

#include "bench/lab/lab_parts.h"
#include "store/audit_repository.h"
#include "store/database.h"

namespace mamori::lab {

namespace {

struct Event {
  const char* action;
  const char* object_type;
  const char* details;
};
const Event kEvents[] = {
    {"asset.change", "asset", R"({"fields":["owner","storage_location"]})"},
    {"risk.change", "risk", R"({"fields":["likelihood","impact"]})"},
    {"risk.treatment", "risk", R"({"option":"modify","controls":2})"},
    {"soa.rows.change", "soa", R"({"rows":3})"},
    {"sheet.update", "sheet", R"({"fields":["due_date"]})"},
    {"response.xlsx", "response", R"({"answers":198,"problems":0})"},
    {"library.create", "library_answer", R"({"catalog":"ismap-2024"})"},
};

}  // namespace

Status top_up_audit_log(app::Services& services, const std::vector<std::string>& orgs, const std::string& actor_id,
                        const std::string& actor_label, std::int64_t total) {
  std::map<std::string, std::int64_t> have;
  std::int64_t all = 0;
  auto read = services.db.with_read([&](store::Tx& tx) -> Status {
    auto heads = store::audit_chain_heads(tx);
    if (!heads) return heads.error();
    for (const auto& h : heads.value()) {
      have[h.chain] = h.last_seq;
      all += h.last_seq;
    }
    return ok();
  });
  if (!read) return read;
  if (all >= total || orgs.empty()) return ok();
  const std::int64_t missing = total - all;
  constexpr std::int64_t kBatch = 10000;  // entries per transaction
  for (std::size_t o = 0; o < orgs.size(); ++o) {
    // Split what is missing evenly; the first organisations take the remainder.
    const std::int64_t share = missing / static_cast<std::int64_t>(orgs.size()) +
                               (static_cast<std::int64_t>(o) < missing % static_cast<std::int64_t>(orgs.size()) ? 1 : 0);
    for (std::int64_t start = 0; start < share; start += kBatch) {
      const std::int64_t end = std::min(share, start + kBatch);
      std::vector<domain::AuditEntry> batch;
      batch.reserve(static_cast<std::size_t>(end - start));
      for (std::int64_t i = start; i < end; ++i) {
        const auto& ev = pick(kEvents, static_cast<std::size_t>(i));
        domain::AuditEntry e;
        e.chain = orgs[o];
        e.tenant_id = orgs[o];
        e.actor_user_id = actor_id;
        e.actor_label = actor_label;
        e.source_ip = "192.0.2." + std::to_string(1 + i % 200);
        e.action = ev.action;
        e.object_type = ev.object_type;
        e.object_id = "lab-" + std::string(ev.object_type) + "-" + std::to_string(i % 997);
        e.outcome = "success";
        e.details = ev.details;
        batch.push_back(std::move(e));
      }
      auto written = services.db.with_write([&](store::Tx& tx) -> Status {
        auto r = store::append_audit_entries(tx, std::move(batch));
        if (!r) return r.error();
        return ok();
      });
      if (!written) return written;
    }
  }
  return ok();
}

}  // namespace mamori::lab
