// Sending a captured item. The Idempotency-Key made at capture makes a second send of the same item answer with the
// first one instead of creating another.

import { apiPath, call } from '../../lib/api/client';
import type { Item, ItemCreateRequest } from '../../lib/api/types';

export async function createItem(request: ItemCreateRequest, key: string, promptSignIn: boolean): Promise<Item> {
  return (await call<Item>(apiPath('/api/items'), {
    method: 'POST', body: request, headers: { 'Idempotency-Key': key }, promptSignIn,
  })).data;
}
