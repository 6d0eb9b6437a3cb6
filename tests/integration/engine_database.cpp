#include "engine_database.h"

#include <libpq-fe.h>

#include <fstream>
#include <random>

namespace mamori::test {

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
  EXPECT_TRUE(PQresultStatus(r) == PGRES_COMMAND_OK) << PQerrorMessage(conn);
  PQclear(r);
  PQfinish(conn);
}

}  // namespace

void EngineDatabase::open(store::Engine engine, std::unique_ptr<store::Database>& out) {
  store::DatabaseUrl url = store::sqlite_in_dir(dir_.path());
  if (engine == store::Engine::postgresql) {
    const std::string base = pg_base_url();
    ASSERT_FALSE(base.empty()) << "no PostgreSQL test cluster (" << MAMORI_PG_URL_FILE << "): run through ctest";
    std::mt19937_64 rng(std::random_device{}());
    pg_db_ = "t_" + std::to_string(rng() % 1000000000000ull);
    ASSERT_NO_FATAL_FAILURE(pg_exec(base, "CREATE DATABASE " + pg_db_));
    url = store::DatabaseUrl{store::Engine::postgresql, base.substr(0, base.rfind('/') + 1) + pg_db_};
  }
  auto db = store::Database::open(url);
  ASSERT_TRUE(db) << db.error().describe();
  out = std::move(db.value());
}

EngineDatabase::~EngineDatabase() {
  if (!pg_db_.empty()) pg_exec(pg_base_url(), "DROP DATABASE IF EXISTS " + pg_db_ + " WITH (FORCE)");
}

std::string engine_name(const ::testing::TestParamInfo<store::Engine>& info) { return store::to_string(info.param); }

}  // namespace mamori::test
