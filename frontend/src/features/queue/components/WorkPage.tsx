import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Problem } from '../../../lib/api/problem';
import type { ItemSummary, Me } from '../../../lib/api/types';
import { dateTime } from '../../../lib/i18n/format';
import { BandBadge, StatusBadge } from '../../../lib/ui/Badges';
import { ProblemAlert, toProblem } from '../../../lib/ui/ProblemAlert';
import { myItemsQuery, toVerifyQuery, useClaimNext } from '../api';

function ItemList({ items, empty }: { items: ItemSummary[] | undefined; empty: string }) {
  const { t } = useTranslation();
  if (!items) return <p>{t('common.loading')}</p>;
  if (items.length === 0) return <p>{empty}</p>;
  return (
    <ul className="cards">
      {items.map((i) => (
        <li key={i.id} className="card">
          <p><Link to={`/items/${i.id}`}>{i.reference}</Link> <BandBadge priority={i.priority} /> <StatusBadge status={i.status} /></p>
          <p>{t(`category.${i.category}`)} · {i.targetSystem} · {i.ward} · {i.patientMasked}</p>
          <p>{i.summary}</p>
          <p className="muted">{dateTime(i.occurredAt)} · {i.priority.reasons}</p>
        </li>
      ))}
    </ul>
  );
}

/** Back-entry: take the next item in one tap, see what you hold, and verify others' high-risk entries. */
export default function WorkPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [system, setSystem] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const mine = useQuery(myItemsQuery);
  const toVerify = useQuery(toVerifyQuery);
  const claim = useClaimNext();

  const next = async () => {
    setBusy(true);
    setProblem(null);
    setMessage('');
    try {
      const item = await claim.mutateAsync(system ? { targetSystems: [system] } : {});
      if (!item) {
        setMessage(t('work.nothing'));
      } else {
        void navigate(`/items/${item.id}`);
      }
    } catch (e) {
      setProblem(toProblem(e, t('errors.offline')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="work-title">
      <h1 id="work-title">{t('work.title')}</h1>
      <div className="next-bar">
        {me.targetSystems.length > 1 ? (
          <div className="field">
            <label htmlFor="next-system">{t('work.system')}</label>
            <select id="next-system" value={system} onChange={(e) => setSystem(e.target.value)}>
              <option value="">{t('work.anySystem')}</option>
              {me.targetSystems.map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          </div>
        ) : null}
        <button type="button" className="primary big" onClick={() => void next()} disabled={busy}>{t('work.next')}</button>
      </div>
      <ProblemAlert problem={problem} />
      <p role="status" aria-live="polite">{message}</p>
      <h2>{t('work.mine')}</h2>
      <ItemList items={mine.data} empty={t('work.mineEmpty')} />
      <h2>{t('work.verify')}</h2>
      <p className="hint">{t('work.verifyHint')}</p>
      <ItemList items={toVerify.data} empty={t('work.verifyEmpty')} />
    </section>
  );
}
