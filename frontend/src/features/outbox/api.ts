// Sending a captured item. The Idempotency-Key made at capture makes a second send of the same item answer with the
// first one instead of creating another.

import { apiPath, call } from '../../lib/api/client';
import type { Item, ItemCreateRequest } from '../../lib/api/types';

export async function createItem(request: ItemCreateRequest, key: string, promptSignIn: boolean): Promise<Item> {
  return (await call<Item>(apiPath('/api/items'), {
    method: 'POST', body: request, headers: { 'Idempotency-Key': key }, promptSignIn,
  })).data;
}

/** Tells the service that this device deleted some of the caller's unsent items for age (counts and times only). */
export async function reportDiscard(discard: { count: number; oldestCapturedAt: string; newestCapturedAt: string; discardedAt: string }): Promise<void> {
  await call<void>(apiPath('/api/audit/device-discards'), {
    method: 'POST',
    body: {
      count: discard.count, oldestCapturedAt: discard.oldestCapturedAt, newestCapturedAt: discard.newestCapturedAt,
      discardedAt: discard.discardedAt,
    },
    promptSignIn: false,
  });
}
