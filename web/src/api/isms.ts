// The ISMS core of an organisation: its scope, cloud services, classification
// scheme and asset inventory (app/isms_json.cpp).

export interface ScopeExclusion {
  id: string;
  item: string;
  reason: string;
}

export interface Scope {
  organisational: string;
  system_boundary: string;
  physical: string;
  interfaces: string;
  exclusions: ScopeExclusion[];
  updated_by: string;
  updated_at: string;
}

export type ServiceRole = 'customer' | 'provider' | 'both';
export type ServiceModel = 'iaas' | 'paas' | 'saas' | 'other';
export const SERVICE_ROLES: ServiceRole[] = ['provider', 'both', 'customer'];
export const SERVICE_MODELS: ServiceModel[] = ['iaas', 'paas', 'saas', 'other'];

export type RunsOn =
  | { service_id: string; name: string; role: ServiceRole | '' }
  | { external_name: string; ismap_registered: boolean };

export interface CloudService {
  id: string;
  name: string;
  description: string;
  model: ServiceModel;
  role: ServiceRole;
  in_scope: boolean;
  owner: string;
  runs_on: RunsOn[];
  runs_on_other_provider: boolean;
  used_by: { id: string; name: string }[];
  data_countries: string[];
  data_location_note: string;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}

export type Axis = 'confidentiality' | 'integrity' | 'availability';
export const AXES: Axis[] = ['confidentiality', 'integrity', 'availability'];

export interface ClassificationLevel {
  level: number;
  label_ja: string;
  label_en: string;
  description: string;
}

export type Classification = Record<Axis, ClassificationLevel[]> & { is_default: boolean };

export type AssetType = 'information' | 'software' | 'hardware' | 'service' | 'people' | 'facility' | 'other';
export const ASSET_TYPES: AssetType[] = ['information', 'software', 'hardware', 'service', 'people', 'facility', 'other'];
export type DataCategory = 'customer_data' | 'derived_data' | 'own';
export const DATA_CATEGORIES: DataCategory[] = ['customer_data', 'derived_data', 'own'];

export interface Asset {
  id: string;
  name: string;
  type: AssetType;
  description: string;
  owner: string;
  confidentiality: number;
  integrity: number;
  availability: number;
  personal_info: boolean;
  category: DataCategory;
  storage_location: string;
  storage_country: string;
  service_ids: string[];
  suppliers: string[];
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}

export interface AssetImportReport {
  stored: boolean;
  created: number;
  updated: number;
  unchanged: number;
}
