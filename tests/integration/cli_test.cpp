// The mamori binary as a user runs it: exit codes (0 ok, 1 usage, 2 error),
// --help everywhere, JSON output, files written and read back.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <random>

#include <regex>
#include <set>

#include "support/process.h"
#include "support/temp_dir.h"

namespace mamori {

namespace {

using nlohmann::json;
using test::ProcessResult;

ProcessResult mamori(std::vector<std::string> args, const std::string& input = "") {
  args.insert(args.begin(), MAMORI_BINARY);
  return test::run(args, input);
}

json json_of(const ProcessResult& r) {
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return json::parse(r.out);
}

std::set<std::string> refs_of(const json& nodes) {
  std::set<std::string> out;
  for (const auto& n : nodes) out.insert(n["ref"].get<std::string>());
  return out;
}

}  // namespace

TEST(Cli, HelpOnEveryLevel) {
  for (const auto& args : std::vector<std::vector<std::string>>{{"--help"},
                                                                {"init", "--help"},
                                                                {"serve", "--help"},
                                                                {"catalog", "--help"},
                                                                {"catalog", "list", "--help"},
                                                                {"catalog", "show", "--help"},
                                                                {"catalog", "search", "--help"},
                                                                {"catalog", "export", "--help"},
                                                                {"catalog", "check", "--help"},
                                                                {"catalog", "load", "--help"}}) {
    auto r = mamori(args);
    EXPECT_EQ(r.exit_code, 0) << args[0];
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << r.out;
  }
  auto top = mamori({"--help"});
  for (const char* command : {"init", "serve", "catalog"}) EXPECT_NE(top.out.find(command), std::string::npos);
  EXPECT_EQ(mamori({"--version"}).exit_code, 0);
}

TEST(Cli, UsageErrorsExitOne) {
  for (const auto& args : std::vector<std::vector<std::string>>{{},
                                                                {"nope"},
                                                                {"catalog"},
                                                                {"catalog", "show", "ismap-2024"},
                                                                {"catalog", "export", "ismap-2024", "--format", "pdf", "--out", "x"},
                                                                {"catalog", "search", "ismap-2024", "x", "--limit", "many"},
                                                                {"serve", "--threads", "0"}}) {
    auto r = mamori(args);
    EXPECT_EQ(r.exit_code, 1) << (args.empty() ? "(none)" : args.back()) << "\n" << r.err;
    EXPECT_FALSE(r.err.empty());
  }
}

TEST(Cli, ErrorsExitTwoAndSayWhat) {
  struct Case {
    std::vector<std::string> args;
    std::string expected;
  };
  test::TempDir dir;
  for (const auto& c : std::vector<Case>{
           {{"catalog", "show", "nope", "1"}, "no catalog \"nope\""},
           {{"catalog", "show", "ismap-2024", "99.9"}, "has no node 99.9"},
           {{"catalog", "list", "ismap-2024", "--catalog-version", "1999"}, "has no version 1999"},
           {{"catalog", "search", "ismap-2024", " "}, "empty"},
           {{"catalog", "export", "ismap-2024", "--format", "yaml", "--out", "/nonexistent/dir/x.yaml"}, "cannot write"},
           {{"catalog", "check", dir.file("missing.yaml")}, "cannot read"},
           {{"init"}, "--data"},
           {{"serve", "--data", dir.path(), "--listen", "nonsense"}, "--listen"},
           {{"serve", "--data", dir.path(), "--listen", "127.0.0.1:99999"}, "port"},
           {{"serve", "--data", dir.file("never-initialised")}, "mamori init"},
           {{"catalog", "list", "--db", "postgresql://nobody@127.0.0.1:1/none"}, "cannot open"},
       }) {
    auto r = mamori(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args.back() << "\nstdout: " << r.out << "\nstderr: " << r.err;
    EXPECT_NE(r.err.find(c.expected), std::string::npos) << r.err;
    EXPECT_EQ(r.err.rfind("mamori: error: ", 0), 0u) << r.err;
  }
}

TEST(Cli, CatalogListJson) {
  auto catalogs = json_of(mamori({"catalog", "list", "--json"}));
  std::set<std::string> ids;
  for (const auto& c : catalogs) ids.insert(c["id"]);
  EXPECT_EQ(ids, (std::set<std::string>{"cloud-provision", "ismap-2024", "ismap-sheet-detailed", "ismap-sheet-summary",
                                        "iso27001-2022", "iso27017-2015", "nist-csf-2.0"}));

  auto nodes = json_of(mamori({"catalog", "list", "ismap-2024", "--json"}));
  ASSERT_EQ(nodes.size(), 324u);
  for (const auto& n : nodes)
    for (const char* key : {"ref", "title", "text", "kind", "level", "parent", "flags"})
      ASSERT_TRUE(n.contains(key)) << key << " missing in " << n.dump();
  for (const auto& n : nodes) {
    if (n["ref"] == "9.4.2.2.B") {
      EXPECT_EQ(n["flags"], json::array({"B"}));
      EXPECT_EQ(n["parent"], "9.4.2");
      EXPECT_EQ(n["level"], 4);
      EXPECT_EQ(n["kind"], "detail");
    }
    if (n["ref"] == "5") {
      EXPECT_TRUE(n["parent"].is_null());
    }
    if (n["ref"] == "6.3.1.1.PB") {
      EXPECT_EQ(n["flags"], json::array({"P", "B"}));
    }
  }
  auto cld = json_of(mamori({"catalog", "list", "iso27017-2015", "--json"}));
  EXPECT_EQ(refs_of(cld), (std::set<std::string>{"CLD.6.3.1", "CLD.8.1.5", "CLD.9.5.1", "CLD.9.5.2", "CLD.12.1.5",
                                                 "CLD.12.4.5", "CLD.13.1.4"}));
}

TEST(Cli, SearchFindsTheClockItems) {
  auto found = json_of(mamori({"catalog", "search", "ismap-2024", "クロック", "--json"}));
  EXPECT_EQ(refs_of(found), (std::set<std::string>{"12.4.4", "12.4.4.4.PB"}));
  auto human = mamori({"catalog", "search", "ismap-2024", "クロック"});
  EXPECT_EQ(human.exit_code, 0);
  EXPECT_NE(human.out.find("12.4.4.4.PB"), std::string::npos);
}

TEST(Cli, ShowAddsChildrenAndMappings) {
  auto node = json_of(mamori({"catalog", "show", "ismap-2024", "12.4.4", "--json"}));
  EXPECT_EQ(node["ref"], "12.4.4");
  EXPECT_EQ(node["kind"], "objective");
  ASSERT_EQ(node["children"].size(), 1u);
  EXPECT_EQ(node["children"][0]["ref"], "12.4.4.4.PB");
  ASSERT_EQ(node["mappings"].size(), 1u);
  EXPECT_EQ(node["mappings"][0]["catalog"], "iso27001-2022");
  EXPECT_EQ(node["mappings"][0]["ref"], "8.17");
  EXPECT_EQ(node["mappings"][0]["relationship"], "equal");
  EXPECT_FALSE(node["mappings"][0]["source"].get<std::string>().empty());

  auto control = json_of(mamori({"catalog", "show", "iso27001-2022", "5.23", "--json"}));
  EXPECT_EQ(control["title"], "クラウドサービス利用における情報セキュリティ");
  EXPECT_EQ(control["attributes"]["control_type"], json::array({"preventive"}));
}

TEST(Cli, InitIsIdempotentAndServesTheSameCatalogs) {
  test::TempDir dir;
  const std::string data = dir.file("data");
  auto first = mamori({"init", "--data", data, "--demo"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("loaded catalog ismap-2024 2024-08-01"), std::string::npos);
  EXPECT_NE(first.out.find("demo: created organisation"), std::string::npos);
  auto second = mamori({"init", "--data", data, "--demo"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("7 catalogs already loaded, unchanged"), std::string::npos) << second.out;
  EXPECT_EQ(second.out.find("loaded catalog"), std::string::npos);
  EXPECT_EQ(second.out.find("demo: created"), std::string::npos);

  EXPECT_EQ(json_of(mamori({"catalog", "list", "ismap-2024", "--json", "--data", data})),
            json_of(mamori({"catalog", "list", "ismap-2024", "--json"})));
}

TEST(Cli, ExportsRoundTrip) {
  test::TempDir dir;
  for (const std::string id : {"ismap-2024", "iso27001-2022", "ismap-sheet-summary", "cloud-provision"}) {
    const std::string yaml = dir.file(id + ".yaml");
    ASSERT_EQ(mamori({"catalog", "export", id, "--format", "yaml", "--out", yaml}).exit_code, 0);
    auto checked = mamori({"catalog", "check", yaml});
    EXPECT_EQ(checked.exit_code, 0) << checked.err;
    EXPECT_NE(checked.out.find(id), std::string::npos);

    const std::string json_path = dir.file(id + ".json");
    ASSERT_EQ(mamori({"catalog", "export", id, "--format", "json", "--out", json_path}).exit_code, 0);
    auto doc = json::parse(test::read_file(json_path));
    EXPECT_EQ(doc["catalog"]["id"], id);
    EXPECT_EQ(doc["nodes"], json_of(mamori({"catalog", "list", id, "--json"})));
  }
}

TEST(Cli, ExportsXlsxThatAnotherReaderOpens) {
  test::TempDir dir;
  const std::string path = dir.file("ismap.xlsx");
  auto r = mamori({"catalog", "export", "ismap-2024", "--format", "xlsx", "--out", path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // openpyxl (Debian's python3-openpyxl) reads it: a reader we did not write.
  const std::string script =
      "import json, sys, openpyxl\n"
      "wb = openpyxl.load_workbook(sys.argv[1], read_only=True)\n"
      "ws = wb['カタログ']\n"
      "rows = [[c for c in r] for r in ws.iter_rows(values_only=True)]\n"
      "print(json.dumps({'sheets': wb.sheetnames, 'header': rows[0], 'count': len(rows) - 1,\n"
      "  'row': [r for r in rows if r[0] == '12.4.4'][0]}, ensure_ascii=False))\n";
  auto read = test::run({"/usr/bin/python3", "-c", script, path});
  ASSERT_EQ(read.exit_code, 0) << read.err;
  auto out = json::parse(read.out);
  EXPECT_EQ(out["sheets"], json::array({"カタログ", "概要 About"}));
  EXPECT_EQ(out["count"], 324);
  EXPECT_EQ(out["header"][0], "番号 Ref");
  EXPECT_EQ(out["row"][1], 3);  // level
  EXPECT_EQ(out["row"][2], "objective");
  EXPECT_EQ(out["row"][3], "12.4");
  EXPECT_NE(out["row"][6].get<std::string>().find("クロック"), std::string::npos);
}

TEST(Cli, LoadingANewVersionKeepsTheOldOne) {
  test::TempDir dir;
  const std::string data = dir.file("data");
  ASSERT_EQ(mamori({"init", "--data", data}).exit_code, 0);
  const std::string exported = dir.file("ismap.yaml");
  ASSERT_EQ(mamori({"catalog", "export", "ismap-2024", "--format", "yaml", "--out", exported}).exit_code, 0);
  std::string text = test::read_file(exported);
  text = std::regex_replace(text, std::regex("version: \"2024-08-01\""), "version: \"2025-10-01\"", std::regex_constants::format_first_only);
  const std::string old_sentence = "単一の参照時刻源と同期させる。";
  ASSERT_NE(text.find(old_sentence), std::string::npos);
  for (auto at = text.find(old_sentence); at != std::string::npos; at = text.find(old_sentence, at))
    text.replace(at, old_sentence.size(), "協定世界時に同期させる。");
  const std::string next = dir.file("ismap-next.yaml");
  test::write_file(next, text);

  auto loaded = mamori({"catalog", "load", "--data", data, next});
  ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
  EXPECT_NE(loaded.out.find("loaded catalog ismap-2024 2025-10-01"), std::string::npos) << loaded.out;
  auto latest = json_of(mamori({"catalog", "show", "ismap-2024", "12.4.4", "--json", "--data", data}));
  EXPECT_NE(latest["text"].get<std::string>().find("協定世界時"), std::string::npos);
  auto kept = json_of(
      mamori({"catalog", "show", "ismap-2024", "12.4.4", "--json", "--data", data, "--catalog-version", "2024-08-01"}));
  EXPECT_NE(kept["text"].get<std::string>().find(old_sentence), std::string::npos);
  auto versions = json_of(mamori({"catalog", "list", "--all-versions", "--json", "--data", data}));
  int ismap_versions = 0;
  for (const auto& c : versions) ismap_versions += c["id"] == "ismap-2024";
  EXPECT_EQ(ismap_versions, 2);
}

TEST(Cli, ABrokenFileIsRefusedWithItsLineAndChangesNothing) {
  test::TempDir dir;
  const std::string data = dir.file("data");
  ASSERT_EQ(mamori({"init", "--data", data}).exit_code, 0);
  const auto before = json_of(mamori({"catalog", "list", "--all-versions", "--json", "--data", data}));
  const std::string bad = dir.file("bad.yaml");
  test::write_file(bad,
                   "catalog:\n  id: mine\n  version: \"1\"\n  title: 自社基準\n  title_en: Ours\n  source: us\n"
                   "  kinds: [item]\n  flags:\n    P: {ja: クラウド, en: Cloud}\nnodes:\n"
                   "  - {ref: \"1\", kind: item, title: 一}\n"
                   "  - {ref: \"1\", kind: item, title: 重複}\n"
                   "  - {ref: \"2\", parent: \"9\", kind: item, title: 親なし, flags: [Q]}\n");
  for (const auto& args : std::vector<std::vector<std::string>>{{"catalog", "check", bad},
                                                                {"catalog", "load", "--data", data, bad}}) {
    auto r = mamori(args);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find(bad + ":12: duplicate ref 1 (first defined at line 11)"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(bad + ":13: node 2: parent 9 is not defined"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(bad + ":13: node 2: unknown flag \"Q\""), std::string::npos) << r.err;
  }
  EXPECT_EQ(json_of(mamori({"catalog", "list", "--all-versions", "--json", "--data", data})), before);

  // Not YAML at all, and binary junk.
  test::write_file(dir.file("junk.yaml"), std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  auto junk = mamori({"catalog", "check", dir.file("junk.yaml")});
  EXPECT_EQ(junk.exit_code, 2);
  EXPECT_NE(junk.err.find("junk.yaml"), std::string::npos) << junk.err;
}

TEST(Cli, ACatalogOfTheUsersOwnCanMapToBuiltins) {
  test::TempDir dir;
  const std::string data = dir.file("data");
  ASSERT_EQ(mamori({"init", "--data", data}).exit_code, 0);
  test::write_file(dir.file("mine.yaml"),
                   "catalog:\n  id: acme-standard\n  version: \"2026\"\n  title: ACME個別管理基準\n  title_en: ACME standard\n"
                   "  source: ACME\n  kinds: [item]\nnodes:\n"
                   "  - {ref: \"A-1\", kind: item, title: 時刻同期, text: 全サーバをNTPで同期する。}\n");
  test::write_file(dir.file("map.yaml"),
                   "mapping:\n  id: acme_iso\n  from: acme-standard\n  to: iso27001-2022\n  title: ACME to Annex A\n"
                   "  source: ACME ISMS office\n  method: by hand\nentries:\n  - {from: \"A-1\", to: \"8.17\", rel: subset}\n");
  auto r = mamori({"catalog", "load", "--data", data, dir.file("mine.yaml"), dir.file("map.yaml")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto annex = json_of(mamori({"catalog", "show", "iso27001-2022", "8.17", "--json", "--data", data}));
  bool linked = false;
  for (const auto& m : annex["mappings"])
    if (m["catalog"] == "acme-standard" && m["ref"] == "A-1" && m["relationship"] == "superset") linked = true;
  EXPECT_TRUE(linked) << annex["mappings"].dump();
}

// The build runs mamori-catalogc on catalogs/: a broken file must fail it
// with file:line, and the good files must pass.
TEST(Catalogc, FailsTheBuildOnABrokenFileWithItsLine) {
  test::TempDir dir;
  const std::string bad = dir.file("broken.yaml");
  test::write_file(bad,
                   "catalog:\n  id: broken\n  version: \"1\"\n  title: 壊れた\n  title_en: Broken\n  source: test\n"
                   "  kinds: [item]\nnodes:\n"
                   "  - {ref: \"1\", kind: item, title: 一}\n"
                   "  - {ref: \"1.1\", parent: \"1.9\", kind: item, title: 親なし}\n"
                   "  - {ref: \"1\", kind: item, title: 重複}\n"
                   "  - {ref: \"2\", kind: item, title: 旗, flags: [X]}\n");
  auto r = test::run({MAMORI_CATALOGC, "--check", bad});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(bad + ":10: node 1.1: parent 1.9 is not defined above this node (dangling parent)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(bad + ":11: duplicate ref 1 (first defined at line 9)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(bad + ":12: node 2: unknown flag \"X\" (not in catalog.flags)"), std::string::npos) << r.err;
  // --embed refuses too, so the generated source is never written.
  const std::string out = dir.file("embedded.cpp");
  EXPECT_EQ(test::run({MAMORI_CATALOGC, "--embed", out, bad}).exit_code, 2);
  EXPECT_FALSE(std::ifstream(out).good());

  const std::string root = MAMORI_CATALOGS_DIR;
  auto good = test::run({MAMORI_CATALOGC, "--check", root + "/ismap-2024.yaml", root + "/iso27001-2022.yaml",
                         root + "/mappings/ismap-2024_iso27001-2022.yaml"});
  EXPECT_EQ(good.exit_code, 0) << good.err;
  EXPECT_NE(good.out.find("ismap-2024 2024-08-01: 324 nodes"), std::string::npos) << good.out;
}

// The same commands against PostgreSQL (the test cluster CTest started).
TEST(Cli, WorksOnPostgresql) {
  std::ifstream url_file(MAMORI_PG_URL_FILE);
  std::string base;
  std::getline(url_file, base);
  ASSERT_FALSE(base.empty()) << "no PostgreSQL test cluster (" << MAMORI_PG_URL_FILE << "); run through ctest or make test";
  const std::string name = "cli_" + std::to_string(std::random_device{}() % 1000000000u);
  auto exec = [&base](const std::string& sql) {
    PGconn* c = PQconnectdb(base.c_str());
    ASSERT_EQ(PQstatus(c), CONNECTION_OK) << PQerrorMessage(c);
    PQclear(PQexec(c, sql.c_str()));
    PQfinish(c);
  };
  exec("CREATE DATABASE " + name);
  const std::string url = base.substr(0, base.rfind('/') + 1) + name;
  test::TempDir keys;
  auto refused = mamori({"init", "--db", url});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("--key-file"), std::string::npos) << refused.err;
  auto init = mamori({"init", "--db", url, "--demo", "--key-file", keys.file("secret.key")});
  EXPECT_EQ(init.exit_code, 0) << init.err;
  EXPECT_NE(init.out.find("database: postgresql://"), std::string::npos) << init.out;
  auto found = json_of(mamori({"catalog", "search", "ismap-2024", "クロック", "--json", "--db", url}));
  EXPECT_EQ(refs_of(found), (std::set<std::string>{"12.4.4", "12.4.4.4.PB"}));
  auto again = mamori({"init", "--db", url, "--key-file", keys.file("secret.key")});
  EXPECT_NE(again.out.find("7 catalogs already loaded, unchanged"), std::string::npos) << again.out;
  exec("DROP DATABASE " + name + " WITH (FORCE)");
}

}  // namespace mamori
