import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { toLocalInput } from '../i18n/format';
import { capturedSchema, emptyValues, type CapturedValues } from './schema';

const t = i18n.t.bind(i18n);

function valid(change: Partial<CapturedValues> = {}): CapturedValues {
  return {
    ...emptyValues(), outageId: '3', site: 'RXH', ward: 'Ward 7', targetSystem: 'EPR', paperReference: ' ',
    patient: { nhsNumber: '943 476 5919', localId: '', name: '', dateOfBirth: '' },
    patientStatus: 'INPATIENT', category: 'OBSERVATIONS', occurredAt: toLocalInput(new Date()), recordedBy: ' Nurse A ',
    summary: 'NEWS2 obs', ...change,
  };
}

function problems(values: CapturedValues): Record<string, string> {
  const result = capturedSchema(t).safeParse(values);
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
}

describe('captured fields schema', () => {
  it('turns the form into the request the service takes', () => {
    const request = capturedSchema(t).parse(valid());
    expect(request).toMatchObject({
      outageId: 3, ward: 'Ward 7', paperReference: null, recordedBy: 'Nurse A', details: null, highRisk: false,
      patient: { nhsNumber: '9434765919', localId: null, name: null, dateOfBirth: null },
    });
    expect(Date.parse(request.occurredAt)).not.toBeNaN();
  });

  it('takes a sheet id typed in any case, checks its check character, or none', () => {
    expect(capturedSchema(t).parse(valid()).sheetId).toBeNull();
    expect(capturedSchema(t).parse(valid({ sheetId: ' s-rgh-0000081-x ' })).sheetId).toBe('S-RGH-0000081-X');
    expect(problems(valid({ sheetId: 'S-RGH-0000081-Y' }))).toEqual({ sheetId: t('capture.sheetInvalid') });
  });

  it('takes the role of whoever gave the care, or none', () => {
    expect(capturedSchema(t).parse(valid()).recordedByRole).toBeNull();
    expect(capturedSchema(t).parse(valid({ recordedByRole: 'PHARMACIST' })).recordedByRole).toBe('PHARMACIST');
    expect(Object.keys(problems(valid({ recordedByRole: 'SURGEON' })))).toEqual(['recordedByRole']);
  });

  it('takes who witnessed the care, or none', () => {
    expect(capturedSchema(t).parse(valid({ witnessedBy: ' ' })).witnessedBy).toBeNull();
    expect(capturedSchema(t).parse(valid({ witnessedBy: ' Nurse B ' })).witnessedBy).toBe('Nurse B');
    expect(Object.keys(problems(valid({ witnessedBy: 'w'.repeat(121) })))).toEqual(['witnessedBy']);
  });

  it('holds to the service’s lengths', () => {
    expect(problems(valid({ ward: 'W'.repeat(65), summary: 's'.repeat(501), details: 'd'.repeat(4001) }))).toEqual({
      ward: 'This is too long: at most 64 characters.',
      summary: 'This is too long: at most 500 characters.',
      details: 'This is too long: at most 4000 characters.',
    });
    expect(problems(valid({ ward: 'W'.repeat(64), summary: 's'.repeat(500), details: 'd'.repeat(4000) }))).toEqual({});
    expect(problems(valid({ patient: { nhsNumber: '', localId: 'L'.repeat(33), name: 'n'.repeat(201), dateOfBirth: '' } })))
      .toEqual({ 'patient.localId': 'This is too long: at most 32 characters.', 'patient.name': 'This is too long: at most 200 characters.' });
  });

  it('refuses a time of care more than two minutes ahead of the clock', () => {
    const ahead = (seconds: number) => toLocalInput(new Date(Date.now() + seconds * 1000));
    expect(problems(valid({ occurredAt: ahead(60) }))).toEqual({});
    expect(problems(valid({ occurredAt: ahead(240) }))).toEqual({ occurredAt: 'This time is in the future: check the paper.' });
    expect(problems(valid({ occurredAt: '' }))).toEqual({ occurredAt: 'Enter this: it is required.' });
  });

  it('wants a valid NHS number or a local id', () => {
    const patient = (nhsNumber: string, localId = '') => valid({ patient: { nhsNumber, localId, name: '', dateOfBirth: '' } });
    expect(problems(patient('943 476 5918'))).toEqual({ 'patient.nhsNumber': 'This NHS number is not valid: check the digits against the paper.' });
    expect(problems(patient(''))).toEqual({ 'patient.nhsNumber': 'Enter the NHS number or a local patient id.' });
    expect(problems(patient('', 'RXH123'))).toEqual({});
  });
});
