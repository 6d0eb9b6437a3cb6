// mamori catalog list|show|search|export|check|load (match: cmd_catalog_match.cpp)
#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

#include "app/catalog_import.h"
#include "app/catalog_queries.h"
#include "cli/command.h"
#include "formats/catalog_json.h"
#include "formats/catalog_xlsx.h"
#include "formats/catalog_yaml.h"

namespace mamori::cli {

namespace {

using nlohmann::json;

struct CatalogArgs {
  app::DataOptions data;
  std::string catalog;
  std::string ref;
  std::string text;
  std::string version;
  std::string format;
  std::string out;
  std::vector<std::string> files;
  int limit = app::kDefaultSearchLimit;
  bool json = false;
  bool all_versions = false;
};

// The catalogs of --data/--db, or, with neither, the built-in catalogs in
// memory, so browsing works before `mamori init`.
Result<std::unique_ptr<store::Database>> open_for_reading(const app::DataOptions& data) {
  if (data.data_dir.empty() && data.db_url.empty()) return app::open_builtin_in_memory();
  return app::open_data(data);
}

void print_json(const json& j) { std::cout << j.dump(2) << "\n"; }

std::string flags_suffix(const domain::Node& n) {
  if (n.flags.empty()) return "";
  std::string out = " [";
  for (std::size_t i = 0; i < n.flags.size(); ++i) out += (i ? " " : "") + n.flags[i];
  return out + "]";
}

// First line of a text, cut to about `max` characters (UTF-8 safe).
std::string first_line(const std::string& text, std::size_t max = 60) {
  std::string line = text.substr(0, text.find('\n'));
  std::size_t chars = 0, i = 0;
  while (i < line.size() && chars < max) {
    unsigned char c = static_cast<unsigned char>(line[i]);
    i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ++chars;
  }
  return i < line.size() ? line.substr(0, i) + "…" : line;
}

json catalog_json(const store::StoredCatalog& c) {
  return {{"id", c.info.id},          {"version", c.info.version}, {"revision", c.revision},
          {"title", c.info.title},    {"title_en", c.info.title_en}, {"nodes", c.node_count},
          {"source", c.info.source},  {"origin", c.origin},        {"loaded_at", c.loaded_at}};
}

int run_list(const CatalogArgs& a) {
  auto db = open_for_reading(a.data);
  if (!db) return report(db.error());
  if (a.catalog.empty()) {
    auto list = app::list_catalogs(*db.value(), a.all_versions);
    if (!list) return report(list.error());
    if (a.json) {
      json out = json::array();
      for (const auto& c : list.value()) out.push_back(catalog_json(c));
      print_json(out);
    } else {
      for (const auto& c : list.value())
        std::cout << c.info.id << "\t" << c.info.version << (c.revision > 1 ? " rev " + std::to_string(c.revision) : "")
                  << "\t" << c.node_count << "\t" << c.info.title << " / " << c.info.title_en << "\n";
    }
    return kExitOk;
  }
  auto nodes = app::catalog_nodes(*db.value(), a.catalog, a.version);
  if (!nodes) return report(nodes.error());
  if (a.json) {
    json out = json::array();
    for (const auto& n : nodes.value()) out.push_back(formats::node_to_json(n.node, n.level));
    print_json(out);
  } else {
    for (const auto& n : nodes.value())
      std::cout << std::string(static_cast<std::size_t>(2 * (n.level - 1)), ' ') << n.node.ref << "  "
                << first_line(n.node.title) << flags_suffix(n.node) << "\n";
  }
  return kExitOk;
}

int run_show(const CatalogArgs& a) {
  auto db = open_for_reading(a.data);
  if (!db) return report(db.error());
  auto detail = app::show_node(*db.value(), a.catalog, a.ref, a.version);
  if (!detail) return report(detail.error());
  const auto& d = detail.value();
  if (a.json) {
    json out = formats::node_to_json(d.node.node, d.node.level);
    out["catalog"] = {{"id", d.catalog.info.id}, {"version", d.catalog.info.version}, {"revision", d.catalog.revision}};
    out["parent_title"] = d.parent ? json(d.parent->node.title) : json(nullptr);
    json children = json::array();
    for (const auto& c : d.children)
      children.push_back({{"ref", c.node.ref}, {"title", c.node.title}, {"kind", c.node.kind}, {"flags", c.node.flags}});
    out["children"] = std::move(children);
    json mappings = json::array();
    for (const auto& l : d.links)
      mappings.push_back({{"mapping", l.link.mapping_id},
                          {"catalog", l.link.other_catalog},
                          {"ref", l.link.other_ref},
                          {"title", l.other_title},
                          {"relationship", domain::to_string(l.link.rel)},
                          {"note", l.link.note},
                          {"source", l.link.source}});
    out["mappings"] = std::move(mappings);
    print_json(out);
    return kExitOk;
  }
  const auto& n = d.node.node;
  std::cout << d.catalog.info.id << " " << n.ref << flags_suffix(n) << "  " << n.title << "\n";
  if (!n.title_en.empty()) std::cout << n.title_en << "\n";
  std::cout << "kind: " << n.kind << ", level " << d.node.level;
  if (d.parent) std::cout << ", parent " << d.parent->node.ref << " " << first_line(d.parent->node.title);
  std::cout << "\n";
  if (!n.objective.empty()) std::cout << "\n管理目的: " << n.objective << "\n";
  if (!n.text.empty()) std::cout << "\n" << n.text << "\n";
  for (const auto& f : n.footnotes) std::cout << "\n(脚注) " << f << "\n";
  for (const auto& [type, values] : n.attributes) {
    std::cout << type << ":";
    for (const auto& v : values) std::cout << " #" << v;
    std::cout << "\n";
  }
  if (!d.children.empty()) {
    std::cout << "\nchildren:\n";
    for (const auto& c : d.children) std::cout << "  " << c.node.ref << "  " << first_line(c.node.title) << flags_suffix(c.node) << "\n";
  }
  if (!d.links.empty()) {
    std::cout << "\nmappings:\n";
    for (const auto& l : d.links)
      std::cout << "  " << domain::to_string(l.link.rel) << "  " << l.link.other_catalog << " " << l.link.other_ref
                << "  " << first_line(l.other_title) << "\n";
  }
  return kExitOk;
}

int run_search(const CatalogArgs& a) {
  auto db = open_for_reading(a.data);
  if (!db) return report(db.error());
  auto found = app::search_catalog(*db.value(), a.catalog, a.text, a.limit, a.version);
  if (!found) return report(found.error());
  if (a.json) {
    json out = json::array();
    for (const auto& n : found.value()) out.push_back(formats::node_to_json(n.node, n.level));
    print_json(out);
  } else {
    for (const auto& n : found.value())
      std::cout << n.node.ref << "  " << first_line(n.node.title) << flags_suffix(n.node) << "\n";
    if (found->empty()) std::cerr << "no match\n";
  }
  return kExitOk;
}

int run_export(const CatalogArgs& a) {
  auto db = open_for_reading(a.data);
  if (!db) return report(db.error());
  auto catalog = app::export_catalog(*db.value(), a.catalog, a.version);
  if (!catalog) return report(catalog.error());
  if (a.format == "xlsx") {
    auto written = formats::write_catalog_xlsx(catalog.value(), a.out);
    if (!written) return report(written.error());
  } else {
    std::string text;
    if (a.format == "yaml") {
      text = formats::write_catalog_yaml(catalog.value());
    } else {
      json out;
      out["catalog"] = formats::info_to_json(catalog->info);
      json nodes = json::array();
      const domain::CatalogIndex index(catalog.value());
      for (std::size_t i = 0; i < catalog->nodes.size(); ++i)
        nodes.push_back(formats::node_to_json(catalog->nodes[i], index.level(i)));
      out["nodes"] = std::move(nodes);
      text = out.dump(2) + "\n";
    }
    std::ofstream file(a.out, std::ios::binary | std::ios::trunc);
    file << text;
    file.close();
    if (!file) return report(make_error(ErrorCode::io, "cannot write " + a.out, Location::in_field("--out")));
  }
  std::cerr << "wrote " << a.out << " (" << catalog->nodes.size() << " nodes)\n";
  return kExitOk;
}

Result<std::vector<app::CatalogFileInput>> read_files(const std::vector<std::string>& paths) {
  std::vector<app::CatalogFileInput> files;
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return make_error(ErrorCode::io, "cannot read the file", Location::in_file(p));
    in.seekg(0, std::ios::end);
    const auto size = static_cast<std::size_t>(in.tellg());
    if (size > formats::kMaxCatalogFileBytes)
      return make_error(ErrorCode::too_large, "the file is larger than " + std::to_string(formats::kMaxCatalogFileBytes) + " bytes",
                        Location::in_file(p));
    in.seekg(0);
    std::ostringstream s;
    s << in.rdbuf();
    files.push_back({p, s.str()});
  }
  return files;
}

int run_check(const CatalogArgs& a) {
  auto files = read_files(a.files);
  if (!files) return report(files.error());
  auto checked = app::check_catalog_files(files.value());
  if (!checked) {
    std::cerr << checked.error().message << "\n";
    return kExitError;
  }
  for (const auto& line : checked.value()) std::cout << line << "\n";
  return kExitOk;
}

int run_load(const CatalogArgs& a) {
  if (a.data.data_dir.empty() && a.data.db_url.empty())
    return report(make_error(ErrorCode::invalid_input, "load needs --data DIR or --db URL", Location::in_field("--data")));
  auto files = read_files(a.files);
  if (!files) return report(files.error());
  auto db = app::open_data(a.data);
  if (!db) return report(db.error());
  auto loaded = app::import_catalog_files(*db.value(), files.value());
  if (!loaded) {
    std::cerr << "mamori: error: " << loaded.error().describe() << "\n";
    return kExitError;
  }
  for (const auto& l : loaded->loaded) std::cout << "loaded catalog " << l << "\n";
  for (const auto& l : loaded->unchanged) std::cout << "unchanged " << l << "\n";
  std::cout << loaded->mappings_loaded << " mappings loaded\n";
  return kExitOk;
}

}  // namespace

void add_catalog_command(CLI::App& app, Action& action) {
  auto* catalog = app.add_subcommand("catalog", "カタログ (管理基準・規格・テンプレート) / catalogs: frameworks, standards, templates");
  catalog->require_subcommand(1);
  auto args = std::make_shared<CatalogArgs>();

  auto common = [&args](CLI::App* cmd, bool with_version = true) {
    add_data_options(*cmd, args->data);
    if (with_version) cmd->add_option("--catalog-version", args->version, "版を指定 (既定: 最新) / catalog version (default: latest)");
  };

  auto* list = catalog->add_subcommand("list", "カタログ一覧、またはカタログの全ノード / list catalogs, or the nodes of one");
  list->add_option("CATALOG", args->catalog, "カタログID / catalog id, e.g. ismap-2024");
  list->add_flag("--json", args->json, "JSONで出力 / print JSON");
  list->add_flag("--all-versions", args->all_versions, "全ての版 / every loaded version");
  common(list);
  list->callback([&action, args] { action = [args] { return run_list(*args); }; });

  auto* show = catalog->add_subcommand("show", "ノードの詳細 (子・マッピング) / one node with children and mappings");
  show->add_option("CATALOG", args->catalog, "カタログID / catalog id")->required();
  show->add_option("REF", args->ref, "番号 / ref, e.g. 9.4.2.2.B")->required();
  show->add_flag("--json", args->json, "JSONで出力 / print JSON");
  common(show);
  show->callback([&action, args] { action = [args] { return run_show(*args); }; });

  auto* search = catalog->add_subcommand("search", "部分一致検索 (全角・半角を区別しない) / substring search, width- and case-insensitive");
  search->add_option("CATALOG", args->catalog, "カタログID / catalog id")->required();
  search->add_option("TEXT", args->text, "検索語 / text to find")->required();
  search->add_option("--limit", args->limit, "最大件数 / maximum results")->capture_default_str();
  search->add_flag("--json", args->json, "JSONで出力 / print JSON");
  common(search);
  search->callback([&action, args] { action = [args] { return run_search(*args); }; });

  auto* exp = catalog->add_subcommand("export", "ファイルに書き出す / write a catalog to a file");
  exp->add_option("CATALOG", args->catalog, "カタログID / catalog id")->required();
  exp->add_option("--format", args->format, "yaml | json | xlsx")->required()->check(CLI::IsMember({"yaml", "json", "xlsx"}));
  exp->add_option("--out", args->out, "出力ファイル / output file")->required();
  common(exp);
  exp->callback([&action, args] { action = [args] { return run_export(*args); }; });

  auto* check = catalog->add_subcommand("check", "カタログ/マッピングファイルを検査 / check catalog and mapping files as the build does");
  check->add_option("FILE", args->files, "YAMLファイル / YAML files")->required();
  check->callback([&action, args] { action = [args] { return run_check(*args); }; });

  auto* load = catalog->add_subcommand("load", "カタログを読み込む (新しい版は追加、既存は変更しない) / load catalogs: a new version is added, nothing existing changes");
  load->add_option("FILE", args->files, "YAMLファイル / YAML files")->required();
  add_data_options(*load, args->data);
  load->callback([&action, args] { action = [args] { return run_load(*args); }; });

  add_catalog_match_command(*catalog, action);
}

}  // namespace mamori::cli
