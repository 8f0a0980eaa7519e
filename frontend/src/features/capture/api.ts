// Capture asks the service, before saving, whether the item may repeat one already logged.

import { apiPath, call, post } from '../../lib/api/client';
import type { DuplicateCheckRequest, ItemCreateRequest, ItemSummary, TemporaryPatient } from '../../lib/api/types';

/** Items that may record the same care. Quick to give up: when the service cannot answer, the save goes ahead. */
export async function checkDuplicates(request: ItemCreateRequest): Promise<ItemSummary[]> {
  const body: DuplicateCheckRequest = {
    outageId: request.outageId, category: request.category, targetSystem: request.targetSystem,
    occurredAt: request.occurredAt,
    patient: { nhsNumber: request.patient.nhsNumber, localId: request.patient.localId },
  };
  const { data } = await call<ItemSummary[]>(apiPath('/api/duplicates/check'), {
    method: 'POST', body, timeoutMs: 5000, promptSignIn: false,
  });
  return data;
}

/** A temporary identity for a patient not yet identified, the site's next (needs the service: ids are issued there). */
export function issueTemporaryId(site: string): Promise<TemporaryPatient> {
  return post<TemporaryPatient>(apiPath('/api/temporary-patients'), { site });
}
