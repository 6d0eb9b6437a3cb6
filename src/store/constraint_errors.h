// Internal to src/store: recognising a foreign-key violation from either
// engine, so a delete that other records still point at can be refused as a
// conflict instead of a database failure.
#pragma once

#include <soci/soci.h>

#include <string>

namespace mamori::store {

// SQLite: "FOREIGN KEY constraint failed"; PostgreSQL: "... violates foreign
// key constraint ...".
inline bool is_foreign_key_violation(const soci::soci_error& e) {
  const std::string what = e.what();
  return what.find("FOREIGN KEY constraint failed") != std::string::npos ||
         what.find("violates foreign key constraint") != std::string::npos;
}

}  // namespace mamori::store
