import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useOutages } from '../../../lib/api/outages';
import { fieldErrors, type Problem } from '../../../lib/api/problem';
import { number } from '../../../lib/i18n/format';
import { Dialog } from '../../../lib/ui/Dialog';
import { Field } from '../../../lib/ui/Field';
import { ProblemAlert, toProblem } from '../../../lib/ui/ProblemAlert';
import type { Sheet, SheetCounts } from '../../../lib/api/types';
import { SHEET_ACTIONS, sheetsQuery, useChangeSheet, type SheetAction } from '../api';

/** The counts in the order a sheet moves, each with its status's name. */
const COUNTS: [keyof SheetCounts, string][] = [
  ['issued', 'ISSUED'], ['inUse', 'IN_USE'], ['complete', 'COMPLETE'], ['returnedUnused', 'RETURNED_UNUSED'],
  ['missing', 'MISSING'], ['voided', 'VOIDED'],
];

function Counts({ counts }: { counts: SheetCounts }) {
  const { t } = useTranslation();
  return (
    <div className="panel">
      <dl className="figures">
        {COUNTS.map(([key, status]) => (
          <div key={key}><dt>{t(`sheets.status.${status}`)}</dt><dd>{number(counts[key])}</dd></div>
        ))}
      </dl>
    </div>
  );
}

/** A lead's account of the paper sheets issued for an outage: what came back, what was logged, what is missing. */
export default function SheetsPage() {
  const { t } = useTranslation();
  const outageId = Number(useParams().id);
  const outage = (useOutages().data ?? []).find((o) => o.id === outageId);
  const sheets = useQuery(sheetsQuery(outageId));
  const [changing, setChanging] = useState<Sheet | null>(null);
  const [status, setStatus] = useState('');

  if (sheets.isPending) return <p>{t('common.loading')}</p>;
  if (sheets.isError) return <ProblemAlert problem={toProblem(sheets.error, t('errors.offline'))} />;
  const r = sheets.data;
  const reference = outage?.reference ?? String(outageId);

  return (
    <section aria-labelledby="sheets-title">
      <h1 id="sheets-title">{t('sheets.title', { reference })}</h1>
      <p>{t('sheets.intro')}</p>
      <p><Link to={`/outages/${outageId}`}>{outage ? `${outage.reference} ${outage.title}` : reference}</Link></p>
      <p className={r.accountedFor ? 'panel' : 'alert'}>{r.accountedFor ? t('sheets.accounted') : t('sheets.notAccounted')}</p>
      <p className="status" role="status" aria-live="polite">{status}</p>

      <h2>{t('sheets.mismatches')}</h2>
      {r.mismatches.length === 0 ? <p>{t('sheets.noMismatches')}</p> : (
        <ul className="plain-list">
          {r.mismatches.map((m) => (
            <li key={m.sheetId} className="mismatch">
              {t('sheets.mismatch', { sheetId: m.sheetId, ward: m.ward, declared: m.declaredEntries, logged: m.loggedEntries })}
            </li>
          ))}
        </ul>
      )}

      <h2>{t('sheets.unknown')}</h2>
      {r.unknownSheets.length === 0 ? <p>{t('sheets.noUnknown')}</p> : (
        <ul className="plain-list">
          {r.unknownSheets.map((u) => (
            <li key={u.sheetId}>{t('sheets.unknownRow', { sheetId: u.sheetId, count: u.items })}</li>
          ))}
        </ul>
      )}

      <h2>{t('sheets.allWards')}</h2>
      <Counts counts={r.totals} />
      {r.wards.length === 0 ? <p>{t('sheets.none')}</p> : null}
      {r.wards.map((w, i) => (
        <section key={w.ward} aria-labelledby={`sheets-ward-${i}`}>
          <h2 id={`sheets-ward-${i}`}>{w.ward}</h2>
          <Counts counts={w} />
          <ul className="cards">
            {w.sheets.map((s) => (
              <li key={s.sheetId} className="card">
                <p><strong><code>{s.sheetId}</code></strong> · {t(`sheets.status.${s.status}`)}</p>
                <p className={s.mismatch ? 'mismatch' : undefined}>
                  {t('sheets.entries')}: {s.declaredEntries === null || s.declaredEntries === undefined
                    ? t('sheets.entriesValue', { logged: s.loggedEntries })
                    : t('sheets.entriesDeclared', { declared: s.declaredEntries, logged: s.loggedEntries })}
                </p>
                {s.reason ? <p>{t('fields.reason')}: {s.reason}</p> : null}
                <button type="button" onClick={() => setChanging(s)}>{t('sheets.change', { sheetId: s.sheetId })}</button>
              </li>
            ))}
          </ul>
        </section>
      ))}

      <Dialog open={changing !== null} title={t('sheets.changeTitle', { sheetId: changing?.sheetId })} onClose={() => setChanging(null)}>
        {changing ? (
          <SheetChangeForm
            sheet={changing}
            onDone={(changed) => {
              setChanging(null);
              setStatus(t('sheets.done', { sheetId: changed.sheetId, status: t(`sheets.status.${changed.status}`) }));
            }}
            onCancel={() => setChanging(null)}
          />
        ) : null}
      </Dialog>
    </section>
  );
}

/** What happened to one sheet: complete with its count of entries, returned unused, missing or voided (why), found. */
function SheetChangeForm({ sheet, onDone, onCancel }: { sheet: Sheet; onDone: (sheet: Sheet) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const changeSheet = useChangeSheet();
  const [action, setAction] = useState<SheetAction>(sheet.status === 'MISSING' ? 'found' : 'complete');
  const [declared, setDeclared] = useState(sheet.declaredEntries === null || sheet.declaredEntries === undefined ? '' : String(sheet.declaredEntries));
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const errors = fieldErrors(problem);
  const needsReason = action === 'missing' || action === 'void';

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    if (action === 'complete' && !/^\d+$/.test(declared.trim())) {
      setProblem({ title: t('errors.checkForm'), status: 422, violations: [{ field: 'declaredEntries', message: t('errors.required') }] });
      return;
    }
    if (needsReason && reason.trim() === '') {
      setProblem({ title: t('errors.checkForm'), status: 422, violations: [{ field: 'reason', message: t('errors.required') }] });
      return;
    }
    try {
      onDone(await changeSheet.mutateAsync({
        sheetId: sheet.sheetId, action, declaredEntries: Number(declared.trim()), reason: reason.trim(),
      }));
    } catch (error) {
      setProblem(toProblem(error, t('errors.offline')));
    }
  };

  return (
    <form onSubmit={(e) => void save(e)} noValidate>
      <ProblemAlert problem={problem} shownFields={['declaredEntries', 'reason']} />
      <fieldset>
        <legend>{t('sheets.action')}</legend>
        {SHEET_ACTIONS.map((a) => (
          <div key={a} className="field checkbox">
            <input id={`sheet-action-${a}`} type="radio" name="sheet-action" value={a} checked={action === a} onChange={() => setAction(a)} />
            <label htmlFor={`sheet-action-${a}`}>{t(`sheets.to.${a}`)}</label>
          </div>
        ))}
      </fieldset>
      {action === 'complete' ? (
        <Field id="sheet-declared" label={t('sheets.declared')} hint={t('sheets.declaredHint')} error={errors.declaredEntries} required>
          <input type="number" inputMode="numeric" min={0} max={1000} value={declared} onChange={(e) => setDeclared(e.target.value)} />
        </Field>
      ) : null}
      {needsReason ? (
        <Field id="sheet-reason" label={t('fields.reason')} hint={t('sheets.reasonHint')} error={errors.reason} required>
          <textarea rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
      ) : null}
      <div className="actions">
        <button type="button" onClick={onCancel}>{t('common.cancel')}</button>
        <button type="submit" className="primary" disabled={changeSheet.isPending}>{t('sheets.apply')}</button>
      </div>
    </form>
  );
}
