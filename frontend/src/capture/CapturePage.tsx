import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import type { ItemCreateRequest, ItemSummary, Me } from '../api/types';
import { useOutages } from '../outages/api';
import { saveCaptured } from '../outbox/delivery';
import { CaptureForm } from './CaptureForm';

async function checkDuplicates(request: ItemCreateRequest): Promise<ItemSummary[]> {
  const { data } = await call<ItemSummary[]>('/api/duplicates/check', {
    method: 'POST',
    body: {
      outageId: request.outageId, category: request.category, targetSystem: request.targetSystem,
      occurredAt: request.occurredAt,
      patient: { nhsNumber: request.patient.nhsNumber, localId: request.patient.localId },
    },
    timeoutMs: 5000,
    promptSignIn: false,
  });
  return data;
}

export function CapturePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const outages = useOutages();
  const open = (outages.data ?? []).filter((o) => o.status === 'OPEN');
  return (
    <section aria-labelledby="capture-title">
      <h1 id="capture-title">{t('capture.title')}</h1>
      {outages.data === undefined && outages.isPending ? <p>{t('common.loading')}</p> : null}
      {outages.data !== undefined && open.length === 0 ? <p className="alert">{t('capture.noOutage')}</p> : null}
      {open.length > 0 ? (
        <CaptureForm
          me={me}
          outages={open}
          save={(request) => saveCaptured(me.username, request)}
          checkDuplicates={checkDuplicates}
        />
      ) : null}
    </section>
  );
}
