#include "store/migrations.h"

namespace mamori::store {

// Conventions for both engines: ids are UUID text; times are UTC ISO 8601
// text with milliseconds (sorts as text); JSON is stored as text; booleans
// as INTEGER 0/1. The SQL is the common subset of SQLite 3.40 and
// PostgreSQL 15, so the repositories need one query per use.
const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1,
       "organisations and catalogs",
       {
           R"(CREATE TABLE tenants (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL CHECK (kind IN ('provider', 'customer', 'auditor')),
                created_at TEXT NOT NULL))",
           // A catalog version as loaded. Content never changes after
           // loading: a corrected or newer file becomes a new row (a new
           // revision or version), so what was made against the old one
           // keeps pointing at the old one.
           R"(CREATE TABLE catalogs (
                id TEXT PRIMARY KEY,
                catalog_key TEXT NOT NULL,
                version TEXT NOT NULL,
                revision INTEGER NOT NULL,
                title TEXT NOT NULL,
                title_en TEXT NOT NULL,
                header TEXT NOT NULL,
                content_sha256 TEXT NOT NULL,
                node_count INTEGER NOT NULL,
                origin TEXT NOT NULL CHECK (origin IN ('builtin', 'imported')),
                loaded_at TEXT NOT NULL,
                UNIQUE (catalog_key, version, revision),
                UNIQUE (catalog_key, content_sha256)))",
           R"(CREATE TABLE catalog_nodes (
                id TEXT PRIMARY KEY,
                catalog_id TEXT NOT NULL REFERENCES catalogs (id),
                position INTEGER NOT NULL,
                ref TEXT NOT NULL,
                parent_ref TEXT,
                kind TEXT NOT NULL,
                level INTEGER NOT NULL,
                title TEXT NOT NULL,
                flags TEXT NOT NULL,
                body TEXT NOT NULL,
                search_text TEXT NOT NULL,
                UNIQUE (catalog_id, ref),
                UNIQUE (catalog_id, position)))",
           "CREATE INDEX catalog_nodes_parent ON catalog_nodes (catalog_id, parent_ref, position)",
           // A mapping between two loaded catalog versions. Mappings are not
           // referenced by user data, so a corrected mapping replaces its
           // entries in place.
           R"(CREATE TABLE catalog_mappings (
                id TEXT PRIMARY KEY,
                mapping_key TEXT NOT NULL,
                from_catalog_id TEXT NOT NULL REFERENCES catalogs (id),
                to_catalog_id TEXT NOT NULL REFERENCES catalogs (id),
                title TEXT NOT NULL,
                source TEXT NOT NULL,
                method TEXT NOT NULL,
                content_sha256 TEXT NOT NULL,
                loaded_at TEXT NOT NULL,
                UNIQUE (mapping_key, from_catalog_id, to_catalog_id)))",
           R"(CREATE TABLE catalog_mapping_entries (
                mapping_id TEXT NOT NULL REFERENCES catalog_mappings (id),
                position INTEGER NOT NULL,
                from_ref TEXT NOT NULL,
                to_ref TEXT NOT NULL,
                rel TEXT NOT NULL CHECK (rel IN ('equal', 'subset', 'superset', 'intersect')),
                note TEXT NOT NULL,
                PRIMARY KEY (mapping_id, position)))",
           "CREATE INDEX catalog_mapping_from ON catalog_mapping_entries (from_ref, mapping_id)",
           "CREATE INDEX catalog_mapping_to ON catalog_mapping_entries (to_ref, mapping_id)",
       },
       {
           // Japanese has no spaces between words: a trigram index finds any
           // substring of three or more characters.
           "CREATE VIRTUAL TABLE catalog_nodes_fts USING fts5("
           "search_text, node_id UNINDEXED, catalog_id UNINDEXED, tokenize = 'trigram')",
       },
       {
           "CREATE EXTENSION IF NOT EXISTS pg_trgm",
           "CREATE INDEX catalog_nodes_search ON catalog_nodes USING gin (search_text gin_trgm_ops)",
       }},
  };
  return all;
}

int latest_schema_version() { return migrations().back().version; }

}  // namespace mamori::store
