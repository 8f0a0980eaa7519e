import { useTranslation } from 'react-i18next';
import type { ItemStatus, Priority } from '../api/types';

export function StatusBadge({ status }: { status: ItemStatus }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status.toLowerCase()}`}>{t(`status.${status}`)}</span>;
}

export function BandBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  return (
    <span className={`badge band-${priority.band.toLowerCase()}`} title={priority.reasons}>
      {priority.band}{priority.overridden ? ` (${t('priority.overridden')})` : ''}
    </span>
  );
}

/** Past its due time and not yet entered. */
export function BreachedBadge() {
  const { t } = useTranslation();
  return <span className="badge breached">{t('due.breached')}</span>;
}
