// Statements of Applicability (適用宣言書): server/routes_soa.cpp.
export type Applicable = 'yes' | 'no' | 'unevaluated';
export type ImplStatus = 'unset' | 'implemented' | 'partial' | 'planned' | 'not_implemented';
export type RowKind = 'annex_a' | 'cloud_extension' | 'ismap_objective' | 'ismap_detail';
export type Severity = 'error' | 'warning';

export interface SoaRow {
  catalog_key: string;
  ref: string;
  kind: RowKind;
  parent_ref: string | null;
  title: string;
  title_en: string | null;
  applicable: Applicable;
  reason: string;
  status: ImplStatus;
  evidence: string[];
  treatments: string[];
}

export interface SoaFinding {
  rule: string;
  catalog_key: string;
  ref: string;
  severity: Severity;
  message_ja: string;
  message_en: string;
  related: string[];
}

export interface SoaCounts {
  rows: number;
  applicable: number;
  not_applicable: number;
  unevaluated: number;
  errors: number;
  warnings: number;
}

export interface SoaSummary {
  id: string;
  service_id: string;
  service_name: string;
  role: 'customer' | 'provider' | 'both';
  approved_version: number | null;
  approved_at: string | null;
  approved_by: string | null;
  draft_changes: number;
  can_approve: boolean;
  counts: SoaCounts;
  created_at: string;
  updated_at: string;
}

export interface SoaDetail extends SoaSummary {
  rows: SoaRow[];
  findings: SoaFinding[];
  risks: Record<string, string>;
}

export interface SoaVersion {
  version: number;
  role: string;
  service_name: string;
  comment: string;
  approved_by: string;
  approved_at: string;
  findings: SoaFinding[];
}

export interface SoaChange {
  kind: 'added' | 'removed' | 'changed';
  catalog_key: string;
  ref: string;
  title: string;
  fields: { field: string; before: string; after: string }[];
}

export interface SoaComparison {
  from: number | 'draft';
  to: number | 'draft';
  changes: SoaChange[];
}

export interface SoaRowEdit {
  catalog_key: string;
  ref: string;
  applicable?: Applicable;
  reason?: string;
  status?: ImplStatus;
  evidence?: string[];
}

export const rowKey = (r: { catalog_key: string; ref: string }) => `${r.catalog_key}:${r.ref}`;
