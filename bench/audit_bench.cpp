// The audit log at the scale of a large provider (issue 7, item 4):
//  a. appends per second under concurrent writers: T threads, each recording
//     one event per transaction through the product's write path
//     (app::record_audit_events), against one Database opened as `mamori
//     serve` opens it (pool of 4);
//  b. `mamori audit verify` over 1,000,000 entries in 101 chains (100
//     organisations and the system chain), run as the operator runs it: the
//     CLI as a subprocess, median of 3.
// On SQLite (a file in a temporary directory) and, with --pg-url, on
// PostgreSQL (fresh databases created next to the given one and dropped).
// Writes {"bench": "audit", "rows": [...]} to --out (bench/run.py's contract).
#include <libpq-fe.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "app/allocator_tuning.h"
#include "app/audited_write.h"
#include "app/caller.h"
#include "app/services.h"
#include "security/secret_box.h"
#include "store/audit_repository.h"
#include "store/database.h"
#include "store/ids.h"

namespace {

using namespace mamori;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string out;
  std::int64_t entries = 1000000;
  std::string pg_url;
  double seconds = 3.0;
  std::string mamori = MAMORI_BINARY;
  std::vector<int> threads{1, 2, 8, 32};
  int repeats = 3;
  std::string part = "all";  // all | appends | verify
  bool keep = false;          // leave the verify databases behind (to time the CLI by hand)
};

[[noreturn]] void usage(const std::string& problem) {
  std::cerr << "audit_bench: " << problem << "\n"
            << "usage: mamori_audit_bench --out FILE [--entries N] [--pg-url URL] [--seconds S] [--mamori PATH]\n"
            << "       [--repeats N] [--part all|appends|verify] [--keep]\n";
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--out") o.out = value();
    else if (arg == "--entries") o.entries = std::stoll(value());
    else if (arg == "--pg-url") o.pg_url = value();
    else if (arg == "--seconds") o.seconds = std::stod(value());
    else if (arg == "--mamori") o.mamori = value();
    else if (arg == "--repeats") o.repeats = std::stoi(value());
    else if (arg == "--part") o.part = value();
    else if (arg == "--keep") o.keep = true;
    else usage("unknown argument " + arg);
  }
  if (o.out.empty()) usage("--out is required");
  if (o.entries < 101) usage("--entries must be at least 101");
  if (o.part != "all" && o.part != "appends" && o.part != "verify") usage("--part is all, appends or verify");
  return o;
}

void die(const std::string& what) {
  std::cerr << "audit_bench: " << what << "\n";
  std::exit(1);
}

// Other work on the machine makes these figures noisy: say how busy it was.
std::string load_note() {
  std::ifstream in("/proc/loadavg");
  std::string one;
  in >> one;
  return one.empty() ? "" : "; load average " + one + " on " + std::to_string(std::thread::hardware_concurrency()) +
                                " cores";
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// ---- PostgreSQL: a fresh database per use, dropped afterwards ----------

void pg_exec(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) die(std::string("PostgreSQL: ") + PQerrorMessage(conn));
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);  // no "does not exist, skipping"
  PGresult* r = PQexec(conn, sql.c_str());
  const bool good = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
  const std::string error = PQerrorMessage(conn);
  PQclear(r);
  PQfinish(conn);
  if (!good) die("PostgreSQL: " + sql + ": " + error);
}

class PgDatabase {
 public:
  PgDatabase(std::string base, const std::string& name, bool keep = false) : base_(std::move(base)), keep_(keep) {
    const auto slash = base_.rfind('/');
    const auto query = base_.find('?', slash);
    url_ = base_.substr(0, slash + 1) + name + (query == std::string::npos ? "" : base_.substr(query));
    name_ = name;
    pg_exec(base_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    pg_exec(base_, "CREATE DATABASE " + name_);
  }
  ~PgDatabase() {
    if (!keep_) pg_exec(base_, "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  }
  const std::string& url() const { return url_; }

 private:
  std::string base_, url_, name_;
  bool keep_ = false;
};

std::unique_ptr<store::Database> open(const store::DatabaseUrl& url) {
  store::OpenOptions options;  // the pool `mamori serve` uses (default 4)
  auto db = store::Database::open(url, options);
  if (!db) die(db.error().describe());
  return std::move(db.value());
}

// ---- a. appends per second ---------------------------------------------

struct AppendResult {
  double per_second = 0;
  std::int64_t appended = 0, failed = 0;
  std::string first_error;
};

std::vector<std::string> organisation_ids(int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(store::new_uuid_v7());
  return out;
}

// Each thread records one event per transaction, as a member's change does;
// events spread over the 100 organisations' chains.
AppendResult run_appends(store::Database& db, int threads, double seconds, const std::vector<std::string>& orgs) {
  const auto secrets = security::SecretBox::from_key({});
  app::Services services{db, secrets, {}, nullptr};
  std::atomic<std::int64_t> appended{0}, failed{0};
  std::atomic<bool> go{false}, stop{false};
  std::string first_error;
  std::mutex error_mutex;
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      app::Caller caller;
      caller.kind = app::Caller::Kind::session;
      caller.user_id = store::new_uuid_v7();
      caller.email = "user" + std::to_string(t) + "@bench.example.jp";
      caller.source_ip = "192.0.2." + std::to_string(t + 1);
      while (!go) std::this_thread::yield();
      for (std::size_t k = 0; !stop; ++k) {
        app::AuditEvent e;
        e.tenant_id = orgs[(static_cast<std::size_t>(t) * 7 + k) % orgs.size()];
        e.action = "asset.update";
        e.object_type = "asset";
        e.object_id = "asset-" + std::to_string(k);
        e.details = R"({"changed":["name","owner"],"name":"顧客文書データ"})";
        auto s = app::record_audit_events(services, caller, {e});
        if (s) {
          ++appended;
        } else {
          ++failed;
          std::lock_guard lock(error_mutex);
          if (first_error.empty()) first_error = s.error().describe();
        }
      }
    });
  const auto start = Clock::now();
  go = true;
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& th : pool) th.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  return {static_cast<double>(appended) / elapsed, appended, failed, first_error};
}

// ---- b. building 1,000,000 entries and verifying them -------------------

// Entries go in rounds: each round appends a slice of every chain, so the
// chains are interleaved on disk as the writes of many organisations are.
double build_log(store::Database& db, std::int64_t total, const std::vector<std::string>& orgs) {
  const std::int64_t system_count = total / 100;
  const std::int64_t per_org = (total - system_count) / static_cast<std::int64_t>(orgs.size());
  const std::int64_t extra = total - system_count - per_org * static_cast<std::int64_t>(orgs.size());
  std::vector<std::string> chains = orgs;
  chains.push_back("");  // the system chain (no tenant)
  std::vector<std::int64_t> remaining(chains.size(), per_org);
  remaining.back() = system_count;
  remaining.front() += extra;
  constexpr int kRounds = 100;
  const auto start = Clock::now();
  for (int round = 0; round < kRounds; ++round) {
    auto s = db.with_write([&](store::Tx& tx) -> Status {
      for (std::size_t c = 0; c < chains.size(); ++c) {
        const std::int64_t rounds_left = kRounds - round;
        const std::int64_t take = (remaining[c] + rounds_left - 1) / rounds_left;
        if (take <= 0) continue;
        std::vector<domain::AuditEntry> batch(static_cast<std::size_t>(take));
        for (std::int64_t i = 0; i < take; ++i) {
          auto& e = batch[static_cast<std::size_t>(i)];
          e.tenant_id = chains[c];
          e.actor_user_id = "0190d6a2-7c1e-7000-8000-" + std::to_string(100000000000 + i % 50);
          e.actor_label = "user" + std::to_string(i % 50) + "@org" + std::to_string(c) + ".example.jp";
          e.source_ip = "192.0.2." + std::to_string(1 + i % 200);
          e.action = i % 10 == 0 ? "auth.login" : "asset.update";
          e.object_type = i % 10 == 0 ? "user" : "asset";
          e.object_id = store::new_uuid_v7();
          e.privileged = i % 25 == 0;
          e.details = R"({"changed":["name","owner","classification"],"name":"顧客文書データ )" + std::to_string(i) +
                      R"(","classification":"confidential"})";
        }
        remaining[c] -= take;
        auto r = store::append_audit_entries(tx, std::move(batch));
        if (!r) return r.error();
      }
      return ok();
    });
    if (!s) die(s.error().describe());
  }
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct CliRun {
  double ms = 0;
  int status = -1;
  std::string output;
};

CliRun run_cli(const std::vector<std::string>& args) {
  std::string command;
  for (const auto& a : args) command += "'" + a + "' ";
  command += "2>&1";
  const auto start = Clock::now();
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) die("cannot run " + command);
  CliRun run;
  char buffer[4096];
  while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) run.output.append(buffer, n);
  const int raw = pclose(pipe);
  run.ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return run;
}

json verify_row(const Options& o, const std::string& engine, const std::vector<std::string>& target_args,
                double build_seconds) {
  std::vector<double> times;
  std::string output;
  for (int i = 0; i < o.repeats; ++i) {
    std::vector<std::string> args{o.mamori, "audit", "verify"};
    args.insert(args.end(), target_args.begin(), target_args.end());
    auto run = run_cli(args);
    if (run.status != 0) die("mamori audit verify failed (" + std::to_string(run.status) + "): " + run.output);
    const std::string expected = "101 chains, " + std::to_string(o.entries) + " entries";
    if (run.output.find(expected) == std::string::npos) die("unexpected verify output: " + run.output);
    times.push_back(run.ms);
    output = run.output;
  }
  // The verdict is the last line (PostgreSQL may print NOTICEs before it).
  while (!output.empty() && output.back() == '\n') output.pop_back();
  if (const auto nl = output.rfind('\n'); nl != std::string::npos) output = output.substr(nl + 1);
  std::string all;
  for (double t : times) all += (all.empty() ? "" : ", ") + std::to_string(static_cast<long long>(t));
  return json{{"group", "audit"},
              {"name", "mamori audit verify: " + std::to_string(o.entries) + " entries, 101 chains (" + engine + ")"},
              {"value", median(times)},
              {"unit", "ms"},
              {"target", {{"op", "<="}, {"value", 2000.0}}},
              {"compare", nullptr},
              {"note", "CLI as a subprocess incl. start-up, median of " + std::to_string(o.repeats) + " (" + all +
                           " ms), warm cache; log built with append_audit_entries in " +
                           std::to_string(static_cast<int>(build_seconds)) + " s; \"" + output + "\"" + load_note()}};
}

json append_row(const std::string& engine, int threads, const AppendResult& r, double seconds) {
  std::string note = "record_audit_events, 1 event per transaction, events over 100 organisations' chains, pool 4, " +
                     std::to_string(seconds).substr(0, 3) + " s, " + std::to_string(r.appended) + " appended";
  if (r.failed) note += ", " + std::to_string(r.failed) + " FAILED (" + r.first_error + ")";
  note += load_note();
  return json{{"group", "audit"},
              {"name", "appends/s: " + std::to_string(threads) + " writer thread" + (threads == 1 ? "" : "s") + " (" +
                           engine + ")"},
              {"value", r.per_second},
              {"unit", "appends/s"},
              {"target", nullptr},
              {"compare", nullptr},
              {"note", note}};
}

void print(const json& row) {
  std::printf("  %-72s %12.1f %-10s\n", row["name"].get<std::string>().c_str(), row["value"].get<double>(),
              row["unit"].get<std::string>().c_str());
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  mamori::app::tune_allocator();  // as the mamori binary does
  const Options o = parse(argc, argv);
  json rows = json::array();
  auto add = [&](json row) {
    print(row);
    rows.push_back(std::move(row));
  };
  const auto orgs = organisation_ids(100);
  const auto dir = std::filesystem::temp_directory_path() / ("mamori-audit-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir / "appends");
  std::filesystem::create_directories(dir / "verify");
  std::cout << "audit log benchmark (" << std::thread::hardware_concurrency() << " cores)\n";

  // a. appends per second
  if (o.part != "verify") {
    auto db = open(store::sqlite_in_dir((dir / "appends").string()));
    for (int t : o.threads) add(append_row("SQLite", t, run_appends(*db, t, o.seconds, orgs), o.seconds));
  }
  if (o.part != "verify" && !o.pg_url.empty()) {
    PgDatabase pg(o.pg_url, "mamori_audit_bench_appends");
    auto db = open(store::DatabaseUrl{store::Engine::postgresql, pg.url()});
    for (int t : o.threads) add(append_row("PostgreSQL", t, run_appends(*db, t, o.seconds, orgs), o.seconds));
  }

  // b. verify over o.entries
  if (o.part != "appends") {
    double built = 0;
    {
      auto db = open(store::sqlite_in_dir((dir / "verify").string()));
      built = build_log(*db, o.entries, orgs);
    }
    add(verify_row(o, "SQLite", {"--data", (dir / "verify").string()}, built));
  }
  if (o.part != "appends" && !o.pg_url.empty()) {
    PgDatabase pg(o.pg_url, "mamori_audit_bench_verify", o.keep);
    double built = 0;
    {
      auto db = open(store::DatabaseUrl{store::Engine::postgresql, pg.url()});
      built = build_log(*db, o.entries, orgs);
    }
    pg_exec(pg.url(), "VACUUM ANALYZE audit_log");
    add(verify_row(o, "PostgreSQL", {"--db", pg.url()}, built));
  }

  if (o.keep) std::cout << "kept: " << (dir / "verify").string() << "\n";
  else std::filesystem::remove_all(dir);
  std::ofstream out(o.out);
  out << json{{"bench", "audit"}, {"rows", rows}}.dump(2) << "\n";
  if (!out) die("cannot write " + o.out);
  return 0;
}
