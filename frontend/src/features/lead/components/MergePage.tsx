import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { fieldErrors, type Problem } from '../../../lib/api/problem';
import type { MergeResponse, TemporaryPatient } from '../../../lib/api/types';
import { formatNhs } from '../../../lib/captured/nhs';
import { dateTime } from '../../../lib/i18n/format';
import { Dialog } from '../../../lib/ui/Dialog';
import { Field } from '../../../lib/ui/Field';
import { ProblemAlert, toProblem } from '../../../lib/ui/ProblemAlert';
import { findTemporaryPatient, mergeTemporaryPatient } from '../api';

/**
 * A team lead merges a temporary identity into the patient's NHS number (or local id) once known: find the temporary
 * id, see how many items will change, enter the real identifier, confirm.
 */
export default function MergePage() {
  const { t } = useTranslation();
  const [temporaryId, setTemporaryId] = useState('');
  const [found, setFound] = useState<TemporaryPatient | null>(null);
  const [nhsNumber, setNhsNumber] = useState('');
  const [localId, setLocalId] = useState('');
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [merged, setMerged] = useState<MergeResponse | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  const find = async (e: FormEvent) => {
    e.preventDefault();
    setProblem(null);
    setMerged(null);
    setFound(null);
    try {
      setFound(await findTemporaryPatient(temporaryId.trim().toUpperCase()));
    } catch (error) {
      setProblem(toProblem(error, t('errors.offline')));
    }
  };

  const merge = async () => {
    if (!found) return;
    setConfirming(false);
    setProblem(null);
    try {
      const result = await mergeTemporaryPatient(found.temporaryId, {
        nhsNumber: nhsNumber.trim() || null, localId: localId.trim() || null, reason: reason.trim() || null,
      });
      setMerged(result);
      setFound(result.temporaryPatient);
    } catch (error) {
      setProblem(toProblem(error, t('errors.offline')));
    }
  };
  const errors = fieldErrors(problem);

  return (
    <section aria-labelledby="merge-title">
      <h1 id="merge-title">{t('merge.title')}</h1>
      <p className="hint">{t('merge.intro')}</p>
      <ProblemAlert problem={problem} shownFields={Object.keys(errors)} />
      <form className="panel" onSubmit={(e) => void find(e)} aria-labelledby="merge-find">
        <h2 id="merge-find">{t('merge.find')}</h2>
        <Field id="m-temporary" label={t('merge.temporaryId')} hint={t('merge.temporaryHint')} required>
          <input value={temporaryId} autoComplete="off" onChange={(e) => setTemporaryId(e.target.value)} />
        </Field>
        <button type="submit">{t('merge.findButton')}</button>
      </form>

      {found ? (
        <div className="panel" aria-live="polite">
          <h2>{found.temporaryId}</h2>
          <p>{t(`merge.status.${found.status}`)} · {found.site} · {t('merge.issued', { at: dateTime(found.createdAt), by: found.createdBy })}</p>
          {found.description ? <p>{found.description}</p> : null}
          {found.status === 'MERGED'
            ? (
              <>
                <p>{t('merge.mergedInto', { into: found.mergedInto, at: dateTime(found.mergedAt), by: found.mergedBy })}</p>
                {merged ? null : <MovedItems items={found.mergedItems} backEntered={found.backEntered} />}
              </>
            )
            : (
              <form onSubmit={(e) => { e.preventDefault(); setConfirming(true); }}>
                <p><strong>{t('merge.willChange', { count: found.items })}</strong></p>
                <Field id="m-nhs" label={t('fields.nhsNumber')} hint={t('merge.nhsHint')} error={errors.nhsNumber}>
                  <input inputMode="numeric" autoComplete="off" value={nhsNumber}
                    onChange={(e) => { setNhsNumber(formatNhs(e.target.value)); if (e.target.value) setLocalId(''); }} />
                </Field>
                <Field id="m-local" label={t('fields.localId')} hint={t('merge.localHint')} error={errors.localId}>
                  <input autoComplete="off" value={localId}
                    onChange={(e) => { setLocalId(e.target.value); if (e.target.value) setNhsNumber(''); }} />
                </Field>
                <Field id="m-reason" label={t('merge.reason')} error={errors.reason}>
                  <input value={reason} onChange={(e) => setReason(e.target.value)} />
                </Field>
                <button type="submit" className="primary">{t('merge.mergeButton', { count: found.items })}</button>
              </form>
            )}
        </div>
      ) : null}

      {merged ? (
        <div className="panel" role="status">
          <p>{t('merge.done', { count: merged.items.length, into: merged.temporaryPatient.mergedInto })}</p>
          <MovedItems items={merged.items} backEntered={merged.backEntered} />
        </div>
      ) : null}

      <Dialog open={confirming} title={t('merge.confirmTitle')} onClose={() => setConfirming(false)}>
        <p>{t('merge.confirmText', {
          count: found?.items ?? 0, id: found?.temporaryId, into: nhsNumber.trim() || localId.trim(),
        })}</p>
        <div className="actions">
          <button type="button" onClick={() => setConfirming(false)}>{t('common.cancel')}</button>
          <button type="button" className="primary" onClick={() => void merge()}>{t('merge.confirm')}</button>
        </div>
      </Dialog>
    </section>
  );
}

/** The items a merge moved, each marked when its record in its system must be corrected too. */
function MovedItems({ items, backEntered }: { items: number[]; backEntered: number[] }) {
  const { t } = useTranslation();
  return (
    <ul className="plain-list">
      {items.map((id) => (
        <li key={id}><Link to={`/items/${id}`}>{t('merge.item', { id })}</Link>
          {backEntered.includes(id) ? ` · ${t('merge.backEntered')}` : ''}</li>
      ))}
    </ul>
  );
}
