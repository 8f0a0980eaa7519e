// An item and the backlog: reading them, moving an item through its lifecycle, correcting its captured fields, and
// what team leads do to many at once, and the list as a CSV export. Every change to one item carries the version it was made against (If-Match).

import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPath, call, download, get, ifMatch, post } from '../../lib/api/client';
import type {
  AssignRequest, AuditEvent, BulkRequest, BulkResponse, Item, ItemPage, ItemUpdateRequest, TransitionRequest,
} from '../../lib/api/types';

export function itemQuery(id: number) {
  return queryOptions({
    queryKey: ['item', id],
    queryFn: () => get<Item>(apiPath('/api/items/{id}', { id })),
    enabled: Number.isInteger(id),
  });
}

export function historyQuery(id: number) {
  return queryOptions({
    queryKey: ['item', id, 'history'],
    queryFn: () => get<AuditEvent[]>(apiPath('/api/items/{id}/history', { id })),
    enabled: Number.isInteger(id),
  });
}

/** A page of the backlog: the first, or the one after the cursor a page before gave (keyset paging). */
export function backlogQuery(filter: Record<string, string>, cursor: string | undefined, size: number) {
  return queryOptions({
    queryKey: ['items', filter, cursor ?? ''],
    queryFn: () => get<ItemPage>(apiPath('/api/items', {}, { sort: 'priority', ...filter, cursor, size })),
  });
}

/**
 * A patient's items: the identifier goes in the body of a POST, never into a URL. Kept in memory only while shown
 * (gcTime 0), and never in the address or a saved filter.
 */
export function patientSearchQuery(patient: string, outageId: string | undefined) {
  return queryOptions({
    queryKey: ['items', 'patient', patient, outageId ?? ''],
    queryFn: () => post<ItemPage>(apiPath('/api/items/search'),
      { patient, outageId: outageId ? Number(outageId) : null, size: 200 }),
    enabled: patient !== '',
    gcTime: 0,
  });
}

/** Reads the item as it is now on the service (after a change met a newer version). */
export function loadItem(id: number): Promise<Item> {
  return get<Item>(apiPath('/api/items/{id}', { id }));
}

export async function transition(id: number, version: number, body: TransitionRequest): Promise<Item> {
  return (await call<Item>(apiPath('/api/items/{id}/transitions', { id }), { method: 'POST', body, headers: ifMatch(version) })).data;
}

/** A correction: only the fields that changed, and why. */
export async function correctItem(id: number, version: number, body: ItemUpdateRequest): Promise<Item> {
  return (await call<Item>(apiPath('/api/items/{id}', { id }), { method: 'PATCH', body, headers: ifMatch(version) })).data;
}

export function releaseItem(id: number): Promise<Item> {
  return post<Item>(apiPath('/api/items/{id}/release', { id }), {});
}

/** Overrides the band until cleared (band null). */
export function overridePriority(id: number, band: string | null, reason?: string): Promise<Item> {
  return post<Item>(apiPath('/api/items/{id}/priority', { id }), band === null ? { band } : { band, reason });
}

export function assignItems(request: AssignRequest): Promise<BulkResponse> {
  return post<BulkResponse>(apiPath('/api/items/assign'), request);
}

export function changeItems(request: BulkRequest): Promise<BulkResponse> {
  return post<BulkResponse>(apiPath('/api/items/bulk'), request);
}

/**
 * A change to one item. The answer replaces the item shown (or, without one, the item is read again); its history
 * and the queues that list it are read again.
 */
export function useItemChange<A>(id: number, change: (argument: A) => Promise<Item | null>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: async (updated) => {
      if (updated) client.setQueryData(['item', id], updated);
      else await client.invalidateQueries({ queryKey: ['item', id] });
      await client.invalidateQueries({ queryKey: ['item', id, 'history'] });
      await client.invalidateQueries({ queryKey: ['queue'] });
    },
  });
}

/** What can be done to an item from its page: move it, give it back to the queue, override its band. */
export function useItemActions(id: number) {
  return {
    move: useItemChange(id, (a: { version: number; request: TransitionRequest }) => transition(id, a.version, a.request)),
    release: useItemChange(id, () => releaseItem(id)),
    overridePriority: useItemChange(id, (a: { band: string | null; reason?: string }) => overridePriority(id, a.band, a.reason)),
  };
}

/** Many items at once (assign, or a bulk action): the backlog is read again after. */
export function useBulkChange() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (request: { assign: AssignRequest } | { change: BulkRequest }) =>
      ('assign' in request ? assignItems(request.assign) : changeItems(request.change)),
    onSuccess: () => {
      // The answer is shown at once; the list catches up.
      void client.invalidateQueries({ queryKey: ['items'] });
    },
  });
}

/** The filters of the item list that the CSV export takes too. */
const EXPORT_FILTERS = ['outageId', 'status', 'category', 'targetSystem', 'ward', 'highRisk', 'q'] as const;

/** The items that match these filters, as the CSV the service writes (patients masked). */
export function exportItems(filter: Record<string, string>): Promise<Blob> {
  const search: Record<string, string> = {};
  for (const name of EXPORT_FILTERS) {
    if (filter[name]) search[name] = filter[name];
  }
  return download(apiPath('/api/exports/items.csv', {}, search), 'text/csv');
}
