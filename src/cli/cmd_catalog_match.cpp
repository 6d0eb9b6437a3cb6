// mamori catalog match CATALOG [--top N] [--level N] [--json]
// One question per line on stdin; for each line, in order, the catalog items
// it is about (domain::CatalogMatcher). With --json, one JSON object per line:
// {"query", "matches": [{"ref", "title", "score"}]}, so a script can pair
// output line n with input line n.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <string>

#include "app/catalog_queries.h"
#include "cli/command.h"
#include "domain/catalog_matcher.h"
#include "domain/text.h"

namespace mamori::cli {

namespace {

struct MatchArgs {
  app::DataOptions data;
  std::string catalog;
  std::string version;
  int top = 5;
  int level = -1;  // -1: the catalog's default (domain::default_rank_level)
  bool json = false;
};

// A question is a line of a sheet; anything longer is not one.
constexpr std::size_t kMaxLineBytes = 64 * 1024;

int run_match(const MatchArgs& a) {
  auto db = a.data.data_dir.empty() && a.data.db_url.empty() ? app::open_builtin_in_memory() : app::open_data(a.data);
  if (!db) return report(db.error());
  auto catalog = app::export_catalog(*db.value(), a.catalog, a.version);
  if (!catalog) return report(catalog.error());
  domain::MatcherOptions options;
  options.rank_level = a.level >= 0 ? a.level : domain::default_rank_level(catalog.value());
  const domain::CatalogMatcher matcher(catalog.value(), options);
  const auto& nodes = catalog->nodes;

  std::string line;
  int line_number = 0;
  while (std::getline(std::cin, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.size() > kMaxLineBytes)
      return report(make_error(ErrorCode::too_large, "a question is longer than 64 KiB",
                               Location::in_file("stdin", line_number)));
    if (!domain::is_valid_utf8(line))
      return report(make_error(ErrorCode::invalid_input, "the line is not UTF-8 text",
                               Location::in_file("stdin", line_number)));
    const auto matches = matcher.match(line, static_cast<std::size_t>(a.top));
    if (a.json) {
      nlohmann::json out{{"query", line}, {"matches", nlohmann::json::array()}};
      for (const auto& m : matches)
        out["matches"].push_back({{"ref", nodes[m.node].ref},
                                  {"title", nodes[m.node].title},
                                  {"score", static_cast<double>(static_cast<long>(m.score * 10000 + 0.5)) / 10000}});
      std::cout << out.dump() << "\n";
    } else {
      std::cout << line << "\n";
      for (const auto& m : matches) {
        char score[16];
        std::snprintf(score, sizeof score, "%.3f", m.score);
        std::cout << "  " << score << "  " << nodes[m.node].ref << "  " << nodes[m.node].title << "\n";
      }
      if (matches.empty()) std::cout << "  (一致なし / no match)\n";
    }
    std::cout.flush();
  }
  return kExitOk;
}

}  // namespace

void add_catalog_match_command(CLI::App& catalog, Action& action) {
  auto args = std::make_shared<MatchArgs>();
  auto* match = catalog.add_subcommand(
      "match", "質問文に近い項目 (標準入力の1行に1問) / the items each question is about, one question per line on stdin");
  match->add_option("CATALOG", args->catalog, "カタログID / catalog id, e.g. ismap-2024")->required();
  match->add_option("--top", args->top, "1問あたりの候補数 / matches per question")
      ->capture_default_str()
      ->check(CLI::Range(1, 100));
  match->add_option("--level", args->level,
                    "この階層の項目で順位付け (0: 全ノード; 既定: ISMAPは2) / rank the items of this level "
                    "(0: every node; default: 2 for ISMAP, else 0)")
      ->check(CLI::Range(0, 10));
  match->add_option("--catalog-version", args->version, "版を指定 (既定: 最新) / catalog version (default: latest)");
  match->add_flag("--json", args->json, "1行に1つのJSON / one JSON object per line");
  add_data_options(*match, args->data);
  match->callback([&action, args] { action = [args] { return run_match(*args); }; });
}

}  // namespace mamori::cli
