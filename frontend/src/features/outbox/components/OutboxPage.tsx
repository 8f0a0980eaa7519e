import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../lib/api/types';
import { dateTime } from '../../../lib/i18n/format';
import { Dialog } from '../../../lib/ui/Dialog';
import { retryEntry } from '../delivery';
import { useOutbox } from '../hooks';
import { expiresSoon, removeEntry, type OutboxEntry } from '../outbox';

function patientLabel(entry: OutboxEntry, t: (key: string, values?: Record<string, string>) => string): string {
  const { nhsNumber, localId } = entry.request.patient;
  return nhsNumber ? t('outbox.nhsMasked', { last: nhsNumber.slice(6) }) : t('outbox.localMasked', { last: (localId ?? '').slice(-3) });
}

/** What this device holds unsent, and what the service refused. */
export function OutboxPage({ me, sendNow }: { me: Me; sendNow: () => void }) {
  const { t } = useTranslation();
  const list = useOutbox(me.username);
  const [deleting, setDeleting] = useState<OutboxEntry | null>(null);
  const waiting = list.filter((e) => e.state === 'waiting').length;

  return (
    <section aria-labelledby="outbox-title">
      <h1 id="outbox-title">{t('outbox.title')}</h1>
      <p>{list.length === 0 ? t('outbox.empty') : t('outbox.intro')}</p>
      {waiting > 0 ? <button type="button" onClick={sendNow}>{t('outbox.sendNow')}</button> : null}
      <ul className="cards">
        {list.map((entry) => (
          <li key={entry.key} className={entry.state === 'rejected' ? 'card card-error' : 'card'}>
            <p>
              <strong>{t(`category.${entry.request.category}`)}</strong> · {entry.request.ward} · {patientLabel(entry, t)}
            </p>
            <p>{entry.request.summary}</p>
            <p className="muted">{t('outbox.captured', { at: dateTime(entry.capturedAt) })}</p>
            {expiresSoon(entry) ? <p className="error-text">{t('outbox.expiring')}</p> : null}
            {entry.state === 'waiting'
              ? <p>{t('outbox.waiting')}</p>
              : (
                <div>
                  <p className="error-text">{t('outbox.rejected')}: {entry.problem?.detail ?? entry.problem?.title}</p>
                  <ul>{(entry.problem?.violations ?? []).map((v) => <li key={v.field}><code>{v.field}</code>: {v.message}</li>)}</ul>
                </div>
              )}
            <div className="actions">
              {entry.state === 'rejected'
                ? <button type="button" onClick={() => void retryEntry(entry.key).then(sendNow)}>{t('outbox.retry')}</button>
                : null}
              <button type="button" className="danger" onClick={() => setDeleting(entry)}>{t('outbox.delete')}</button>
            </div>
          </li>
        ))}
      </ul>
      <Dialog open={deleting !== null} title={t('outbox.deleteTitle')} onClose={() => setDeleting(null)}>
        <p>{t('outbox.deleteText')}</p>
        <div className="actions">
          <button type="button" onClick={() => setDeleting(null)}>{t('common.cancel')}</button>
          <button type="button" className="danger" onClick={() => {
            if (deleting) void removeEntry(deleting.key);
            setDeleting(null);
          }}>{t('outbox.delete')}</button>
        </div>
      </Dialog>
    </section>
  );
}
