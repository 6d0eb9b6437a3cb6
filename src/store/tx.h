// Internal to src/store: the transaction handle the repositories use. Only
// store .cpp files include this (it pulls in SOCI).
#pragma once

#include <soci/soci.h>

#include "store/database.h"

namespace mamori::store {

class KeptStatements;  // store/hot_query.h

class Tx {
 public:
  Tx(soci::session& session, Engine engine, KeptStatements* statements = nullptr)
      : session_(session), engine_(engine), statements_(statements) {}
  soci::session& sql() { return session_; }
  Engine engine() const { return engine_; }
  // The connection's kept statements (store/hot_query.h).
  KeptStatements* kept_statements() { return statements_; }

 private:
  soci::session& session_;
  Engine engine_;
  KeptStatements* statements_;
};

// Escapes % _ and \ for a LIKE pattern used with ESCAPE '\'.
std::string like_escape(const std::string& text);

}  // namespace mamori::store
