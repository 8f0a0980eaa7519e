import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError, fieldErrors, type Problem } from '../../../lib/api/problem';
import { hasRole } from '../../../lib/api/session';
import { BANDS, type ItemStatus, type Me } from '../../../lib/api/types';
import { useCapturedDetails } from '../../../lib/captured/CapturedFields';
import { dateTime } from '../../../lib/i18n/format';
import { BandBadge, BreachedBadge, DrillBadge, DrillBanner, StatusBadge } from '../../../lib/ui/Badges';
import { Field } from '../../../lib/ui/Field';
import { ProblemAlert, toProblem } from '../../../lib/ui/ProblemAlert';
import { historyQuery, itemQuery, useItemActions } from '../api';
import { CorrectionForm } from './CorrectionForm';
import { RetrospectiveNote } from './RetrospectiveNote';

const CORRECTABLE = ['LOGGED', 'READY', 'ASSIGNED', 'ON_HOLD'];

/** A change in the history as "before → after" (the trail records each as {old, new}). */
function change(value: unknown): string {
  const show = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  if (value && typeof value === 'object' && 'old' in value && 'new' in value) {
    const { old: before, new: after } = value as { old: unknown; new: unknown };
    return `${show(before)} → ${show(after)}`;
  }
  return show(value);
}

function Row({ label, value }: { label: string; value: React.ReactNode }) {
  return <><dt>{label}</dt><dd>{value === null || value === undefined || value === '' ? '—' : value}</dd></>;
}

export default function ItemPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const item = useQuery(itemQuery(id));
  const events = useQuery(historyQuery(id));
  const actions = useItemActions(id);
  const captured = useCapturedDetails(item.data);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [externalReference, setExternalReference] = useState('');
  const [reason, setReason] = useState('');
  const [band, setBand] = useState('');
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState('');

  if (item.isPending) return <p>{t('common.loading')}</p>;
  if (item.isError) {
    const notFound = item.error instanceof ApiError && item.error.status === 404;
    return <ProblemAlert problem={notFound ? { title: t('item.notFound'), status: 404 } : toProblem(item.error, t('errors.offline'))} />;
  }
  const it = item.data;
  const worker = hasRole(me, 'CLERK', 'TEAM_LEAD', 'ADMIN');
  const lead = hasRole(me, 'TEAM_LEAD', 'ADMIN');
  const mine = it.status === 'ASSIGNED' && it.assignedTo === me.username;
  /** The line to paste into the clinical record beside the late entry. */
  const note = it.retrospectiveNote;
  const canVerify = worker && it.status === 'ENTERED' && it.needsVerification && it.enteredBy !== me.username;

  const done = (text: string) => {
    setMessage(text);
    setProblem(null);
    setErrors({});
    setReason('');
  };

  const act = async (work: () => Promise<unknown>, text: string) => {
    setMessage('');
    try {
      await work();
      done(text);
    } catch (e) {
      const p = toProblem(e, t('errors.offline'));
      setProblem(p);
      setErrors(fieldErrors(p));
      // Someone else changed it meanwhile: show it as it is now.
      if (e instanceof ApiError && e.status === 412) await item.refetch();
    }
  };

  const move = (to: ItemStatus, extra: { externalReference?: string | null } = {}) =>
    act(() => actions.move.mutateAsync({ version: it.version, request: { to, reason: reason.trim() || null, ...extra } }), t(`item.moved.${to}`));

  return (
    <article aria-labelledby="item-title">
      <h1 id="item-title">{it.reference} <StatusBadge status={it.status} /> <BandBadge priority={it.priority} />
        {it.breached ? <> <BreachedBadge /></> : null} <DrillBadge drill={it.drill} /></h1>
      <DrillBanner drill={it.drill} />
      {it.dueAt || it.status === 'LOGGED'
        ? <p className="due">{it.dueAt ? t('due.due', { at: dateTime(it.dueAt) }) : t('due.notYet')}</p> : null}
      <p className="priority-reasons"><strong>{t('item.reasons')}:</strong> {it.priority.reasons}
        {it.priority.overridden ? ` · ${t('priority.overriddenBecause', { reason: it.priority.overrideReason })}` : ''}</p>
      <ProblemAlert problem={problem} shownFields={Object.keys(errors).filter((f) => f === 'externalReference' || f === 'reason')} />
      <p role="status" aria-live="polite">{message}</p>

      {mine ? (
        <section className="panel" aria-labelledby="enter-title">
          <h2 id="enter-title">{t('item.enterTitle', { system: it.targetSystem })}</h2>
          <Field id="externalReference" label={t('fields.externalReference')} hint={t('item.externalHint', { system: it.targetSystem })} error={errors.externalReference} required>
            <input type="text" autoComplete="off" value={externalReference} onChange={(e) => setExternalReference(e.target.value)} />
          </Field>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void move('ENTERED', { externalReference: externalReference.trim() || null })}>{t('item.markEntered')}</button>
            <button type="button" onClick={() => void act(() => actions.release.mutateAsync(), t('item.released'))}>{t('item.release')}</button>
          </div>
        </section>
      ) : null}

      {canVerify ? (
        <section className="panel" aria-labelledby="verify-title">
          <h2 id="verify-title">{t('item.verifyTitle')}</h2>
          <p>{t('item.verifyText', { who: it.enteredBy, reference: it.externalReference, system: it.targetSystem })}</p>
          <button type="button" className="primary" onClick={() => void move('VERIFIED')}>{t('item.verify')}</button>
        </section>
      ) : null}

      {note ? <RetrospectiveNote text={note.text} /> : null}

      {(mine || lead) && ['READY', 'ASSIGNED', 'ON_HOLD', 'LOGGED'].includes(it.status) ? (
        <section className="panel" aria-labelledby="other-title">
          <h2 id="other-title">{t('item.otherActions')}</h2>
          <Field id="reason" label={t('fields.reason')} error={errors.reason} hint={t('item.reasonHint')}>
            <input type="text" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <div className="actions">
            {it.status !== 'ON_HOLD' && it.status !== 'LOGGED' ? <button type="button" onClick={() => void move('ON_HOLD')}>{t('item.hold')}</button> : null}
            {it.status === 'ON_HOLD' ? <button type="button" onClick={() => void move('READY')}>{t('item.backToQueue')}</button> : null}
            {lead ? <button type="button" onClick={() => void move('NOT_REQUIRED')}>{t('item.notRequired')}</button> : null}
          </div>
          {lead ? (
            <div className="inline-form">
              <Field id="band" label={t('item.overrideBand')}>
                <select value={band} onChange={(e) => setBand(e.target.value)}>
                  <option value="">{t('common.choose')}</option>
                  {BANDS.map((b) => <option key={b} value={b}>{b}</option>)}
                </select>
              </Field>
              <button type="button" disabled={!band} onClick={() => void act(() => actions.overridePriority.mutateAsync({ band, reason: reason.trim() }), t('item.overridden'))}>{t('item.override')}</button>
              {it.priority.overridden ? <button type="button" onClick={() => void act(() => actions.overridePriority.mutateAsync({ band: null }), t('item.overrideCleared'))}>{t('item.clearOverride')}</button> : null}
            </div>
          ) : null}
        </section>
      ) : null}

      {editing ? (
        <CorrectionForm
          item={it}
          onProblem={setProblem}
          onSaved={() => {
            setEditing(false);
            done(t('item.saved'));
          }}
          onCancel={() => setEditing(false)}
        />
      ) : worker && CORRECTABLE.includes(it.status) ? (
        <button type="button" onClick={() => { setEditing(true); setProblem(null); setErrors({}); }}>{t('item.edit')}</button>
      ) : null}

      <section aria-labelledby="fields-title">
        <h2 id="fields-title">{t('item.details')}</h2>
        <dl className="fields">
          {captured.map((field) => <Row key={field.path} label={field.label} value={field.value} />)}
          <Row label={t('fields.loggedAt')} value={`${dateTime(it.loggedAt)} · ${it.loggedBy}`} />
          <Row label={t('fields.assignedTo')} value={it.assignedTo} />
          <Row label={t('fields.externalReference')} value={it.externalReference} />
          <Row label={t('fields.enteredBy')} value={it.enteredBy ? `${it.enteredBy} · ${dateTime(it.enteredAt)}` : null} />
          <Row label={t('fields.verifiedBy')} value={it.verifiedBy ? `${it.verifiedBy} · ${dateTime(it.verifiedAt)}` : null} />
          <Row label={t('fields.statusReason')} value={it.statusReason} />
          <Row label={t('fields.duplicateOf')} value={it.duplicateOf} />
          <Row label={t('fields.possibleDuplicates')} value={it.possibleDuplicates.join(', ')} />
          <Row label={t('fields.needsVerification')} value={it.needsVerification ? t('common.yes') : t('common.no')} />
        </dl>
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('item.history')}</h2>
        <ol className="timeline">
          {(events.data ?? []).map((e) => (
            <li key={e.id}>
              <p><strong>{t(`audit.${e.action}`, { defaultValue: e.action })}</strong> · {e.actor} · <time dateTime={e.at}>{dateTime(e.at)}</time></p>
              {e.reason ? <p>{t('fields.reason')}: {e.reason}</p> : null}
              {Object.keys(e.changes).length > 0 ? (
                <ul className="changes">
                  {Object.entries(e.changes).map(([k, v]) => <li key={k}><code>{k}</code>: {change(v)}</li>)}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
