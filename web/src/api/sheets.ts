// The shapes of the check-sheet API (server/sheet_views.cpp) and of the
// vendor's answer library (server/routes_library.cpp, routes_incoming_sheets.cpp).

export type Verdict = 'conforming' | 'conditional' | 'nonconforming';
export type ItemStatus = 'met' | 'needs_review' | 'unmet';
export type AnswerValue = 'yes' | 'no' | 'na' | 'blank' | 'unreadable';
export type SheetStatus = 'draft' | 'sent' | 'closed';
export type ResponseStatus = 'invited' | 'in_progress' | 'submitted' | 'imported';
export type Classification = '3B' | '3C' | '2' | '';

export const SHEET_TEMPLATES = ['ismap-sheet-summary', 'ismap-sheet-detailed'] as const;
export const CLASSIFICATIONS: Classification[] = ['3B', '3C', '2'];

export interface Sheet {
  id: string;
  title: string;
  template: string;
  counterparty: string;
  service_name: string;
  due_date: string | null;
  classification: Classification;
  information_details: string;
  status: SheetStatus;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface SheetItem {
  position: number;
  ref: string;
  kind: 'group' | 'question';
  parent: string | null;
  ismap_ref: string;
  title: string;
  requirement: string;
  required: boolean;
  change: 'none' | 'added' | 'reworded' | 'dropped';
  asked: boolean;
  reason?: string;
}

export interface Counts {
  met: number;
  needs_review: number;
  unmet: number;
}

export interface ListingClaim {
  conformity: AnswerValue;
  provider: string;
  service: string;
  kind: string;
}

export interface SheetResponse {
  id: string;
  sheet_id: string;
  vendor: string;
  source: 'web' | 'xlsx';
  status: ResponseStatus;
  respondent_user_id: string | null;
  listing: ListingClaim;
  classification: string;
  details: string;
  file_name: string | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
}

export interface ResponseSummary extends SheetResponse {
  verdict: Verdict;
  ground: 'ismap_listing' | 'items';
  counts: Counts;
}

export interface SheetDetail extends Sheet {
  items: SheetItem[];
  responses: ResponseSummary[];
}

export interface Evidence {
  id: string;
  ref: string | null;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  uploaded_by: string;
  uploaded_at: string;
}

export interface ResponseQuestion {
  ref: string;
  ismap_ref: string;
  title: string;
  requirement: string;
  required: boolean;
  answer: { answer: AnswerValue; written: string; alternative: string; updated_at: string } | null;
}

export interface ResponseView {
  response: SheetResponse;
  sheet: Pick<Sheet, 'id' | 'title' | 'counterparty' | 'service_name' | 'due_date' | 'classification' | 'information_details'>;
  questions: ResponseQuestion[];
  evidence: Evidence[];
  reviews?: { ref: string; decision: 'accepted' | 'rejected'; comment: string; reviewer: string; decided_at: string }[];
}

export interface ResponseListEntry extends SheetResponse {
  sheet_title?: string;
  due_date?: string | null;
}

export interface Problem {
  file?: string;
  sheet?: string;
  row?: number;
  column?: string;
  line?: number;
  message: string;
}

export interface Warning {
  code: string;
  message: string;
  message_en: string;
}

export interface EvaluatedItem {
  ref: string;
  ismap_ref: string;
  title?: string;
  answer: AnswerValue;
  alternative: string;
  status: ItemStatus;
  written?: string;
  missing?: boolean;
  review?: { decision: 'accepted' | 'rejected'; comment: string; reviewer?: string; decided_at?: string };
}

export interface Evaluation {
  verdict: Verdict;
  ground: 'ismap_listing' | 'items';
  ismap_listed: boolean;
  listing: {
    status: string;
    claimed: { provider: string; service: string; kind: string };
    entry?: { registration: string; service: string; provider: string; kind: string; registered: string; valid_until: string };
  };
  classification: string | null;
  template: string;
  counts: Counts;
  warnings: Warning[];
  items: EvaluatedItem[];
  problems: Problem[];
  response_id: string;
  sheet_id: string;
  vendor: string;
  response_status: ResponseStatus;
  as_of: string;
}

export interface Comparison {
  sheet_id: string;
  as_of: string;
  items: { ref: string; title: string; statuses: Record<string, ItemStatus> }[];
  responses: { id: string; vendor: string; status: ResponseStatus; verdict: Verdict; ground: string; counts: Counts }[];
}

export interface ServiceList {
  file_name: string | null;
  imported_by: string | null;
  imported_at: string | null;
  entries: { registration: string; service: string; provider: string; kind: string; registered: string; valid_until: string }[];
}

export interface Invitation {
  response: SheetResponse;
  email: string;
  account_created: boolean;
  one_time_password?: string;
}
