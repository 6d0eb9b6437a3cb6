// The tailored control standard (個別管理基準): server/routes_standards.cpp.
export type ItemLevel = 'required' | 'recommended';
export type OperationKind = 'take' | 'remove' | 'reword' | 'split' | 'merge' | 'add' | 'align' | 'set_level' | 'set_technical' | 'set_attributes';

export interface AttributeSet {
  type: string;
  values: string[];
}

export interface HistoryEntry {
  seq: number;
  kind: OperationKind;
  step: number;
  reason: string;
  by: string;
  at: string;
}

export interface TailoredItem {
  key: string;
  number: string;
  title: string;
  text: string;
  origin: string[];
  source: string;
  level: ItemLevel;
  technical: boolean;
  review_months: number;
  attributes: AttributeSet[];
  regulations: { name: string; clause: string }[];
  history: HistoryEntry[];
}

export interface VocabularyType {
  key: string;
  ja: string;
  en: string;
  values: { key: string; ja: string; en: string }[];
}

export interface StandardSummary {
  id: string;
  name: string;
  description: string;
  base_catalog_key: string;
  base_catalog_version: string;
  review_months: number;
  operation_count: number;
  approved_version: number;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}

export interface StandardOperation {
  seq: number;
  kind: OperationKind;
  step: number;
  items: string[];
  numbers: string[];
  reason: string;
  created_by: string;
  created_at: string;
}

export interface StandardDetail extends StandardSummary {
  draft_changes: boolean;
  items: TailoredItem[];
  operations: StandardOperation[];
  vocabulary: VocabularyType[];
}

export interface Balance {
  total: number;
  required: number;
  recommended: number;
  technical: number;
  types: { type: string; values: { value: string; count: number }[]; unclassified: number }[];
  vocabulary: VocabularyType[];
}

export interface StandardVersion {
  version: number;
  operation_count: number;
  note: string;
  approved_by: string;
  approved_at: string;
}

export type ChangeKind = 'added' | 'removed' | 'renumbered' | 'reworded' | 'origin' | 'level' | 'technical' | 'attributes' | 'regulations';

export interface DiffEntry {
  key: string;
  changes: ChangeKind[];
  before: Omit<TailoredItem, 'history'> & { history: number[] } | null;
  after: Omit<TailoredItem, 'history'> & { history: number[] } | null;
}

export interface AuditScope {
  id: string;
  standard_id: string;
  version: number;
  name: string;
  purpose: string;
  filter: { attributes: AttributeSet[]; level: ItemLevel | null; technical: boolean | null };
  items: { key: string; number: string; title: string }[];
  created_by: string;
  created_at: string;
}
