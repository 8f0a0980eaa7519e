import { useTranslation } from 'react-i18next';
import { useOutages } from '../../../lib/api/outages';
import type { ItemCreateRequest, Me } from '../../../lib/api/types';
import { checkDuplicates } from '../api';
import { CaptureForm, type SaveOutcome } from './CaptureForm';

export function CapturePage({ me, save }: { me: Me; save: (request: ItemCreateRequest) => Promise<SaveOutcome> }) {
  const { t } = useTranslation();
  const outages = useOutages();
  const open = (outages.data ?? []).filter((o) => o.status === 'OPEN');
  return (
    <section aria-labelledby="capture-title">
      <h1 id="capture-title">{t('capture.title')}</h1>
      {outages.data === undefined && outages.isPending ? <p>{t('common.loading')}</p> : null}
      {outages.data !== undefined && open.length === 0 ? <p className="alert">{t('capture.noOutage')}</p> : null}
      {open.length > 0 ? <CaptureForm me={me} outages={open} save={save} checkDuplicates={checkDuplicates} /> : null}
    </section>
  );
}
