// The store against both engines: the same tests on SQLite (a file in a
// temp dir) and PostgreSQL (a fresh database on the test cluster that CTest
// starts on loopback). A missing PostgreSQL is a failure, never a skip.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <fstream>
#include <random>
#include <set>

#include "app/catalog_loader.h"
#include "app/catalog_queries.h"
#include "domain/sheet_template.h"
#include "store/catalog_repository.h"
#include "store/database.h"
#include "store/migrations.h"
#include "store/tenant_repository.h"
#include "support/temp_dir.h"

namespace mamori {

namespace {

std::string pg_base_url() {
  std::ifstream in(MAMORI_PG_URL_FILE);
  std::string url;
  std::getline(in, url);
  return url;
}

void pg_exec(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  ASSERT_EQ(PQstatus(conn), CONNECTION_OK) << PQerrorMessage(conn);
  PGresult* r = PQexec(conn, sql.c_str());
  EXPECT_TRUE(PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK) << PQerrorMessage(conn);
  PQclear(r);
  PQfinish(conn);
}

class StoreTest : public ::testing::TestWithParam<store::Engine> {
 protected:
  void SetUp() override {
    if (GetParam() == store::Engine::sqlite) {
      url_ = store::sqlite_in_dir(dir_.path());
    } else {
      const std::string base = pg_base_url();
      ASSERT_FALSE(base.empty()) << "no PostgreSQL test cluster: " << MAMORI_PG_URL_FILE
                                 << " is missing. Run the tests through ctest (it starts the cluster) or `make test`.";
      std::mt19937_64 rng(std::random_device{}());
      pg_db_ = "t_" + std::to_string(rng() % 1000000000000ull);
      pg_exec(base, "CREATE DATABASE " + pg_db_);
      url_ = store::DatabaseUrl{store::Engine::postgresql, base.substr(0, base.rfind('/') + 1) + pg_db_};
    }
    auto db = store::Database::open(url_);
    ASSERT_TRUE(db) << db.error().describe();
    db_ = std::move(db.value());
  }

  void TearDown() override {
    db_.reset();
    if (!pg_db_.empty()) pg_exec(pg_base_url(), "DROP DATABASE IF EXISTS " + pg_db_ + " WITH (FORCE)");
  }

  void load_builtins() {
    auto bundle = app::builtin_bundle();
    ASSERT_TRUE(bundle) << bundle.error().message;
    auto loaded = app::load_bundle(*db_, *bundle.value(), "builtin");
    ASSERT_TRUE(loaded) << loaded.error().describe();
  }

  std::vector<std::string> search(const std::string& catalog, const std::string& text, int limit = 200) {
    auto found = app::search_catalog(*db_, catalog, text, limit);
    EXPECT_TRUE(found) << (found ? "" : found.error().describe());
    std::vector<std::string> refs;
    if (found)
      for (const auto& n : found.value()) refs.push_back(n.node.ref);
    return refs;
  }

  test::TempDir dir_;
  store::DatabaseUrl url_;
  std::string pg_db_;
  std::unique_ptr<store::Database> db_;
};

std::string engine_name(const ::testing::TestParamInfo<store::Engine>& info) { return store::to_string(info.param); }

}  // namespace

namespace store {
// Test names and failure messages say "sqlite"/"postgresql", not bytes.
void PrintTo(Engine engine, std::ostream* os) { *os << to_string(engine); }
}  // namespace store

INSTANTIATE_TEST_SUITE_P(Engines, StoreTest, ::testing::Values(store::Engine::sqlite, store::Engine::postgresql),
                         engine_name);

TEST_P(StoreTest, MigratesToTheLatestSchema) {
  EXPECT_EQ(db_->schema_version(), store::latest_schema_version());
  db_.reset();
  auto again = store::Database::open(url_);
  ASSERT_TRUE(again) << again.error().describe();
  EXPECT_EQ(again.value()->schema_version(), store::latest_schema_version());
}

TEST_P(StoreTest, RefusesADatabaseFromANewerMamori) {
  db_.reset();
  // A later release migrated this database further than this build knows.
  const std::string future = "INSERT INTO schema_migrations VALUES (999, 'future', '2030-01-01T00:00:00.000Z')";
  if (GetParam() == store::Engine::postgresql) {
    pg_exec(url_.target, future);
  } else {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(url_.target.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, future.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);
  }
  auto reopened = store::Database::open(url_);
  ASSERT_FALSE(reopened);
  EXPECT_EQ(reopened.error().code, ErrorCode::conflict);
  EXPECT_NE(reopened.error().message.find("newer than this mamori"), std::string::npos) << reopened.error().message;
}

TEST_P(StoreTest, LoadsEveryBuiltinCatalogOnce) {
  load_builtins();
  auto list = app::list_catalogs(*db_);
  ASSERT_TRUE(list);
  std::set<std::string> ids;
  for (const auto& c : list.value()) ids.insert(c.info.id);
  EXPECT_EQ(ids.size(), 7u);
  EXPECT_TRUE(ids.count("ismap-2024"));

  auto bundle = app::builtin_bundle();
  auto second = app::load_bundle(*db_, *bundle.value(), "builtin");
  ASSERT_TRUE(second);
  EXPECT_TRUE(second->loaded.empty());
  EXPECT_EQ(second->unchanged.size(), 7u);
  EXPECT_EQ(second->mappings_loaded, 0);
  auto after = app::list_catalogs(*db_, true);
  EXPECT_EQ(after->size(), 7u);  // no second row for anything
}

TEST_P(StoreTest, NodesComeBackExactlyAsLoaded) {
  load_builtins();
  auto bundle = app::builtin_bundle();
  for (const auto& original : bundle.value()->catalogs) {
    auto stored = app::export_catalog(*db_, original.info.id);
    ASSERT_TRUE(stored) << stored.error().describe();
    ASSERT_EQ(stored->nodes.size(), original.nodes.size()) << original.info.id;
    EXPECT_EQ(store::catalog_content_hash(stored.value()), store::catalog_content_hash(original)) << original.info.id;
  }
}

TEST_P(StoreTest, ANewVersionNeverRewritesTheOldOne) {
  load_builtins();
  auto old = app::show_node(*db_, "ismap-2024", "12.4.4");
  ASSERT_TRUE(old);
  const std::string old_text = old->node.node.text;
  const std::string old_row = old->catalog.id;

  // The next edition: one text reworded, one item added.
  domain::Catalog next = *app::builtin_bundle().value()->find("ismap-2024");
  next.info.version = "2025-10-01";
  for (auto& n : next.nodes)
    if (n.ref == "12.4.4") n.text = "改訂された本文。";
  domain::Node added = next.nodes.back();
  added.ref = "18.2.4";
  added.title = "新しい統制目標";
  added.parent = "18.2";
  next.nodes.push_back(added);
  formats::CatalogBundle update;
  update.catalogs.push_back(next);
  ASSERT_TRUE(app::load_bundle(*db_, update, "imported"));

  auto latest = app::show_node(*db_, "ismap-2024", "12.4.4");
  ASSERT_TRUE(latest);
  EXPECT_EQ(latest->catalog.info.version, "2025-10-01");
  EXPECT_EQ(latest->node.node.text, "改訂された本文。");
  auto kept = app::show_node(*db_, "ismap-2024", "12.4.4", "2024-08-01");
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->catalog.id, old_row);
  EXPECT_EQ(kept->node.node.text, old_text);
  EXPECT_FALSE(app::show_node(*db_, "ismap-2024", "18.2.4", "2024-08-01"));
  EXPECT_TRUE(app::show_node(*db_, "ismap-2024", "18.2.4"));
  auto all = app::list_catalogs(*db_, true);
  int versions = 0;
  for (const auto& c : all.value()) versions += c.info.id == "ismap-2024";
  EXPECT_EQ(versions, 2);

  // The same version with corrected content becomes revision 2; revision 1 stays.
  next.nodes.front().text += "（訂正）";
  formats::CatalogBundle correction;
  correction.catalogs.push_back(next);
  ASSERT_TRUE(app::load_bundle(*db_, correction, "imported"));
  auto corrected = app::find_catalog(*db_, "ismap-2024");
  ASSERT_TRUE(corrected);
  EXPECT_EQ(corrected->info.version, "2025-10-01");
  EXPECT_EQ(corrected->revision, 2);
}

TEST_P(StoreTest, SearchFindsJapaneseSubstrings) {
  load_builtins();
  EXPECT_EQ(search("ismap-2024", "クロック"), (std::vector<std::string>{"12.4.4", "12.4.4.4.PB"}));
  EXPECT_EQ(search("ismap-2024", "ｸﾛｯｸ"), (std::vector<std::string>{"12.4.4", "12.4.4.4.PB"}));  // half-width
  auto crypto = search("ismap-2024", "暗号");  // two characters: below the trigram length
  EXPECT_NE(std::find(crypto.begin(), crypto.end(), "10.1.1"), crypto.end());
  EXPECT_NE(std::find(crypto.begin(), crypto.end(), "9.4.2.2.B"), crypto.end());
  EXPECT_EQ(search("ismap-2024", "9.4.2.2.B"), std::vector<std::string>{"9.4.2.2.B"});
  EXPECT_EQ(search("iso27001-2022", "clock synchronization"), std::vector<std::string>{"8.17"});
  EXPECT_EQ(search("iso27001-2022", "ＣＬＯＣＫ"), std::vector<std::string>{"8.17"});
  EXPECT_EQ(search("ismap-2024", "クロック", 1).size(), 1u);
  EXPECT_TRUE(search("ismap-2024", "存在しない語句の組合せ").empty());
}

TEST_P(StoreTest, SearchTreatsEveryQueryAsLiteralText) {
  load_builtins();
  for (const std::string hostile : {"\"", "%", "_", "%%", "\\", "' OR 1=1 --", "クロック\" OR \"a", "NEAR(a b)",
                                    "a*", "'); DROP TABLE catalog_nodes; --", "^クロック"}) {
    auto found = app::search_catalog(*db_, "ismap-2024", hostile);
    ASSERT_TRUE(found) << hostile << ": " << found.error().describe();
    // No catalog text contains these strings, so nothing may match: a
    // pattern character must not turn into a wildcard.
    EXPECT_TRUE(found->empty()) << hostile << " matched " << found->size();
  }
  EXPECT_EQ(search("ismap-2024", "クロック").size(), 2u);  // and the table is still there
  EXPECT_FALSE(app::search_catalog(*db_, "ismap-2024", "   "));
  EXPECT_FALSE(app::search_catalog(*db_, "ismap-2024", std::string("\xff\xfe")));
  EXPECT_FALSE(app::search_catalog(*db_, "ismap-2024", std::string(2000, 'a')));
}

TEST_P(StoreTest, LinksReadFromEitherSide) {
  load_builtins();
  auto ismap = app::show_node(*db_, "ismap-2024", "12.4.4");
  ASSERT_TRUE(ismap);
  ASSERT_EQ(ismap->links.size(), 1u);
  EXPECT_EQ(ismap->links[0].link.other_catalog, "iso27001-2022");
  EXPECT_EQ(ismap->links[0].link.other_ref, "8.17");
  EXPECT_EQ(ismap->links[0].link.rel, domain::Relationship::equal);
  EXPECT_EQ(ismap->links[0].other_title, "クロックの同期");
  EXPECT_EQ(ismap->links[0].other_title_en, "Clock synchronization");
  ASSERT_EQ(ismap->children.size(), 1u);
  EXPECT_EQ(ismap->children[0].node.ref, "12.4.4.4.PB");
  ASSERT_TRUE(ismap->parent);
  EXPECT_EQ(ismap->parent->node.ref, "12.4");

  auto annex = app::show_node(*db_, "iso27001-2022", "8.17");
  ASSERT_TRUE(annex);
  std::set<std::string> seen;
  for (const auto& l : annex->links)
    seen.insert(l.link.other_catalog + ":" + l.link.other_ref + ":" + domain::to_string(l.link.rel));
  EXPECT_TRUE(seen.count("ismap-2024:12.4.4:equal"));
  EXPECT_TRUE(seen.count("nist-csf-2.0:DE:subset"));

  // CLD.9.5.2 covers more than the one ISMAP detail under it: superset one
  // way, subset the other.
  auto detail = app::show_node(*db_, "ismap-2024", "9.5.2.1.PB");
  ASSERT_TRUE(detail);
  bool found = false;
  for (const auto& l : detail->links)
    if (l.link.other_ref == "CLD.9.5.2") {
      found = true;
      EXPECT_EQ(l.link.rel, domain::Relationship::subset);
    }
  EXPECT_TRUE(found);
}

TEST_P(StoreTest, UnknownCatalogsAndRefsAreNotFound) {
  load_builtins();
  auto missing = app::show_node(*db_, "ismap-2024", "99.9");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::not_found);
  auto no_catalog = app::catalog_nodes(*db_, "nope");
  ASSERT_FALSE(no_catalog);
  EXPECT_NE(no_catalog.error().message.find("known: "), std::string::npos);
  auto no_version = app::catalog_nodes(*db_, "ismap-2024", "1999");
  ASSERT_FALSE(no_version);
  EXPECT_NE(no_version.error().message.find("2024-08-01"), std::string::npos);
}

TEST_P(StoreTest, TenantsHaveUniqueNames) {
  ASSERT_TRUE(db_->with_write([](store::Tx& tx) -> Status {
    auto t = store::create_tenant(tx, "デモクラウド株式会社", domain::TenantKind::provider);
    if (!t) return t.error();
    EXPECT_EQ(t->id.size(), 36u);
    EXPECT_EQ(t->id[14], '7');  // UUID version 7
    return ok();
  }));
  auto duplicate = db_->with_write([](store::Tx& tx) -> Status {
    auto t = store::create_tenant(tx, "デモクラウド株式会社", domain::TenantKind::customer);
    return t ? ok() : Status(t.error());
  });
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().code, ErrorCode::conflict);
}

TEST_P(StoreTest, AFailedTransactionLeavesNothingBehind) {
  auto failed = db_->with_write([](store::Tx& tx) -> Status {
    auto t = store::create_tenant(tx, "途中で失敗する組織", domain::TenantKind::auditor);
    if (!t) return t.error();
    return make_error(ErrorCode::invalid_input, "a later step failed");
  });
  ASSERT_FALSE(failed);
  ASSERT_TRUE(db_->with_read([](store::Tx& tx) -> Status {
    auto found = store::find_tenant_by_name(tx, "途中で失敗する組織");
    EXPECT_TRUE(found);
    EXPECT_FALSE(found.value());
    return ok();
  }));
}

TEST(DatabaseUrl, ParsesBothEnginesAndHidesPasswords) {
  auto pg = store::parse_database_url("postgresql://mamori:secret@db.example:5432/mamori");
  ASSERT_TRUE(pg);
  EXPECT_EQ(pg->engine, store::Engine::postgresql);
  EXPECT_EQ(pg->display(), "postgresql://mamori:***@db.example:5432/mamori");
  auto lite = store::parse_database_url("sqlite:/var/lib/mamori/mamori.db");
  ASSERT_TRUE(lite);
  EXPECT_EQ(lite->engine, store::Engine::sqlite);
  EXPECT_EQ(lite->target, "/var/lib/mamori/mamori.db");
  EXPECT_FALSE(store::parse_database_url(""));
  EXPECT_FALSE(store::parse_database_url("bad\"path"));
}

TEST(Database, OpeningAMissingSqliteFileWithoutCreateIsNotFound) {
  test::TempDir dir;
  store::OpenOptions options;
  options.create_if_missing = false;
  auto db = store::Database::open(store::sqlite_in_dir(dir.path()), options);
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, ErrorCode::not_found);
  EXPECT_NE(db.error().message.find("mamori init"), std::string::npos);
}

}  // namespace mamori
