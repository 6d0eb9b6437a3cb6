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
      {2,
       "accounts, sessions, API tokens, audit log",
       {
           // One account per person (e-mail, lower-cased, unique); membership
           // in several organisations, one role in each.
           R"(CREATE TABLE users (
                id TEXT PRIMARY KEY,
                email TEXT NOT NULL UNIQUE,
                display_name TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                password_changed_at TEXT NOT NULL,
                must_change_password INTEGER NOT NULL,
                totp_secret_sealed TEXT,
                totp_pending_sealed TEXT,
                totp_enabled_at TEXT,
                totp_last_step INTEGER NOT NULL,
                disabled_at TEXT,
                created_at TEXT NOT NULL))",
           R"(CREATE TABLE memberships (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                user_id TEXT NOT NULL REFERENCES users (id),
                role TEXT NOT NULL CHECK (role IN ('admin', 'isms_manager', 'editor', 'auditor', 'viewer', 'respondent')),
                created_at TEXT NOT NULL,
                PRIMARY KEY (tenant_id, user_id)))",
           "CREATE INDEX memberships_user ON memberships (user_id)",
           R"(CREATE TABLE tenant_settings (
                tenant_id TEXT PRIMARY KEY REFERENCES tenants (id),
                banner_ja TEXT NOT NULL,
                banner_en TEXT NOT NULL,
                require_mfa INTEGER NOT NULL,
                password_min_length INTEGER NOT NULL,
                idle_timeout_seconds INTEGER NOT NULL,
                absolute_lifetime_seconds INTEGER NOT NULL,
                updated_at TEXT NOT NULL))",
           // Only a hash of the session secret is kept: the secret exists
           // only in the browser. (CSRF tokens are derived from it.)
           R"(CREATE TABLE sessions (
                id TEXT PRIMARY KEY,
                secret_hash TEXT NOT NULL UNIQUE,
                user_id TEXT NOT NULL REFERENCES users (id),
                active_tenant_id TEXT REFERENCES tenants (id),
                stage TEXT NOT NULL CHECK (stage IN ('mfa', 'mfa_enrolment', 'password_change', 'active')),
                created_at TEXT NOT NULL,
                last_seen_at TEXT NOT NULL,
                idle_timeout_seconds INTEGER NOT NULL,
                expires_at TEXT NOT NULL,
                locked_at TEXT,
                ended_at TEXT,
                end_reason TEXT,
                source_ip TEXT NOT NULL,
                user_agent TEXT NOT NULL))",
           "CREATE INDEX sessions_user ON sessions (user_id, ended_at)",
           R"(CREATE TABLE recovery_codes (
                user_id TEXT NOT NULL REFERENCES users (id),
                code_hash TEXT NOT NULL,
                created_at TEXT NOT NULL,
                used_at TEXT,
                PRIMARY KEY (user_id, code_hash)))",
           R"(CREATE TABLE api_tokens (
                id TEXT PRIMARY KEY,
                secret_hash TEXT NOT NULL UNIQUE,
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                created_by TEXT NOT NULL REFERENCES users (id),
                name TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('admin', 'isms_manager', 'editor', 'auditor', 'viewer', 'respondent')),
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                revoked_at TEXT,
                last_used_at TEXT))",
           "CREATE INDEX api_tokens_tenant ON api_tokens (tenant_id)",
           R"(CREATE TABLE login_failures (
                id TEXT PRIMARY KEY,
                email TEXT NOT NULL,
                source_ip TEXT NOT NULL,
                at TEXT NOT NULL))",
           "CREATE INDEX login_failures_email ON login_failures (email, at)",
           "CREATE INDEX login_failures_ip ON login_failures (source_ip, at)",
           // The head of each hash chain, locked by the writer that appends,
           // so concurrent writers take turns per chain.
           R"(CREATE TABLE audit_chains (
                chain TEXT PRIMARY KEY,
                last_seq INTEGER NOT NULL,
                last_hash TEXT NOT NULL))",
           // No foreign keys: the log outlives what it talks about.
           R"(CREATE TABLE audit_log (
                id TEXT PRIMARY KEY,
                chain TEXT NOT NULL,
                seq INTEGER NOT NULL,
                at TEXT NOT NULL,
                tenant_id TEXT,
                actor_user_id TEXT,
                actor_label TEXT NOT NULL,
                source_ip TEXT NOT NULL,
                action TEXT NOT NULL,
                object_type TEXT NOT NULL,
                object_id TEXT NOT NULL,
                outcome TEXT NOT NULL,
                privileged INTEGER NOT NULL,
                details TEXT NOT NULL,
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL,
                UNIQUE (chain, seq)))",
           "CREATE INDEX audit_log_tenant ON audit_log (tenant_id, at)",
           "CREATE INDEX audit_log_actor ON audit_log (actor_user_id, at)",
       },
       {},
       {}},
  };
  return all;
}

int latest_schema_version() { return migrations().back().version; }

}  // namespace mamori::store
