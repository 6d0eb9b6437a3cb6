// Catalog work a user waits for: parsing the embedded catalogs (every
// `mamori catalog` without --data), loading them into a new database (init),
// search and node display on SQLite. Run with `make bench`.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>

#include "app/catalog_loader.h"
#include "app/catalog_queries.h"
#include "app/embedded_catalogs.h"

namespace {

using namespace mamori;

std::string temp_dir() {
  char templ[] = "/tmp/mamori-bench-XXXXXX";
  return mkdtemp(templ);
}

void BM_ParseEmbeddedCatalogs(benchmark::State& state) {
  std::vector<formats::SourceFile> files;
  std::size_t bytes = 0;
  for (const auto& f : app::embedded_catalog_files()) {
    files.push_back({f.name, f.bytes});
    bytes += f.bytes.size();
  }
  for (auto _ : state) {
    auto bundle = formats::load_catalog_bundle(files);
    if (!bundle) state.SkipWithError(bundle.error().message.c_str());
    benchmark::DoNotOptimize(bundle);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_ParseEmbeddedCatalogs)->Unit(benchmark::kMillisecond);

void BM_LoadCatalogsIntoNewSqlite(benchmark::State& state) {
  const auto* bundle = app::builtin_bundle().value();
  for (auto _ : state) {
    state.PauseTiming();
    const std::string dir = temp_dir();
    state.ResumeTiming();
    auto db = store::Database::open(store::sqlite_in_dir(dir));
    auto loaded = app::load_bundle(*db.value(), *bundle, "builtin");
    if (!loaded) state.SkipWithError(loaded.error().message.c_str());
    state.PauseTiming();
    db.value().reset();
    std::filesystem::remove_all(dir);
    state.ResumeTiming();
  }
}
BENCHMARK(BM_LoadCatalogsIntoNewSqlite)->Unit(benchmark::kMillisecond);

// One loaded database shared by the query benchmarks.
store::Database& loaded_db() {
  static std::unique_ptr<store::Database> db = [] {
    auto opened = store::Database::open(store::sqlite_in_dir(temp_dir()));
    auto loaded = app::load_bundle(*opened.value(), *app::builtin_bundle().value(), "builtin");
    if (!loaded) std::abort();
    return std::move(opened.value());
  }();
  return *db;
}

void BM_Search(benchmark::State& state, const char* catalog, const char* query) {
  auto& db = loaded_db();
  std::size_t hits = 0;
  for (auto _ : state) {
    auto found = app::search_catalog(db, catalog, query);
    if (!found) state.SkipWithError(found.error().message.c_str());
    hits = found->size();
  }
  state.counters["hits"] = static_cast<double>(hits);
}
BENCHMARK_CAPTURE(BM_Search, ismap_clock_trigram, "ismap-2024", "クロック")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Search, ismap_crypto_two_chars, "ismap-2024", "暗号")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Search, ismap_common_word, "ismap-2024", "情報セキュリティ")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_Search, annex_a_english, "iso27001-2022", "cloud")->Unit(benchmark::kMicrosecond);

void BM_ShowNode(benchmark::State& state) {
  auto& db = loaded_db();
  for (auto _ : state) {
    auto detail = app::show_node(db, "ismap-2024", "12.4.4");
    if (!detail) state.SkipWithError(detail.error().message.c_str());
    benchmark::DoNotOptimize(detail);
  }
}
BENCHMARK(BM_ShowNode)->Unit(benchmark::kMicrosecond);

void BM_ListAllIsmapNodes(benchmark::State& state) {
  auto& db = loaded_db();
  for (auto _ : state) {
    auto nodes = app::catalog_nodes(db, "ismap-2024");
    if (!nodes) state.SkipWithError(nodes.error().message.c_str());
    benchmark::DoNotOptimize(nodes);
  }
}
BENCHMARK(BM_ListAllIsmapNodes)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
