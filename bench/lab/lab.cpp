#include "bench/lab/lab.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "app/access_admin.h"
#include "app/caller.h"
#include "app/organisations.h"
#include "bench/lab/lab_parts.h"
// The row counts are the one place the lab reads tables directly: a report
// of what was built, not a product feature, so it does not belong in a
// repository.
#include "store/tx.h"

namespace mamori::lab {

namespace {

constexpr const char* kLabEmail = "lab-admin@lab.mamori.example";

std::string org_name(int i) {
  char name[64];
  std::snprintf(name, sizeof name, "ラボ組織 %03d", i + 1);
  return name;
}

int times(int n, double factor) { return std::max(1, static_cast<int>(std::lround(n * factor))); }

}  // namespace

LabScale LabScale::scaled(double factor) {
  LabScale s;
  // Organisations shrink first; per-organisation shapes keep their meaning
  // (10 services, ~200-item sheets) down to a factor of 0.01.
  s.organisations = times(s.organisations, factor);
  if (factor < 0.01) {
    s.services = times(s.services, factor * 100);
    s.assets = times(s.assets, factor * 100);
    s.risks = times(s.risks, factor * 100);
    s.sheets = times(s.sheets, factor * 100);
  }
  s.audit_entries = std::max<std::int64_t>(1, std::llround(static_cast<double>(s.audit_entries) * factor));
  return s;
}

Result<LabReport> build_lab(app::Services& services, const LabScale& scale, const Progress& progress) {
  const auto started = std::chrono::steady_clock::now();
  auto say = [&](const std::string& line) {
    if (progress) progress(line);
  };
  const app::Caller op = app::Caller::operator_cli();
  auto existing = app::find_tenant(services, org_name(0));
  if (existing)
    return make_error(ErrorCode::conflict, "lab_exists", "the lab is already in this database: start from a new one",
                      Location::in_field("database"));
  if (existing.error().code != ErrorCode::not_found) return existing.error();

  LabReport report;
  std::vector<std::string> orgs;
  std::string lab_user_id;
  for (int o = 0; o < scale.organisations; ++o) {
    auto tenant = app::create_tenant(services, op, org_name(o), domain::TenantKind::provider);
    if (!tenant) return tenant.error();
    orgs.push_back(tenant->id);
    // One lab administrator, a member of every organisation (the first
    // add creates the account, the others add memberships).
    auto member = app::add_member(services, op, tenant->id, kLabEmail, domain::Role::admin, "ラボ管理者", "");
    if (!member) return member.error();
    lab_user_id = member->membership.user_id;
    app::Caller owner = op;  // the operator seeding in the member's name, as the demo does
    owner.user_id = lab_user_id;
    owner.email = kLabEmail;

    auto service_ids = add_services(services, op, tenant->id, o, scale.services);
    if (!service_ids) return service_ids.error();
    auto asset_ids = add_assets(services, op, tenant->id, o, scale.assets, service_ids.value());
    if (!asset_ids) return asset_ids.error();
    if (auto r = add_risks(services, owner, tenant->id, scale.risks, service_ids.value(), asset_ids.value()); !r)
      return r.error();
    auto soa_ids = add_soas(services, op, tenant->id, service_ids.value());
    if (!soa_ids) return soa_ids.error();
    auto sheet_ids = add_sheets(services, op, tenant->id, o, scale.sheets);
    if (!sheet_ids) return sheet_ids.error();

    if (o < 2) {
      // A read-only API token for the load benchmarks (tokens come only from
      // a signed-in session, so the lab acts as the member's session).
      app::Caller session;
      session.kind = app::Caller::Kind::session;
      session.user_id = lab_user_id;
      session.email = kLabEmail;
      session.active_tenant_id = tenant->id;
      session.source_ip = "127.0.0.1";
      auto token = app::create_api_token(services, session, tenant->id, "lab-bench", domain::Role::viewer, 30);
      if (!token) return token.error();
      report.targets.push_back({tenant->id, tenant->name, token->secret, sheet_ids->front(), soa_ids->front(),
                                service_ids->front()});
    }
    say(org_name(o) + ": " + std::to_string(scale.services) + " services, " + std::to_string(scale.assets) +
        " assets, " + std::to_string(scale.risks) + " risks, " + std::to_string(soa_ids->size()) + " SoAs, " +
        std::to_string(sheet_ids->size()) + " sheets");
  }
  say("audit log: topping up to " + std::to_string(scale.audit_entries) + " entries");
  if (auto r = top_up_audit_log(services, orgs, lab_user_id, kLabEmail, scale.audit_entries); !r) return r.error();
  // Fresh planner statistics after the bulk load, as autovacuum (PostgreSQL)
  // or an operator's ANALYZE (SQLite) would have them on a live system.
  say("analyze");
  if (auto analyzed = services.db.with_write([](store::Tx& tx) -> Status {
        tx.sql() << "ANALYZE";
        return ok();
      });
      !analyzed)
    return analyzed.error();
  auto counts = count_rows(services.db);
  if (!counts) return counts.error();
  report.counts = std::move(counts.value());
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

Result<std::map<std::string, std::int64_t>> count_rows(store::Database& db) {
  static const char* const kTables[] = {"tenants",   "cloud_services", "assets",        "risks",
                                        "soas",      "soa_rows",       "sheets",        "sheet_items",
                                        "sheet_responses", "sheet_answers", "audit_log", "catalog_nodes"};
  std::map<std::string, std::int64_t> out;
  auto status = db.with_read([&](store::Tx& tx) -> Status {
    for (const char* table : kTables) {
      long long n = 0;
      tx.sql() << "SELECT COUNT(*) FROM " << table, soci::into(n);
      out[table] = n;
    }
    return ok();
  });
  if (!status) return status.error();
  return out;
}

}  // namespace mamori::lab
