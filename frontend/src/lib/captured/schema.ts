// The captured fields of an item: the paper record as a clerk types it in, and as a correction changes it. The rules
// are the service's (ItemCreateRequest, PatientRequest, ItemUpdateRequest), checked before anything is sent. Form
// values are the strings the inputs hold, named by the JSON path the service uses ('ward', 'patient.nhsNumber'), so
// a problem the service names lands on its field; parsing turns them into the request.

import { z } from 'zod';
import type { ItemCreateRequest, ItemUpdateRequest } from '../api/types';
import { CATEGORIES, PATIENT_STATUSES, type Item } from '../api/types';
import { fromLocalInput, toLocalInput } from '../i18n/format';
import { formatNhs, isValidNhs, nhsDigits } from './nhs';
import { isValidSheetId, normaliseSheetId, SHEET_ID_MAX } from './sheetId';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** Longest values the service takes; the inputs stop there too. */
export const MAX_LENGTH = {
  ward: 64, paperReference: 64, sheetId: SHEET_ID_MAX, recordedBy: 120, witnessedBy: 120, summary: 500, details: 4000,
  'patient.localId': 32, 'patient.name': 200,
  /** Ten digits shown 3-3-4. */
  'patient.nhsNumber': 12,
} as const;

/** The role of whoever gave the care, as the paper shows it (optional). */
export const CARE_ROLES = ['NURSE', 'DOCTOR', 'HCA', 'PHARMACIST', 'OTHER'] as const;

/** A clinical time may be this far ahead of the device's clock (clocks differ). */
const FUTURE_SKEW_MS = 120_000;

/** The schema, with its messages in the reader's language. Keys are in the order the form shows them. */
export function capturedSchema(t: Translate) {
  const required = t('errors.required');
  const text = (max: number) => z.string().trim().max(max, t('errors.tooLong', { max }));
  const requiredText = (max: number) => text(max).min(1, required);
  const optionalText = (max: number) => text(max).transform((v) => (v === '' ? null : v));
  const chosen = z.string().min(1, required);
  return z.object({
    outageId: chosen.transform(Number),
    site: chosen,
    ward: requiredText(MAX_LENGTH.ward),
    targetSystem: chosen,
    paperReference: optionalText(MAX_LENGTH.paperReference),
    // The id printed on a downtime sheet, typed or read from its QR code; its check character is checked here.
    sheetId: z.string().transform(normaliseSheetId)
      .refine((v) => v === '' || isValidSheetId(v), t('capture.sheetInvalid'))
      .transform((v) => (v === '' ? null : v)),
    patient: z.object({
      nhsNumber: z.string().trim()
        .refine((v) => v === '' || isValidNhs(v), t('capture.nhsInvalid'))
        .transform((v) => (v === '' ? null : nhsDigits(v))),
      localId: optionalText(MAX_LENGTH['patient.localId']),
      name: optionalText(MAX_LENGTH['patient.name']),
      dateOfBirth: z.string().transform((v) => (v === '' ? null : v)),
    }).superRefine((patient, ctx) => {
      if (patient.nhsNumber === null && patient.localId === null) {
        ctx.addIssue({ code: 'custom', path: ['nhsNumber'], message: t('capture.patientNeeded') });
      }
    }),
    patientStatus: chosen.pipe(z.enum(PATIENT_STATUSES)),
    category: chosen.pipe(z.enum(CATEGORIES)),
    occurredAt: z.string().transform((value, ctx) => {
      const at = fromLocalInput(value);
      if (!at) {
        ctx.addIssue({ code: 'custom', message: required });
        return z.NEVER;
      }
      if (Date.parse(at) > Date.now() + FUTURE_SKEW_MS) {
        ctx.addIssue({ code: 'custom', message: t('capture.futureTime') });
        return z.NEVER;
      }
      return at;
    }),
    recordedBy: requiredText(MAX_LENGTH.recordedBy),
    recordedByRole: z.string().transform((v) => (v === '' ? null : v)).pipe(z.enum(CARE_ROLES).nullable()),
    witnessedBy: optionalText(MAX_LENGTH.witnessedBy),
    summary: requiredText(MAX_LENGTH.summary),
    details: optionalText(MAX_LENGTH.details),
    highRisk: z.boolean(),
  });
}

export type CapturedSchema = ReturnType<typeof capturedSchema>;
/** What the form holds. */
export type CapturedValues = z.input<CapturedSchema>;
/** What the form sends: exactly a new item for the service. */
export type CapturedRequest = z.output<CapturedSchema>;
// Fails to compile when the form's output no longer fits the service's request (see openapi.yml).
const _fits = (request: CapturedRequest): ItemCreateRequest => request;
void _fits;

/** Every field's path, in the form's order ('ward', 'patient.nhsNumber', ...). */
export function capturedPaths(schema: z.ZodObject = capturedSchema((k) => k), prefix = ''): string[] {
  return Object.entries(schema.shape).flatMap(([key, field]) =>
    (field instanceof z.ZodObject ? capturedPaths(field, `${prefix}${key}.`) : [`${prefix}${key}`]));
}

/** The value at a path of the form's values. */
export function valueAt(values: CapturedValues, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], values);
}

/** A blank form. */
export function emptyValues(): CapturedValues {
  return {
    outageId: '', site: '', ward: '', targetSystem: '', paperReference: '', sheetId: '',
    patient: { nhsNumber: '', localId: '', name: '', dateOfBirth: '' },
    patientStatus: '', category: '', occurredAt: '', recordedBy: '', recordedByRole: '', witnessedBy: '', summary: '', details: '', highRisk: false,
  };
}

/** The form's values for an item as it is (where a correction starts). */
export function valuesOf(item: Item): CapturedValues {
  return {
    outageId: String(item.outageId),
    site: item.site,
    ward: item.ward,
    targetSystem: item.targetSystem,
    paperReference: item.paperReference ?? '',
    sheetId: item.sheetId ?? '',
    patient: {
      nhsNumber: formatNhs(item.patient.nhsNumber ?? ''),
      localId: item.patient.localId ?? '',
      name: item.patient.name ?? '',
      dateOfBirth: item.patient.dateOfBirth ?? '',
    },
    patientStatus: item.patientStatus,
    category: item.category,
    occurredAt: toLocalInput(new Date(item.occurredAt)),
    recordedBy: item.recordedBy,
    recordedByRole: item.recordedByRole ?? '',
    witnessedBy: item.witnessedBy ?? '',
    summary: item.summary,
    details: item.details ?? '',
    highRisk: item.highRisk,
  };
}

/** The paths whose values differ between two sets of values. */
export function changedPaths(before: CapturedValues, after: CapturedValues): string[] {
  return capturedPaths().filter((path) => valueAt(before, path) !== valueAt(after, path));
}

/**
 * A correction: the fields that differ from `before`, as the service takes them. A field left empty goes as ''
 * (the service clears it; null would leave it as it was); the patient goes as a whole block.
 */
export function correctionOf(before: CapturedValues, after: CapturedValues, request: CapturedRequest): ItemUpdateRequest {
  const changed = new Set(changedPaths(before, after).map((path) => path.split('.')[0]!));
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(request)) {
    if (changed.has(key)) body[key] = value ?? '';
  }
  return body as ItemUpdateRequest;
}
