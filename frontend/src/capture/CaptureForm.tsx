import { type FormEvent, type KeyboardEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrors, type Problem } from '../api/problem';
import {
  CATEGORIES, PATIENT_STATUSES, type Category, type ItemCreateRequest, type ItemSummary, type Me, type Outage,
  type PatientStatus,
} from '../api/types';
import { dateTime, fromLocalInput, toLocalInput } from '../i18n/format';
import type { Delivery } from '../outbox/delivery';
import { Dialog } from '../ui/Dialog';
import { Field } from '../ui/Field';
import { ProblemAlert } from '../ui/ProblemAlert';
import { formatNhs, isValidNhs, nhsDigits } from './nhs';
import { loadSticky, saveSticky } from './sticky';

export interface CaptureFormProps {
  me: Me;
  /** Open outages at the person's sites. */
  outages: Outage[];
  save: (request: ItemCreateRequest) => Promise<Delivery>;
  /** Items that may record the same care; rejects when the service cannot be asked (the save goes ahead). */
  checkDuplicates: (request: ItemCreateRequest) => Promise<ItemSummary[]>;
}

interface Values {
  outageId: string;
  site: string;
  ward: string;
  targetSystem: string;
  paperReference: string;
  nhsNumber: string;
  localId: string;
  name: string;
  dateOfBirth: string;
  patientStatus: string;
  category: string;
  occurredAt: string;
  recordedBy: string;
  summary: string;
  details: string;
  highRisk: boolean;
}

/** Form field ids by the JSON path the service names in its problems. */
const FIELD_IDS: Record<string, string> = {
  outageId: 'outageId', site: 'site', ward: 'ward', targetSystem: 'targetSystem', paperReference: 'paperReference',
  'patient.nhsNumber': 'nhsNumber', 'patient.localId': 'localId', 'patient.name': 'name',
  'patient.dateOfBirth': 'dateOfBirth', patient: 'nhsNumber', patientStatus: 'patientStatus', category: 'category',
  occurredAt: 'occurredAt', recordedBy: 'recordedBy', summary: 'summary', details: 'details', highRisk: 'highRisk',
};
const FUTURE_SLACK_MS = 2 * 60 * 1000;

function fresh(outages: Outage[], me: Me): Values {
  const sticky = loadSticky();
  const outage = outages.find((o) => String(o.id) === sticky.outageId) ?? (outages.length === 1 ? outages[0] : undefined);
  const sites = outage ? sitesFor(outage, me) : [];
  const systems = outage ? outage.systems.map((s) => s.system) : [];
  return {
    outageId: outage ? String(outage.id) : '',
    site: sites.includes(sticky.site) ? sticky.site : sites.length === 1 ? sites[0]! : '',
    ward: sticky.ward,
    targetSystem: systems.includes(sticky.targetSystem) ? sticky.targetSystem : systems.length === 1 ? systems[0]! : '',
    paperReference: sticky.paperReference,
    nhsNumber: '', localId: '', name: '', dateOfBirth: '', patientStatus: '', category: '',
    occurredAt: toLocalInput(new Date()), recordedBy: '', summary: '', details: '', highRisk: false,
  };
}

function sitesFor(outage: Outage, me: Me): string[] {
  return me.sites.includes('*') ? outage.sites : outage.sites.filter((s) => me.sites.includes(s));
}

function blankToNull(value: string): string | null {
  const v = value.trim();
  return v === '' ? null : v;
}

/** The form's own checks, by JSON path, before anything is sent. */
function check(v: Values, t: (key: string) => string): Record<string, string> {
  const errors: Record<string, string> = {};
  const required: [keyof Values, string][] = [
    ['outageId', 'outageId'], ['site', 'site'], ['ward', 'ward'], ['targetSystem', 'targetSystem'],
    ['category', 'category'], ['patientStatus', 'patientStatus'], ['recordedBy', 'recordedBy'], ['summary', 'summary'],
  ];
  for (const [field, path] of required) {
    if (String(v[field]).trim() === '') errors[path] = t('errors.required');
  }
  if (v.nhsNumber.trim() !== '' && !isValidNhs(v.nhsNumber)) {
    errors['patient.nhsNumber'] = t('capture.nhsInvalid');
  }
  if (v.nhsNumber.trim() === '' && v.localId.trim() === '') {
    errors['patient.nhsNumber'] = t('capture.patientNeeded');
  }
  const occurred = fromLocalInput(v.occurredAt);
  if (!occurred) {
    errors.occurredAt = t('errors.required');
  } else if (new Date(occurred).getTime() > Date.now() + FUTURE_SLACK_MS) {
    errors.occurredAt = t('capture.futureTime');
  }
  return errors;
}

function toRequest(v: Values): ItemCreateRequest {
  return {
    outageId: Number(v.outageId),
    site: v.site,
    ward: v.ward.trim(),
    category: v.category as Category,
    targetSystem: v.targetSystem,
    patient: {
      nhsNumber: v.nhsNumber.trim() === '' ? null : nhsDigits(v.nhsNumber),
      localId: blankToNull(v.localId),
      name: blankToNull(v.name),
      dateOfBirth: blankToNull(v.dateOfBirth),
    },
    occurredAt: fromLocalInput(v.occurredAt)!,
    recordedBy: v.recordedBy.trim(),
    paperReference: blankToNull(v.paperReference),
    summary: v.summary.trim(),
    details: blankToNull(v.details),
    highRisk: v.highRisk,
    patientStatus: v.patientStatus as PatientStatus,
  };
}

/**
 * One paper record per form. The outage, site, ward, system and paper batch stay for the next form; "save and next"
 * (Enter, or Ctrl+Enter in a text box) clears the rest and puts the cursor on the NHS number.
 */
export function CaptureForm({ me, outages, save, checkDuplicates }: CaptureFormProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Values>(() => fresh(outages, me));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [duplicates, setDuplicates] = useState<ItemSummary[] | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  /** Set from the first press of Save until its answer: a second press must not save the form again. */
  const inFlight = useRef(false);

  const outage = outages.find((o) => String(o.id) === values.outageId);
  const sites = useMemo(() => (outage ? sitesFor(outage, me) : []), [outage, me]);
  const systems = outage ? outage.systems : [];

  const set = <K extends keyof Values>(field: K, value: Values[K]) => setValues((v) => ({ ...v, [field]: value }));

  const focusField = (path: string) => {
    const id = FIELD_IDS[path] ?? path;
    (formRef.current?.querySelector(`#${CSS.escape(id)}`) as HTMLElement | null)?.focus();
  };

  const showErrors = (byPath: Record<string, string>, serviceProblem: Problem | null) => {
    setErrors(byPath);
    setProblem(serviceProblem ?? { title: t('errors.checkForm'), status: 422 });
    const first = Object.keys(FIELD_IDS).find((path) => byPath[path]);
    if (first) setTimeout(() => focusField(first), 0);
  };

  const send = async (request: ItemCreateRequest) => {
    setBusy(true);
    setStatus('');
    try {
      const result = await save(request);
      if (result.outcome === 'rejected') {
        showErrors(fieldErrors(result.problem), result.problem);
        return;
      }
      saveSticky({
        outageId: values.outageId, site: values.site, ward: values.ward, targetSystem: values.targetSystem,
        paperReference: values.paperReference,
      });
      setStatus(result.outcome === 'sent'
        ? t('capture.saved', { reference: result.item.reference })
        : t('capture.savedOffline'));
      setValues(fresh(outages, me));
      setErrors({});
      setProblem(null);
      setTimeout(() => focusField('patient.nhsNumber'), 0);
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (inFlight.current) return;
    const found = check(values, t);
    if (Object.keys(found).length > 0) {
      showErrors(found, null);
      return;
    }
    inFlight.current = true;
    setBusy(true);
    try {
      const request = toRequest(values);
      try {
        const matches = await checkDuplicates(request);
        if (matches.length > 0) {
          setDuplicates(matches);
          return;
        }
      } catch {
        // The service cannot be asked (offline): save anyway; duplicates are flagged when the item arrives.
      }
      await send(request);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const saveAnyway = async () => {
    setDuplicates(null);
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      await send(toRequest(values));
    } finally {
      inFlight.current = false;
    }
  };

  const submitOnCtrlEnter = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void onSubmit();
    }
  };

  const err = (path: string) => errors[path];

  return (
    <form ref={formRef} className="capture-form" noValidate onSubmit={(e) => void onSubmit(e)} aria-describedby="capture-help">
      <p id="capture-help" className="hint">{t('capture.help')}</p>
      <ProblemAlert problem={problem} shownFields={Object.keys(FIELD_IDS)} />

      <fieldset>
        <legend>{t('capture.where')}</legend>
        <Field id="outageId" label={t('fields.outage')} error={err('outageId')} required>
          <select value={values.outageId} onChange={(e) => set('outageId', e.target.value)}>
            <option value="">{t('common.choose')}</option>
            {outages.map((o) => <option key={o.id} value={o.id}>{`${o.reference} ${o.title}`}</option>)}
          </select>
        </Field>
        <Field id="site" label={t('fields.site')} error={err('site')} required>
          <select value={values.site} onChange={(e) => set('site', e.target.value)}>
            <option value="">{t('common.choose')}</option>
            {sites.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </Field>
        <Field id="ward" label={t('fields.ward')} error={err('ward')} required>
          <input type="text" autoComplete="off" maxLength={64} value={values.ward} onChange={(e) => set('ward', e.target.value)} />
        </Field>
        <Field id="targetSystem" label={t('fields.targetSystem')} error={err('targetSystem')} required>
          <select value={values.targetSystem} onChange={(e) => set('targetSystem', e.target.value)}>
            <option value="">{t('common.choose')}</option>
            {systems.map((s) => <option key={s.system} value={s.system}>{s.system}</option>)}
          </select>
        </Field>
        <Field id="paperReference" label={t('fields.paperReference')} error={err('paperReference')} hint={t('capture.paperHint')}>
          <input type="text" autoComplete="off" maxLength={64} value={values.paperReference} onChange={(e) => set('paperReference', e.target.value)} />
        </Field>
      </fieldset>

      <fieldset>
        <legend>{t('capture.patient')}</legend>
        <Field id="nhsNumber" label={t('fields.nhsNumber')} error={err('patient.nhsNumber') ?? err('patient')} hint={t('capture.nhsHint')}>
          <input
            type="text" inputMode="numeric" autoComplete="off" maxLength={12} value={values.nhsNumber}
            onChange={(e) => set('nhsNumber', formatNhs(e.target.value))}
            onBlur={() => {
              if (values.nhsNumber && !isValidNhs(values.nhsNumber)) {
                setErrors((x) => ({ ...x, 'patient.nhsNumber': t('capture.nhsInvalid') }));
              } else {
                setErrors((x) => {
                  const { ['patient.nhsNumber']: _dropped, ...rest } = x;
                  return rest;
                });
              }
            }}
          />
        </Field>
        <Field id="localId" label={t('fields.localId')} error={err('patient.localId')} hint={t('capture.localIdHint')}>
          <input type="text" autoComplete="off" maxLength={32} value={values.localId} onChange={(e) => set('localId', e.target.value)} />
        </Field>
        <Field id="name" label={t('fields.patientName')} error={err('patient.name')}>
          <input type="text" autoComplete="off" maxLength={200} value={values.name} onChange={(e) => set('name', e.target.value)} />
        </Field>
        <Field id="dateOfBirth" label={t('fields.dateOfBirth')} error={err('patient.dateOfBirth')}>
          <input type="date" value={values.dateOfBirth} onChange={(e) => set('dateOfBirth', e.target.value)} />
        </Field>
        <Field id="patientStatus" label={t('fields.patientStatus')} error={err('patientStatus')} required>
          <select value={values.patientStatus} onChange={(e) => set('patientStatus', e.target.value)}>
            <option value="">{t('common.choose')}</option>
            {PATIENT_STATUSES.map((s) => <option key={s} value={s}>{t(`patientStatus.${s}`)}</option>)}
          </select>
        </Field>
      </fieldset>

      <fieldset>
        <legend>{t('capture.care')}</legend>
        <Field id="category" label={t('fields.category')} error={err('category')} required>
          <select value={values.category} onChange={(e) => set('category', e.target.value)}>
            <option value="">{t('common.choose')}</option>
            {CATEGORIES.map((c) => <option key={c} value={c}>{t(`category.${c}`)}</option>)}
          </select>
        </Field>
        <Field id="occurredAt" label={t('fields.occurredAt')} error={err('occurredAt')} hint={t('capture.occurredHint')} required>
          <input type="datetime-local" value={values.occurredAt} onChange={(e) => set('occurredAt', e.target.value)} />
        </Field>
        <Field id="recordedBy" label={t('fields.recordedBy')} error={err('recordedBy')} hint={t('capture.recordedByHint')} required>
          <input type="text" autoComplete="off" maxLength={120} value={values.recordedBy} onChange={(e) => set('recordedBy', e.target.value)} />
        </Field>
        <Field id="summary" label={t('fields.summary')} error={err('summary')} required>
          <textarea rows={2} maxLength={500} value={values.summary} onKeyDown={submitOnCtrlEnter} onChange={(e) => set('summary', e.target.value)} />
        </Field>
        <Field id="details" label={t('fields.details')} error={err('details')}>
          <textarea rows={3} maxLength={4000} value={values.details} onKeyDown={submitOnCtrlEnter} onChange={(e) => set('details', e.target.value)} />
        </Field>
        <div className={err('highRisk') ? 'field checkbox field-error' : 'field checkbox'}>
          <input id="highRisk" type="checkbox" checked={values.highRisk} onChange={(e) => set('highRisk', e.target.checked)} />
          <label htmlFor="highRisk">{t('fields.highRisk')}</label>
        </div>
      </fieldset>

      <div className="actions save-actions">
        <button type="submit" className="primary" disabled={busy}>{busy ? t('common.saving') : t('capture.saveAndNext')}</button>
      </div>
      <p className="status" role="status" aria-live="polite">{status}</p>

      <Dialog open={duplicates !== null} title={t('capture.duplicateTitle')} onClose={() => setDuplicates(null)}>
        <p>{t('capture.duplicateText')}</p>
        <ul className="plain-list">
          {(duplicates ?? []).map((d) => (
            <li key={d.id}>
              <strong>{d.reference}</strong> · {dateTime(d.occurredAt)} · {t(`status.${d.status}`)} · {d.summary}
            </li>
          ))}
        </ul>
        <div className="actions">
          <button type="button" onClick={() => setDuplicates(null)}>{t('capture.duplicateBack')}</button>
          <button
            type="button" className="primary"
            onClick={() => void saveAnyway()}
          >
            {t('capture.duplicateSave')}
          </button>
        </div>
      </Dialog>
    </form>
  );
}
