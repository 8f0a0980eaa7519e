import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { dateTime } from '../../../lib/i18n/format';
import { BandBadge, BreachedBadge, StatusBadge } from '../../../lib/ui/Badges';
import { backlogQuery } from '../api';

/**
 * A team lead's first sight of the backlog: the items past their due time and not yet entered, most urgent first
 * (shown only when there are any).
 */
export function BreachedPanel({ outageId }: { outageId?: string }) {
  const { t } = useTranslation();
  const filter: Record<string, string> = { breached: 'true', sort: 'priority' };
  if (outageId) filter.outageId = outageId;
  const breached = useQuery(backlogQuery(filter, undefined, 20));
  const items = breached.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="panel breached-panel" aria-labelledby="breached-title">
      <h2 id="breached-title">{t('due.panelTitle')}</h2>
      <ul className="breached-list">
        {items.map((i) => (
          <li key={i.id}>
            <Link to={`/items/${i.id}`}>{i.reference}</Link> <BandBadge priority={i.priority} /> <StatusBadge status={i.status} />{' '}
            <BreachedBadge /> {i.dueAt ? t('due.due', { at: dateTime(i.dueAt) }) : ''} · {t(`category.${i.category}`)} · {i.ward}
          </li>
        ))}
      </ul>
      {breached.data?.next ? (
        <p><Link to={outageId ? `/items?outageId=${outageId}&breached=true` : '/items?breached=true'}>{t('due.onlyBreached')}</Link></p>
      ) : null}
    </section>
  );
}
