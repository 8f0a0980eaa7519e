// Sending a captured item. The Idempotency-Key made at capture makes a second send of the same item answer with the
// first one instead of creating another.

import { apiPath, call } from '../../lib/api/client';
import type { Item, ItemBatchResponse, ItemCreateRequest } from '../../lib/api/types';

export async function createItem(request: ItemCreateRequest, key: string, promptSignIn: boolean): Promise<Item> {
  return (await call<Item>(apiPath('/api/items'), {
    method: 'POST', body: request, headers: { 'Idempotency-Key': key }, promptSignIn,
  })).data;
}

/**
 * Sends many items in one request, each with its own key; the service answers for each in the order sent (created,
 * replayed, or its own problem). Waits longer than a single call: a batch of 100 is one transaction.
 */
export async function createItems(entries: { key: string; request: ItemCreateRequest }[]): Promise<ItemBatchResponse> {
  return (await call<ItemBatchResponse>(apiPath('/api/items/batch'), {
    method: 'POST',
    body: { items: entries.map((e) => ({ idempotencyKey: e.key, item: e.request })) },
    promptSignIn: false,
    timeoutMs: 60000,
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
