// The rules of a mapping from a CSV file's columns to an item's fields, as the service checks them: which fields an
// item needs, and how a lead's choices change the mapping. Pure, so the screens stay small.

import type { ImportMapping } from '../../lib/api/types';

/** The item fields a column or a fixed value can fill, in the order the screens list them. */
export const FIELDS = [
  'site', 'ward', 'targetSystem', 'category', 'patient.nhsNumber', 'patient.localId', 'patient.name',
  'patient.dateOfBirth', 'patientStatus', 'occurredAt', 'recordedBy', 'recordedByRole', 'witnessedBy',
  'paperReference', 'summary', 'details', 'highRisk',
] as const;
export type FieldName = (typeof FIELDS)[number];

/** What every item needs, from a column or a fixed value; the patient is named by either identifier. */
export const REQUIRED = [
  'site', 'ward', 'targetSystem', 'category', 'patientStatus', 'occurredAt', 'recordedBy', 'summary', 'highRisk',
] as const satisfies readonly FieldName[];
export const PATIENT_IDS = ['patient.nhsNumber', 'patient.localId'] as const satisfies readonly FieldName[];

export function isField(value: string): value is FieldName {
  return (FIELDS as readonly string[]).includes(value);
}

export function emptyMapping(): ImportMapping {
  return { columns: {}, values: {}, keyColumn: null };
}

/** The fields some column fills. */
export function mappedFields(mapping: ImportMapping): Set<string> {
  return new Set(Object.values(mapping.columns));
}

/** Required fields no column fills: each needs a fixed value. */
export function needingValues(mapping: ImportMapping): FieldName[] {
  const mapped = mappedFields(mapping);
  return REQUIRED.filter((f) => !mapped.has(f));
}

/** Whether a column fills the NHS number or the local patient id (a fixed patient for every row makes no sense). */
export function namesPatient(mapping: ImportMapping): boolean {
  const mapped = mappedFields(mapping);
  return PATIENT_IDS.some((f) => mapped.has(f));
}

/**
 * The column now fills the field ('' for none). A field is filled by one column: another column that filled it
 * lets go, and its fixed value is no longer needed.
 */
export function withColumn(mapping: ImportMapping, column: string, field: FieldName | ''): ImportMapping {
  const columns: Record<string, string> = {};
  for (const [c, f] of Object.entries(mapping.columns)) {
    if (c !== column && f !== field) columns[c] = f;
  }
  if (field) columns[column] = field;
  const values = { ...mapping.values };
  if (field) delete values[field];
  return { ...mapping, columns, values };
}

export function withValue(mapping: ImportMapping, field: FieldName, value: string): ImportMapping {
  return { ...mapping, values: { ...mapping.values, [field]: value } };
}

/** A mapping (saved, or suggested) for a file with these columns: what names a column the file lacks is left out. */
export function forHeaders(mapping: ImportMapping, headers: readonly string[]): ImportMapping {
  const columns = Object.fromEntries(Object.entries(mapping.columns).filter(([c]) => headers.includes(c)));
  const keyColumn = mapping.keyColumn && headers.includes(mapping.keyColumn) ? mapping.keyColumn : null;
  return { columns, values: { ...mapping.values }, keyColumn };
}

/** The mapping as sent: only the fixed values still needed, trimmed, and none left blank. */
export function toSend(mapping: ImportMapping): ImportMapping {
  const mapped = mappedFields(mapping);
  const values = Object.fromEntries(Object.entries(mapping.values ?? {})
    .map(([f, v]) => [f, (v ?? '').trim()] as const)
    .filter(([f, v]) => v !== '' && !mapped.has(f)));
  return { columns: mapping.columns, values, keyColumn: mapping.keyColumn || null };
}
