// A fresh, empty mamori database for the store tests that run on both
// engines (TestWithParam<store::Engine>): SQLite in a temporary directory, or
// a new database in the PostgreSQL test cluster that ctest starts, dropped
// again when this object goes. One place for what seven fixtures repeated.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "store/database.h"
#include "support/temp_dir.h"

namespace mamori::test {

class EngineDatabase {
 public:
  EngineDatabase() = default;
  EngineDatabase(const EngineDatabase&) = delete;
  EngineDatabase& operator=(const EngineDatabase&) = delete;
  // Drops the PostgreSQL database; the Database opened on it must be gone.
  ~EngineDatabase();

  // Creates and opens the database (migrated). Fails the test with ASSERT
  // when it cannot, so call it as ASSERT_NO_FATAL_FAILURE(engine_.open(...)).
  void open(store::Engine engine, std::unique_ptr<store::Database>& out);

 private:
  TempDir dir_;
  std::string pg_db_;
};

// Names the parameterised cases sqlite / postgresql.
std::string engine_name(const ::testing::TestParamInfo<store::Engine>& info);

}  // namespace mamori::test
