// Risk management (src/server/routes_risks.cpp): criteria, the register,
// treatment with the owner's approval, the dashboard and the cloud risk
// sources proposed for a service.

export interface ScaleLevel {
  label_ja: string;
  label_en: string;
  description: string;
}

export interface RiskLevelDef {
  label_ja: string;
  label_en: string;
}

export interface RiskGoal {
  from_level: number;
  target_level: number;
  within_months: number;
}

export interface RiskCriteria {
  likelihood: ScaleLevel[];
  impact: ScaleLevel[];
  levels: RiskLevelDef[];
  /** matrix[likelihood - 1][impact - 1] = level rank (1 = lowest) */
  matrix: number[][];
  acceptance_level: number;
  goals: RiskGoal[];
}

export interface LevelRef {
  rank: number;
  label_ja: string;
  label_en: string;
  acceptable: boolean;
}

export type TreatmentOption = 'modify' | 'retain' | 'avoid' | 'share';
export type RiskStatus = 'open' | 'in_treatment' | 'accepted' | 'closed';

export interface ControlRef {
  catalog_key: string;
  ref: string;
  title?: string;
}

export interface TreatmentAction {
  description: string;
  owner: string;
  due_on: string;
  done: boolean;
  done_on: string;
}

export interface Treatment {
  option: TreatmentOption | null;
  controls: ControlRef[];
  plan: string;
  actions: TreatmentAction[];
  residual_likelihood: number;
  residual_impact: number;
  acceptance_statement: string;
}

export interface Risk {
  id: string;
  title: string;
  service_id: string | null;
  asset_ids: string[];
  threat: string;
  vulnerability: string;
  existing_controls: string;
  likelihood: number;
  impact: number;
  level: LevelRef | null;
  owner_user_id: string;
  status: RiskStatus;
  identified_on: string;
  source_key: string;
  treatment: Treatment;
  residual_level: LevelRef | null;
  approval: { by: string; at: string; comment: string } | null;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}

export interface RiskList {
  criteria: RiskCriteria;
  risks: Risk[];
}

export interface GoalRisk {
  id: string;
  title: string;
  deadline: string;
  reached_on: string;
  state: 'met' | 'met_late' | 'open' | 'overdue';
}

export interface GoalProgress {
  from_level: LevelRef;
  target_level: LevelRef;
  within_months: number;
  total: number;
  met: number;
  met_late: number;
  open: number;
  overdue: number;
  risks: GoalRisk[];
}

export interface RiskDashboard {
  as_of: string;
  criteria: RiskCriteria;
  total: number;
  closed: number;
  above_acceptance: number;
  residual_not_assessed: number;
  levels: (LevelRef & { count: number; residual_count: number })[];
  heat: number[][];
  residual_heat: number[][];
  goals: GoalProgress[];
}

export interface StarterProposal {
  source_key: string;
  perspective: 'provider' | 'customer';
  title_ja: string;
  title_en: string;
  threat: string;
  reference: string;
  controls: ControlRef[];
  already_added: boolean;
}

export interface StarterList {
  service_id: string;
  service_name: string;
  role: string;
  proposals: StarterProposal[];
}

export const RISK_STATUSES: RiskStatus[] = ['open', 'in_treatment', 'accepted', 'closed'];
export const TREATMENT_OPTIONS: TreatmentOption[] = ['modify', 'retain', 'avoid', 'share'];

/** A colour tone 0 (lowest) … 4 (highest) for a level rank among `count` levels, for any number of levels. */
export function levelTone(rank: number, count: number): number {
  if (count <= 1) return 0;
  return Math.round(((rank - 1) / (count - 1)) * 4);
}

export function levelLabel(level: { label_ja: string; label_en: string }, lang: string): string {
  return lang.startsWith('en') ? level.label_en : level.label_ja;
}
