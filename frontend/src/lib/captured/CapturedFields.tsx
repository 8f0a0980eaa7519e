import { type KeyboardEvent, type ReactNode, useMemo } from 'react';
import { get, useFormContext, useWatch, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CATEGORIES, PATIENT_STATUSES, type Item, type Me, type Outage } from '../api/types';
import { date, dateTime } from '../i18n/format';
import { Field } from '../ui/Field';
import { formatNhs } from './nhs';
import { CARE_ROLES, MAX_LENGTH, type CapturedValues } from './schema';

/** The outages a new item can be filed under, and who is filing it (their sites). */
export interface CaptureChoices {
  outages: Outage[];
  me: Me;
}

interface CapturedFieldsProps {
  /** Prefix of the inputs' ids, so the fields can sit on a page beside others. */
  idPrefix?: string;
  /** Capture: choose the outage, site and system. Left out, those stay as they are (a correction). */
  choices?: CaptureChoices;
  /** Ctrl+Enter (or Cmd+Enter) in a text box. */
  onCtrlEnter?: () => void;
  /** Capture: ways to fill the sheet id other than typing it (scanning its QR code), shown under it. */
  sheetReader?: ReactNode;
}

export function sitesFor(outage: Outage | undefined, me: Me): string[] {
  if (!outage) return [];
  return me.sites.includes('*') ? outage.sites : outage.sites.filter((s) => me.sites.includes(s));
}

/** Each field's label by its path, as the form shows it (also to name fields that someone else changed). */
export function useCapturedLabels() {
  const { t } = useTranslation();
  return useMemo(() => ({
    outageId: t('fields.outage'),
    site: t('fields.site'),
    ward: t('fields.ward'),
    targetSystem: t('fields.targetSystem'),
    paperReference: t('fields.paperReference'),
    sheetId: t('fields.sheetId'),
    'patient.nhsNumber': t('fields.nhsNumber'),
    'patient.localId': t('fields.localId'),
    'patient.name': t('fields.patientName'),
    'patient.dateOfBirth': t('fields.dateOfBirth'),
    patientStatus: t('fields.patientStatus'),
    category: t('fields.category'),
    occurredAt: t('fields.occurredAt'),
    recordedBy: t('fields.recordedBy'),
    recordedByRole: t('fields.recordedByRole'),
    witnessedBy: t('fields.witnessedBy'),
    summary: t('fields.summary'),
    details: t('fields.details'),
    highRisk: t('fields.highRisk'),
  }), [t]);
}

/** An item's captured fields as its page lists them (before what happened to it since), each with its label. */
export function useCapturedDetails(item: Item | undefined): { path: string; label: string; value: ReactNode }[] {
  const { t } = useTranslation();
  const labels = useCapturedLabels();
  if (!item) return [];
  const rows: [keyof typeof labels, ReactNode][] = [
    ['patient.name', item.patient.name],
    ['patient.nhsNumber', item.patient.nhsNumber ? formatNhs(item.patient.nhsNumber) : null],
    ['patient.localId', item.patient.localId],
    ['patient.dateOfBirth', date(item.patient.dateOfBirth)],
    ['patientStatus', t(`patientStatus.${item.patientStatus}`)],
    ['category', t(`category.${item.category}`)],
    ['highRisk', item.highRisk ? t('common.yes') : t('common.no')],
    ['summary', item.summary],
    ['details', item.details],
    ['occurredAt', dateTime(item.occurredAt)],
    ['recordedBy', item.recordedBy],
    ['recordedByRole', item.recordedByRole ? t(`careRole.${item.recordedByRole}`) : null],
    ['witnessedBy', item.witnessedBy],
    ['site', item.site],
    ['ward', item.ward],
    ['targetSystem', item.targetSystem],
    ['paperReference', item.paperReference],
    ['sheetId', item.sheetId],
  ];
  return rows.map(([path, value]) => ({ path, label: labels[path], value }));
}

/**
 * The captured fields of an item, for the form around them (react-hook-form, values named by JSON path): where it
 * was recorded, the patient, and the care given. Capture and correction both show these.
 */
export function CapturedFields({ idPrefix = '', choices, onCtrlEnter, sheetReader }: CapturedFieldsProps) {
  const { t } = useTranslation();
  const labels = useCapturedLabels();
  const { register, setValue, getValues, trigger, clearErrors, control, formState: { errors } } = useFormContext<CapturedValues>();
  const outageId = useWatch({ control, name: 'outageId' });
  const outage = choices?.outages.find((o) => String(o.id) === outageId);
  const sites = choices ? sitesFor(outage, choices.me) : [];
  const systems = outage ? outage.systems : [];

  const id = (path: string) => `${idPrefix}${path.replace(/^patient\./, '')}`;
  const error = (path: string) => (get(errors, path) as FieldError | undefined)?.message;
  const submitOnCtrlEnter = (e: KeyboardEvent) => {
    if (onCtrlEnter && e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      onCtrlEnter();
    }
  };

  return (
    <>
      <fieldset>
        <legend>{t('capture.where')}</legend>
        {choices ? (
          <>
            <Field id={id('outageId')} label={labels.outageId} error={error('outageId')} required>
              <select {...register('outageId')}>
                <option value="">{t('common.choose')}</option>
                {choices.outages.map((o) => <option key={o.id} value={o.id}>{`${o.reference} ${o.title}`}</option>)}
              </select>
            </Field>
            <Field id={id('site')} label={labels.site} error={error('site')} required>
              <select {...register('site')}>
                <option value="">{t('common.choose')}</option>
                {sites.map((s) => <option key={s} value={s}>{s}</option>)}
              </select>
            </Field>
          </>
        ) : null}
        <Field id={id('ward')} label={labels.ward} error={error('ward')} required>
          <input type="text" autoComplete="off" maxLength={MAX_LENGTH.ward} {...register('ward')} />
        </Field>
        {choices ? (
          <Field id={id('targetSystem')} label={labels.targetSystem} error={error('targetSystem')} required>
            <select {...register('targetSystem')}>
              <option value="">{t('common.choose')}</option>
              {systems.map((s) => <option key={s.system} value={s.system}>{s.system}</option>)}
            </select>
          </Field>
        ) : null}
        <Field id={id('paperReference')} label={labels.paperReference} error={error('paperReference')} hint={t('capture.paperHint')}>
          <input type="text" autoComplete="off" maxLength={MAX_LENGTH.paperReference} {...register('paperReference')} />
        </Field>
        <div className="sheet-field">
          <Field id={id('sheetId')} label={labels.sheetId} error={error('sheetId')} hint={choices ? t('capture.sheetHint') : undefined}>
            <input
              type="text" autoComplete="off" autoCapitalize="characters" spellCheck={false} maxLength={MAX_LENGTH.sheetId}
              {...register('sheetId', {
                // Checked as soon as the cursor leaves it, like the NHS number.
                onBlur: () => {
                  if (getValues('sheetId')) void trigger('sheetId');
                  else clearErrors('sheetId');
                },
              })}
            />
          </Field>
          {sheetReader}
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('capture.patient')}</legend>
        <Field id={id('patient.nhsNumber')} label={labels['patient.nhsNumber']} error={error('patient.nhsNumber')} hint={t('capture.nhsHint')}>
          <input
            type="text" inputMode="numeric" autoComplete="off" maxLength={MAX_LENGTH['patient.nhsNumber']}
            {...register('patient.nhsNumber', {
              // Shown 3-3-4 as it is typed; checked as soon as the cursor leaves it.
              onChange: (e: { target: { value: string } }) => setValue('patient.nhsNumber', formatNhs(e.target.value)),
              onBlur: () => {
                if (getValues('patient.nhsNumber')) void trigger('patient.nhsNumber');
                else clearErrors('patient.nhsNumber');
              },
            })}
          />
        </Field>
        <Field id={id('patient.localId')} label={labels['patient.localId']} error={error('patient.localId')} hint={t('capture.localIdHint')}>
          <input type="text" autoComplete="off" maxLength={MAX_LENGTH['patient.localId']} {...register('patient.localId')} />
        </Field>
        <Field id={id('patient.name')} label={labels['patient.name']} error={error('patient.name')}>
          <input type="text" autoComplete="off" maxLength={MAX_LENGTH['patient.name']} {...register('patient.name')} />
        </Field>
        <Field id={id('patient.dateOfBirth')} label={labels['patient.dateOfBirth']} error={error('patient.dateOfBirth')}>
          <input type="date" {...register('patient.dateOfBirth')} />
        </Field>
        <Field id={id('patientStatus')} label={labels.patientStatus} error={error('patientStatus')} required>
          <select {...register('patientStatus')}>
            <option value="">{t('common.choose')}</option>
            {PATIENT_STATUSES.map((s) => <option key={s} value={s}>{t(`patientStatus.${s}`)}</option>)}
          </select>
        </Field>
      </fieldset>

      <fieldset>
        <legend>{t('capture.care')}</legend>
        <Field id={id('category')} label={labels.category} error={error('category')} required>
          <select {...register('category')}>
            <option value="">{t('common.choose')}</option>
            {CATEGORIES.map((c) => <option key={c} value={c}>{t(`category.${c}`)}</option>)}
          </select>
        </Field>
        <Field id={id('occurredAt')} label={labels.occurredAt} error={error('occurredAt')} hint={choices ? t('capture.occurredHint') : undefined} required>
          <input type="datetime-local" {...register('occurredAt')} />
        </Field>
        <Field id={id('recordedBy')} label={labels.recordedBy} error={error('recordedBy')} hint={t('capture.recordedByHint')} required>
          <input type="text" autoComplete="off" maxLength={MAX_LENGTH.recordedBy} {...register('recordedBy')} />
        </Field>
        <Field id={id('recordedByRole')} label={labels.recordedByRole} error={error('recordedByRole')}>
          <select {...register('recordedByRole')}>
            <option value="">{t('careRole.unknown')}</option>
            {CARE_ROLES.map((r) => <option key={r} value={r}>{t(`careRole.${r}`)}</option>)}
          </select>
        </Field>
        <Field id={id('witnessedBy')} label={labels.witnessedBy} error={error('witnessedBy')} hint={t('capture.witnessedByHint')}>
          <input type="text" autoComplete="off" maxLength={MAX_LENGTH.witnessedBy} {...register('witnessedBy')} />
        </Field>
        <Field id={id('summary')} label={labels.summary} error={error('summary')} required>
          <textarea rows={2} maxLength={MAX_LENGTH.summary} onKeyDown={submitOnCtrlEnter} {...register('summary')} />
        </Field>
        <Field id={id('details')} label={labels.details} error={error('details')}>
          <textarea rows={3} maxLength={MAX_LENGTH.details} onKeyDown={submitOnCtrlEnter} {...register('details')} />
        </Field>
        <div className={error('highRisk') ? 'field checkbox field-error' : 'field checkbox'}>
          <input id={id('highRisk')} type="checkbox" {...register('highRisk')} />
          <label htmlFor={id('highRisk')}>{labels.highRisk}</label>
        </div>
      </fieldset>
    </>
  );
}
