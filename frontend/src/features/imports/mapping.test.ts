import { describe, expect, it } from 'vitest';
import { emptyMapping, forHeaders, namesPatient, needingValues, toSend, withColumn, withValue } from './mapping';

describe('import mapping', () => {
  it('asks a fixed value for each field an item needs that no column fills', () => {
    const mapping = withColumn(withColumn(emptyMapping(), 'Ward', 'ward'), 'When', 'occurredAt');
    expect(needingValues(mapping)).toEqual(['site', 'targetSystem', 'category', 'patientStatus', 'recordedBy', 'summary', 'highRisk']);
    expect(namesPatient(mapping)).toBe(false);
    expect(namesPatient(withColumn(mapping, 'MRN', 'patient.localId'))).toBe(true);
  });

  it('lets one column fill a field: choosing it for another column moves it, and drops its fixed value', () => {
    let mapping = withValue(emptyMapping(), 'ward', 'Ward 3');
    mapping = withColumn(mapping, 'Location', 'ward');
    expect(mapping.values).toEqual({});
    mapping = withColumn(mapping, 'Ward', 'ward');
    expect(mapping.columns).toEqual({ Ward: 'ward' });
    expect(withColumn(mapping, 'Ward', '').columns).toEqual({});
  });

  it('sends only the fixed values still needed, trimmed, none blank', () => {
    const mapping = { columns: { System: 'targetSystem' }, values: { targetSystem: 'EPR', site: ' RXH ', ward: '  ' }, keyColumn: '' };
    expect(toSend(mapping)).toEqual({ columns: { System: 'targetSystem' }, values: { site: 'RXH' }, keyColumn: null });
  });

  it('fits a saved mapping to a file: columns the file lacks are left out', () => {
    const saved = { columns: { Ward: 'ward', Sheet: 'paperReference' }, values: { targetSystem: 'EMAR' }, keyColumn: 'Sheet' };
    expect(forHeaders(saved, ['Ward', 'NHS'])).toEqual({ columns: { Ward: 'ward' }, values: { targetSystem: 'EMAR' }, keyColumn: null });
  });
});
