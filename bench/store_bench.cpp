// The data ceiling for the load benchmark: the queries behind each measured
// route, run straight through the store (one read transaction per
// "request", no HTTP, no authorisation, no JSON, no domain rules) on the lab
// database. bench/run.py sets mamori's HTTP figures beside these.
//   mamori_store_bench --lab lab.json (--data DIR | --db URL) [--seconds 3] --out FILE
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <thread>
#include <vector>

#include "app/allocator_tuning.h"
#include "app/data_dir.h"
#include "store/catalog_repository.h"
#include "store/isms_repository.h"
#include "store/risk_repository.h"
#include "store/sheet_repository.h"
#include "store/sheet_response_repository.h"
#include "store/soa_repository.h"

namespace {

using namespace mamori;
using Query = std::function<Status(store::Tx&)>;

template <class T>
Status check(const Result<T>& r) {
  if (!r) return r.error();
  return ok();
}

struct Measured {
  double p50_us = 0, p99_us = 0, per_second_1 = 0, per_second_2 = 0;
};

// One thread for latency, then two (the machine's cores) for throughput.
Measured measure(store::Database& db, const Query& query, double seconds) {
  Measured m;
  std::vector<double> times;
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < until) {
    const auto t0 = std::chrono::steady_clock::now();
    if (auto s = db.with_read(query); !s) throw std::runtime_error(s.error().describe());
    times.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(times.begin(), times.end());
  m.p50_us = times[times.size() / 2];
  m.p99_us = times[std::min(times.size() - 1, times.size() * 99 / 100)];
  m.per_second_1 = static_cast<double>(times.size()) / seconds;
  std::atomic<long> done{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t)
    threads.emplace_back([&] {
      while (!stop) {
        if (db.with_read(query)) ++done;
      }
    });
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& t : threads) t.join();
  m.per_second_2 = static_cast<double>(done.load()) / seconds;
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  mamori::app::tune_allocator();  // as the mamori binary does
  CLI::App cli{"the store queries behind the load benchmark's routes"};
  std::string lab_file, out;
  app::DataOptions data;
  double seconds = 3;
  cli.add_option("--lab", lab_file, "lab.json from mamori_lab")->required();
  cli.add_option("--data", data.data_dir, "data directory");
  cli.add_option("--db", data.db_url, "database URL");
  cli.add_option("--seconds", seconds, "per query and mode");
  cli.add_option("--out", out, "JSON file")->required();
  CLI11_PARSE(cli, argc, argv);

  nlohmann::json lab;
  std::ifstream(lab_file) >> lab;
  const auto& t = lab.at("targets").at(0);
  const std::string org = t.at("org_id"), sheet = t.at("sheet_id"), soa = t.at("soa_id");
  auto db = app::open_data(data);
  if (!db) {
    std::cerr << "mamori_store_bench: " << db.error().describe() << "\n";
    return 2;
  }
  std::string ismap_row;
  (void)db.value()->with_read([&](store::Tx& tx) -> Status {
    auto c = store::find_catalog(tx, "ismap-2024");
    if (c && c.value()) ismap_row = c.value()->id;
    return ok();
  });

  const std::vector<std::pair<std::string, Query>> queries{
      {"sheets", [&](store::Tx& tx) { return check(store::sheets_of_tenant(tx, org)); }},
      {"sheet", [&](store::Tx& tx) -> Status {
         if (auto s = check(store::find_sheet(tx, org, sheet)); !s) return s;
         if (auto s = check(store::sheet_items(tx, org, sheet)); !s) return s;
         auto responses = store::responses_of_sheet(tx, org, sheet);
         if (!responses) return responses.error();
         for (const auto& r : responses.value()) {
           if (auto s = check(store::answers_of_response(tx, org, r.id)); !s) return s;
           if (auto s = check(store::reviews_of_response(tx, org, r.id)); !s) return s;
         }
         return ok();
       }},
      {"soa", [&](store::Tx& tx) -> Status {
         auto found = store::find_soa(tx, org, soa);
         if (!found) return found.error();
         if (auto s = check(store::find_cloud_service(tx, org, found.value()->service_id)); !s) return s;
         if (auto s = check(store::list_soa_rows(tx, org, soa)); !s) return s;
         if (auto s = check(store::list_risks(tx, org)); !s) return s;
         return check(store::list_treatment_control_links(tx, org));
       }},
      {"risk_dashboard", [&](store::Tx& tx) -> Status {
         if (auto s = check(store::find_risk_criteria(tx, org)); !s) return s;
         return check(store::list_risks(tx, org));
       }},
      {"catalog_search", [&](store::Tx& tx) { return check(store::search_nodes(tx, ismap_row, "暗号", 50)); }},
  };
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& [name, query] : queries) {
    const auto m = measure(*db.value(), query, seconds);
    std::printf("store %-15s p50 %8.1f us  p99 %8.1f us  %8.0f/s (1 thread)  %8.0f/s (2 threads)\n", name.c_str(),
                m.p50_us, m.p99_us, m.per_second_1, m.per_second_2);
    rows.push_back({{"route", name},
                    {"p50_us", m.p50_us},
                    {"p99_us", m.p99_us},
                    {"per_second_1", m.per_second_1},
                    {"per_second_2", m.per_second_2}});
  }
  std::ofstream(out) << nlohmann::json{{"bench", "store"}, {"database", db.value()->url().display()}, {"queries", rows}}.dump(2)
                     << "\n";
  return 0;
}
