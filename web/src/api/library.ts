// The vendor side: the answer library (回答マスタ) and incoming sheets
// (app/answer_json.cpp).
import type { AnswerValue, Problem } from './sheets';

export interface LibraryContent {
  catalog_key: string | null;
  ref: string | null;
  question: string;
  answer: 'yes' | 'no' | 'na';
  explanation: string;
  evidence: string[];
  scope: { services: string[]; plans: string[] };
  conditional: boolean;
  owner: string;
  review_due: string | null;
}

export interface LibraryAnswer extends LibraryContent {
  id: string;
  version: number;
  status: 'draft' | 'approved' | 'retired';
  approved_version: number | null;
  review_overdue: boolean;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
  approved_by: string | null;
  approved_at: string | null;
}

export interface LibraryVersion {
  version: number;
  saved_by: string;
  saved_at: string;
  reason: string;
  approved_by: string | null;
  approved_at: string | null;
  changed: string[];
  content: LibraryContent;
}

export interface Proposal {
  source: 'library' | 'catalog' | 'none';
  matched_by: string;
  answer: AnswerValue;
  explanation: string;
  library_id: string | null;
  library_version: number | null;
  catalog: string | null;
  catalog_title: string;
  confidence: number;
  conditional: boolean;
  out_of_scope: boolean;
  review_overdue: boolean;
  notes: string[];
}

export type Decision = 'proposed' | 'accepted' | 'edited' | 'skipped';

export interface IncomingQuestion {
  seq: number;
  sheet: string;
  row: number;
  ref: string;
  title: string;
  question: string;
  sheet_ref: string;
  answer_cell: string;
  remarks_cell: string | null;
  current_answer: string;
  proposal: Proposal;
  decision: Decision;
  final_answer: AnswerValue;
  final_explanation: string;
  decided_by: string | null;
  decided_at: string | null;
}

export interface IncomingSheet {
  id: string;
  file_name: string;
  size: number;
  sha256: string;
  uploaded_by: string;
  uploaded_at: string;
  customer: string;
  service: string;
  plan: string;
  status: string;
  question_count: number;
  problems: Problem[];
}

export interface IncomingSheetDetail extends IncomingSheet {
  questions: IncomingQuestion[];
  counts: { decision: Record<Decision, number>; source: Record<'library' | 'catalog' | 'none', number> };
}
