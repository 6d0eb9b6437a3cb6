// The schema, as numbered migrations. A migration is never edited once it
// has shipped: change the schema by appending a new one.
#pragma once

#include <string>
#include <vector>

#include "store/database.h"

namespace mamori::store {

struct Migration {
  int version;
  std::string name;
  std::vector<std::string> common;      // both engines
  std::vector<std::string> sqlite;      // SQLite only (after common)
  std::vector<std::string> postgresql;  // PostgreSQL only (after common)
};

const std::vector<Migration>& migrations();
int latest_schema_version();

}  // namespace mamori::store
