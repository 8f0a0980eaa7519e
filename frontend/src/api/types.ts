// Shapes of the service's JSON, as documented at /api/openapi.yml.

export const CATEGORIES = [
  'MEDICATION_ADMINISTRATION', 'PRESCRIPTION', 'RESULT', 'ORDER', 'OBSERVATIONS',
  'ADMISSION', 'TRANSFER', 'DISCHARGE', 'CLINICAL_NOTE', 'OTHER',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const PATIENT_STATUSES = ['INPATIENT', 'ED', 'OUTPATIENT', 'DISCHARGED'] as const;
export type PatientStatus = (typeof PATIENT_STATUSES)[number];

export const ITEM_STATUSES = [
  'LOGGED', 'READY', 'ASSIGNED', 'ENTERED', 'VERIFIED', 'ON_HOLD', 'DUPLICATE', 'NOT_REQUIRED',
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const BANDS = ['P1', 'P2', 'P3', 'P4'] as const;
export type Band = (typeof BANDS)[number];

export type Role = 'CLERK' | 'TEAM_LEAD' | 'ADMIN' | 'AUDITOR';

export interface Me {
  username: string;
  displayName: string;
  roles: Role[];
  sites: string[];
  targetSystems: string[];
}

export interface TokenResponse extends Me {
  access_token: string;
  expires_in: number;
}

export interface SystemState {
  system: string;
  state: 'DOWN' | 'RECOVERED';
  recoveredAt: string | null;
  recoveredBy: string | null;
}

export interface Outage {
  id: number;
  reference: string;
  title: string;
  status: 'OPEN' | 'CLOSED';
  sites: string[];
  systems: SystemState[];
  startedAt: string;
  closedAt: string | null;
  notes: string | null;
}

export interface PatientFields {
  nhsNumber: string | null;
  localId: string | null;
  name: string | null;
  dateOfBirth: string | null;
}

export interface ItemCreateRequest {
  outageId: number;
  site: string;
  ward: string;
  category: Category;
  targetSystem: string;
  patient: PatientFields;
  occurredAt: string;
  recordedBy: string;
  paperReference: string | null;
  summary: string;
  details: string | null;
  highRisk: boolean;
  patientStatus: PatientStatus;
}

export interface Priority {
  band: Band;
  score: number;
  reasons: string;
  overridden: boolean;
  overrideReason: string | null;
}

export interface ItemSummary {
  id: number;
  reference: string;
  outageId: number;
  site: string;
  ward: string;
  category: Category;
  targetSystem: string;
  patientMasked: string;
  occurredAt: string;
  paperReference: string | null;
  summary: string;
  highRisk: boolean;
  patientStatus: PatientStatus;
  status: ItemStatus;
  loggedAt: string;
  version: number;
  priority: Priority;
  assignedTo: string | null;
}

/** Every field of an item, patient details included (reading one is audited). */
export interface Item extends Omit<ItemSummary, 'patientMasked'> {
  patient: PatientFields;
  recordedBy: string;
  details: string | null;
  loggedBy: string;
  updatedAt: string;
  needsVerification: boolean;
  closed: boolean;
  assignedAt: string | null;
  externalReference: string | null;
  enteredBy: string | null;
  enteredAt: string | null;
  verifiedBy: string | null;
  verifiedAt: string | null;
  statusReason: string | null;
  duplicateOf: number | null;
  closedAt: string | null;
  possibleDuplicates: number[];
}

export interface ItemPage {
  items: ItemSummary[];
  page: number;
  size: number;
  hasMore: boolean;
}

export interface AuditEvent {
  id: number;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: number;
  itemId: number | null;
  changes: Record<string, unknown>;
  reason: string | null;
}

export interface OutageSummary {
  outageId: number;
  at: string;
  total: number;
  open: number;
  byStatus: Record<string, number>;
  openByBand: Record<string, number>;
  openByTargetSystem: Record<string, number>;
  openByWard: Record<string, number>;
  oldestOpen: { itemId: number; occurredAt: string; ageHours: number } | null;
  enteredPerHour: { last1h: number; last4h: number; last24h: number };
  hoursToClear: number | null;
  burnDown: { hour: string; open: number }[];
}

export interface Workload {
  username: string;
  assigned: number;
  enteredToday: number;
  verifiedToday: number;
  since: string;
}

export interface Person {
  username: string;
  displayName: string;
  roles: Role[];
  sites: string[];
  targetSystems: string[];
}

export interface DuplicatePair {
  id: number;
  detectedAt: string;
  first: ItemSummary;
  second: ItemSummary;
}

export type BulkAction = 'HOLD' | 'NOT_REQUIRED' | 'OVERRIDE_PRIORITY' | 'CLEAR_PRIORITY' | 'RELEASE';

export interface BulkResult {
  id: number;
  status: number;
  item: ItemSummary | null;
  detail: string | null;
  violations: { field: string; message: string }[];
}

export interface BulkResponse {
  succeeded: number;
  failed: number;
  results: BulkResult[];
}
