import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORIES, PATIENT_STATUSES, type ImportMapping, type Me, type Outage } from '../../../lib/api/types';
import { sitesFor, useCapturedLabels } from '../../../lib/captured/CapturedFields';
import { MAX_LENGTH } from '../../../lib/captured/schema';
import { Field } from '../../../lib/ui/Field';
import { type FieldName, namesPatient, needingValues, withValue } from '../mapping';

interface FixedValuesProps {
  mapping: ImportMapping;
  onChange: (mapping: ImportMapping) => void;
  /** The outage imported into: its sites and systems are the choices (while it is unknown, codes are typed). */
  outage: Outage | undefined;
  me: Me;
  /** The service's messages by field path: 'mapping.site' (no value), 'mapping.values.site' (a value it cannot read). */
  errors: Record<string, string>;
}

/** The fields an item needs that no column fills: one value for every row of the file. */
export function FixedValues({ mapping, onChange, outage, me, errors }: FixedValuesProps) {
  const { t } = useTranslation();
  const labels = useCapturedLabels();
  const needed = needingValues(mapping);
  const patientNamed = namesPatient(mapping);
  if (needed.length === 0 && patientNamed) return null;

  const value = (field: FieldName) => mapping.values?.[field] ?? '';
  const set = (field: FieldName, v: string) => onChange(withValue(mapping, field, v));
  const choice = (field: FieldName, options: { value: string; label: string }[]) => (
    <select value={value(field)} onChange={(e) => set(field, e.target.value)}>
      <option value="">{t('common.choose')}</option>
      {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
    </select>
  );
  const codes = (list: string[]) => list.map((c) => ({ value: c, label: c }));
  const text = (field: FieldName, max?: number) => <input value={value(field)} maxLength={max} onChange={(e) => set(field, e.target.value)} />;

  const control = (field: FieldName): ReactElement<Record<string, unknown>> => {
    switch (field) {
      case 'site': return outage ? choice(field, codes(sitesFor(outage, me))) : text(field, 32);
      case 'targetSystem': return outage ? choice(field, codes(outage.systems.map((s) => s.system))) : text(field, 32);
      case 'category': return choice(field, CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) })));
      case 'patientStatus': return choice(field, PATIENT_STATUSES.map((s) => ({ value: s, label: t(`patientStatus.${s}`) })));
      case 'highRisk': return choice(field, [{ value: 'yes', label: t('common.yes') }, { value: 'no', label: t('common.no') }]);
      // Hospital time, as the service reads '2026-12-06 14:30'.
      case 'occurredAt': return (
        <input type="datetime-local" value={value(field).replace(' ', 'T')} onChange={(e) => set(field, e.target.value.replace('T', ' '))} />
      );
      case 'ward': case 'recordedBy': case 'summary': return text(field, MAX_LENGTH[field]);
      default: return text(field);
    }
  };

  return (
    <fieldset>
      <legend>{t('imports.fixed')}</legend>
      <p className="hint">{t('imports.fixedHint')}</p>
      {patientNamed ? null : <p className="alert alert-error">{t('imports.patientNeeded')}</p>}
      {needed.map((field) => (
        <Field key={field} id={`fixed-${field}`} label={labels[field]} error={errors[`mapping.${field}`] ?? errors[`mapping.values.${field}`]}
          hint={field === 'occurredAt' ? t('imports.hospitalTime') : undefined}>
          {control(field)}
        </Field>
      ))}
    </fieldset>
  );
}
