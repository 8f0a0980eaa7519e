import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Problem } from '../../../lib/api/problem';
import type { Outage } from '../../../lib/api/types';
import { dateTime, number } from '../../../lib/i18n/format';
import { DrillBadge, DrillBanner } from '../../../lib/ui/Badges';
import { CountTable } from '../../../lib/ui/CountTable';
import { Dialog } from '../../../lib/ui/Dialog';
import { ProblemAlert, toProblem } from '../../../lib/ui/ProblemAlert';
import { outageQuery, outageSummaryQuery, useCloseOutage, useRecoverSystem } from '../api';
import { BurnDown } from './BurnDown';

export default function OutagePage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const outage = useQuery(outageQuery(id));
  const summary = useQuery(outageSummaryQuery(id));
  const recover = useRecoverSystem(id);
  const close = useCloseOutage(id);
  const [recovering, setRecovering] = useState<string | null>(null);
  const [closing, setClosing] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  const act = async (work: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await work();
    } catch (e) {
      setProblem(toProblem(e, t('errors.offline')));
    }
  };

  if (outage.isPending) return <p>{t('common.loading')}</p>;
  if (outage.isError) return <ProblemAlert problem={toProblem(outage.error, t('errors.offline'))} />;
  const o: Outage = outage.data;
  const s = summary.data;

  return (
    <section aria-labelledby="outage-title">
      <h1 id="outage-title">{o.reference} {o.title} <DrillBadge drill={o.drill} /></h1>
      <DrillBanner drill={o.drill} />
      <p>{t(`outages.status.${o.status}`)} · {t('outages.since', { at: dateTime(o.startedAt) })} · {o.sites.join(', ')}</p>
      <ProblemAlert problem={problem} />
      <h2>{t('outages.systems')}</h2>
      <ul className="cards">
        {o.systems.map((sys) => (
          <li key={sys.system} className="card">
            <p><strong>{sys.system}</strong>: {t(`outages.system.${sys.state}`)}
              {sys.recoveredAt ? ` · ${dateTime(sys.recoveredAt)} · ${sys.recoveredBy}` : ''}</p>
            {sys.state === 'DOWN' && o.status === 'OPEN'
              ? <button type="button" onClick={() => setRecovering(sys.system)}>{t('outages.markRecovered', { system: sys.system })}</button>
              : null}
          </li>
        ))}
      </ul>

      <h2>{t('summary.title')}</h2>
      {s ? (
        <>
          <dl className="figures">
            <div><dt>{t('summary.total')}</dt><dd>{number(s.total)}</dd></div>
            <div><dt>{t('summary.open')}</dt><dd>{number(s.open)}</dd></div>
            <div><dt>{t('due.breachedCount')}</dt><dd>{s.breached > 0
              ? <Link to={`/items?outageId=${o.id}&breached=true`}>{number(s.breached)}</Link> : number(s.breached)}</dd></div>
            <div><dt>{t('summary.rate')}</dt><dd>{t('summary.perHour', { value: number(s.enteredPerHour.last4h, 1) })}</dd></div>
            <div><dt>{t('summary.timeToClear')}</dt><dd>{s.hoursToClear === null || s.hoursToClear === undefined ? t('summary.unknown') : t('summary.hours', { value: number(s.hoursToClear, 1) })}</dd></div>
            <div><dt>{t('summary.oldest')}</dt><dd>{s.oldestOpen
              ? <Link to={`/items/${s.oldestOpen.itemId}`}>{t('summary.hours', { value: number(s.oldestOpen.ageHours, 1) })}</Link>
              : '—'}</dd></div>
          </dl>
          <p className="muted">{t('summary.throughput', {
            h1: number(s.enteredPerHour.last1h, 1), h4: number(s.enteredPerHour.last4h, 1), h24: number(s.enteredPerHour.last24h, 1),
          })}</p>
          <BurnDown points={s.burnDown} />
          <div className="count-grid">
            <CountTable title={t('summary.byStatus')} counts={s.byStatus} label={(k) => t(`status.${k}`)} />
            <CountTable title={t('summary.byBand')} counts={s.openByBand} />
            <CountTable title={t('due.byBand')} counts={s.breachedByBand} />
            <CountTable title={t('summary.bySystem')} counts={s.openByTargetSystem} />
            <CountTable title={t('summary.byWard')} counts={s.openByWard} />
          </div>
        </>
      ) : <p>{t('common.loading')}</p>}

      <p><Link to={`/items?outageId=${o.id}`}>{t('outages.backlog')}</Link></p>
      <p><Link to={`/outages/${o.id}/sheets`}>{t('outages.sheets')}</Link></p>
      {o.status === 'OPEN' ? <p><Link to={`/packs?outageId=${o.id}`}>{t('outages.printPack')}</Link></p> : null}
      <p><Link to={`/outages/${o.id}/report`}>{t('outages.report')}</Link></p>
      {o.status === 'OPEN' ? <button type="button" className="danger" onClick={() => setClosing(true)}>{t('outages.close')}</button> : null}

      <Dialog open={recovering !== null} title={t('outages.recoverTitle', { system: recovering })} onClose={() => setRecovering(null)}>
        <p>{t('outages.recoverText', { system: recovering })}</p>
        <div className="actions">
          <button type="button" onClick={() => setRecovering(null)}>{t('common.cancel')}</button>
          <button type="button" className="primary" onClick={() => {
            const system = recovering;
            setRecovering(null);
            void act(() => recover.mutateAsync(system ?? ''));
          }}>{t('outages.confirmRecovered')}</button>
        </div>
      </Dialog>
      <Dialog open={closing} title={t('outages.closeTitle')} onClose={() => setClosing(false)}>
        <p>{t('outages.closeText')}</p>
        <div className="actions">
          <button type="button" onClick={() => setClosing(false)}>{t('common.cancel')}</button>
          <button type="button" className="danger" onClick={() => {
            setClosing(false);
            void act(() => close.mutateAsync());
          }}>{t('outages.close')}</button>
        </div>
      </Dialog>
    </section>
  );
}
