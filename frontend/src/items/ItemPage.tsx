import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError, fieldErrors, type Problem } from '../api/problem';
import { BANDS, CATEGORIES, PATIENT_STATUSES, type Item, type Me } from '../api/types';
import { hasRole } from '../auth/session';
import { formatNhs, isValidNhs, nhsDigits } from '../capture/nhs';
import { date, dateTime, fromLocalInput, toLocalInput } from '../i18n/format';
import { BandBadge, StatusBadge } from '../ui/Badges';
import { Field } from '../ui/Field';
import { ProblemAlert, toProblem } from '../ui/ProblemAlert';
import { history, loadItem, patchItem, transition } from './api';
import { call } from '../api/client';

const CORRECTABLE = ['LOGGED', 'READY', 'ASSIGNED', 'ON_HOLD'];

/** The captured fields a correction can change, by the JSON path the service uses. */
interface Edit {
  ward: string;
  category: string;
  patientStatus: string;
  occurredAt: string;
  recordedBy: string;
  paperReference: string;
  summary: string;
  details: string;
  highRisk: boolean;
  nhsNumber: string;
  localId: string;
  name: string;
  dateOfBirth: string;
  reason: string;
}

function editOf(item: Item): Edit {
  return {
    ward: item.ward, category: item.category, patientStatus: item.patientStatus,
    occurredAt: toLocalInput(new Date(item.occurredAt)), recordedBy: item.recordedBy,
    paperReference: item.paperReference ?? '', summary: item.summary, details: item.details ?? '',
    highRisk: item.highRisk, nhsNumber: formatNhs(item.patient.nhsNumber ?? ''), localId: item.patient.localId ?? '',
    name: item.patient.name ?? '', dateOfBirth: item.patient.dateOfBirth ?? '', reason: '',
  };
}

/** Fields whose values differ between two versions of the item (shown when a save meets a newer version). */
function changedFields(before: Item, after: Item): string[] {
  const a = editOf(before);
  const b = editOf(after);
  const fields: string[] = (Object.keys(a) as (keyof Edit)[]).filter((k) => k !== 'reason' && a[k] !== b[k]);
  if (before.status !== after.status) fields.push('status');
  if (before.assignedTo !== after.assignedTo) fields.push('assignedTo');
  return fields;
}

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
  const client = useQueryClient();
  const item = useQuery({ queryKey: ['item', id], queryFn: () => loadItem(id), enabled: Number.isInteger(id) });
  const events = useQuery({ queryKey: ['item', id, 'history'], queryFn: () => history(id), enabled: Number.isInteger(id) });
  const [problem, setProblem] = useState<Problem | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [externalReference, setExternalReference] = useState('');
  const [reason, setReason] = useState('');
  const [band, setBand] = useState('');
  const [editing, setEditing] = useState<Edit | null>(null);
  const [base, setBase] = useState<Item | null>(null);
  const [conflict, setConflict] = useState<{ current: Item; fields: string[] } | null>(null);
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
  const canVerify = worker && it.status === 'ENTERED' && it.needsVerification && it.enteredBy !== me.username;

  const refreshed = async (updated: Item | null, text: string) => {
    if (updated) client.setQueryData(['item', id], updated);
    else await client.invalidateQueries({ queryKey: ['item', id] });
    await client.invalidateQueries({ queryKey: ['item', id, 'history'] });
    await client.invalidateQueries({ queryKey: ['queue'] });
    setMessage(text);
    setProblem(null);
    setErrors({});
    setReason('');
  };

  const act = async (work: () => Promise<Item | null>, done: string) => {
    setMessage('');
    try {
      await refreshed(await work(), done);
    } catch (e) {
      const p = toProblem(e, t('errors.offline'));
      setProblem(p);
      setErrors(fieldErrors(p));
      if (e instanceof ApiError && e.status === 412) await client.invalidateQueries({ queryKey: ['item', id] });
    }
  };

  const move = (to: string, extra: Record<string, unknown> = {}) =>
    act(() => transition(id, it.version, { to, reason: reason.trim() || null, ...extra }), t(`item.moved.${to}`));

  const saveEdit = async (e: FormEvent) => {
    e.preventDefault();
    if (!editing || !base) return;
    if (editing.nhsNumber && !isValidNhs(editing.nhsNumber)) {
      setErrors({ 'patient.nhsNumber': t('capture.nhsInvalid') });
      return;
    }
    const original = editOf(base);
    const body: Record<string, unknown> = {};
    const simple: (keyof Edit)[] = ['ward', 'category', 'patientStatus', 'recordedBy', 'paperReference', 'summary', 'details', 'highRisk'];
    for (const k of simple) if (editing[k] !== original[k]) body[k] = editing[k];
    if (editing.occurredAt !== original.occurredAt) body.occurredAt = fromLocalInput(editing.occurredAt);
    if (['nhsNumber', 'localId', 'name', 'dateOfBirth'].some((k) => editing[k as keyof Edit] !== original[k as keyof Edit])) {
      body.patient = {
        nhsNumber: editing.nhsNumber ? nhsDigits(editing.nhsNumber) : null, localId: editing.localId || null,
        name: editing.name || null, dateOfBirth: editing.dateOfBirth || null,
      };
    }
    if (editing.reason.trim()) body.reason = editing.reason.trim();
    try {
      const updated = await patchItem(id, base.version, body);
      setEditing(null);
      setConflict(null);
      await refreshed(updated, t('item.saved'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        const current = (await call<Item>(`/api/items/${id}`)).data;
        setConflict({ current, fields: changedFields(base, current) });
        return;
      }
      const p = toProblem(error, t('errors.offline'));
      setProblem(p);
      setErrors(fieldErrors(p));
    }
  };

  const ed = editing;
  const setEd = <K extends keyof Edit>(k: K, v: Edit[K]) => setEditing((x) => (x ? { ...x, [k]: v } : x));

  return (
    <article aria-labelledby="item-title">
      <h1 id="item-title">{it.reference} <StatusBadge status={it.status} /> <BandBadge priority={it.priority} /></h1>
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
            <button type="button" onClick={() => void act(() => call<Item>(`/api/items/${id}/release`, { method: 'POST', body: {} }).then((r) => r.data), t('item.released'))}>{t('item.release')}</button>
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
              <button type="button" disabled={!band} onClick={() => void act(() => call<Item>(`/api/items/${id}/priority`, { method: 'POST', body: { band, reason: reason.trim() } }).then((r) => r.data), t('item.overridden'))}>{t('item.override')}</button>
              {it.priority.overridden ? <button type="button" onClick={() => void act(() => call<Item>(`/api/items/${id}/priority`, { method: 'POST', body: { band: null } }).then((r) => r.data), t('item.overrideCleared'))}>{t('item.clearOverride')}</button> : null}
            </div>
          ) : null}
        </section>
      ) : null}

      {ed ? (
        <form className="panel" onSubmit={(e) => void saveEdit(e)} aria-labelledby="edit-title">
          <h2 id="edit-title">{t('item.editTitle')}</h2>
          {conflict ? (
            <div className="alert alert-error" role="alert">
              <p className="alert-title">{t('item.conflictTitle', { who: conflict.current.loggedBy })}</p>
              <p>{t('item.conflictChanged')}: {conflict.fields.map((f) => t(`fields.${f}`, { defaultValue: f })).join(', ') || '—'}</p>
              <div className="actions">
                <button type="button" className="primary" onClick={() => {
                  client.setQueryData(['item', id], conflict.current);
                  setEditing(editOf(conflict.current));
                  setBase(conflict.current);
                  setConflict(null);
                }}>{t('item.conflictReload')}</button>
                <button type="button" onClick={() => {
                  setBase(conflict.current);
                  setConflict(null);
                }}>{t('item.conflictKeep')}</button>
              </div>
            </div>
          ) : null}
          <Field id="e-ward" label={t('fields.ward')} error={errors.ward}><input value={ed.ward} onChange={(e) => setEd('ward', e.target.value)} /></Field>
          <Field id="e-category" label={t('fields.category')} error={errors.category}>
            <select value={ed.category} onChange={(e) => setEd('category', e.target.value)}>
              {CATEGORIES.map((c) => <option key={c} value={c}>{t(`category.${c}`)}</option>)}
            </select>
          </Field>
          <Field id="e-nhs" label={t('fields.nhsNumber')} error={errors['patient.nhsNumber']}><input inputMode="numeric" value={ed.nhsNumber} onChange={(e) => setEd('nhsNumber', formatNhs(e.target.value))} /></Field>
          <Field id="e-local" label={t('fields.localId')} error={errors['patient.localId']}><input value={ed.localId} onChange={(e) => setEd('localId', e.target.value)} /></Field>
          <Field id="e-name" label={t('fields.patientName')} error={errors['patient.name']}><input value={ed.name} onChange={(e) => setEd('name', e.target.value)} /></Field>
          <Field id="e-dob" label={t('fields.dateOfBirth')} error={errors['patient.dateOfBirth']}><input type="date" value={ed.dateOfBirth} onChange={(e) => setEd('dateOfBirth', e.target.value)} /></Field>
          <Field id="e-status" label={t('fields.patientStatus')} error={errors.patientStatus}>
            <select value={ed.patientStatus} onChange={(e) => setEd('patientStatus', e.target.value)}>
              {PATIENT_STATUSES.map((s) => <option key={s} value={s}>{t(`patientStatus.${s}`)}</option>)}
            </select>
          </Field>
          <Field id="e-occurred" label={t('fields.occurredAt')} error={errors.occurredAt}><input type="datetime-local" value={ed.occurredAt} onChange={(e) => setEd('occurredAt', e.target.value)} /></Field>
          <Field id="e-recorded" label={t('fields.recordedBy')} error={errors.recordedBy}><input value={ed.recordedBy} onChange={(e) => setEd('recordedBy', e.target.value)} /></Field>
          <Field id="e-paper" label={t('fields.paperReference')} error={errors.paperReference}><input value={ed.paperReference} onChange={(e) => setEd('paperReference', e.target.value)} /></Field>
          <Field id="e-summary" label={t('fields.summary')} error={errors.summary}><textarea value={ed.summary} onChange={(e) => setEd('summary', e.target.value)} /></Field>
          <Field id="e-details" label={t('fields.details')} error={errors.details}><textarea value={ed.details} onChange={(e) => setEd('details', e.target.value)} /></Field>
          <div className="field checkbox">
            <input id="e-high" type="checkbox" checked={ed.highRisk} onChange={(e) => setEd('highRisk', e.target.checked)} />
            <label htmlFor="e-high">{t('fields.highRisk')}</label>
          </div>
          <Field id="e-reason" label={t('item.editReason')} error={errors.reason}><input value={ed.reason} onChange={(e) => setEd('reason', e.target.value)} /></Field>
          <div className="actions">
            <button type="submit" className="primary">{t('common.save')}</button>
            <button type="button" onClick={() => { setEditing(null); setConflict(null); }}>{t('common.cancel')}</button>
          </div>
        </form>
      ) : worker && CORRECTABLE.includes(it.status) ? (
        <button type="button" onClick={() => { setEditing(editOf(it)); setBase(it); setProblem(null); setErrors({}); }}>{t('item.edit')}</button>
      ) : null}

      <section aria-labelledby="fields-title">
        <h2 id="fields-title">{t('item.details')}</h2>
        <dl className="fields">
          <Row label={t('fields.patientName')} value={it.patient.name} />
          <Row label={t('fields.nhsNumber')} value={it.patient.nhsNumber ? formatNhs(it.patient.nhsNumber) : null} />
          <Row label={t('fields.localId')} value={it.patient.localId} />
          <Row label={t('fields.dateOfBirth')} value={date(it.patient.dateOfBirth)} />
          <Row label={t('fields.patientStatus')} value={t(`patientStatus.${it.patientStatus}`)} />
          <Row label={t('fields.category')} value={t(`category.${it.category}`)} />
          <Row label={t('fields.highRisk')} value={it.highRisk ? t('common.yes') : t('common.no')} />
          <Row label={t('fields.summary')} value={it.summary} />
          <Row label={t('fields.details')} value={it.details} />
          <Row label={t('fields.occurredAt')} value={dateTime(it.occurredAt)} />
          <Row label={t('fields.recordedBy')} value={it.recordedBy} />
          <Row label={t('fields.site')} value={it.site} />
          <Row label={t('fields.ward')} value={it.ward} />
          <Row label={t('fields.targetSystem')} value={it.targetSystem} />
          <Row label={t('fields.paperReference')} value={it.paperReference} />
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
