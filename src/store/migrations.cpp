#include "store/migrations.h"

namespace mamori::store {

// Migration 4: the questions of an incoming sheet, each with what mamori
// proposed (and from where) and what a person decided. In both engines'
// lists, after incoming_sheets (whose bytes column differs by engine).
const char* const kIncomingQuestions =
    R"(CREATE TABLE incoming_questions (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                incoming_id TEXT NOT NULL REFERENCES incoming_sheets (id),
                seq INTEGER NOT NULL,
                sheet_name TEXT NOT NULL,
                cell_row INTEGER NOT NULL,
                ref TEXT NOT NULL,
                title TEXT NOT NULL,
                question TEXT NOT NULL,
                sheet_ref TEXT NOT NULL,
                answer_cell TEXT NOT NULL,
                remarks_cell TEXT NOT NULL,
                current_answer TEXT NOT NULL,
                current_remarks TEXT NOT NULL,
                proposal_source TEXT NOT NULL CHECK (proposal_source IN ('library', 'catalog', 'none')),
                proposal_matched_by TEXT NOT NULL,
                proposal_answer TEXT NOT NULL CHECK (proposal_answer IN ('yes', 'no', 'na', 'blank')),
                proposal_explanation TEXT NOT NULL,
                proposal_library_id TEXT,
                proposal_library_version INTEGER,
                proposal_catalog_key TEXT NOT NULL,
                proposal_catalog_ref TEXT NOT NULL,
                proposal_catalog_title TEXT NOT NULL,
                proposal_confidence DOUBLE PRECISION NOT NULL,
                proposal_flags TEXT NOT NULL,
                decision TEXT NOT NULL CHECK (decision IN ('proposed', 'accepted', 'edited', 'skipped')),
                final_answer TEXT NOT NULL CHECK (final_answer IN ('yes', 'no', 'na', 'blank')),
                final_explanation TEXT NOT NULL,
                decided_by TEXT,
                decided_at TEXT,
                PRIMARY KEY (incoming_id, seq)))";

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
      {3,
       "check sheets",
       {
           // A procurement's questionnaire. Its questions are its own copy of
           // the template (sheet_items), so tailoring never touches the
           // catalog and a later catalog version never changes a sent sheet.
           R"(CREATE TABLE sheets (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                title TEXT NOT NULL,
                template_id TEXT NOT NULL CHECK (template_id IN ('ismap-sheet-summary', 'ismap-sheet-detailed')),
                counterparty TEXT NOT NULL,
                service_name TEXT NOT NULL,
                due_date TEXT NOT NULL,
                classification TEXT NOT NULL CHECK (classification IN ('3B', '3C', '2', '')),
                information_details TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('draft', 'sent', 'closed')),
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL))",
           "CREATE INDEX sheets_tenant ON sheets (tenant_id, created_at)",
           // Groups (section headings of the table) and questions. A dropped
           // question stays, with its reason, and is neither asked nor judged.
           R"(CREATE TABLE sheet_items (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                sheet_id TEXT NOT NULL REFERENCES sheets (id),
                position INTEGER NOT NULL,
                ref TEXT NOT NULL,
                parent_ref TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('group', 'question')),
                ismap_ref TEXT NOT NULL,
                title TEXT NOT NULL,
                requirement TEXT NOT NULL,
                required INTEGER NOT NULL CHECK (required IN (0, 1)),
                change TEXT NOT NULL CHECK (change IN ('none', 'added', 'reworded', 'dropped')),
                change_reason TEXT NOT NULL,
                PRIMARY KEY (sheet_id, ref),
                UNIQUE (sheet_id, position)))",
           // One vendor's answer to a sheet: imported from a returned .xlsx,
           // or typed in the web form by a respondent account.
           R"(CREATE TABLE sheet_responses (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                sheet_id TEXT NOT NULL REFERENCES sheets (id),
                vendor_name TEXT NOT NULL,
                source TEXT NOT NULL CHECK (source IN ('web', 'xlsx')),
                status TEXT NOT NULL CHECK (status IN ('invited', 'in_progress', 'submitted', 'imported')),
                respondent_user_id TEXT REFERENCES users (id),
                listing_conformity TEXT NOT NULL CHECK (listing_conformity IN ('yes', 'no', 'na', 'blank', 'unreadable')),
                listing_provider TEXT NOT NULL,
                listing_service TEXT NOT NULL,
                listing_kind TEXT NOT NULL,
                classification TEXT NOT NULL CHECK (classification IN ('3B', '3C', '2', '')),
                details TEXT NOT NULL,
                file_name TEXT NOT NULL,
                import_problems TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                submitted_at TEXT))",
           "CREATE INDEX sheet_responses_sheet ON sheet_responses (tenant_id, sheet_id, created_at)",
           "CREATE INDEX sheet_responses_respondent ON sheet_responses (respondent_user_id)",
           // Where an imported answer was (sheet, row, column) so a report
           // can point at the cell the vendor wrote.
           R"(CREATE TABLE sheet_answers (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                response_id TEXT NOT NULL REFERENCES sheet_responses (id),
                ref TEXT NOT NULL,
                answer TEXT NOT NULL CHECK (answer IN ('yes', 'no', 'na', 'blank', 'unreadable')),
                raw TEXT NOT NULL,
                alternative TEXT NOT NULL,
                cell_sheet TEXT NOT NULL,
                cell_row INTEGER NOT NULL,
                cell_column INTEGER NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (response_id, ref)))",
           // The latest decision per item; the audit log keeps every one.
           R"(CREATE TABLE sheet_reviews (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                response_id TEXT NOT NULL REFERENCES sheet_responses (id),
                ref TEXT NOT NULL,
                decision TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected')),
                comment TEXT NOT NULL,
                reviewer_user_id TEXT NOT NULL,
                reviewer TEXT NOT NULL,
                decided_at TEXT NOT NULL,
                PRIMARY KEY (response_id, ref)))",
           // The ISMAP / ISMAP-LIU service list a procurer evaluates against;
           // importing a new list replaces the organisation's old one.
           R"(CREATE TABLE service_lists (
                tenant_id TEXT PRIMARY KEY REFERENCES tenants (id),
                file_name TEXT NOT NULL,
                imported_by TEXT NOT NULL,
                imported_at TEXT NOT NULL))",
           R"(CREATE TABLE service_list_entries (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                position INTEGER NOT NULL,
                registration TEXT NOT NULL,
                service TEXT NOT NULL,
                provider TEXT NOT NULL,
                kind TEXT NOT NULL,
                registered TEXT NOT NULL,
                valid_until TEXT NOT NULL,
                PRIMARY KEY (tenant_id, position)))",
       },
       {
           // Evidence files: the bytes in the database (BLOB here, BYTEA
           // there), so a backup of the database is a backup of the evidence.
           R"(CREATE TABLE sheet_evidence (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                response_id TEXT NOT NULL REFERENCES sheet_responses (id),
                ref TEXT NOT NULL,
                file_name TEXT NOT NULL,
                content_type TEXT NOT NULL,
                size INTEGER NOT NULL,
                sha256 TEXT NOT NULL,
                bytes BLOB NOT NULL,
                uploaded_by TEXT NOT NULL,
                uploaded_at TEXT NOT NULL))",
           "CREATE INDEX sheet_evidence_response ON sheet_evidence (response_id, uploaded_at)",
       },
       {
           R"(CREATE TABLE sheet_evidence (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                response_id TEXT NOT NULL REFERENCES sheet_responses (id),
                ref TEXT NOT NULL,
                file_name TEXT NOT NULL,
                content_type TEXT NOT NULL,
                size INTEGER NOT NULL,
                sha256 TEXT NOT NULL,
                bytes BYTEA NOT NULL,
                uploaded_by TEXT NOT NULL,
                uploaded_at TEXT NOT NULL))",
           "CREATE INDEX sheet_evidence_response ON sheet_evidence (response_id, uploaded_at)",
       }},
      {4,
       "answer library",
       {
           // A vendor's answer library (回答マスタ). The row holds the latest
           // version; approved_version names the version that answers
           // sheets, so editing an approved answer (a new draft version)
           // does not take it out of use until the new one is approved.
           // catalog_key and ref are NULL for a free question.
           R"(CREATE TABLE library_answers (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                catalog_key TEXT,
                ref TEXT,
                question TEXT NOT NULL,
                answer TEXT NOT NULL CHECK (answer IN ('yes', 'no', 'na')),
                explanation TEXT NOT NULL,
                evidence TEXT NOT NULL,
                scope TEXT NOT NULL,
                owner TEXT NOT NULL,
                review_due TEXT,
                status TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'retired')),
                version INTEGER NOT NULL,
                approved_version INTEGER,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_by TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                approved_by TEXT,
                approved_at TEXT))",
           "CREATE INDEX library_answers_item ON library_answers (tenant_id, catalog_key, ref)",
           // Every saved version as it was (JSON of the content), with who,
           // when and why; approval is recorded on the version approved.
           R"(CREATE TABLE library_answer_versions (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                answer_id TEXT NOT NULL REFERENCES library_answers (id),
                version INTEGER NOT NULL,
                content TEXT NOT NULL,
                saved_by TEXT NOT NULL,
                saved_at TEXT NOT NULL,
                reason TEXT NOT NULL,
                approved_by TEXT,
                approved_at TEXT,
                PRIMARY KEY (answer_id, version)))",
       },
       {
           // A customer's questionnaire as uploaded (up to 64 MiB, the
           // .xlsx reader's limit): the answered file is this one with the
           // answer cells patched. BLOB here, BYTEA there.
           R"(CREATE TABLE incoming_sheets (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                file_name TEXT NOT NULL,
                size INTEGER NOT NULL CHECK (size <= 67108864),
                sha256 TEXT NOT NULL,
                bytes BLOB NOT NULL,
                uploaded_by TEXT NOT NULL,
                uploaded_at TEXT NOT NULL,
                customer TEXT NOT NULL,
                service TEXT NOT NULL,
                plan TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('open', 'decided')),
                question_count INTEGER NOT NULL,
                problems TEXT NOT NULL))",
           "CREATE INDEX incoming_sheets_tenant ON incoming_sheets (tenant_id, uploaded_at)",
           kIncomingQuestions,
       },
       {
           R"(CREATE TABLE incoming_sheets (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                file_name TEXT NOT NULL,
                size INTEGER NOT NULL CHECK (size <= 67108864),
                sha256 TEXT NOT NULL,
                bytes BYTEA NOT NULL,
                uploaded_by TEXT NOT NULL,
                uploaded_at TEXT NOT NULL,
                customer TEXT NOT NULL,
                service TEXT NOT NULL,
                plan TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('open', 'decided')),
                question_count INTEGER NOT NULL,
                problems TEXT NOT NULL))",
           "CREATE INDEX incoming_sheets_tenant ON incoming_sheets (tenant_id, uploaded_at)",
           kIncomingQuestions,
       }},
      {5,
       "ISMS scope, cloud services, classification scheme, asset inventory",
       {
           // One scope per organisation (seed 003 4.1): the organisational,
           // system and physical boundaries, interfaces and dependencies,
           // and the exclusions with their reasons (JSON [{id, item,
           // reason}]). Its history is the audit log.
           R"(CREATE TABLE isms_scopes (
                tenant_id TEXT PRIMARY KEY REFERENCES tenants (id),
                organisational TEXT NOT NULL,
                system_boundary TEXT NOT NULL,
                physical TEXT NOT NULL,
                interfaces TEXT NOT NULL,
                exclusions TEXT NOT NULL,
                updated_by TEXT NOT NULL,
                updated_at TEXT NOT NULL))",
           // The cloud services in scope, with the organisation's role for
           // each (customer / provider / both). data_countries is a JSON
           // list of ISO 3166-1 alpha-2 codes.
           R"(CREATE TABLE cloud_services (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                name TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('customer', 'provider', 'both')),
                description TEXT NOT NULL,
                service_model TEXT NOT NULL CHECK (service_model IN ('iaas', 'paas', 'saas', 'other')),
                in_scope INTEGER NOT NULL CHECK (in_scope IN (0, 1)),
                owner TEXT NOT NULL,
                data_countries TEXT NOT NULL,
                data_location_note TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_by TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                UNIQUE (tenant_id, name)))",
           // What a service runs on, in order: one of the organisation's
           // services, or an external one by name (with its ISMAP listing).
           R"(CREATE TABLE cloud_service_dependencies (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                service_id TEXT NOT NULL REFERENCES cloud_services (id),
                seq INTEGER NOT NULL,
                depends_on_id TEXT REFERENCES cloud_services (id),
                external_name TEXT,
                ismap_registered INTEGER NOT NULL CHECK (ismap_registered IN (0, 1)),
                PRIMARY KEY (service_id, seq),
                CHECK ((depends_on_id IS NULL) <> (external_name IS NULL))))",
           "CREATE INDEX cloud_service_dependencies_on ON cloud_service_dependencies (depends_on_id)",
           // The organisation's classification scheme as JSON; no row means
           // the government default (domain/classification.h).
           R"(CREATE TABLE classification_schemes (
                tenant_id TEXT PRIMARY KEY REFERENCES tenants (id),
                scheme TEXT NOT NULL,
                updated_by TEXT NOT NULL,
                updated_at TEXT NOT NULL))",
           // The asset inventory. Names are unique per organisation: the
           // .xlsx import updates an asset by its name (or id). suppliers is
           // a JSON list of names.
           R"(CREATE TABLE assets (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                name TEXT NOT NULL,
                asset_type TEXT NOT NULL CHECK (asset_type IN ('information', 'software', 'hardware', 'service',
                                                               'people', 'facility', 'other')),
                description TEXT NOT NULL,
                owner TEXT NOT NULL,
                confidentiality INTEGER NOT NULL,
                integrity INTEGER NOT NULL,
                availability INTEGER NOT NULL,
                personal_info INTEGER NOT NULL CHECK (personal_info IN (0, 1)),
                data_category TEXT NOT NULL CHECK (data_category IN ('customer_data', 'derived_data', 'own')),
                storage_location TEXT NOT NULL,
                storage_country TEXT NOT NULL,
                suppliers TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_by TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                UNIQUE (tenant_id, name)))",
           R"(CREATE TABLE asset_services (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                asset_id TEXT NOT NULL REFERENCES assets (id),
                service_id TEXT NOT NULL REFERENCES cloud_services (id),
                seq INTEGER NOT NULL,
                PRIMARY KEY (asset_id, service_id)))",
           "CREATE INDEX asset_services_service ON asset_services (service_id)",
       },
       {},
       {}},
      {6,
       "risk criteria, risk register, treatment and approval",
       {
           // The organisation's risk criteria (domain/risk_criteria.h) as
           // JSON; no row means the default criteria.
           R"(CREATE TABLE risk_criteria (
                tenant_id TEXT PRIMARY KEY REFERENCES tenants (id),
                content TEXT NOT NULL,
                updated_by TEXT NOT NULL,
                updated_at TEXT NOT NULL))",
           // A risk with its treatment. Only the ratings are stored: the
           // level comes from the current criteria when read, so it never
           // disagrees with them. residual_* = 0: not assessed.
           // approved_*: the risk owner's approval of plan and residual
           // risk (NULL: none, or voided by a later change).
           R"(CREATE TABLE risks (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                title TEXT NOT NULL,
                service_id TEXT REFERENCES cloud_services (id),
                threat TEXT NOT NULL,
                vulnerability TEXT NOT NULL,
                existing_controls TEXT NOT NULL,
                likelihood INTEGER NOT NULL,
                impact INTEGER NOT NULL,
                owner_user_id TEXT NOT NULL REFERENCES users (id),
                status TEXT NOT NULL CHECK (status IN ('open', 'in_treatment', 'accepted', 'closed')),
                identified_on TEXT NOT NULL,
                source_key TEXT NOT NULL,
                treatment_option TEXT CHECK (treatment_option IN ('modify', 'retain', 'avoid', 'share')),
                treatment_plan TEXT NOT NULL,
                residual_likelihood INTEGER NOT NULL,
                residual_impact INTEGER NOT NULL,
                acceptance_statement TEXT NOT NULL,
                approved_by TEXT REFERENCES users (id),
                approved_at TEXT,
                approval_comment TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_by TEXT NOT NULL,
                updated_at TEXT NOT NULL))",
           "CREATE INDEX risks_tenant_service ON risks (tenant_id, service_id)",
           R"(CREATE TABLE risk_assets (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                risk_id TEXT NOT NULL REFERENCES risks (id),
                asset_id TEXT NOT NULL REFERENCES assets (id),
                PRIMARY KEY (risk_id, asset_id)))",
           "CREATE INDEX risk_assets_asset ON risk_assets (tenant_id, asset_id)",
           // The controls a treatment chose, from any loaded catalog, in order.
           R"(CREATE TABLE risk_controls (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                risk_id TEXT NOT NULL REFERENCES risks (id),
                seq INTEGER NOT NULL,
                catalog_key TEXT NOT NULL,
                ref TEXT NOT NULL,
                PRIMARY KEY (risk_id, seq)))",
           "CREATE INDEX risk_controls_control ON risk_controls (tenant_id, catalog_key, ref)",
           // The actions of a treatment plan, in order; done as 0/1.
           R"(CREATE TABLE risk_actions (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                risk_id TEXT NOT NULL REFERENCES risks (id),
                seq INTEGER NOT NULL,
                description TEXT NOT NULL,
                owner TEXT NOT NULL,
                due_on TEXT NOT NULL,
                done INTEGER NOT NULL CHECK (done IN (0, 1)),
                done_on TEXT,
                PRIMARY KEY (risk_id, seq)))",
       },
       {},
       {}},
      {7,
       "Statement of Applicability per cloud service",
       {
           // One SoA (適用宣言書) per cloud service (seed 003 4.2.2 c). The
           // draft is its rows; approved_version names the latest approved
           // version (NULL: none yet).
           R"(CREATE TABLE soas (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                service_id TEXT NOT NULL REFERENCES cloud_services (id),
                approved_version INTEGER,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_by TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                UNIQUE (tenant_id, service_id)))",
           // What the draft states per control. Only stated rows are stored;
           // which controls the SoA has (and their order and titles) come
           // from the catalogs and the service's role when it is read, so a
           // role change keeps the statements of the controls it keeps.
           // evidence is a JSON list of strings.
           R"(CREATE TABLE soa_rows (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                soa_id TEXT NOT NULL REFERENCES soas (id),
                catalog_key TEXT NOT NULL,
                ref TEXT NOT NULL,
                applicable TEXT NOT NULL CHECK (applicable IN ('unevaluated', 'yes', 'no')),
                reason TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('unset', 'implemented', 'partial', 'planned',
                                                       'not_implemented')),
                evidence TEXT NOT NULL,
                updated_by TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (soa_id, catalog_key, ref)))",
           // Each approval: a snapshot of every row (JSON, with titles and
           // linked treatments as they were) and of the findings shown at
           // approval (warnings only: errors block it), who, when, comment.
           R"(CREATE TABLE soa_versions (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                soa_id TEXT NOT NULL REFERENCES soas (id),
                version INTEGER NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('customer', 'provider', 'both')),
                service_name TEXT NOT NULL,
                rows TEXT NOT NULL,
                findings TEXT NOT NULL,
                comment TEXT NOT NULL,
                approved_by TEXT NOT NULL,
                approved_at TEXT NOT NULL,
                PRIMARY KEY (soa_id, version)))",
       },
       {},
       {}},
      {8,
       "tailored control standard, versions, audit scopes",
       {
           // A tailored control standard (個別管理基準, seed 002 II) derived
           // from a base catalog version. Its items are not stored: they
           // are the result of its operations (tailored_operations) applied
           // in order (domain/tailored_standard.h says why).
           // approved_version: the latest approved version (NULL: none yet).
           R"(CREATE TABLE tailored_standards (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                name TEXT NOT NULL,
                description TEXT NOT NULL,
                base_catalog_key TEXT NOT NULL,
                base_catalog_version TEXT NOT NULL,
                review_months INTEGER NOT NULL CHECK (review_months BETWEEN 2 AND 120),
                operation_count INTEGER NOT NULL,
                approved_version INTEGER,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_by TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                UNIQUE (tenant_id, name)))",
           // The derivation log: one row per operation of the seven steps,
           // with its reason. payload is JSON (formats/tailored_json.h).
           R"(CREATE TABLE tailored_operations (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                standard_id TEXT NOT NULL REFERENCES tailored_standards (id),
                seq INTEGER NOT NULL,
                kind TEXT NOT NULL,
                step INTEGER NOT NULL CHECK (step BETWEEN 0 AND 7),
                payload TEXT NOT NULL,
                reason TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                PRIMARY KEY (standard_id, seq)))",
           // An approved version: the items as they were (JSON) after the
           // first operation_count operations. Never changed afterwards.
           R"(CREATE TABLE tailored_versions (
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                standard_id TEXT NOT NULL REFERENCES tailored_standards (id),
                version INTEGER NOT NULL,
                operation_count INTEGER NOT NULL,
                items TEXT NOT NULL,
                note TEXT NOT NULL,
                approved_by TEXT NOT NULL,
                approved_at TEXT NOT NULL,
                PRIMARY KEY (standard_id, version)))",
           // A named audit scope: the items of one approved version that a
           // filter by attribute selected (e.g. every #検知 item), kept as
           // selected (JSON) so the audit works from a fixed list.
           R"(CREATE TABLE audit_scopes (
                id TEXT PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (id),
                standard_id TEXT NOT NULL REFERENCES tailored_standards (id),
                version INTEGER NOT NULL,
                name TEXT NOT NULL,
                purpose TEXT NOT NULL,
                filter TEXT NOT NULL,
                items TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                UNIQUE (tenant_id, name)))",
           "CREATE INDEX audit_scopes_standard ON audit_scopes (standard_id)",
       },
       {},
       {}},
      {9,
       "Indexes the bench lab showed missing",
       {
           // The risk register reads every risk's actions and controls of
           // one organisation in risk order: without these, SQLite scanned
           // all organisations' actions (5,000 rows in the lab) on every
           // dashboard and register read, and sorted the controls.
           "CREATE INDEX risk_actions_tenant ON risk_actions (tenant_id, risk_id, seq)",
           "CREATE INDEX risk_controls_tenant ON risk_controls (tenant_id, risk_id, seq)",
       },
       {},
       {}},
      {10,
       "Notify listeners of changes to who may read what (PostgreSQL)",
       {},
       {},
       {
           // store/change_watch.h: a process keeps who is calling and the
           // data version between requests, and drops them when told.
           // FOR EACH STATEMENT: one notice per statement (and PostgreSQL
           // folds a transaction's equal notices into one at commit).
           R"(CREATE FUNCTION mamori_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  PERFORM pg_notify('mamori_change', '');
                  RETURN NULL;
                END $$)",
           // What an organisation's reads show (store/data_version.h).
           "CREATE TRIGGER audit_chains_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON audit_chains "
           "FOR EACH STATEMENT EXECUTE FUNCTION mamori_notify_change()",
           "CREATE TRIGGER catalogs_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON catalogs "
           "FOR EACH STATEMENT EXECUTE FUNCTION mamori_notify_change()",
           "CREATE TRIGGER catalog_mappings_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON catalog_mappings "
           "FOR EACH STATEMENT EXECUTE FUNCTION mamori_notify_change()",
           // Who someone is and what they may do.
           "CREATE TRIGGER users_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON users "
           "FOR EACH STATEMENT EXECUTE FUNCTION mamori_notify_change()",
           "CREATE TRIGGER memberships_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON memberships "
           "FOR EACH STATEMENT EXECUTE FUNCTION mamori_notify_change()",
           // Every column but the idle clock (last_seen_at), which moves
           // every half minute of use: a process that kept an older one
           // re-reads before it would lock or touch the session.
           "CREATE TRIGGER sessions_changed AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF id, secret_hash, user_id, "
           "active_tenant_id, stage, created_at, idle_timeout_seconds, expires_at, locked_at, ended_at, end_reason, "
           "source_ip, user_agent ON sessions FOR EACH STATEMENT EXECUTE FUNCTION mamori_notify_change()",
           // Likewise every column but last_used_at.
           "CREATE TRIGGER api_tokens_changed AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF id, secret_hash, "
           "tenant_id, created_by, name, role, created_at, expires_at, revoked_at ON api_tokens "
           "FOR EACH STATEMENT EXECUTE FUNCTION mamori_notify_change()",
       }},
  };
  return all;
}

int latest_schema_version() { return migrations().back().version; }

}  // namespace mamori::store
