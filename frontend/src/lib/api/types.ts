// Shapes of the service's JSON, taken from its OpenAPI document (openapi.yml, generated into schema.d.ts by
// `npm run generate`). The lists below are the enums the screens offer as choices; each is checked against the
// document's enum, so a value the service adds or drops fails the type check here.

import type { components } from './schema';

type Schemas = components['schemas'];

export type Category = Schemas['Category'];
export type PatientStatus = Schemas['PatientStatus'];
export type ItemStatus = Schemas['ItemStatus'];
export type BulkAction = Schemas['BulkAction'];
export type Role = Schemas['Role'];

/** Every member of a union, once: fails to compile when the list misses one. */
type Exhaustive<T, L extends readonly T[]> = [T] extends [L[number]] ? L : never;

export const CATEGORIES = [
  'MEDICATION_ADMINISTRATION', 'PRESCRIPTION', 'RESULT', 'ORDER', 'OBSERVATIONS',
  'ADMISSION', 'TRANSFER', 'DISCHARGE', 'CLINICAL_NOTE', 'OTHER',
] as const satisfies readonly Category[];
export const PATIENT_STATUSES = ['INPATIENT', 'ED', 'OUTPATIENT', 'DISCHARGED'] as const satisfies readonly PatientStatus[];
export const ITEM_STATUSES = [
  'LOGGED', 'READY', 'ASSIGNED', 'ENTERED', 'VERIFIED', 'ON_HOLD', 'DUPLICATE', 'NOT_REQUIRED',
] as const satisfies readonly ItemStatus[];
/** Priority bands, most urgent first (the document types a band as a plain string). */
export const BANDS = ['P1', 'P2', 'P3', 'P4'] as const;
export type Band = (typeof BANDS)[number];

const _checked: [
  Exhaustive<Category, typeof CATEGORIES>,
  Exhaustive<PatientStatus, typeof PATIENT_STATUSES>,
  Exhaustive<ItemStatus, typeof ITEM_STATUSES>,
] = [CATEGORIES, PATIENT_STATUSES, ITEM_STATUSES];
void _checked;

export type TokenResponse = Schemas['TokenResponse'];
/** The signed-in person, as the sign-in answer describes them. */
export type Me = Pick<Schemas['PersonResponse'], 'username' | 'displayName' | 'roles' | 'sites' | 'targetSystems'>;
export type Person = Schemas['PersonResponse'];
export type Provider = Schemas['ProviderResponse'];

export type Outage = Schemas['OutageResponse'];
/** A temporary identity for a patient not yet identified, and what a lead's merge of it changed. */
export type TemporaryPatient = Schemas['TemporaryPatientResponse'];
export type MergeRequest = Schemas['MergeRequest'];
export type MergeResponse = Schemas['MergeResponse'];
export type OutageCreateRequest = Schemas['OutageCreateRequest'];
export type OutageSummary = Schemas['OutageSummaryResponse'];
export type RecoveryReport = Schemas['RecoveryReport'];
export type SignOff = Schemas['RecoveryReport.SignOffView'];
export type SignOffRequest = Schemas['SignOffRequest'];

export type PatientFields = Schemas['Patient'];
/** A new item: the captured fields, which the service lists once (CapturedFields). */
export type ItemCreateRequest = Schemas['CapturedFields'];
/** A correction: any captured field but the outage (left out, it stays as it is), and why. */
export type ItemUpdateRequest = Partial<Omit<ItemCreateRequest, 'outageId'>> & { reason?: string | null };
/** Many new items, each with its Idempotency-Key, and the answer for each (POST /api/items/batch). */
export type ItemBatchRequest = Schemas['ItemBatchRequest'];
export type ItemBatchResponse = Schemas['ItemBatchResponse'];
export type ItemBatchResult = Schemas['ItemBatchResponse.Result'];
export type DuplicateCheckRequest = Schemas['DuplicateCheckRequest'];
export type TransitionRequest = Schemas['TransitionRequest'];
export type Priority = Schemas['PriorityResponse'];
export type ItemSummary = Schemas['ItemSummaryResponse'];
/** Every field of an item, patient details included (reading one is audited). */
export type Item = Schemas['ItemResponse'];
export type ItemPage = Schemas['ItemPage'];
export type AuditEvent = Schemas['AuditEventResponse'];
export type Workload = Schemas['WorkloadResponse'];
export type DuplicatePair = Schemas['DuplicatePairResponse'];
export type AssignRequest = Schemas['AssignRequest'];
export type BulkRequest = Schemas['BulkRequest'];
export type BulkResponse = Schemas['BulkResponse'];
export type NextRequest = Schemas['NextRequest'];
export type Violation = Schemas['Violation'];

/** A CSV import into an outage: its upload, what was read from the file, and the run's progress and counts. */
export type ImportResponse = Schemas['ImportResponse'];
export type ImportStatus = ImportResponse['status'];
/** Which item field each CSV column fills, fixed values for fields the file lacks, and the column naming a row. */
export type ImportMapping = Schemas['ImportMapping'];
export type ImportPreview = Schemas['ImportPreview'];
export type ImportPreviewRow = ImportPreview['rows'][number];
export type SavedMapping = Schemas['SavedMapping'];

/** Downtime form packs and their sheets (custody). */
export type FormKind = Schemas['FormKind'];
export const FORM_KINDS = ['MEDICATION_ADMINISTRATION_RECORD', 'OBSERVATIONS_CHART', 'ACTIVITY_LOG'] as const satisfies readonly FormKind[];
const _kinds: Exhaustive<FormKind, typeof FORM_KINDS> = FORM_KINDS;
void _kinds;
export type FormPackCreateRequest = Schemas['FormPackCreateRequest'];
export type FormPack = Schemas['FormPackResponse'];
export type Sheet = Schemas['SheetResponse'];
export type SheetStatus = Schemas['SheetStatus'];
export type SheetCounts = Schemas['SheetReconciliation.Counts'];
export type SheetReconciliation = Schemas['SheetReconciliation'];
/** Something accepted but worth a second look, answered with a logged or corrected item (a sheet of another ward). */
export type CaptureWarning = Schemas['CaptureWarning'];
export type RetrospectiveNote = Schemas['RetrospectiveNote'];
