// Team leads' views of the work: possible duplicates (scan, confirm, dismiss) and who holds what.

import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPath, call, get, ifMatch, post } from '../../lib/api/client';
import type {
  DuplicatePair, Item, ItemSummary, MergeRequest, MergeResponse, TemporaryPatient, Workload,
} from '../../lib/api/types';

export function duplicatesQuery(outageId: string) {
  return queryOptions({
    queryKey: ['duplicates', outageId],
    queryFn: () => get<DuplicatePair[]>(apiPath('/api/duplicates', {}, { outageId })),
    enabled: outageId !== '',
  });
}

export const workloadQuery = queryOptions({
  queryKey: ['workload'],
  queryFn: () => get<Workload[]>(apiPath('/api/workload')),
  refetchInterval: 60_000,
});

export function scanForDuplicates(outageId: number): Promise<unknown> {
  return post(apiPath('/api/duplicates/scan'), { outageId });
}

export function dismissPair(pairId: number, reason: string): Promise<unknown> {
  return post(apiPath('/api/duplicates/{id}/dismiss', { id: pairId }), { reason });
}

/** Marks `repeat` a duplicate of `original`, at the version the lead saw. */
export async function confirmDuplicate(repeat: ItemSummary, original: ItemSummary, reason: string | null): Promise<Item> {
  return (await call<Item>(apiPath('/api/items/{id}/transitions', { id: repeat.id }), {
    method: 'POST', body: { to: 'DUPLICATE', duplicateOf: original.id, reason }, headers: ifMatch(repeat.version),
  })).data;
}

/** A change to the pairs: the list is read again once it is done. */
function useDuplicateAction<A>(action: (argument: A) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: action,
    onSuccess: () => client.invalidateQueries({ queryKey: ['duplicates'] }),
  });
}

export function useScanForDuplicates() {
  return useDuplicateAction(scanForDuplicates);
}

export function useConfirmDuplicate() {
  return useDuplicateAction((a: { repeat: ItemSummary; original: ItemSummary; reason: string | null }) =>
    confirmDuplicate(a.repeat, a.original, a.reason));
}

export function useDismissPair() {
  return useDuplicateAction((a: { pairId: number; reason: string }) => dismissPair(a.pairId, a.reason));
}

/** A temporary identity of one of the lead's sites, with how many items are logged under it (the look-up is audited). */
export function findTemporaryPatient(temporaryId: string): Promise<TemporaryPatient> {
  return get<TemporaryPatient>(apiPath('/api/temporary-patients/{temporaryId}', { temporaryId }));
}

/** Merges a temporary identity into the real one: every item under it moves at once. */
export function mergeTemporaryPatient(temporaryId: string, request: MergeRequest): Promise<MergeResponse> {
  return post<MergeResponse>(apiPath('/api/temporary-patients/{temporaryId}/merge', { temporaryId }), request);
}
