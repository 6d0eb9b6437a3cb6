// Shapes of the mamori API responses the UI reads (see GET /api/v1/openapi.json).

export type Role = 'admin' | 'isms_manager' | 'editor' | 'auditor' | 'viewer' | 'respondent';
export const ROLES: Role[] = ['admin', 'isms_manager', 'editor', 'auditor', 'viewer', 'respondent'];

export type Stage = 'active' | 'mfa' | 'password_change' | 'mfa_enrolment';

export interface OrganisationRef {
  id: string;
  name: string;
  kind: string;
  role: Role;
}

export interface Account {
  user_id: string;
  email: string;
  display_name: string;
  organisations: OrganisationRef[];
  active_organisation: string | null;
  stage: Stage;
  mfa_enabled: boolean;
  mfa_required?: boolean;
  recovery_codes_left: number;
  session?: { id: string; expires_at: string; idle_timeout_seconds: number };
  csrf_token?: string;
}

export interface StageResponse {
  stage: Stage;
  account: Account;
  csrf_token: string;
}

export interface Banner {
  ja: string;
  en: string;
}

export interface Localised {
  ja: string;
  en: string;
}

export interface FlagDef {
  key: string;
  name: Localised;
}

export interface AttributeDef {
  key: string;
  name: Localised;
  values: { key: string; name: Localised }[];
}

export interface CatalogDefinition {
  id: string;
  title: string;
  title_en?: string;
  version: string;
  publisher?: string;
  source?: string;
  notes?: string;
  kinds: string[];
  flags: FlagDef[];
  attributes: AttributeDef[];
}

export interface CatalogSummary {
  id: string;
  title: string;
  title_en?: string;
  version: string;
  publisher?: string;
  source?: string;
  notes?: string;
  nodes: number;
  revision?: number;
  loaded_at?: string;
  definition: CatalogDefinition;
}

export interface Reference {
  standard?: string;
  clause?: string;
  [k: string]: unknown;
}

export interface CatalogNode {
  ref: string;
  title: string;
  title_en?: string;
  text: string;
  kind: string;
  level: number;
  parent: string | null;
  flags: string[];
  label?: string;
  attributes?: Record<string, string[]>;
  objective?: string;
  footnotes?: string[];
  references?: Reference[];
  answer?: unknown;
  refers_to?: string[];
  required?: boolean;
}

export type Relationship = 'equal' | 'subset' | 'superset' | 'intersect';

export interface Mapping {
  catalog: string;
  mapping?: string;
  ref: string;
  title: string;
  title_en?: string;
  relationship: Relationship | string;
  note?: string;
  source?: string;
}

export interface NodeSummary {
  ref: string;
  title: string;
  title_en?: string;
  kind?: string;
  flags?: string[];
}

export interface NodeDetail extends CatalogNode {
  catalog: { id: string; title: string; version: string };
  parent_node?: NodeSummary | null;
  children: NodeSummary[];
  mappings: Mapping[];
}

export interface Organisation {
  id: string;
  name: string;
  kind: string;
  role: Role;
  created_at?: string;
}

export interface Member {
  user_id: string;
  email: string;
  display_name: string;
  role: Role;
  since: string;
}

export interface AddMemberResponse {
  member: Member;
  account_created: boolean;
  one_time_password?: string;
}

export interface OrgSettings {
  banner_ja: string;
  banner_en: string;
  require_mfa: boolean;
  password_min_length: number;
  idle_timeout_seconds: number;
  absolute_lifetime_seconds: number;
}

export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  created_at: string;
  created_by?: string;
  expires_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  token?: string;
}

export interface LiveSession {
  id: string;
  user_id: string;
  email: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  locked: boolean;
  source_ip: string;
  stage: Stage;
  user_agent: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  actor_user_id?: string | null;
  source_ip: string;
  action: string;
  object_type: string;
  object_id: string;
  outcome: string;
  privileged: boolean;
  details: Record<string, unknown> | null;
  chain: string;
  seq: number;
  hash?: string;
  prev_hash?: string;
  tenant_id?: string | null;
}
