// mamori_lab: builds the bench lab into a database.
//   mamori_lab --data DIR [--scale 1.0] [--out lab.json]
//   mamori_lab --db postgresql://… --key-file FILE [--scale 1.0] [--out lab.json]
// The database is created and initialised (catalogs) when needed; the lab is
// refused if it is already there. lab.json tells the benchmarks where to
// look (organisation, sheet, SoA, an API token) and what was built.
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/data_dir.h"
#include "bench/lab/lab.h"
#include "security/secret_box.h"

int main(int argc, char** argv) {
  using namespace mamori;
  CLI::App cli{"mamori bench lab: organisations, services, assets, risks, SoAs, sheets and audit entries at scale"};
  app::DataOptions data;
  std::string key_file, out;
  double scale = 1.0;
  cli.add_option("--data", data.data_dir, "data directory (SQLite DIR/mamori.db, key DIR/secret.key)");
  cli.add_option("--db", data.db_url, "database URL (postgresql://…)");
  cli.add_option("--key-file", key_file, "the instance key (default DIR/secret.key)");
  cli.add_option("--scale", scale, "1.0 = the issue's lab (100 organisations …); 0.01 for a quick one")
      ->check(CLI::Range(0.0001, 10.0));
  cli.add_option("--out", out, "write what was built as JSON here");
  CLI11_PARSE(cli, argc, argv);

  if (key_file.empty() && !data.data_dir.empty()) key_file = (std::filesystem::path(data.data_dir) / "secret.key").string();
  if (key_file.empty()) {
    std::cerr << "mamori_lab: give --data DIR, or --db URL with --key-file\n";
    return 2;
  }
  if (auto s = app::ensure_data_dir(data); !s) {
    std::cerr << "mamori_lab: " << s.error().message << "\n";
    return 2;
  }
  auto db = app::open_data(data, true);
  if (!db) {
    std::cerr << "mamori_lab: " << db.error().message << "\n";
    return 2;
  }
  if (auto loaded = app::load_builtin_catalogs(*db.value()); !loaded) {
    std::cerr << "mamori_lab: " << loaded.error().message << "\n";
    return 2;
  }
  auto box = security::SecretBox::from_key_file(key_file, true);
  if (!box) {
    std::cerr << "mamori_lab: " << box.error().message << "\n";
    return 2;
  }
  app::Services services{*db.value(), box.value(), {}, nullptr};
  auto report = lab::build_lab(services, lab::LabScale::scaled(scale),
                               [](const std::string& line) { std::fprintf(stderr, "lab: %s\n", line.c_str()); });
  if (!report) {
    std::cerr << "mamori_lab: " << report.error().message << "\n";
    return 1;
  }
  nlohmann::json j{{"database", db.value()->url().display()}, {"scale", scale}, {"seconds", report->seconds}};
  j["counts"] = report->counts;
  j["targets"] = nlohmann::json::array();
  for (const auto& t : report->targets)
    j["targets"].push_back({{"org_id", t.org_id},
                            {"org_name", t.org_name},
                            {"token", t.token},
                            {"sheet_id", t.sheet_id},
                            {"soa_id", t.soa_id},
                            {"service_id", t.service_id}});
  for (const auto& [table, n] : report->counts) std::fprintf(stderr, "lab: %-16s %10lld rows\n", table.c_str(), static_cast<long long>(n));
  std::fprintf(stderr, "lab: built in %.1f s\n", report->seconds);
  if (!out.empty()) {
    std::ofstream file(out, std::ios::trunc);
    file << j.dump(2) << "\n";
    if (!file) {
      std::cerr << "mamori_lab: cannot write " << out << "\n";
      return 2;
    }
  } else {
    std::cout << j.dump(2) << "\n";
  }
  return 0;
}
