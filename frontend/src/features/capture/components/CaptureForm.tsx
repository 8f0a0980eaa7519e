import { zodResolver } from '@hookform/resolvers/zod';
import { useRef, useState } from 'react';
import { FormProvider, useForm, type FieldPath } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { fieldErrors, type Problem } from '../../../lib/api/problem';
import type { CaptureWarning, ItemCreateRequest, ItemSummary, Me, Outage } from '../../../lib/api/types';
import { CapturedFields, sitesFor } from '../../../lib/captured/CapturedFields';
import {
  capturedPaths, capturedSchema, emptyValues, type CapturedRequest, type CapturedValues,
} from '../../../lib/captured/schema';
import { normaliseSheetId } from '../../../lib/captured/sheetId';
import { dateTime, toLocalInput } from '../../../lib/i18n/format';
import { DrillBanner } from '../../../lib/ui/Badges';
import { Dialog } from '../../../lib/ui/Dialog';
import { ProblemAlert } from '../../../lib/ui/ProblemAlert';
import { loadSticky, saveSticky } from '../sticky';
import { TemporaryIdButton } from './TemporaryIdButton';
import { SheetReader } from './SheetReader';

/** What became of a saved item: sent, refused by the service (with its problem), or waiting on the device. */
export type SaveOutcome =
  | { outcome: 'sent'; item: { reference: string; warnings?: CaptureWarning[] } }
  | { outcome: 'rejected'; problem: Problem }
  | { outcome: 'waiting' };

export interface CaptureFormProps {
  me: Me;
  /** Open outages at the person's sites. */
  outages: Outage[];
  save: (request: ItemCreateRequest) => Promise<SaveOutcome>;
  /** Items that may record the same care; rejects when the service cannot be asked (the save goes ahead). */
  checkDuplicates: (request: ItemCreateRequest) => Promise<ItemSummary[]>;
}

/** The fields' paths, in the form's order; a problem about the whole patient is shown at the NHS number. */
const PATHS = capturedPaths();
const SHOWN = [...PATHS, 'patient'];

function fieldOf(path: string): string | undefined {
  if (path === 'patient') return 'patient.nhsNumber';
  return PATHS.includes(path) ? path : undefined;
}

function fresh(outages: Outage[], me: Me): CapturedValues {
  const sticky = loadSticky();
  const outage = outages.find((o) => String(o.id) === sticky.outageId) ?? (outages.length === 1 ? outages[0] : undefined);
  const sites = sitesFor(outage, me);
  const systems = outage ? outage.systems.map((s) => s.system) : [];
  return {
    ...emptyValues(),
    outageId: outage ? String(outage.id) : '',
    site: sites.includes(sticky.site) ? sticky.site : sites.length === 1 ? sites[0]! : '',
    ward: sticky.ward,
    targetSystem: systems.includes(sticky.targetSystem) ? sticky.targetSystem : systems.length === 1 ? systems[0]! : '',
    paperReference: sticky.paperReference,
    sheetId: sticky.sheetId,
    occurredAt: toLocalInput(new Date()),
  };
}

/**
 * One paper record per form. The outage, site, ward, system and paper batch stay for the next form; "save and next"
 * (Enter, or Ctrl+Enter in a text box) clears the rest and puts the cursor on the NHS number.
 */
export function CaptureForm({ me, outages, save, checkDuplicates }: CaptureFormProps) {
  const { t } = useTranslation();
  // The messages follow the language chosen now, not the one the form opened in.
  const translate = useRef(t);
  translate.current = t;
  const form = useForm<CapturedValues, unknown, CapturedRequest>({
    defaultValues: fresh(outages, me),
    resolver: (values, context, options) => zodResolver(capturedSchema(translate.current))(values, context, options),
    reValidateMode: 'onSubmit',
  });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [status, setStatus] = useState('');
  const [warnings, setWarnings] = useState<CaptureWarning[]>([]);
  const [busy, setBusy] = useState(false);
  const [duplicates, setDuplicates] = useState<{ matches: ItemSummary[]; request: ItemCreateRequest } | null>(null);
  /** Set from the first press of Save until its answer: a second press must not save the form again. */
  const inFlight = useRef(false);

  const showServiceProblem = (serviceProblem: Problem) => {
    const byPath = fieldErrors(serviceProblem);
    const marked = new Set<string>();
    for (const [path, message] of Object.entries(byPath)) {
      const field = fieldOf(path);
      if (!field) continue;
      form.setError(field as FieldPath<CapturedValues>, { type: 'service', message });
      marked.add(field);
    }
    setProblem(serviceProblem);
    const first = PATHS.find((path) => marked.has(path));
    if (first) setTimeout(() => form.setFocus(first as FieldPath<CapturedValues>), 0);
  };

  const send = async (request: ItemCreateRequest) => {
    setBusy(true);
    setStatus('');
    setWarnings([]);
    try {
      const result = await save(request);
      if (result.outcome === 'rejected') {
        showServiceProblem(result.problem);
        return;
      }
      // The sheet id stays too: a clerk enters every line of one sheet before the next.
      const { outageId, site, ward, targetSystem, paperReference, sheetId } = form.getValues();
      saveSticky({ outageId, site, ward, targetSystem, paperReference, sheetId: normaliseSheetId(sheetId) });
      if (result.outcome === 'sent') setWarnings(result.item.warnings ?? []);
      setStatus(result.outcome === 'sent'
        ? t('capture.saved', { reference: result.item.reference })
        : t('capture.savedOffline'));
      form.reset(fresh(outages, me));
      setProblem(null);
      setTimeout(() => form.setFocus('patient.nhsNumber'), 0);
    } finally {
      setBusy(false);
    }
  };

  const whenValid = async (request: CapturedRequest) => {
    setBusy(true);
    try {
      try {
        const matches = await checkDuplicates(request);
        if (matches.length > 0) {
          setDuplicates({ matches, request });
          return;
        }
      } catch {
        // The service cannot be asked (offline): save anyway; duplicates are flagged when the item arrives.
      }
      await send(request);
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    try {
      await form.handleSubmit(whenValid, () => setProblem({ title: t('errors.checkForm'), status: 422 }))();
    } finally {
      inFlight.current = false;
    }
  };

  const saveAnyway = async () => {
    const request = duplicates?.request;
    setDuplicates(null);
    if (!request || inFlight.current) return;
    inFlight.current = true;
    try {
      await send(request);
    } finally {
      inFlight.current = false;
    }
  };

  return (
    <FormProvider {...form}>
      <form
        className="capture-form" noValidate aria-describedby="capture-help"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p id="capture-help" className="hint">{t('capture.help')}</p>
        <ProblemAlert problem={problem} shownFields={SHOWN} />

        <DrillBanner drill={outages.find((o) => String(o.id) === form.watch('outageId'))?.drill} />
        <CapturedFields
          choices={{ outages, me }} onCtrlEnter={() => void submit()}
          sheetReader={<SheetReader onRead={(sheetId) => form.setValue('sheetId', sheetId, { shouldValidate: true })} />}
        />
        <TemporaryIdButton />

        <div className="actions save-actions">
          <button type="submit" className="primary" disabled={busy}>{busy ? t('common.saving') : t('capture.saveAndNext')}</button>
        </div>
        <p className="status" role="status" aria-live="polite">{status}</p>
        {warnings.length > 0 ? (
          <div className="alert warnings" role="alert">
            <p className="alert-title">{t('capture.warningsTitle')}</p>
            <ul>
              {warnings.map((w) => (
                <li key={`${w.field}-${w.code}`}>
                  {t(`capture.warning.${w.code}`, { defaultValue: w.detail })}{w.detail ? ` ${w.detail}` : ''}
                </li>
              ))}
            </ul>
          </div>
        ) : null}

        <Dialog open={duplicates !== null} title={t('capture.duplicateTitle')} onClose={() => setDuplicates(null)}>
          <p>{t('capture.duplicateText')}</p>
          <ul className="plain-list">
            {(duplicates?.matches ?? []).map((d) => (
              <li key={d.id}>
                <strong>{d.reference}</strong> · {dateTime(d.occurredAt)} · {t(`status.${d.status}`)} · {d.summary}
              </li>
            ))}
          </ul>
          <div className="actions">
            <button type="button" onClick={() => setDuplicates(null)}>{t('capture.duplicateBack')}</button>
            <button type="button" className="primary" onClick={() => void saveAnyway()}>{t('capture.duplicateSave')}</button>
          </div>
        </Dialog>
      </form>
    </FormProvider>
  );
}
