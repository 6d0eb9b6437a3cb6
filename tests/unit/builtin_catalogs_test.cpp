// The built-in catalogs against the source documents: every count the
// foundation issue names, tree integrity, flags, attributes, mappings, and
// texts compared with the seeds themselves (read from ../shared/seeds).
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "app/catalog_loader.h"
#include "domain/sheet_template.h"
#include "domain/text.h"

namespace mamori {

namespace {

using domain::Catalog;
using domain::Node;

const formats::CatalogBundle& bundle() {
  auto b = app::builtin_bundle();
  if (!b) throw std::runtime_error(b.error().message);
  return *b.value();
}

const Catalog& catalog(const std::string& id) {
  const auto* c = bundle().find(id);
  if (!c) throw std::runtime_error("no built-in catalog " + id);
  return *c;
}

const domain::Mapping& mapping(const std::string& id) {
  for (const auto& m : bundle().mappings)
    if (m.id == id) return m;
  throw std::runtime_error("no mapping " + id);
}

std::vector<const Node*> of_kind(const Catalog& c, const std::string& kind) {
  std::vector<const Node*> out;
  for (const auto& n : c.nodes)
    if (n.kind == kind) out.push_back(&n);
  return out;
}

std::vector<std::string> seed_lines(const std::string& prefix) {
  const std::string dir = MAMORI_SEEDS_DIR;
  for (const char* name : {"000_54a01a566811c389.txt", "001_b13efc98d2646c1d.txt", "002_a245e5b43b712fff.txt",
                           "003_13939c0501f3d34b.txt", "004_c0ea712f2ca29e19.txt"}) {
    if (std::string(name).rfind(prefix, 0) != 0) continue;
    std::ifstream in(dir + "/" + name);
    if (!in) throw std::runtime_error("cannot read seed " + dir + "/" + name + " (../shared must sit beside the repo)");
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }
  throw std::runtime_error("no seed " + prefix);
}

// Whitespace and the HTML the seed carries do not count when comparing texts.
std::string squash(const std::string& text) {
  std::string no_tags = std::regex_replace(text, std::regex("<[^>]*>"), "");
  std::string folded = domain::fold_for_search(no_tags);
  folded.erase(std::remove(folded.begin(), folded.end(), ' '), folded.end());
  return folded;
}

// The text after "REF<TAB>" on the seed line for REF.
std::string seed_000_text(const std::string& ref) {
  for (const auto& line : seed_lines("000"))
    if (line.rfind(ref + "\t", 0) == 0) return line.substr(ref.size() + 1);
  throw std::runtime_error("seed 000 has no line for " + ref);
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

int count_dots(const std::string& s) { return static_cast<int>(std::count(s.begin(), s.end(), '.')); }

}  // namespace

TEST(BuiltinCatalogs, AllLoadAndPassTheRules) {
  std::set<std::string> ids;
  for (const auto& c : bundle().catalogs) ids.insert(c.info.id);
  EXPECT_EQ(ids, (std::set<std::string>{"ismap-2024", "ismap-sheet-summary", "ismap-sheet-detailed", "iso27001-2022",
                                        "iso27017-2015", "cloud-provision", "nist-csf-2.0"}));
  EXPECT_EQ(bundle().mappings.size(), 4u);
}

TEST(Ismap2024, CountsOfTheControlCriteria) {
  const auto& c = catalog("ismap-2024");
  EXPECT_EQ(c.info.version, "2024-08-01");
  EXPECT_EQ(of_kind(c, "domain").size(), 14u);
  EXPECT_EQ(of_kind(c, "category").size(), 37u);
  EXPECT_EQ(of_kind(c, "objective").size(), 121u);
  EXPECT_EQ(of_kind(c, "detail").size(), 31u);

  std::set<std::string> p_objectives;
  int three_digit_plain = 0;
  for (const auto* n : of_kind(c, "objective")) {
    if (ends_with(n->ref, ".P")) p_objectives.insert(n->ref);
    else ++three_digit_plain;
  }
  EXPECT_EQ(three_digit_plain, 114);
  EXPECT_EQ(p_objectives, (std::set<std::string>{"6.3.1.P", "8.1.5.P", "9.5.1.P", "9.5.2.P", "12.1.5.P", "12.4.5.P",
                                                 "13.1.4.P"}));
  std::set<std::string> p_categories;
  for (const auto* n : of_kind(c, "category"))
    if (ends_with(n->ref, ".P")) p_categories.insert(n->ref);
  EXPECT_EQ(p_categories, (std::set<std::string>{"6.3.P", "9.5.P"}));
  for (const auto* n : of_kind(c, "detail"))
    EXPECT_TRUE(ends_with(n->ref, ".B") || ends_with(n->ref, ".PB")) << n->ref;
  const domain::CatalogIndex index(c);
  EXPECT_NE(index.find("5.1.1"), nullptr);
  EXPECT_NE(index.find("18.2.3"), nullptr);
  EXPECT_NE(index.find("9.4.2.2.B"), nullptr);
}

TEST(Ismap2024, GovernanceAndManagement) {
  const auto& c = catalog("ismap-2024");
  const domain::CatalogIndex index(c);
  std::vector<std::string> processes;
  for (std::size_t i : index.children(*index.index_of("3.1"))) processes.push_back(c.nodes[i].title);
  EXPECT_EQ(processes, (std::vector<std::string>{"概要", "評価", "指示", "モニタ", "コミュニケーション", "保証"}));

  std::vector<std::string> governance_items, management_items;
  for (const auto* n : of_kind(c, "item")) (n->ref.rfind("3.", 0) == 0 ? governance_items : management_items).push_back(n->ref);
  EXPECT_EQ(governance_items.size(), 18u);
  EXPECT_EQ(governance_items.front(), "3.1.2.1");
  EXPECT_EQ(governance_items.back(), "3.1.6.2");
  EXPECT_EQ(management_items.size(), 64u);
  EXPECT_EQ(management_items.front(), "4.4.1.1");
  EXPECT_EQ(management_items.back(), "4.9.2.2");
  for (int clause = 1; clause <= 9; ++clause) EXPECT_NE(index.find("4." + std::to_string(clause)), nullptr);

  // The [27001-…] references, structured.
  const auto* n = index.find("4.4.1.1");
  ASSERT_NE(n, nullptr);
  std::vector<std::string> clauses;
  for (const auto& r : n->references) {
    EXPECT_EQ(r.standard, "JIS Q 27001:2014");
    clauses.push_back(r.clause);
  }
  EXPECT_EQ(clauses, (std::vector<std::string>{"5.1b)", "5.1e)", "5.1f)"}));
  EXPECT_EQ(index.find("4.4.1")->title, "組織の役割、責任及び権限");
  EXPECT_EQ(index.find("4.4.1")->references.size(), 2u);
}

TEST(Ismap2024, TreeLevelsAndFlagsFollowTheNumbers) {
  const auto& c = catalog("ismap-2024");
  const domain::CatalogIndex index(c);
  for (std::size_t i = 0; i < c.nodes.size(); ++i) {
    const auto& n = c.nodes[i];
    // The level is the count of numeric parts: "6.1.1.13.PB" -> 4, "6.3.P" -> 2.
    std::string numeric = std::regex_replace(n.ref, std::regex(R"(\.(P|B|PB)$)"), "");
    EXPECT_EQ(index.level(i), count_dots(numeric) + 1) << n.ref;
    if (!n.parent.empty()) {
      EXPECT_EQ(index.level(*index.index_of(n.parent)), index.level(i) - 1) << n.ref;
      const std::string parent_numeric = std::regex_replace(n.parent, std::regex(R"(\.(P|B|PB)$)"), "");
      EXPECT_EQ(numeric.rfind(parent_numeric + ".", 0), 0u) << n.ref << " under " << n.parent;
    }
    std::set<std::string> expected;
    if (ends_with(n.ref, ".P")) expected = {"P"};
    if (ends_with(n.ref, ".B")) expected = {"B"};
    if (ends_with(n.ref, ".PB")) expected = {"P", "B"};
    EXPECT_EQ(std::set<std::string>(n.flags.begin(), n.flags.end()), expected) << n.ref;
  }
}

TEST(Ismap2024, CategoriesCarryTheirObjective) {
  const auto& c = catalog("ismap-2024");
  for (const auto* n : of_kind(c, "category")) {
    if (n->ref == "9.5.P") continue;  // the seed prints no 管理目的 for 9.5.P (recorded in catalog.notes)
    EXPECT_FALSE(n->objective.empty()) << n->ref;
  }
  const domain::CatalogIndex index(c);
  EXPECT_EQ(squash(index.find("12.4")->objective), squash("イベントを記録し、証拠を作成するため。"));
}

TEST(Ismap2024, TextsMatchSeed000) {
  const domain::CatalogIndex index(catalog("ismap-2024"));
  for (const char* ref : {"12.4.4", "9.4.2.2.B", "18.2.3", "3.1.3.1", "6.1.1.13.PB", "15.1.1.16.B", "14.3.1", "5.1.2",
                          "12.4.5.P", "9.5.2.1.PB", "12.4.4.4.PB", "4.7.1.3", "3.1.2.3"}) {
    const auto* n = index.find(ref);
    ASSERT_NE(n, nullptr) << ref;
    EXPECT_EQ(squash(n->text), squash(seed_000_text(ref))) << ref;
  }
  // 5.1.1 carries a footnote: the text stops where "(脚注)" starts.
  const std::string seed = seed_000_text("5.1.1");
  const auto split = seed.find("(脚注)");
  ASSERT_NE(split, std::string::npos);
  const auto* n = index.find("5.1.1");
  EXPECT_EQ(squash(n->text), squash(seed.substr(0, split)));
  ASSERT_EQ(n->footnotes.size(), 1u);
  EXPECT_EQ(squash(n->footnotes[0]), squash(seed.substr(split + std::string("(脚注)").size())));
}

TEST(Ismap2024, ManagementTextsKeepEverySentence) {
  // 4.4.7.1 spans three seed lines (134-136): every sentence must survive.
  const auto* n = domain::CatalogIndex(catalog("ismap-2024")).find("4.4.7.1");
  ASSERT_NE(n, nullptr);
  EXPECT_NE(squash(n->text).find(squash("リスク受容基準を策定する際には、以下の点を考慮する。")), std::string::npos);
  EXPECT_EQ(n->text.find('<'), std::string::npos);
}

TEST(IsmapSheetSummary, QuestionsAndTheirIsmapNumbers) {
  const auto& c = catalog("ismap-sheet-summary");
  const domain::CatalogIndex index(c);
  std::vector<std::string> required;
  for (const auto& n : c.nodes)
    if (n.required) required.push_back(n.ref);
  ASSERT_EQ(required.size(), 44u);  // 3-1, 4-1..4-6, 5-1..5-37
  EXPECT_EQ(required.front(), "3-1");
  EXPECT_EQ(required[1], "4-1");
  EXPECT_EQ(required.back(), "5-37");
  EXPECT_EQ(index.find("3-1")->refers_to, std::vector<std::string>{"ismap-2024:3.1"});
  EXPECT_EQ(index.find("4-6")->refers_to, std::vector<std::string>{"ismap-2024:4.9"});
  EXPECT_EQ(index.find("5-4")->refers_to, std::vector<std::string>{"ismap-2024:6.3.P"});
  EXPECT_EQ(index.find("5-20")->refers_to, std::vector<std::string>{"ismap-2024:12.2"});
  EXPECT_EQ(index.find("5-37")->refers_to, std::vector<std::string>{"ismap-2024:18.2"});

  const auto* classification = index.find("1");
  ASSERT_TRUE(classification && classification->answer);
  std::vector<std::string> values;
  for (const auto& o : classification->answer->options) values.push_back(o.value);
  EXPECT_EQ(values, (std::vector<std::string>{"3B", "3C", "2"}));
  EXPECT_NE(classification->answer->options[0].examples.find("住民記録システム"), std::string::npos);

  const auto* listing = index.find("2");
  ASSERT_TRUE(listing && listing->answer);
  std::set<std::string> keys;
  for (const auto& f : listing->answer->fields) keys.insert(f.key);
  EXPECT_TRUE(keys.count("provider") && keys.count("service") && keys.count("listing")) << listing->answer->fields.size();
}

TEST(IsmapSheetDetailed, OneQuestionPerRequiredIsmapItem) {
  const auto& sheet = catalog("ismap-sheet-detailed");
  int questions = 0;
  for (const auto& n : sheet.nodes)
    if (n.kind == "question") {
      ++questions;
      EXPECT_TRUE(n.required);
      ASSERT_EQ(n.refers_to.size(), 1u);
      EXPECT_EQ(n.refers_to[0], "ismap-2024:" + n.ref);
    }
  EXPECT_EQ(questions, 18 + 64 + 121 + 31);
  EXPECT_EQ(sheet.nodes.front().ref, "3");
  EXPECT_EQ(sheet.nodes[1].ref, "3.1.2.1");
}

TEST(Iso27001_2022, NinetyThreeControlsUnderFourThemes) {
  const auto& c = catalog("iso27001-2022");
  const domain::CatalogIndex index(c);
  std::map<std::string, int> per_theme;
  for (const auto* n : of_kind(c, "control")) ++per_theme[n->parent];
  EXPECT_EQ(per_theme, (std::map<std::string, int>{{"5", 37}, {"6", 8}, {"7", 14}, {"8", 34}}));
  EXPECT_EQ(of_kind(c, "theme").size(), 4u);
  // Number and title only: no ISO text is carried.
  for (const auto& n : c.nodes) EXPECT_TRUE(n.text.empty()) << n.ref;
}

TEST(Iso27001_2022, JapaneseTitlesAreSeed001s) {
  // Table of contents lines of seed 001: "5.1 情報セキュリティのための方針群\tP6".
  std::map<std::string, std::string> toc;
  const std::regex line(R"(^([5-8]\.\d+)\s+(.*?)(?:\s*\.{3,})?\s+P\d+\s*$)");
  for (const auto& l : seed_lines("001")) {
    std::smatch m;
    if (std::regex_match(l, m, line)) toc.emplace(m[1], m[2]);
  }
  ASSERT_EQ(toc.size(), 93u);
  const domain::CatalogIndex index(catalog("iso27001-2022"));
  for (const auto& [ref, title] : toc) {
    const auto* n = index.find(ref);
    ASSERT_NE(n, nullptr) << ref;
    EXPECT_EQ(n->title, title) << ref;
  }
}

TEST(Iso27001_2022, EveryControlHasAllFiveAttributeSets) {
  const auto& c = catalog("iso27001-2022");
  const std::vector<std::string> types{"control_type", "security_property", "cybersecurity_concept",
                                       "operational_capability", "security_domain"};
  for (const auto& t : types) ASSERT_NE(c.info.find_attribute(t), nullptr) << t;
  for (const auto* n : of_kind(c, "control")) {
    for (const auto& t : types) {
      const auto* values = n->attribute(t);
      ASSERT_NE(values, nullptr) << n->ref << " " << t;
      EXPECT_FALSE(values->empty()) << n->ref << " " << t;
    }
  }
  // A few values anyone can check in ISO/IEC 27002:2022.
  const domain::CatalogIndex index(c);
  EXPECT_EQ(*index.find("8.17")->attribute("control_type"), std::vector<std::string>{"detective"});
  EXPECT_EQ(*index.find("5.7")->attribute("control_type"),
            (std::vector<std::string>{"preventive", "detective", "corrective"}));
  EXPECT_EQ(*index.find("8.13")->attribute("cybersecurity_concept"), std::vector<std::string>{"recover"});
  EXPECT_EQ(*index.find("5.1")->attribute("security_domain"),
            (std::vector<std::string>{"governance_and_ecosystem", "resilience"}));
  // The vocabulary's Japanese labels are seed 002 table 1's.
  EXPECT_EQ(c.info.find_attribute("control_type")->find_value("preventive")->name.ja, "予防");
  EXPECT_EQ(c.info.find_attribute("security_domain")->find_value("resilience")->name.ja, "レジリエンス");
}

TEST(Iso27001_2022, AttributesAgreeWithSeed002Table2) {
  // Table 2 lists controls per cybersecurity concept (row) and operational
  // capability (column): every control it names must carry both.
  const std::vector<std::pair<std::string, std::string>> rows{
      {"識別", "identify"}, {"防御(Protect)", "protect"}, {"検知(Detect)", "detect"}, {"対応", "respond"}, {"復旧", "recover"}};
  const std::vector<std::string> columns{"governance", "information_protection", "application_security"};
  const domain::CatalogIndex index(catalog("iso27001-2022"));
  int checked = 0;
  for (const auto& line : seed_lines("002")) {
    std::vector<std::string> cells;
    std::stringstream s(line);
    for (std::string cell; std::getline(s, cell, '\t');) cells.push_back(cell);
    if (cells.size() != 5) continue;
    for (const auto& [label, concept_key] : rows) {
      if (cells[1] != label) continue;
      for (std::size_t col = 0; col < 3; ++col) {
        const std::string& cell = cells[col + 2];
        static const std::regex control_ref(R"(([5-8]\.\d+) )");
        for (std::sregex_iterator it(cell.begin(), cell.end(), control_ref), end; it != end; ++it) {
          const auto* n = index.find((*it)[1].str());
          ASSERT_NE(n, nullptr) << (*it)[1];
          const auto* concepts = n->attribute("cybersecurity_concept");
          const auto* capabilities = n->attribute("operational_capability");
          EXPECT_NE(std::find(concepts->begin(), concepts->end(), concept_key), concepts->end())
              << n->ref << " lacks " << concept_key;
          EXPECT_NE(std::find(capabilities->begin(), capabilities->end(), columns[col]), capabilities->end())
              << n->ref << " lacks " << columns[col];
          ++checked;
        }
      }
    }
  }
  EXPECT_GT(checked, 40);  // the table names about fifty control/cell pairs
}

TEST(Iso27017_2015, SevenCloudControlsWithTheirParties) {
  const auto& c = catalog("iso27017-2015");
  std::map<std::string, std::vector<std::string>> parties;
  for (const auto& n : c.nodes) parties[n.ref] = *n.attribute("applies_to");
  const std::vector<std::string> both{"customer", "provider"}, provider{"provider"};
  EXPECT_EQ(parties, (std::map<std::string, std::vector<std::string>>{{"CLD.6.3.1", both},
                                                                    {"CLD.8.1.5", both},
                                                                    {"CLD.9.5.1", provider},
                                                                    {"CLD.9.5.2", both},
                                                                    {"CLD.12.1.5", both},
                                                                    {"CLD.12.4.5", both},
                                                                    {"CLD.13.1.4", provider}}));
  const domain::CatalogIndex index(c);
  EXPECT_EQ(index.find("CLD.6.3.1")->title, "クラウドコンピューティング環境における役割及び責任の共有及び分担");
  EXPECT_EQ(index.find("CLD.8.1.5")->title, "クラウドサービスカスタマの資産の除去");
}

TEST(CloudProvision, ChaptersAndTheApplicationRequirementsMamoriMeets) {
  const auto& c = catalog("cloud-provision");
  EXPECT_EQ(of_kind(c, "chapter").size(), 12u);
  const domain::CatalogIndex index(c);
  for (const char* ref : {"4.4.5", "6.1.2", "7.1.2", "11.1.3", "11.1.4", "11.1.7", "11.1.11", "11.1.12", "11.1.13",
                          "12.3.1", "12.3.2", "12.3.3"})
    EXPECT_NE(index.find(ref), nullptr) << ref;
  // Every line of these texts is in seed 004.
  std::string seed;
  for (const auto& l : seed_lines("004")) seed += squash(l);
  for (const char* ref : {"7.1.2", "12.3.2", "4.4.5", "11.1.11"}) {
    std::stringstream lines(index.find(ref)->text);
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind("・", 0) == 0) line = line.substr(std::string("・").size());  // bullet added where the seed has "- "
      EXPECT_NE(seed.find(squash(line)), std::string::npos) << ref << ": " << line;
    }
  }
  EXPECT_NE(index.find("12.3.2")->text.find("ランダム化"), std::string::npos);
}

TEST(Mappings, IsmapToAnnexACoversEveryControlObjective) {
  const auto& m = mapping("ismap-2024_iso27001-2022");
  EXPECT_EQ(m.from_catalog, "ismap-2024");
  EXPECT_EQ(m.to_catalog, "iso27001-2022");
  EXPECT_FALSE(m.source.empty());
  std::set<std::string> from, to;
  for (const auto& e : m.entries) {
    from.insert(e.from);
    to.insert(e.to);
  }
  for (const auto* n : of_kind(catalog("ismap-2024"), "objective"))
    if (!ends_with(n->ref, ".P")) {
      EXPECT_TRUE(from.count(n->ref)) << n->ref << " has no 2022 counterpart";
    }
  // The eleven controls new in 2022 have no 2013 source.
  std::set<std::string> unmapped;
  for (const auto* n : of_kind(catalog("iso27001-2022"), "control"))
    if (!to.count(n->ref)) unmapped.insert(n->ref);
  EXPECT_EQ(unmapped, (std::set<std::string>{"5.7", "5.23", "5.30", "7.4", "8.9", "8.10", "8.11", "8.12", "8.16", "8.23",
                                             "8.28"}));
  auto rel_of = [&m](const std::string& f, const std::string& t) {
    for (const auto& e : m.entries)
      if (e.from == f && e.to == t) return std::string(domain::to_string(e.rel));
    return std::string("none");
  };
  EXPECT_EQ(rel_of("12.4.4", "8.17"), "equal");
  EXPECT_EQ(rel_of("5.1.1", "5.1"), "subset");  // 5.1.1 and 5.1.2 merged into 5.1
}

TEST(Mappings, CloudControlsAreTheIsmapPItems) {
  const auto& m = mapping("iso27017-2015_ismap-2024");
  std::map<std::string, std::string> equal;
  for (const auto& e : m.entries)
    if (e.rel == domain::Relationship::equal) equal[e.from] = e.to;
  EXPECT_EQ(equal, (std::map<std::string, std::string>{{"CLD.6.3.1", "6.3.1.P"},
                                                        {"CLD.8.1.5", "8.1.5.P"},
                                                        {"CLD.9.5.1", "9.5.1.P"},
                                                        {"CLD.9.5.2", "9.5.2.P"},
                                                        {"CLD.12.1.5", "12.1.5.P"},
                                                        {"CLD.12.4.5", "12.4.5.P"},
                                                        {"CLD.13.1.4", "13.1.4.P"}}));
}

// The base controls that the SoA rule of seed 003 4.2.2 reads: every CLD
// control has at least one, and each CLD -> 27001 pair agrees with Annex B
// where the base is a 2013 control (through ismap-2024_iso27001-2022).
TEST(Mappings, EveryCloudControlHasAnAnnexABase) {
  const auto& m = mapping("iso27017-2015_iso27001-2022");
  EXPECT_EQ(m.from_catalog, "iso27017-2015");
  EXPECT_EQ(m.to_catalog, "iso27001-2022");
  std::map<std::string, std::set<std::string>> bases;
  for (const auto& e : m.entries) bases[e.from].insert(e.to);
  for (const auto& n : catalog("iso27017-2015").nodes) EXPECT_TRUE(bases.count(n.ref)) << n.ref << " has no base";
  EXPECT_EQ(bases["CLD.6.3.1"], (std::set<std::string>{"5.2"}));
  EXPECT_EQ(bases["CLD.8.1.5"], (std::set<std::string>{"5.11", "7.14"}));
  const auto& annex_b = mapping("ismap-2024_iso27001-2022");
  auto annex_b_has = [&annex_b](const std::string& from, const std::string& to) {
    for (const auto& e : annex_b.entries)
      if (e.from == from && e.to == to) return true;
    return false;
  };
  EXPECT_TRUE(annex_b_has("6.1.1", "5.2"));
  EXPECT_TRUE(annex_b_has("8.1.4", "5.11"));
  EXPECT_TRUE(annex_b_has("11.2.7", "7.14"));
  EXPECT_TRUE(annex_b_has("13.1.3", "8.22"));
  EXPECT_TRUE(annex_b_has("12.1.1", "5.37"));
  EXPECT_TRUE(annex_b_has("12.4.1", "8.15"));
  EXPECT_TRUE(annex_b_has("13.1.1", "8.20"));
}

TEST(Mappings, CybersecurityConceptsAreCsfFunctions) {
  const auto& m = mapping("iso27001-2022_nist-csf-2.0");
  EXPECT_EQ(m.from_attribute, "cybersecurity_concept");
  std::map<std::string, std::string> pairs;
  for (const auto& e : m.entries) pairs[e.from] = e.to;
  EXPECT_EQ(pairs, (std::map<std::string, std::string>{
                       {"identify", "ID"}, {"protect", "PR"}, {"detect", "DE"}, {"respond", "RS"}, {"recover", "RC"}}));
  // Expanded: every Annex A control reaches at least one function.
  auto expanded = domain::expand_mapping(m, catalog("iso27001-2022"));
  std::set<std::string> reached;
  for (const auto& e : expanded) reached.insert(e.from);
  EXPECT_EQ(reached.size(), 93u);
}

}  // namespace mamori
