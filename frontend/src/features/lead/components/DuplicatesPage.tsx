import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useOutages } from '../../../lib/api/outages';
import type { Problem } from '../../../lib/api/problem';
import type { ItemSummary } from '../../../lib/api/types';
import { dateTime } from '../../../lib/i18n/format';
import { StatusBadge } from '../../../lib/ui/Badges';
import { ProblemAlert, toProblem } from '../../../lib/ui/ProblemAlert';
import { duplicatesQuery, useConfirmDuplicate, useDismissPair, useScanForDuplicates } from '../api';

function Side({ item }: { item: ItemSummary }) {
  const { t } = useTranslation();
  return (
    <div>
      <p><Link to={`/items/${item.id}`}>{item.reference}</Link> <StatusBadge status={item.status} /></p>
      <p>{t(`category.${item.category}`)} · {item.targetSystem} · {item.ward} · {item.patientMasked}</p>
      <p>{dateTime(item.occurredAt)} · {item.summary}</p>
    </div>
  );
}

/** Possible duplicates of an outage: confirm one as a duplicate of the other, or dismiss the pair. */
export default function DuplicatesPage() {
  const { t } = useTranslation();
  const outages = useOutages();
  const [outageId, setOutageId] = useState('');
  const [reason, setReason] = useState<Record<number, string>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [message, setMessage] = useState('');
  const chosen = outageId || String(outages.data?.[0]?.id ?? '');
  const pairs = useQuery(duplicatesQuery(chosen));
  const scan = useScanForDuplicates();
  const confirm = useConfirmDuplicate();
  const dismiss = useDismissPair();

  const act = async (work: () => Promise<unknown>, done: string) => {
    setProblem(null);
    setMessage('');
    try {
      await work();
      setMessage(done);
    } catch (e) {
      setProblem(toProblem(e, t('errors.offline')));
    }
  };

  return (
    <section aria-labelledby="dup-title">
      <h1 id="dup-title">{t('duplicates.title')}</h1>
      <div className="inline-form">
        <div className="field">
          <label htmlFor="dup-outage">{t('fields.outage')}</label>
          <select id="dup-outage" value={chosen} onChange={(e) => setOutageId(e.target.value)}>
            {(outages.data ?? []).map((o) => <option key={o.id} value={o.id}>{o.reference} {o.title}</option>)}
          </select>
        </div>
        <button type="button" disabled={!chosen} onClick={() => void act(() => scan.mutateAsync(Number(chosen)), t('duplicates.scanned'))}>{t('duplicates.scan')}</button>
      </div>
      <ProblemAlert problem={problem} />
      <p role="status" aria-live="polite">{message}</p>
      {pairs.data && pairs.data.length === 0 ? <p>{t('duplicates.none')}</p> : null}
      <ul className="cards">
        {(pairs.data ?? []).map((p) => (
          <li key={p.id} className="card pair">
            <Side item={p.first} />
            <Side item={p.second} />
            <div className="field">
              <label htmlFor={`dup-reason-${p.id}`}>{t('fields.reason')}</label>
              <input id={`dup-reason-${p.id}`} value={reason[p.id] ?? ''} onChange={(e) => setReason({ ...reason, [p.id]: e.target.value })} />
            </div>
            <div className="actions">
              <button type="button" onClick={() => void act(() => confirm.mutateAsync({ repeat: p.second, original: p.first, reason: reason[p.id] || null }), t('duplicates.confirmed'))}>
                {t('duplicates.confirm', { duplicate: p.second.reference, original: p.first.reference })}
              </button>
              <button type="button" onClick={() => void act(() => confirm.mutateAsync({ repeat: p.first, original: p.second, reason: reason[p.id] || null }), t('duplicates.confirmed'))}>
                {t('duplicates.confirm', { duplicate: p.first.reference, original: p.second.reference })}
              </button>
              <button type="button" onClick={() => void act(() => dismiss.mutateAsync({ pairId: p.id, reason: reason[p.id] ?? '' }), t('duplicates.dismissed'))}>
                {t('duplicates.dismiss')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
