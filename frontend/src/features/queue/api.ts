// Back-entry: the items a person holds, the high-risk items waiting for their second check, and "get next".

import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPath, call, get } from '../../lib/api/client';
import type { Item, ItemSummary, NextRequest } from '../../lib/api/types';

export const myItemsQuery = queryOptions({
  queryKey: ['queue', 'mine'],
  queryFn: () => get<ItemSummary[]>(apiPath('/api/queue/mine')),
});

export const toVerifyQuery = queryOptions({
  queryKey: ['queue', 'verify'],
  queryFn: () => get<ItemSummary[]>(apiPath('/api/queue/verify')),
});

/** Claims the most urgent item the person can work, or null when there is nothing (204). */
export async function claimNext(request: NextRequest): Promise<Item | null> {
  const result = await call<Item | null>(apiPath('/api/queue/next'), { method: 'POST', body: request });
  return result.status === 204 || !result.data ? null : result.data;
}

export function useClaimNext() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: claimNext,
    onSuccess: (item) => (item ? client.invalidateQueries({ queryKey: ['queue'] }) : undefined),
  });
}
