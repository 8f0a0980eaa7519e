import { useTranslation } from 'react-i18next';
import type { ItemStatus, Priority } from '../api/types';

export function StatusBadge({ status }: { status: ItemStatus }) {
  const { t } = useTranslation();
  return <span className={`badge status-${status.toLowerCase()}`}>{t(`status.${status}`)}</span>;
}

/** Says, wherever a drill outage or its items are shown, that this is an exercise with test patients. */
export function DrillBanner({ drill }: { drill: boolean | undefined }) {
  const { t } = useTranslation();
  if (!drill) return null;
  return <p className="drill-banner" role="note"><strong>{t('drill.label')}</strong> {t('drill.text')}</p>;
}

export function DrillBadge({ drill }: { drill: boolean | undefined }) {
  const { t } = useTranslation();
  return drill ? <span className="badge drill">{t('drill.label')}</span> : null;
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
