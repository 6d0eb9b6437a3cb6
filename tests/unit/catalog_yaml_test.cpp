#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/catalog_loader.h"
#include "domain/catalog_rules.h"
#include "formats/catalog_json.h"
#include "formats/catalog_yaml.h"

namespace mamori::formats {

namespace {

const char* kHeader = R"yaml(catalog:
  id: demo
  version: "1"
  title: デモ
  title_en: Demo
  source: test
  kinds: [item]
nodes:
)yaml";

std::string error_of(const std::string& yaml) {
  auto r = parse_catalog_yaml(yaml, "demo.yaml");
  return r ? std::string() : r.error().message;
}

nlohmann::json as_json(const domain::Catalog& c) {
  nlohmann::json j{{"info", info_to_json(c.info)}};
  const domain::CatalogIndex index(c);
  for (std::size_t i = 0; i < c.nodes.size(); ++i) j["nodes"].push_back(node_to_json(c.nodes[i], index.level(i)));
  return j;
}

}  // namespace

TEST(CatalogYaml, ReadsAllFieldsWithLines) {
  auto r = parse_catalog_yaml(std::string(kHeader) + R"yaml(  - ref: "1"
    kind: item
    title: 一
    text: |-
      一行目
      二行目
    footnotes: [脚注]
    references: [{standard: "JIS Q 27001:2014", clause: "5.1b)"}]
)yaml",
                              "demo.yaml");
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_EQ(r->nodes.size(), 1u);
  const auto& n = r->nodes[0];
  EXPECT_EQ(n.source_line, 9);
  EXPECT_EQ(n.text, "一行目\n二行目");
  EXPECT_EQ(n.footnotes.at(0), "脚注");
  EXPECT_EQ(n.references.at(0).clause, "5.1b)");
}

TEST(CatalogYaml, UnknownKeysAreErrorsWithTheirLine) {
  auto message = error_of(std::string(kHeader) + "  - ref: \"1\"\n    kind: item\n    title: x\n    titel: typo\n");
  EXPECT_NE(message.find("demo.yaml:12: node 1: unknown key \"titel\""), std::string::npos) << message;
}

TEST(CatalogYaml, WrongTypesAndMissingFields) {
  auto message = error_of(std::string(kHeader) + "  - ref: \"1\"\n    kind: item\n    title: [not, text]\n    flags: P\n  - kind: item\n");
  EXPECT_NE(message.find("title must be text"), std::string::npos) << message;
  EXPECT_NE(message.find("flags must be a list"), std::string::npos) << message;
  EXPECT_NE(message.find("ref is required"), std::string::npos) << message;
}

TEST(CatalogYaml, BrokenYamlNamesTheLine) {
  auto r = parse_catalog_yaml("catalog:\n  id: [\n", "broken.yaml");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where.file, "broken.yaml");
  EXPECT_GT(r.error().where.line, 0);
  EXPECT_NE(r.error().message.find("not valid YAML"), std::string::npos);
}

TEST(CatalogYaml, InvalidUtf8IsRefused) {
  auto message = error_of(std::string(kHeader) + "  - ref: \"1\"\n    kind: item\n    title: \"\xff\xfe\"\n");
  EXPECT_NE(message.find("not valid UTF-8"), std::string::npos) << message;
}

TEST(CatalogYaml, HostileInputFailsCleanly) {
  // Oversize: refused before parsing.
  std::string huge(kMaxCatalogFileBytes + 1, ' ');
  auto big = parse_catalog_yaml(huge, "huge.yaml");
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().code, ErrorCode::too_large);
  // Alias expansion ("billion laughs"): aliases are never expanded into text,
  // and a list where text belongs is a type error.
  std::string laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                       "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\ncatalog: *c\nnodes: *c\n";
  EXPECT_FALSE(parse_catalog_yaml(laughs, "laughs.yaml"));
  // Deep nesting.
  std::string deep = "catalog: " + std::string(5000, '[') + std::string(5000, ']') + "\n";
  EXPECT_FALSE(parse_catalog_yaml(deep, "deep.yaml"));
  // Neither a catalog nor a mapping.
  EXPECT_FALSE(parse_catalog_yaml("- 1\n- 2\n", "list.yaml"));
  EXPECT_FALSE(parse_catalog_yaml("", "empty.yaml"));
  EXPECT_FALSE(parse_catalog_yaml(std::string("\0\0\0", 3), "nul.yaml"));
}

TEST(CatalogYaml, MappingFiles) {
  auto r = parse_mapping_yaml(R"yaml(mapping:
  id: m
  from: a
  to: b
  title: t
  source: s
  method: m
entries:
  - {from: "1", to: "2", rel: subset}
  - {from: "1", to: "3", rel: overlaps}
)yaml",
                              "m.yaml");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("m.yaml:10: entry 1 -> 3: unknown rel \"overlaps\""), std::string::npos)
      << r.error().message;
}

// Every built-in catalog survives write -> read unchanged, so `catalog
// export --format yaml` gives a file that loads back as the same catalog.
TEST(CatalogYaml, RoundTripsEveryBuiltinCatalog) {
  auto bundle = app::builtin_bundle();
  ASSERT_TRUE(bundle) << bundle.error().message;
  for (const auto& c : bundle.value()->catalogs) {
    const std::string text = write_catalog_yaml(c);
    auto back = parse_catalog_yaml(text, c.info.id + ".yaml");
    ASSERT_TRUE(back) << c.info.id << ": " << back.error().message;
    EXPECT_TRUE(domain::check_catalog(back.value()).empty()) << c.info.id;
    EXPECT_EQ(as_json(back.value()), as_json(c)) << c.info.id;
  }
}

}  // namespace mamori::formats
